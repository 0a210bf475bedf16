#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "node_events.h"
#include "node_types.h"

#include <QFuture>

#include <memory>

namespace confab::net {
class ServiceDiscovery;
}

namespace confab::api {

struct NodeConfig;
struct NodeEnvironment;
struct NodeParts;

// The whole node as front ends see it: confabd, the GUI (through NodeClient)
// and the control server use this and nothing below it. Whoever creates one
// includes node_config.h and node_environment.h as well. It lives on one
// thread (the network thread), and nothing here blocks on the network.
// Commands that finish later return a QFuture completed on that thread.
class Node {
public:
    Node(const NodeConfig& config, const NodeEnvironment& environment);
    ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    // Lifecycle. open() opens (or creates) the profile without touching the
    // network; start() opens it if needed, then listens and starts dialing,
    // and returns notices for the user. Errors are sentences for the user.
    Result<NodeStatus, QString> open();
    Result<QStringList, QString> start();
    // Hangs up, says goodbye to every peer and stops discovery.
    void shutdown();
    // Replaces the backend --discovery would choose; call before start().
    void setServiceDiscovery(std::unique_ptr<net::ServiceDiscovery> discovery);

    [[nodiscard]] NodeEvents& events();
    [[nodiscard]] Clock& clock() const;

    // Who and where we are. Valid once open.
    [[nodiscard]] NodeStatus status() const;
    [[nodiscard]] PeerId id() const;
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] NetworkAddress listenAddress() const;
    [[nodiscard]] QString profileDir() const;
    [[nodiscard]] QString controlSocketPath() const;
    [[nodiscard]] QString ownFingerprint() const;
    // The backend actually in use: "avahi", "embedded" or "static".
    [[nodiscard]] QString discoveryMode() const;
    // Empty when discovery looks healthy; otherwise what seems wrong and what to try.
    [[nodiscard]] QString networkDiagnosis() const;
    [[nodiscard]] std::int64_t uptimeMs() const;
    [[nodiscard]] quint16 mediaPort() const;
    [[nodiscard]] std::size_t connectedCount() const;
    // This build's version and the wire protocol version it speaks.
    [[nodiscard]] NodeVersion version() const;

    // Peers. PEER may be a full ID, a unique nickname, a unique display name
    // or a unique ID prefix, in that order of preference (a name that is
    // also the start of an ID means the named peer).
    Result<PeerId, QString> resolvePeer(const QString& query);
    std::vector<PeerView> peers();
    // Peers with the newest message of each conversation, for a peer list.
    PeerSummaries peerSummaries();
    PeerDetails peerDetails(const PeerId& peer);
    // The address as it will be dialed, or why it cannot be. Until a peer
    // answers from it, it is listed by pendingPeers().
    Result<NetworkAddress, QString> addPeer(const QString& address);
    // Addresses given by hand that no peer has answered from yet, with why
    // the last attempt failed; changes are announced by peersChanged.
    [[nodiscard]] PendingPeers pendingPeers() const;
    // Stops trying such an address and forgets it (it is not dialed at the
    // next start either); false if it was not pending.
    bool cancelPendingPeer(const QString& address);
    Result<std::string, QString> safetyNumber(const PeerId& peer);
    // Peer management. Each returns the peer as listed now, or a sentence
    // for the user. A nickname is shown instead of the name the peer
    // announces (which record.displayName keeps) and is accepted as PEER;
    // empty clears it.
    Result<PeerView, QString> rename(const PeerId& peer, const QString& nickname);
    // Blocking closes the peer's links and refuses new ones, stores nothing
    // it sends, rings for none of its calls (it cannot reach us), relays
    // nothing for it or from it, and keeps what is sent to it queued, until
    // it is unblocked. A peer not met yet can be blocked too.
    Result<PeerView, QString> block(const PeerId& peer);
    Result<PeerView, QString> unblock(const PeerId& peer);
    // Forgets the peer — its conversation, queued messages, pinned key, key
    // warning and the addresses it was reached at — and closes its link;
    // how many messages went. A blocked peer stays listed, blocked. One
    // still on the network comes back as a new peer when it links again.
    Result<std::int64_t, QString> removePeer(const PeerId& peer);
    std::vector<EventRecord> eventLog(int limit);

