#pragma once

#include "api/node_host_types.h"

#include <QAbstractListModel>
#include <QIcon>

#include <optional>

namespace confab::ui {

// Known peers with presence, unread count and the newest message.
class PeerListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PeerIdRole = Qt::UserRole + 1, // QString
        NameRole,
        OnlineRole,
        UnreadRole,
        PreviewRole,
    };

    explicit PeerListModel(QObject* parent = nullptr);

    // Updates in place when the same peers come back in the same order, so
    // views keep their selection and scroll position.
    void setPeers(const api::PeerSummaries& peers);
    [[nodiscard]] std::optional<int> rowOf(const proto::PeerId& peer) const;
    [[nodiscard]] const api::PeerSummary& at(int row) const
    {
        return m_peers.at(static_cast<std::size_t>(row));
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString displayText(const api::PeerSummary& peer) const;

    api::PeerSummaries m_peers;
    mutable QIcon m_online;
    mutable QIcon m_offline;
};

} // namespace confab::ui
