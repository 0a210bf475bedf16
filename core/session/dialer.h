#pragma once

#include "base/clock.h"
#include "link_manager.h"
#include "net/discovery/discovery.h"

#include <QObject>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace confab::session {

// Keeps trying the addresses discovery reported until a link to the peer
// behind each is up, with exponential backoff; tries again when it drops.
// Addresses of a peer the user blocked wait until it is unblocked.
// At most kMaxConcurrentDials handshakes of its own run at once.
class Dialer : public QObject {
    Q_OBJECT
public:
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 8000;
    // A link that closes sooner than this after it came up counts as a
    // failed attempt: the other side refuses it once it knows who we are
    // (it blocked us, or has no room), and redialling it every second
    // would only repeat that.
    static constexpr std::int64_t kShortLinkMs = 5000;
    // Handshakes this node starts at once: a node that remembers a whole
    // LAN does not open a hundred of them in the same instant.
    static constexpr std::size_t kMaxConcurrentDials = 16;

    Dialer(LinkManager& links, Clock& clock, QObject* parent = nullptr);

    // One address being tried, as the node reports it.
    struct TargetState {
        net::HostPort address;
        std::optional<PeerId> peer; // expected, or learned from a handshake
        QString source;
        bool dialing = false;
        int failures = 0;  // since the last success or fresh sighting
        QString lastError; // why the last attempt failed; empty before one failed
    };

    void addTarget(const net::PeerSighting& sighting);
    // Stops trying the address; a dial to it under way is abandoned.
    // False if it was not a target.
    bool removeTarget(const net::HostPort& address);
    [[nodiscard]] std::size_t targetCount() const { return m_targets.size(); }
    [[nodiscard]] std::vector<TargetState> targets() const;
    [[nodiscard]] std::optional<TargetState> target(const net::HostPort& address) const;

signals:
    // A target was added or removed, or a dial to it started or finished.
    void targetChanged(const confab::net::HostPort& address);

private:
    struct Target {
        net::HostPort address;
        std::optional<PeerId> peer; // expected, then learned from the handshake
        QString source;
        bool dialing = false;
        int failures = 0;
        QString lastError;
        std::int64_t nextAttemptMs = 0;         // monotonic
        std::optional<std::int64_t> linkedAtMs; // when our dial to it last came up
        int shortLinks = 0;                     // links in a row that closed right after they came up
    };

    static TargetState stateOf(const Target& target);
    // 1, 2, 4, 8, 8 ... seconds after the `attempt`-th failure in a row (1-based).
    static std::int64_t backoffMs(int attempt);
    void tick();
    void scheduleNext();
    // Not being dialled and not known to be linked already.
    [[nodiscard]] bool wanted(const Target& target) const;
    void onDialFinished(const net::HostPort& address, const std::optional<PeerId>& peer,
                        const QString& error);
    void onPeerDisconnected(const PeerId& peer);
    // The peer may be dialled again: its addresses are tried at once.
    void onUnblocked(const PeerId& peer);

    LinkManager& m_links;
    std::map<QString, Target> m_targets; // by address text
    Clock& m_clock;
    std::unique_ptr<Timer> m_timer; // armed for the next target that is due
};

} // namespace confab::session
