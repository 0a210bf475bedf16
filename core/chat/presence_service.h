#pragma once

#include "base/clock.h"
#include "proto/presence.h"
#include "session/message_port.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>

namespace confab::chat {

// Presence and the typing indicator, between linked peers that announced
// Capability::Presence. Tells each of them whether this node's user is
// available, away or busy (on every new link and on every change), and the
// peer whose conversation the user types in that they are typing; keeps
// what peers say of themselves for as long as their link lasts. Nothing is
// stored or relayed: both are about now.
class PresenceService : public QObject {
    Q_OBJECT
public:
    // While the user keeps typing, Typing is said again this often, so a
    // peer's indicator outlives a lost Stopped by at most kTypingShownMs.
    static constexpr std::int64_t kTypingRefreshMs = 3000;
    // No keystroke for this long counts as having stopped.
    static constexpr std::int64_t kTypingIdleMs = 5000;
    // A peer's Typing is believed for this long without news from it.
    static constexpr std::int64_t kTypingShownMs = 7000;
    // A peer that says more than this within a second is flooding: its link
    // is closed. A well-behaved one sends about one a second at most.
    static constexpr int kMaxMessagesPerSecond = 20;

    PresenceService(session::MessagePort& port, Clock& clock, QObject* parent = nullptr);

    void setOwnState(proto::PresenceState state);
    [[nodiscard]] proto::PresenceState ownState() const { return m_own; }
    // The user typed in the conversation with `peer` (typing), or sent,
    // emptied or left it (not typing). Call it on every keystroke: what goes
    // on the wire is throttled here.
    void setTyping(const PeerId& peer, bool typing);

    // What the peer said of itself; std::nullopt while it has no link or
    // does not speak presence.
    [[nodiscard]] std::optional<proto::PresenceState> peerState(const PeerId& peer) const;
    [[nodiscard]] bool isTyping(const PeerId& peer) const;
    // A message from `peer` arrived: what it was typing has been sent.
    void messageArrived(const PeerId& peer);

signals:
    // The peer's presence or typing changed (or went with its link).
    void changed(const confab::PeerId& peer);

private:
    struct Outgoing {
        std::int64_t lastSentMs = 0; // when Typing last went out
        std::unique_ptr<Timer> idle; // says Stopped after kTypingIdleMs
    };
    struct Incoming {
        std::optional<proto::PresenceState> state;
        std::unique_ptr<Timer> typingExpiry; // active while the peer types
        std::int64_t windowStartMs = 0;      // flood check: this second's start
        int messagesInWindow = 0;
    };

    [[nodiscard]] bool speaksPresence(const PeerId& peer) const;
    void onPeerConnected(const PeerId& peer);
    void onPeerDisconnected(const PeerId& peer);
    void sendTyping(const PeerId& peer, proto::TypingState state);
    void stopTyping(const PeerId& peer);
    // Counts a message from `peer`; false (and the link closed) once it floods.
    bool admit(const PeerId& peer, Incoming& incoming);
    void onPresence(const PeerId& from, const std::vector<Bytes>& bodies);
    void onTyping(const PeerId& from, const std::vector<Bytes>& bodies);
    void setPeerTyping(const PeerId& peer, Incoming& incoming, bool typing);

    session::MessagePort& m_port;
    Clock& m_clock;
    proto::PresenceState m_own = proto::PresenceState::Available;
    std::map<PeerId, Outgoing> m_outgoing; // peers the user is typing to
    std::map<PeerId, Incoming> m_incoming; // linked peers that speak presence
};

} // namespace confab::chat
