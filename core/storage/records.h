#pragma once

#include "base/message_id.h"
#include "base/peer_id.h"
#include "proto/envelope.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace confab::storage {

// Outgoing: Queued -> Sent -> Relayed -> Delivered -> Read (Relayed only for
// a message carried by relays). Incoming: Unread -> Read. Stored as integers
// in this order, so "moves forward" is "grows"; renumbering them takes a
// schema migration (3 made room for Relayed).
enum class MessageState : int {
    Queued = 0,
    Sent = 1,
    Relayed = 2, // a relay holds it for the recipient
    Delivered = 3,
    Read = 4,
    Unread = 5,
    ReadIncoming = 6,
};

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
    std::optional<std::int64_t> deletedMs{}; // when its sender deleted it (the body is empty then)
    std::optional<MessageId> replyTo{};      // the message it quotes
    QString ownReaction{};                   // our emoji on it; empty: none
    QString peerReaction{};                  // the peer's emoji on it; empty: none
};

// An edit or delete of one of our own messages, kept until the peer confirms it.
struct PendingChange {
    std::int64_t seq = 0;
    MessageId id; // of the change's own envelope, which the peer's receipt names
    PeerId peer;
    proto::EnvelopeKind kind = proto::EnvelopeKind::Edit; // Edit, Delete or Reaction
    MessageId target;
    QString text; // an Edit's new text, a Reaction's emoji
    std::int64_t madeMs = 0;
};

struct PeerRecord {
    PeerId id;
    QString displayName; // as the peer announces it
    QString lastAddress; // host:port the peer listens on, as last seen
    std::int64_t lastSeenMs = 0;
    bool verified = false;
    QString nickname;                      // given by the user, shown instead of displayName; empty: none
    std::optional<std::int64_t> blockedMs; // when the user blocked it; nullopt: not blocked
};

struct EventRecord {
    std::int64_t seq = 0;
    std::int64_t atMs = 0;
    QString kind;
    std::optional<PeerId> peer;
    QString detail;
};

} // namespace confab::storage
