#pragma once

#include "base/message_id.h"
#include "base/peer_id.h"
#include "base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// The plain values a Node hands to front ends: copyable, so they can cross
// threads in queued signals and in replies. They are the front ends' own
// picture of the node, so that a front end needs no header below core/api;
// node_values.h converts from the layers' types.
namespace confab::api {

// Outgoing: Queued -> Sent -> (Relayed: a relay holds it) -> Delivered -> Read.
enum class MessageState { Queued, Sent, Relayed, Delivered, Read, Unread, ReadIncoming };
// "queued", "sent", "relayed", "delivered", "read" or "unread", as the control API says it.
const char* toString(MessageState state);

struct StoredMessage {
    std::int64_t seq = 0; // local order of storing
    MessageId id;
    PeerId peer; // the other side of the conversation
    bool outgoing = false;
    QString body;
    std::int64_t sentMs = 0;   // sender's clock
    std::int64_t storedMs = 0; // our clock
    MessageState state = MessageState::Queued;
    // Added later; braces keep older aggregate initialisations complete.
    std::optional<std::int64_t> editedMs{};  // the sender's clock at its last edit; nullopt: never edited
    std::optional<std::int64_t> deletedMs{}; // when its sender deleted it for everyone (the body is empty)
    std::optional<MessageId> replyTo{};      // the message it quotes (which may be gone)
    QString ownReaction{};                   // our emoji on it; empty: none
    QString peerReaction{};                  // the peer's emoji on it; empty: none
};

// A user's picture, as peers are sent it (Capability::Avatars): a PNG or
// JPEG image of at most kMaxAvatarBytes. A front end shrinks what the user
// picks to a square of kAvatarSidePixels, which fits comfortably; without
// a picture it shows the name's initials.
inline constexpr int kMaxAvatarBytes = 16 * 1024;
inline constexpr int kAvatarSidePixels = 96;

// Whether a user is there, as peers are told (Capability::Presence).
// Busy is "do not disturb": no ring tone, no notifications.
enum class Presence { Available, Away, Busy };
// "available", "away" or "busy", as the control API says it.
const char* toString(Presence presence);
// Reads those words (any case); std::nullopt for anything else.
std::optional<Presence> presenceFromText(const QString& text);

struct PeerRecord {
    PeerId id;
    QString displayName; // as the peer announces it
    QString lastAddress; // host:port the peer listens on, as last seen
    std::int64_t lastSeenMs = 0;
    bool verified = false;
};

// One line of the node's event log.
struct EventRecord {
    std::int64_t seq = 0;
    std::int64_t atMs = 0;
    QString kind;
    std::optional<PeerId> peer;
    QString detail;
};

// A security event about a peer (its key changed) until the user acknowledges it.
struct KeyWarning {
    PeerId peer;
    std::int64_t raisedMs = 0;
    QString detail; // the logged event, for the curious
};

// What the user chose in the settings, kept per profile. Empty strings mean
// "the default".
struct ProfileSettings {
    QString displayName;
    QString downloadFolder;
    bool startMinimised = false;
    QString discoveryMode; // auto, avahi, embedded or off
    // Sound cards for calls, as PortAudio names them; empty: the system's default.
    QString audioInputDevice;
    QString audioOutputDevice;
    // Relaying ("Carry messages for others", --relay): whether this node
    // holds and passes on sealed messages for peers that cannot reach each
    // other, and the MiB it keeps for them (--relay-store-mb); 0: the
    // default, which settings() fills in.
    bool relayCarry = true;
    int relayStoreMb = 0;
    // File drops from verified peers are accepted without asking, into the
    // download folder; drops from peers not verified always wait for the
    // user. settings() reports what is in force (--auto-accept-verified
    // turns it on for the run).
    bool autoAcceptVerified = false;
    // Calls this node starts use the low-delay mode (--frame-ms 5): about
    // 10 ms less delay, twice the packets, no noise suppression here. From
    // the next call on; settings() reports what is in force (--frame-ms
    // wins for the run).
    bool lowLatencyCalls = false;
    // Relaying: the KiB/s of file drops passed on for others, all together
    // (--relay-rate-kib; 0: none are passed on); -1: the default, which
    // settings() fills in.
    int relayRateKib = -1;
    // The desktop app says "away" once nobody has touched it for this many
    // minutes (0: never); -1: the default, which settings() fills in.
    int awayAfterMinutes = -1;
    // The desktop app's notifications (through the desktop's notification
    // service, else the tray), and whether they ask for a sound.
    bool notifications = true;
    bool notificationSound = true;
    // Calls cancel the echo of the speaker in the microphone. Off (with
    // headphones) the voice goes out 7 ms sooner. From the next call on;
    // settings() reports what is in force (--echo-cancellation wins for the run).
    bool echoCancellation = true;
};
inline constexpr int kDefaultAwayAfterMinutes = 10;
inline constexpr int kMaxAwayAfterMinutes = 24 * 60;
// The storage limit for others that settings take, in MiB (as --relay-store-mb).
inline constexpr int kMinRelayStoreMb = 1;
inline constexpr int kMaxRelayStoreMb = 65536;
inline constexpr std::int64_t kBytesPerMiB = std::int64_t{1024} * 1024;
// The most KiB/s of others' file drops that settings (and --relay-rate-kib) take.
inline constexpr int kMaxRelayRateKib = 10 * 1024 * 1024;

// A sound card as the settings offer it.
struct AudioDeviceInfo {
    QString name; // what the call settings take to select it
    bool hasInput = false;
    bool hasOutput = false;
    bool isDefaultInput = false;
    bool isDefaultOutput = false;
};

enum class CallDirection { Outgoing, Incoming };
enum class CallPhase {
    Calling,  // outgoing: invite sent, the peer's device has not answered yet
    Ringing,  // outgoing: the peer's device is ringing
    Incoming, // incoming: ringing here
    Active,   // media flows
    Ended,
};
enum class CallEndReason {
    None,
    HungUp,          // this side hung up an active call
    RemoteHungUp,    // the other side hung up (or gave up before the answer)
    Declined,        // this side declined an incoming call
    RemoteDeclined,  // the other side declined
    RemoteBusy,      // the other side is in another call
    Cancelled,       // this side gave up before the answer
    Missed,          // incoming: the caller gave up or nobody answered in time
    NoAnswer,        // outgoing: rang for the whole ring time
    Unreachable,     // outgoing: the peer's device never confirmed the invite
    ConnectionLost,  // the link to the peer closed
    MediaTimeout,    // active: no media arrived for too long
    ReplacedByGlare, // both sides called at once; the other call went on
};
// The words the control API uses for them ("active", "no_answer", ...).
const char* toString(CallPhase phase);
const char* toString(CallEndReason reason);

// One call as front ends see it.
struct CallView {
    PeerId peer;
    QString callId; // hex
    CallDirection direction = CallDirection::Outgoing;
    CallPhase phase = CallPhase::Calling;
    CallEndReason endReason = CallEndReason::None;
    int frameMs = 0;
    bool retransmission = false; // both sides ask for lost audio again
    bool redundancy = false;     // both sides take audio carrying an earlier frame
    bool muted = false;
    bool transmitting = true;
    qint64 durationMs = 0; // since the call became active
    // A room's call is one call with each other member in it, all with the
    // same room (32 hex digits; empty for a call between two). roomCallId is
    // the invitation a link came from: links of one room call can carry
    // different ones (a member who left and called the room again).
    QString room;
    QString roomCallId;
    // Room calls of more than four members: the id of the member who mixes
    // (ours when we do; empty while everyone sends to everyone), and whether
    // this link carries none of our audio because that member passes it on.
    QString mixer;
    bool viaMixer = false;
    bool silenced = false;    // room calls: this side does not hear the peer
    double playbackLevel = 0; // the peer's recent peak as played here, 0..1: who speaks
    QString audioDevice;
    QString audioNotice;                     // why the call runs on silence, if it does
    std::optional<qint64> audioOriginNs;     // file devices: CLOCK_MONOTONIC of the stream's first sample
    std::optional<qint64> audioOutputOffset; // file devices: where this call starts in OUT.wav (frames)
    double inputLevel = 0.0;                 // the microphone's recent peak, 0..1 of full scale
    // False when the sound card gives this call no microphone (the peer
    // hears nothing) or no speaker (nothing is played); audioNotice says why.
    bool microphoneWorks = true;
    bool speakerWorks = true;
    // The call's figures by name (packets, loss, jitter buffer, round trip),
    // as `confabctl calls` prints them: for the curious, not for logic.
    QJsonObject stats;
};

// An address a node listens on or dials.
struct NetworkAddress {
    QString host;
    quint16 port = 0;
    // "host:port", with IPv6 hosts in brackets.
    [[nodiscard]] QString toString() const;
};

// What a front end shows about its own node.
struct NodeStatus {
    QString id;
    QString displayName;
    QString listenAddress; // as bound: may be a wildcard (0.0.0.0:42042)
    // "host:port" others can type to reach this node (the interfaces'
    // addresses for a wildcard), the likeliest first; empty until started.
    QStringList reachableAt;
    QString discoveryMode; // the backend in use: avahi, embedded or static (discovery off)
    // The mode this run asked for (auto, avahi, embedded or off), and
    // whether whoever started the node set it (--discovery), so that the
    // one saved in the settings does not apply until a start without it.
    QString discoveryChoice;
    bool discoverySetAtStart = false;
    // Relaying in this run, and whether whoever started the node chose it
    // with an option (--relay, --relay-store-mb) rather than the settings.
    bool relayCarry = true;
    int relayStoreMb = 0;
    bool relayCarrySetAtStart = false;
    bool relayStoreSetAtStart = false;
    // Others' file drops passed on in this run, KiB/s (--relay-rate-kib).
    int relayRateKib = 0;
    bool relayRateSetAtStart = false;
    QString networkDiagnosis; // empty when discovery looks healthy
    QString fingerprint;
    // The text others paste (or scan as a QR code) to add this node and
    // trust its key at once (contact_card.h); empty until started.
    QString contactCard;
    Presence presence = Presence::Available; // as peers are told
    QByteArray avatar;                       // the user's picture as peers get it; empty: none
    bool newProfile = false;                 // this run created the profile: a first run
    bool running = false;                    // started (listening and dialing)
};

// What a front end shows about a peer.
struct PeerView {
    PeerRecord record;
    bool connected = false;
    QString address; // current link's remote listen address, or the last known one
    int unread = 0;
    // Set for a DNS-SD service seen on the LAN that no known peer matches
    // (not necessarily a Confab node): the backend that saw it.
    QString source;
    QString instance;
    // A security event about this peer that the user has not acknowledged.
    std::optional<KeyWarning> keyWarning;
    // How the peer is reached now: over our own link, through relays (via
    // the next hop, `hops` links away), or not at all.
    enum class Route { None, Direct, Relay };
    Route route = Route::None;
    std::optional<PeerId> via;
    int hops = 0;
    // The name the user gave the peer, shown instead of the one it
    // announces (record.displayName); empty when none.
    QString nickname;
    // Blocked by the user (since blockedMs, wall clock): no links, nothing
    // stored from it, no calls, nothing relayed for it or from it.
    bool blocked = false;
    std::int64_t blockedMs = 0;
    // What the peer says of itself over its link; std::nullopt without a
    // link, or from a peer that does not tell.
    std::optional<Presence> presence;
    // The peer is typing in its conversation with us (over its link).
    bool typing = false;
    // The picture the peer sent (PNG or JPEG, checked only for its kind and
    // size: decode it with limits); empty when it has none.
    QByteArray avatar;

