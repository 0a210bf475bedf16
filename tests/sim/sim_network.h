#pragma once

#include "net/byte_stream.h"
#include "support/virtual_clock.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <vector>

namespace confab::sim {

// How one direction between two hosts behaves.
struct LinkProfile {
    std::int64_t latencyMs = 1;
    std::int64_t jitterMs = 0;       // added to latency, uniform 0..jitter per segment
    std::int64_t bytesPerSecond = 0; // 0: unlimited
    double lossPercent = 0;          // a lost segment is sent again after kRetransmitMs
};

class SimHost;
class SimListener;
class SimStream;

// Hosts joined by simulated TCP-like links on a virtual clock: per-link
// latency, jitter, bandwidth and loss, and partitions. Streams stay reliable
// and ordered, as TCP is: loss shows as retransmission delay (and holds up
// what follows), a partition holds bytes until it heals, and a connection
// to an unreachable or closed port fails as it would. Deterministic for a
// given seed.
class SimNetwork {
public:
    // A lost or partitioned segment is tried again this much later.
    static constexpr std::int64_t kRetransmitMs = 200;
    // A connection attempt that gets no answer fails after this long.
    static constexpr std::int64_t kConnectTimeoutMs = 3000;

    struct Stats {
        std::uint64_t segments = 0; // writes handed to the network
        std::uint64_t bytes = 0;
        std::uint64_t retransmissions = 0;
        std::uint64_t connections = 0;
    };

    SimNetwork(test::VirtualClock& clock, std::uint64_t seed);
    ~SimNetwork();
    SimNetwork(const SimNetwork&) = delete;
    SimNetwork& operator=(const SimNetwork&) = delete;

    // A host with its own address (for example "10.0.0.7"); it lives as long as the network.
    SimHost& addHost(const QString& address);
    [[nodiscard]] SimHost* host(const QString& address) const;

    void setDefaultLink(const LinkProfile& profile) { m_defaultLink = profile; }
    // Both directions between two hosts.
    void setLink(const QString& a, const QString& b, const LinkProfile& profile);
    // No traffic at all between the two hosts (a missing cable, another
    // subnet) until allowed again.
    void setReachable(const QString& a, const QString& b, bool reachable);
    // Splits the hosts into groups that cannot reach each other; heal() ends it.
    void partition(const std::vector<std::vector<QString>>& groups);
    void heal();
    [[nodiscard]] bool reachable(const QString& a, const QString& b) const;

    [[nodiscard]] const Stats& stats() const { return m_stats; }
    [[nodiscard]] test::VirtualClock& clock() const { return m_clock; }

private:
    friend class SimHost;
    friend class SimStream;
    struct Connection;
    struct Direction;
    struct Segment;

    void connect(SimStream& initiator, const net::HostPort& to);
    void send(SimStream& from, ByteView bytes);
    void finish(SimStream& from);
    [[nodiscard]] std::int64_t pendingBytes(const SimStream& from) const;
    void reset(SimStream& from);
    void detach(SimStream& endpoint);
    void enqueue(Direction& direction, Segment segment);
    void schedule(std::int64_t atMs);
    void serviceDue();
    void service(Direction& direction);
    [[nodiscard]] const LinkProfile& profile(const QString& a, const QString& b) const;
    [[nodiscard]] std::int64_t transitMs(const LinkProfile& profile);

    test::VirtualClock& m_clock;
    std::mt19937_64 m_random;
    LinkProfile m_defaultLink;
    std::map<std::pair<QString, QString>, LinkProfile> m_links;
    std::set<std::pair<QString, QString>> m_cut; // unreachable pairs (ordered)
    std::map<QString, int> m_partitionGroup;     // host -> group while partitioned
    std::map<QString, std::unique_ptr<SimHost>> m_hosts;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::unique_ptr<Timer> m_timer;
    // When each busy direction is next looked at; ties in the order the
    // directions were made, so a run never depends on memory addresses.
    std::map<std::pair<std::int64_t, std::uint64_t>, Direction*> m_due;
    std::uint64_t m_directions = 0;
    Stats m_stats;
};

// One host's view of the network: the StreamNetwork its node uses.
class SimHost : public net::StreamNetwork {
public:
    SimHost(SimNetwork& network, QString address);

    [[nodiscard]] std::unique_ptr<net::ByteStream> connectTo(const net::HostPort& address) override;
    [[nodiscard]] std::unique_ptr<net::StreamListener> createListener() override;
    [[nodiscard]] const QString& address() const { return m_address; }

private:
    friend class SimNetwork;
    friend class SimListener;

    SimNetwork& m_network;
    QString m_address;
    std::map<quint16, SimListener*> m_listeners;
    quint16 m_nextEphemeralPort = 49152;
};

class SimListener : public net::StreamListener {
    Q_OBJECT
public:
    explicit SimListener(SimHost& host) : m_host(host) {}
    ~SimListener() override;

    Result<Outcome, QString> listen(const net::HostPort& requested, bool portWasChosenByUser) override;
    [[nodiscard]] quint16 port() const override { return m_port; }
    void accept(std::unique_ptr<SimStream> stream);

private:
    SimHost& m_host;
    quint16 m_port = 0;
};

class SimStream : public net::ByteStream {
    Q_OBJECT
public:
    SimStream(SimNetwork& network, net::HostPort local, net::HostPort remote);
    ~SimStream() override;

    void write(ByteView bytes) override;
    // Bytes written and not yet arrived: there is no send buffer, so what
    // is in flight is what a sender waits for.
    [[nodiscard]] std::int64_t pendingWriteBytes() const override;
    Bytes readAll() override;
    [[nodiscard]] bool isOpen() const override { return m_open; }
    [[nodiscard]] net::HostPort remoteAddress() const override { return m_remote; }
    void abort() override;
    void closeAfterWriting() override;

private:
    friend class SimNetwork;

    void deliver(ByteView bytes);
    void onWritten();
    void onConnected();
    void onClosed(const QString& reason);

    SimNetwork& m_network;
    net::HostPort m_local;
    net::HostPort m_remote;
    SimNetwork::Connection* m_connection = nullptr;
    Bytes m_received;
    bool m_open = false;
    bool m_finished = false; // abort() or closeAfterWriting() was called here
};

} // namespace confab::sim
