#pragma once

#include "base/clock.h"
#include "link_manager.h"
#include "net/discovery/discovery.h"

#include <QObject>

#include <map>
#include <memory>

namespace confab::session {

// Keeps trying the addresses discovery reported until a link to the peer
// behind each is up, with exponential backoff; tries again when it drops.
// At most kMaxConcurrentDials handshakes of its own run at once.
class Dialer : public QObject {
    Q_OBJECT
public:
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 8000;
    // Handshakes this node starts at once: a node that remembers a whole
    // LAN does not open a hundred of them in the same instant.
    static constexpr std::size_t kMaxConcurrentDials = 16;

    Dialer(LinkManager& links, Clock& clock, QObject* parent = nullptr);

    void addTarget(const net::PeerSighting& sighting);
    [[nodiscard]] std::size_t targetCount() const { return m_targets.size(); }

private:
    struct Target {
        net::HostPort address;
        std::optional<PeerId> peer; // expected, then learned from the handshake
        QString source;
        bool dialing = false;
        int failures = 0;
        std::int64_t nextAttemptMs = 0; // monotonic
    };

    void tick();
    void scheduleNext();
    // Not being dialled and not known to be linked already.
    [[nodiscard]] bool wanted(const Target& target) const;
    void onDialFinished(const net::HostPort& address, const std::optional<PeerId>& peer,
                        const QString& error);
    void onPeerDisconnected(const PeerId& peer);

    LinkManager& m_links;
    std::map<QString, Target> m_targets; // by address text
    Clock& m_clock;
    std::unique_ptr<Timer> m_timer; // armed for the next target that is due
};

} // namespace confab::session