    // The name to show: the nickname, else the announced name (may be empty).
    [[nodiscard]] QString name() const { return nickname.isEmpty() ? record.displayName : nickname; }
};
// "none", "direct" or "relay", as the control API says it.
const char* toString(PeerView::Route route);

// What this node carries for others (confabctl relay).
struct RelayStatus {
    bool carrying = false; // --relay on
    std::int64_t storeLimitBytes = 0;
    std::int64_t perOriginMessages = 0;
    std::int64_t perOriginBytes = 0;
    std::int64_t expiryMs = 0;
    std::int64_t heldCount = 0;
    std::int64_t heldBytes = 0;
    struct OriginUse {
        PeerId origin; // the neighbour that handed the envelopes over
        std::int64_t count = 0;
        std::int64_t bytes = 0;
    };
    std::vector<OriginUse> heldByOrigin;
    std::uint64_t forwarded = 0;
    std::uint64_t flooded = 0;
    std::uint64_t transmissions = 0; // relayed envelopes handed to links, one per neighbour
    std::uint64_t delivered = 0;
    std::uint64_t deliveredHops = 0;    // hops travelled by the delivered ones, in total
    std::uint64_t deliveredHopsMax = 0; // and the most one of them travelled
    std::uint64_t sent = 0;
    std::uint64_t refusedQuota = 0;
    std::uint64_t refusedInvalid = 0;
    std::uint64_t refusedExpired = 0;
    std::uint64_t refusedReplay = 0;
    std::uint64_t refusedBlocked = 0; // for or from peers the user blocked
    std::size_t relayedPeers = 0;     // reachable only through relays now
    // Transfer connections passed on for others (--relay-rate-kib).
    struct Forwarding {
        bool on = false;
        std::uint64_t bytesPerSecond = 0;
        std::uint64_t active = 0;
        std::uint64_t connections = 0;
        std::uint64_t bytes = 0;
        std::uint64_t refused = 0;
    } files;
};

// One file drop, sent or received (confabctl transfers, the conversation).
struct TransferView {
    QString id; // 32 hex digits
    PeerId peer;
    QString peerName;
    bool peerVerified = false; // the user compared the peer's safety number
    bool outgoing = false;
    // preparing, offered, transferring, completed, declined, cancelled, failed
    QString state;
    bool pausedHere = false;  // this side paused it
    bool pausedThere = false; // the peer paused it (or its disk is full)
    QStringList names;        // the top-level names offered
    quint32 fileCount = 0;
    quint32 folderCount = 0;
    quint64 totalBytes = 0;
    quint64 bytesDone = 0;
    quint64 bytesFromOthers = 0; // receiver: of bytesDone, what other receivers of the drop passed on
    double bytesPerSecond = 0;   // while bytes flow
    QString folder;              // receiver: where it is saved
    QStringList savedAs;         // receiver: the top-level names in that folder, once complete
    QString fileHash;            // a drop of one file: BLAKE2b-256 in hex, as `b2sum -l 256` prints it
    QString problem;             // in words; empty: none
    std::int64_t createdMs = 0;

