#pragma once

#include "api/node_types.h"

#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace confab::ui {

// Choosing people, for a room: a filter field over the known peers, each
// with a check box, named as the peer list names them and saying whether
// they are online. Blocked peers, peers given in `exclude` and unmatched
// sightings on the LAN are not offered. Space checks the current peer; Down
// goes from the field into the list. With nobody to offer, a sentence says
// so instead.
class PeerChecklist : public QWidget {
    Q_OBJECT
public:
    enum Role {
        PeerIdRole = Qt::UserRole + 1, // QString, as PeerId::toText()
        NameRole,                      // what the filter matches
    };

    PeerChecklist(const api::PeerSummaries& peers, const std::vector<PeerId>& exclude,
                  QWidget* parent = nullptr);

    // Offers these peers now (someone new was found, or went): who was
    // checked stays checked while still offered.
    void setPeers(const api::PeerSummaries& peers, const std::vector<PeerId>& exclude);
    // The checked peers, in the list's order, shown by the filter or not.
    [[nodiscard]] std::vector<PeerId> chosen() const;
    // Whether any peer is offered at all.
    [[nodiscard]] bool isEmpty() const;
    // What is said when nobody can be offered.
    void setEmptyText(const QString& text);

    QLineEdit* filterEdit() const { return m_filter; }
    QListWidget* list() const { return m_list; }
    QLabel* emptyLabel() const { return m_empty; }

signals:
    void chosenChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFilter(const QString& text);
    // The first row the filter shows; -1 when none.
    [[nodiscard]] int firstShownRow() const;

    QLineEdit* m_filter;
    QListWidget* m_list;
    QLabel* m_empty;
};

} // namespace confab::ui
