#pragma once

#include "api/node_client.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace confab::ui {

class SearchResultsModel;

// Searching messages: a field, where to look (every conversation or the open
// one), the messages found, newest first, and a line saying how many. The
// results follow the typing. Down moves from the field into the results;
// Enter (or a click) on a result asks for its conversation to open at that
// message; Escape, or the close button, ends the search.
class SearchPanel : public QWidget {
    Q_OBJECT
public:
    SearchPanel(api::NodeClient& client, QWidget* parent = nullptr);

    // Starts a search: offers the open conversation (if any) as a place to
    // look, picks it when `onlyThere`, and puts the keyboard in the field.
    void begin(const std::optional<PeerId>& openPeer, const QString& openPeerName, bool onlyThere);
    // Asks for the result in `row` to be shown in its conversation (resultChosen).
    void openResult(int row);

    QLineEdit* field() const { return m_field; }
    QComboBox* scope() const { return m_scope; }
    QListView* results() const { return m_results; }
    QLabel* statusLabel() const { return m_status; }
    SearchResultsModel* model() const { return m_model; }

signals:
    void resultChosen(const PeerId& peer, qint64 seq);
    void closeRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search();
    [[nodiscard]] std::optional<PeerId> scopePeer() const;

    SearchResultsModel* m_model;
    QLineEdit* m_field;
    QToolButton* m_close;
    QComboBox* m_scope;
    QListView* m_results;
    QLabel* m_status;
};

} // namespace confab::ui