    // File drops (see core/files). Paths are absolute; a transfer is named
    // by its id or a unique start of it. Errors are sentences for the user.
    TransferResult sendFiles(const PeerId& to, const QStringList& paths);
    // The same files to several peers at once: a drop each, in the order
    // named, whose receivers pass chunks on to each other.
    Result<std::vector<TransferView>, QString> sendFiles(const std::vector<PeerId>& to,
                                                         const QStringList& paths);
    std::vector<TransferView> transfers();
    TransferResult transfer(const QString& id);
    // `folder` empty: the download folder.
    TransferResult acceptTransfer(const QString& id, const QString& folder);
    TransferResult declineTransfer(const QString& id);
    TransferResult pauseTransfer(const QString& id);
    TransferResult resumeTransfer(const QString& id);
    TransferResult cancelTransfer(const QString& id);
    [[nodiscard]] QString downloadFolder() const;
    // What this node carries for others and what it forwarded (confabctl relay).
    RelayStatus relayStatus();

    // Rooms (see core/rooms). ROOM is a room's id, a unique start of it (6
    // hex digits or more) or its exact name; PEER as above. Errors are
    // sentences for the user.
    RoomResult createRoom(const QString& name, const std::vector<PeerId>& members);
    std::vector<RoomView> rooms();
    RoomResult room(const QString& room);
    RoomResult inviteToRoom(const QString& room, const PeerId& peer);
    RoomResult removeFromRoom(const QString& room, const PeerId& peer);
    RoomResult promoteInRoom(const QString& room, const PeerId& peer);
    RoomResult renameRoom(const QString& room, const QString& name);
    RoomResult leaveRoom(const QString& room);
    RoomMessageResult sendRoomText(const QString& room, const QString& text);
    // The newest `limit` text messages, oldest first.
    RoomHistoryResult roomHistory(const QString& room, int limit);
    // The membership and name changes that took effect, in the room's order.
    RoomEventsResult roomEvents(const QString& room);
    // Marks the room read and tells its members; how many it marked.
    Result<int, QString> markRoomRead(const QString& room);

    // Chat. The future completes once the message is stored (only then may a
    // front end call it saved), or at once with a sentence for the user.
    QFuture<SendResult> sendText(const PeerId& to, const QString& text);
    // Edits or deletes one of our own messages for everyone: here at once,
    // for the peer once a direct link to it takes changes (older versions
    // do not). The message as it is now (messageStateChanged tells it too),
    // or a sentence for the user.
    SendResult editMessage(const MessageId& id, const QString& text);
    SendResult deleteMessage(const MessageId& id);
    // Our reaction (one emoji) to a message of either side, sent like an
    // edit; an empty `emoji` takes it back.
    SendResult react(const MessageId& id, const QString& emoji);
    // A message quoting `quoted`, a message of the conversation with `to`;
    // otherwise as sendText.
    QFuture<SendResult> sendReply(const PeerId& to, const MessageId& quoted, const QString& text);
    // One 1:1 message by id, as stored now (a quote shows what it quotes).
    std::optional<StoredMessage> message(const MessageId& id);
    // The newest `limit` messages, or (beforeSeq > 0) the page before beforeSeq; oldest first.
    StoredMessages history(const PeerId& peer, int limit, std::int64_t beforeSeq = 0);
    // Messages with every word of `text` (each as the start of a word, in any
    // case, accents ignored), in one conversation or all, newest first, at
    // most `limit`; or a sentence for the user when there is nothing to search for.
    SearchResult searchMessages(const QString& text, const std::optional<PeerId>& peer, int limit);
    // The whole conversation as a document to save: plain text or one HTML
    // page, times in this computer's time zone (see conversation_export.h).
    ExportResult exportConversation(const PeerId& peer, ExportFormat format);
    // The oldest unread incoming message, marked read (and the sender told).
    std::optional<StoredMessage> takeOldestUnread(const std::optional<PeerId>& from);
    // Marks the conversation read in one transaction and one receipt; how many it marked.
    int markConversationRead(const PeerId& peer);

