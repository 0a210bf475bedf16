#pragma once

#include "api/node_types.h"

#include <QAbstractListModel>

#include <optional>

namespace confab::ui {

// Known peers with presence (online, offline, or reached through relays: "via
// Bob"), verification, unread count and the newest message. A peer is named
// by the nickname the user gave it, else by the name it announces; a
// blocked peer says so in words.
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
        ViaRole,      // reached only through relays: the next hop's name; empty otherwise
        HopsRole,     // links between us and the peer along its route; 0 when unreachable
        BlockedRole,
        AnnouncedNameRole, // the name the peer gives itself (NameRole may be a nickname)
        // The start of the ID, shown after the name when another listed peer
        // has the same name (a reinstall, or an impostor); empty otherwise.
        NamesakeIdRole,
        // What a linked peer says of itself: an api::Presence as int, or an
        // invalid QVariant without a link or from a peer that does not tell.
        PresenceRole,
        // The picture the peer sent (QByteArray, PNG or JPEG, not checked
        // beyond its kind and size); empty when it has none.
        AvatarRole,
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
    // The name a peer is shown by: the nickname the user gave it, else its
    // display name, else the start of its ID.
    static QString nameOf(const api::PeerSummary& peer);
    // The start of an ID, for a peer known by no name.
    static QString shortId(const PeerId& peer);
    // For a peer reached only through relays, the name of the peer its
    // messages go to first (the start of its ID when that one is not
    // listed); empty for any other.
    [[nodiscard]] QString viaName(const api::PeerSummary& peer) const;
    // "online", "away", "busy", "typing…", "offline", "via Bob" or "blocked".
    [[nodiscard]] QString presenceText(const api::PeerSummary& peer) const;
    // The other listed peers shown by the same name as `peer` (case and
    // spacing aside).
    [[nodiscard]] std::vector<const api::PeerSummary*> namesakesOf(const api::PeerSummary& peer) const;
    // What the conversation with `peer` says about its namesakes: who they
    // are and what to compare. Empty when it has none or is verified itself.
    [[nodiscard]] QString namesakeWarning(const api::PeerSummary& peer) const;

    // A message was edited or deleted (or moved on): a row showing it as
    // its peer's newest shows it as it is now.
    void updateMessage(const api::StoredMessage& message);

    // Whether `drop` is newer than the drop the peer's row shows (so the
    // peers are worth fetching again); progress of a shown drop is not.
    [[nodiscard]] bool isUnshownDrop(const api::TransferView& drop) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString displayText(const api::PeerSummary& peer) const;
    QString accessibleText(const api::PeerSummary& peer) const;
    QString previewText(const api::PeerSummary& peer) const;

    api::PeerSummaries m_peers;
};

} // namespace confab::ui
