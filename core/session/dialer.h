#pragma once

#include "link_manager.h"
#include "net/discovery/discovery.h"

#include "base/clock.h"

#include <QObject>

#include <map>
#include <memory>

namespace confab::session {

// Keeps trying the addresses discovery reported until a link to the peer
// behind each is up, with exponential backoff; tries again when it drops.
class Dialer : public QObject {
    Q_OBJECT
public:
    static constexpr int kFirstRetryMs = 1000;
    static constexpr int kMaxRetryMs = 8000;
    // How often due targets are looked at.
    static constexpr int kTickMs = 250;

    Dialer(LinkManager& links, Clock& clock, QObject* parent = nullptr);

    void addTarget(const net::PeerSighting& sighting);
    [[nodiscard]] std::size_t targetCount() const { return m_targets.size(); }

private:
    struct Target {
        net::HostPort address;
        std::optional<proto::PeerId> peer; // expected, then learned from the handshake
        QString source;
        bool dialing = false;
        int failures = 0;
        qint64 nextAttemptMs = 0;
    };

    void tick();
    void onDialFinished(const net::HostPort& address, const std::optional<proto::PeerId>& peer,
                        const QString& error);
    void onPeerDisconnected(const proto::PeerId& peer);

    LinkManager& m_links;
    std::map<QString, Target> m_targets; // by address text
    Clock& m_clock;
    std::unique_ptr<Timer> m_timer;
};

} // namespace confab::session