    // Presence (node_presence.cpp): told to every linked peer that speaks
    // it, at once and on each new link. Chosen by the user, it is saved and
    // used from the next start too; Idle (the front end saw no one at the
    // keyboard) is for this run only. Busy also silences the ring tone.
    enum class PresenceOrigin { Chosen, Idle };
    void setPresence(Presence presence, PresenceOrigin origin);
    [[nodiscard]] Presence presence() const;
    // The user typed in the conversation with `peer` (typing) or sent,
    // emptied or left it; call on every keystroke, the node throttles.
    void setTyping(const PeerId& peer, bool typing);

    // The user's picture (node_avatar.cpp): a PNG or JPEG image of at most
    // kMaxAvatarBytes, or empty for none. Saved, and sent at once to every
    // linked peer that takes pictures and to the others on their next link.
    // Returns the picture now in force, or a sentence for the user.
    Result<QByteArray, QString> setAvatar(const QByteArray& image);
    [[nodiscard]] QByteArray avatar() const;

    // Trust and settings.
    [[nodiscard]] bool isNewProfile() const;
    // Before start(): the name this run uses. After: saved for the next start
    // (handshakes and announcements already made carry the old one).
    void setDisplayName(const QString& name);
    bool setVerified(const PeerId& peer, bool verified);
    // Ends the pending key warning about the peer; false if there was none.
    bool acknowledgeKeyWarning(const PeerId& peer);
    // The saved settings with the defaults filled in; the file drop ones as in force.
    [[nodiscard]] ProfileSettings settings() const;
    // Checks and saves them. The display name, the discovery mode and
    // relaying take effect at the next start (the relay keeps the settings
    // it was opened with); the download folder and accepting drops from
    // verified peers by themselves at once.
    Result<ProfileSettings, QString> saveSettings(const ProfileSettings& settings);

    // Identity backup (node_identity_backup.cpp). Both stretch the
    // passphrase on a thread of their own, for about a second, and answer
    // on the node's thread; one runs at a time. A backup needs a passphrase
    // of at least kMinPassphraseLength characters. A restore takes effect at
    // the next start: the running node keeps its key until then.
    static constexpr int kMinPassphraseLength = 8;
    QFuture<BackupResult> backupIdentity(const QString& passphrase);
    QFuture<RestoreResult> restoreIdentity(const QString& backupText, const QString& passphrase);

    // Calls (available once started). Each returns the peer of the call
    // acted on, or a sentence for the user; PEER may be left out where
    // exactly one call fits.
    using CallOutcome = Result<PeerId, QString>;
    CallOutcome call(const PeerId& peer);
    CallOutcome answerCall(const std::optional<PeerId>& peer);
    CallOutcome declineCall(const std::optional<PeerId>& peer);
    CallOutcome hangUpCall(const std::optional<PeerId>& peer);
    CallOutcome setCallMuted(const std::optional<PeerId>& peer, bool muted);
    // Push-to-talk: false sends silence until set again.
    CallOutcome setCallTransmitting(const std::optional<PeerId>& peer, bool transmitting);
    // Starts ROOM's call or joins the one running there; how many members
    // it rings or talks with.
    Result<int, QString> callRoom(const QString& room);
    // In a room call: stop or start hearing PEER here (they still talk to the others).
    CallOutcome setCallPeerSilenced(const PeerId& peer, bool silenced);
    // Ongoing calls, then recently ended ones (newest first).
    [[nodiscard]] std::vector<CallView> calls() const;
    // The sound cards PortAudio offers.
    AudioDeviceList audioDevices();
    // Opens the microphone (empty: the default) for `durationMs`, reporting
    // its level through events(), then the verdict — at once when it cannot
    // be opened. A test still running starts over.
    void startMicrophoneTest(const QString& inputDevice, int durationMs);
    // Ends a running test early, with the verdict on what it captured so far.
    void stopMicrophoneTest();

private:
    QFuture<SendResult> sendMessage(const PeerId& to, const std::optional<MessageId>& quoted,
                                    const QString& text);

    std::unique_ptr<NodeParts> m_parts;
};

} // namespace confab::api
