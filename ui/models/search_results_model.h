#pragma once

#include "api/node_client.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

namespace confab::ui {

// Messages found by a search (Node::searchMessages), newest first, each
// with the name of the peer whose conversation it is in. A new search
// replaces the results; an answer to an older search is ignored.
class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    // The newest this many are shown; the status says when there are more.
    static constexpr int kLimit = 200;

    enum Role {
        PeerNameRole = Qt::UserRole + 1,
        TimeTextRole,
        TermsRole, // QStringList: the words searched for, to highlight
        OutgoingRole,
    };

    explicit SearchResultsModel(api::NodeClient& client, QObject* parent = nullptr);

    // Searches all conversations, or only the one with `peer`. Empty text
    // clears the results without asking the node.
    void search(const QString& text, const std::optional<PeerId>& peer);
    [[nodiscard]] const api::StoredMessage& message(int row) const
    {
        return m_results.at(static_cast<std::size_t>(row)).message;
    }
    // What the list shows in words: how many were found, that nothing was,
    // or why the text cannot be searched for. Empty while nothing was asked.
    [[nodiscard]] QString status() const { return m_status; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    struct Answer {
        std::vector<api::FoundMessage> results;
        QString error;
    };

signals:
    // The results (and the status) changed.
    void searched();

private:
    void onAnswer(int generation, const Answer& answer);

    api::NodeClient& m_node;
    std::vector<api::FoundMessage> m_results;
    QStringList m_terms;
    QString m_status;
    int m_generation = 0; // of the newest search asked for
};

} // namespace confab::ui
