#pragma once

#include "api/node_types.h"

#include <QAbstractListModel>

#include <optional>

namespace confab::ui {

// Known peers with presence, verification, unread count and the newest message.
class PeerListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PeerIdRole = Qt::UserRole + 1, // QString
        NameRole,
        OnlineRole,
        UnreadRole,
        PreviewRole,     // the newest message's text, as written
        PreviewTextRole, // one line for the list: "You: …" for our own
        VerifiedRole,
        KeyWarningRole, // a key warning waits for the user's acknowledgement
        AddressRole,
        LastTimeRole, // "HH:mm" of the newest message, or its date when older than today
    };

    explicit PeerListModel(QObject* parent = nullptr);

    // Updates in place when the same peers come back in the same order, so
    // views keep their selection and scroll position.
    void setPeers(const api::PeerSummaries& peers);
    [[nodiscard]] std::optional<int> rowOf(const PeerId& peer) const;
    [[nodiscard]] const api::PeerSummary& at(int row) const
    {
        return m_peers.at(static_cast<std::size_t>(row));
    }
    [[nodiscard]] int totalUnread() const;
    // The name a peer is shown by: its display name, or the start of its ID.
    static QString nameOf(const api::PeerSummary& peer);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString displayText(const api::PeerSummary& peer) const;
    QString accessibleText(const api::PeerSummary& peer) const;
    QString previewText(const api::PeerSummary& peer) const;

    api::PeerSummaries m_peers;
};

} // namespace confab::ui