    [[nodiscard]] bool isFinal() const
    {
        return state == QLatin1String("completed") || state == QLatin1String("declined") ||
               state == QLatin1String("cancelled") || state == QLatin1String("failed");
    }
};
using TransferResult = Result<TransferView, QString>;

// A member of a room as front ends list it.
struct RoomMemberView {
    PeerId peer;
    QString name; // nickname or display name; empty when never met
    bool admin = false;
    bool self = false;
    bool connected = false;
};

// A room this node is or was in (confabctl rooms, the side list).
struct RoomView {
    QString id; // 32 hex digits
    QString name;
    std::vector<RoomMemberView> members;
    bool left = false;  // this node left or was removed; its history stays
    bool admin = false; // this node may invite, remove, promote and rename
    int unread = 0;
    std::int64_t lastActivityMs = 0;
};
using RoomResult = Result<RoomView, QString>;

// One room message, with who has it and who has read it.
struct RoomMessageView {
    QString id; // 32 hex digits
    QString room;
    std::int64_t seq = 0;
    PeerId sender;
    QString senderName;
    bool outgoing = false;
    // False while the key of its sender's chain has not come (or never
    // will: sent before this node joined).
    bool decrypted = false;
    QString text;
    std::int64_t sentMs = 0;   // the sender's clock
    std::int64_t storedMs = 0; // this node's clock
    int deliveredTo = 0;       // members other than the sender that hold it
    int readBy = 0;            // of those, how many have read it
    int otherMembers = 0;      // members other than the sender, now
    // Of this node's own messages, per member: 1 delivered, 2 read.
    std::vector<std::pair<PeerId, int>> receipts;
    // Someone else's message that names this node ("@Name", "@all"): it notifies.
    bool mentionsYou = false;
};
using RoomMessageResult = Result<RoomMessageView, QString>;
using RoomHistoryResult = Result<std::vector<RoomMessageView>, QString>;

// A change to a room's membership or name that took effect, for the system
// lines of its conversation ("Alice added Bob").
struct RoomEventView {
    enum class Kind { Created, Added, Removed, Left, Promoted, Renamed };
    Kind kind = Kind::Created;
    PeerId actor;
    QString actorName; // "" when never met
    bool actorIsYou = false;
    PeerId subject; // Added, Removed, Promoted
    QString subjectName;
    bool subjectIsYou = false;
    QString name;            // Created, Renamed: the room's name from then on
    std::int64_t timeMs = 0; // the author's clock
};
using RoomEventsResult = Result<std::vector<RoomEventView>, QString>;

// An address given by hand (add-peer, --peer) that no peer has answered
// from yet. The node keeps trying it until one does, or until it is
// cancelled.
struct PendingPeer {
    NetworkAddress address;
    bool trying = false;    // an attempt is under way, or about to start
    int failedAttempts = 0; // in a row
    QString problem;        // why the last attempt failed, a sentence for the user; empty before one did
};
using PendingPeers = std::vector<PendingPeer>;

// What this node runs: the software's version and the wire protocol's.
struct NodeVersion {
    QString software;
    int protocol = 0;
};

// One row of a peer list: the peer and the newest message of its conversation.
struct PeerSummary {
    PeerView view;
    std::optional<StoredMessage> last;
    std::optional<TransferView> lastDrop; // the newest file drop to or from the peer
};
using PeerSummaries = std::vector<PeerSummary>;

// What the peer details dialog shows.
struct PeerDetails {
    PeerView view;
    QString safetyNumber;        // empty when no key is known for the peer yet
    QString safetyNumberProblem; // why it is empty
    QString ownFingerprint;
    // The display name of view.via (the next hop, for a peer reached
    // through relays); empty when it has none or is not known by name.
    QString viaName;
};

using StoredMessages = std::vector<StoredMessage>;

// The sound cards a settings dialog offers.
struct AudioDeviceList {
    std::vector<AudioDeviceInfo> devices;
    QString error; // why none could be listed (PortAudio cannot start)
};

// A message handed to sendText: stored (only then may a front end call it
// saved), or a sentence for the user.
using SendResult = Result<StoredMessage, QString>;

// The identity key sealed with a passphrase (crypto/identity_backup.h): a
// few lines of text to save in a file, and the ID they hold.
struct IdentityBackup {
    PeerId id;
    QString text;
};
using BackupResult = Result<IdentityBackup, QString>;
// A backup opened and made the profile's key. `changed` is false when it
// holds the key the node already has. Otherwise the node uses it from its
// next start, and the key it replaces is kept in `replacedKeyFile`.
struct IdentityRestore {
    PeerId id;
    bool changed = false;
    QString replacedKeyFile;
};
using RestoreResult = Result<IdentityRestore, QString>;
// A message a search found, with the name its conversation goes by here
// (the nickname, else the name the peer announces; empty for neither).
struct FoundMessage {
    StoredMessage message;
    QString peerName;
};
using SearchResult = Result<std::vector<FoundMessage>, QString>;

// How a conversation is exported: plain text, or one HTML page.
enum class ExportFormat { Text, Html };
// "text" or "html", as the control API says it.
const char* toString(ExportFormat format);
// The format a name means ("text", "txt", "html" or "htm", any case); nullopt otherwise.
std::optional<ExportFormat> exportFormatNamed(const QString& name);

// A conversation written out for a person to read or keep.
struct ConversationExport {
    QString document;
    std::int64_t messages = 0;
    QString peerName;
};
using ExportResult = Result<ConversationExport, QString>;

// Queued signals copy their arguments through the meta-type system, which must
// know the types by name before the first one is queued.
void registerNodeTypes();

} // namespace confab::api
