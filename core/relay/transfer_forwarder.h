#pragma once

#include "base/clock.h"
#include "byte_budget.h"
#include "net/byte_stream.h"
#include "session/link_manager.h"

#include <QObject>
#include <QPointer>

#include <cstdint>
#include <vector>

namespace confab::relay {

class ForwardedConnection;

struct ForwardingStats {
    bool forwarding = false;          // takes connections to pass on now
    std::uint64_t bytesPerSecond = 0; // the cap, for all of them together
    std::size_t active = 0;
    std::uint64_t connections = 0; // passed on since start
    std::uint64_t bytes = 0;       // forwarded, both ways, since start
    std::uint64_t refused = 0;
};

// Passes transfer connections on for neighbours that cannot reach each other
// (docs/PROTOCOL.md, "Through a relay"): a neighbour asks, after a handshake
// with this node, to be connected to another neighbour; this node dials that
// one and copies the bytes both ways. What it copies is the two peers' own
// handshake and records, which it cannot read. All of it together stays
// within one rate cap; 0 turns forwarding off.
class TransferForwarder : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxConnections = 32;
    static constexpr std::size_t kMaxConnectionsPerPeer = 4;
    // A connection that moves nothing either way for this long is closed.
    static constexpr std::int64_t kIdleMs = 5LL * 60 * 1000;

    // `bytesPerSecond` 0: every request is refused.
    TransferForwarder(session::LinkManager& links, net::StreamNetwork& network, Clock& clock,
                      std::uint64_t bytesPerSecond, QObject* parent = nullptr);
    ~TransferForwarder() override;

    [[nodiscard]] ForwardingStats stats() const;

signals:
    // A request was refused, in words, for the event log.
    void refused(const QString& reason);

private:
    void onForwardRequested(net::ByteStream* stream, const Bytes& alreadyRead, const PeerId& from,
                            const PeerId& to, const session::TransferId& transferId);
    // Why `from` may not be connected to `to` now; empty when it may.
    [[nodiscard]] QString refusal(const PeerId& from, const PeerId& to);
    void closeIdle();

    session::LinkManager& m_links;
    net::StreamNetwork& m_network;
    Clock& m_clock;
    ByteBudget m_budget;
    const std::uint64_t m_rate; // 0: forwards nothing
    std::vector<QPointer<ForwardedConnection>> m_connections;
    std::unique_ptr<Timer> m_idleTimer;
    std::uint64_t m_connectionCount = 0;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_refused = 0;
};

} // namespace confab::relay
