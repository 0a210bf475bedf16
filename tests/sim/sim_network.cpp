#include "sim_network.h"

#include <algorithm>

namespace confab::sim {

struct SimNetwork::Segment {
    enum class Kind { Syn, SynAck, Data, Fin, Rst, Refused };
    Kind kind = Kind::Data;
    Bytes bytes;
    std::int64_t dueMs = 0;
};

struct SimNetwork::Direction {
    std::uint64_t id = 0; // creation order
    Connection* connection = nullptr;
    QString from;
    QString to;
    SimStream* receiver = nullptr; // null until connected, and once it is gone
    std::deque<Segment> queue;
    std::int64_t busyUntilMs = 0; // the sender's link is serialising until then
    // The burst being serialised: when it started, its bytes so far and the
    // rate, so small writes add up exactly instead of each rounding to 0 ms.
    std::int64_t burstStartMs = 0;
    std::int64_t burstBytes = 0;
    std::int64_t burstRate = 0;
    std::int64_t lastDueMs = 0;    // arrivals stay in order
    std::int64_t pendingBytes = 0; // data queued and not yet delivered
    std::optional<std::int64_t> dueKey;
};

struct SimNetwork::Connection {
    Direction forward;  // initiator -> responder
    Direction backward; // responder -> initiator
    SimStream* initiator = nullptr;
    SimStream* responder = nullptr;
    net::HostPort origin; // the initiator's address and ephemeral port
    net::HostPort target;
    std::int64_t startedMs = 0;
};

namespace {

std::pair<QString, QString> ordered(const QString& a, const QString& b)
{
    return a < b ? std::pair{a, b} : std::pair{b, a};
}

} // namespace

SimNetwork::SimNetwork(test::VirtualClock& clock, std::uint64_t seed)
    : m_clock(clock), m_random(seed), m_timer(clock.createTimer([this] { serviceDue(); }))
{
}

SimNetwork::~SimNetwork()
{
    // Streams still owned by nodes must not call back into a network that is gone.
    for (const auto& connection : m_connections) {
        for (SimStream* endpoint : {connection->initiator, connection->responder}) {
            if (endpoint != nullptr) {
                endpoint->m_connection = nullptr;
            }
        }
    }
}

SimHost& SimNetwork::addHost(const QString& address)
{
    auto& slot = m_hosts[address];
    if (!slot) {
        slot = std::make_unique<SimHost>(*this, address);
    }
    return *slot;
}

SimHost* SimNetwork::host(const QString& address) const
{
    const auto it = m_hosts.find(address);
    return it == m_hosts.end() ? nullptr : it->second.get();
}

void SimNetwork::setLink(const QString& a, const QString& b, const LinkProfile& profile)
{
    m_links[ordered(a, b)] = profile;
}

void SimNetwork::setReachable(const QString& a, const QString& b, bool reachable)
{
    if (reachable) {
        m_cut.erase(ordered(a, b));
    } else {
        m_cut.insert(ordered(a, b));
    }
}

void SimNetwork::partition(const std::vector<std::vector<QString>>& groups)
{
    m_partitionGroup.clear();
    for (std::size_t group = 0; group < groups.size(); ++group) {
        for (const QString& host : groups[group]) {
            m_partitionGroup[host] = static_cast<int>(group);
        }
    }
}

void SimNetwork::heal()
{
    m_partitionGroup.clear();
}

bool SimNetwork::reachable(const QString& a, const QString& b) const
{
    if (m_hosts.count(a) == 0 || m_hosts.count(b) == 0 || m_cut.count(ordered(a, b)) > 0) {
        return false;
    }
    if (m_partitionGroup.empty()) {
        return true;
    }
    const auto group = [this](const QString& host) {
        const auto it = m_partitionGroup.find(host);
        return it == m_partitionGroup.end() ? -1 : it->second;
    };
    return group(a) == group(b);
}

const LinkProfile& SimNetwork::profile(const QString& a, const QString& b) const
{
    const auto it = m_links.find(ordered(a, b));
    return it == m_links.end() ? m_defaultLink : it->second;
}

std::int64_t SimNetwork::transitMs(const LinkProfile& link)
{
    std::int64_t ms = link.latencyMs;
    if (link.jitterMs > 0) {
        ms += std::uniform_int_distribution<std::int64_t>(0, link.jitterMs)(m_random);
    }
    return ms;
}

void SimNetwork::enqueue(Direction& direction, Segment segment)
{
    const LinkProfile& link = profile(direction.from, direction.to);
    const std::int64_t now = m_clock.monotonicMs();
    std::int64_t sent = std::max(now, direction.busyUntilMs);
    if (link.bytesPerSecond > 0 && !segment.bytes.empty()) {
        if (now >= direction.busyUntilMs || direction.burstRate != link.bytesPerSecond) {
            direction.burstStartMs = sent;
            direction.burstBytes = 0;
            direction.burstRate = link.bytesPerSecond;
        }
        direction.burstBytes += static_cast<std::int64_t>(segment.bytes.size());
        // A segment has left once its last byte has: rounded up to the next millisecond.
        sent = direction.burstStartMs +
               (direction.burstBytes * 1000 + link.bytesPerSecond - 1) / link.bytesPerSecond;
    }
    direction.busyUntilMs = sent;
    std::int64_t due = sent + transitMs(link);
    std::uniform_real_distribution<double> percent(0.0, 100.0);
    while (link.lossPercent > 0 && percent(m_random) < link.lossPercent) {
        due += kRetransmitMs; // lost on the way; the sender tries again
        ++m_stats.retransmissions;
    }
    due = std::max(due, direction.lastDueMs);
    direction.lastDueMs = due;
    segment.dueMs = due;
    direction.queue.push_back(std::move(segment));
    if (direction.queue.size() == 1) {
        schedule(direction.queue.front().dueMs);
        m_due.emplace(std::pair{direction.queue.front().dueMs, direction.id}, &direction);
        direction.dueKey = direction.queue.front().dueMs;
    }
}

void SimNetwork::schedule(std::int64_t atMs)
{
    const std::int64_t delay = std::max<std::int64_t>(0, atMs - m_clock.monotonicMs());
    if (!m_timer->isActive() || m_due.empty() || atMs < m_due.begin()->first.first) {
        m_timer->start(delay);
    }
}

void SimNetwork::serviceDue()
{
    const std::int64_t now = m_clock.monotonicMs();
    while (!m_due.empty() && m_due.begin()->first.first <= now) {
        Direction* direction = m_due.begin()->second;
        m_due.erase(m_due.begin());
        direction->dueKey.reset();
        service(*direction);
    }
    if (!m_due.empty()) {
        m_timer->start(std::max<std::int64_t>(0, m_due.begin()->first.first - now));
    }
}

void SimNetwork::service(Direction& d)
{
    const std::int64_t now = m_clock.monotonicMs();
    Connection& c = *d.connection;
    while (!d.queue.empty() && d.queue.front().dueMs <= now) {
        Segment& head = d.queue.front();
        if (!reachable(d.from, d.to)) {
            if (head.kind == Segment::Kind::Rst || head.kind == Segment::Kind::Refused) {
                d.queue.pop_front(); // a reset is never sent again
                continue;
            }
            if (head.kind == Segment::Kind::Syn && now - c.startedMs >= kConnectTimeoutMs) {
                d.queue.pop_front();
                if (c.initiator != nullptr) {
                    c.initiator->onClosed(QStringLiteral("connection timed out"));
                }
                continue;
            }
            head.dueMs = now + kRetransmitMs; // held until the path is back
            if (head.kind == Segment::Kind::Syn) {
                // The attempt gives up at its deadline, not at the next retry after it.
                head.dueMs = std::min(head.dueMs, c.startedMs + kConnectTimeoutMs);
            }
            ++m_stats.retransmissions;
            break;
        }
        Segment segment = std::move(head);
        d.queue.pop_front();
        switch (segment.kind) {
        case Segment::Kind::Syn: {
            SimListener* listener = nullptr;
            if (SimHost* host = this->host(c.target.host)) {
                const auto it = host->m_listeners.find(c.target.port);
                listener = it == host->m_listeners.end() ? nullptr : it->second;
            }
            if (listener == nullptr) {
                enqueue(c.backward, Segment{Segment::Kind::Refused, {}, 0});
                break;
            }
            auto responder = std::make_unique<SimStream>(*this, c.target, c.origin);
            responder->m_connection = &c;
            responder->m_open = true;
            c.responder = responder.get();
            c.forward.receiver = responder.get();
            enqueue(c.backward, Segment{Segment::Kind::SynAck, {}, 0});
            ++m_stats.connections;
            listener->accept(std::move(responder));
            break;
        }
        case Segment::Kind::SynAck:
            c.backward.receiver = c.initiator;
            if (c.initiator != nullptr) {
                c.initiator->onConnected();
            }
            break;
        case Segment::Kind::Refused:
            if (c.initiator != nullptr) {
                c.initiator->onClosed(QStringLiteral("connection refused"));
            }
            break;
        case Segment::Kind::Data: {
            d.pendingBytes -= static_cast<std::int64_t>(segment.bytes.size());
            if (d.receiver != nullptr) {
                d.receiver->deliver(segment.bytes);
            }
            // Looked up after the delivery: the receiver's reaction may
            // have closed the sender's end.
            SimStream* sender = &d == &c.forward ? c.initiator : c.responder;
            if (sender != nullptr) {
                sender->onWritten();
            }
            break;
        }
        case Segment::Kind::Fin:
            if (d.receiver != nullptr) {
                d.receiver->onClosed(QStringLiteral("connection closed by the peer"));
            }
            break;
        case Segment::Kind::Rst: {
            // A responder that resets before its SynAck arrived threw that
            // away with the rest of its queue: the initiator, not connected
            // yet, hears the reset instead, as over TCP.
            SimStream* receiver = d.receiver;
            if (receiver == nullptr && &d == &c.backward) {
                receiver = c.initiator;
            }
            if (receiver != nullptr) {
                receiver->onClosed(QStringLiteral("connection reset by the peer"));
            }
            break;
        }
        }
    }
    if (!d.queue.empty() && !d.dueKey) {
        d.dueKey = d.queue.front().dueMs;
        m_due.emplace(std::pair{*d.dueKey, d.id}, &d);
    }
}

void SimNetwork::connect(SimStream& initiator, const net::HostPort& to)
{
    auto connection = std::make_unique<Connection>();
    Connection& c = *connection;
    c.initiator = &initiator;
    c.origin = initiator.m_local;
    c.target = to;
    c.startedMs = m_clock.monotonicMs();
    c.forward.id = m_directions++;
    c.backward.id = m_directions++;
    c.forward.connection = &c;
    c.forward.from = initiator.m_local.host;
    c.forward.to = to.host;
    c.backward.connection = &c;
    c.backward.from = to.host;
    c.backward.to = initiator.m_local.host;
    initiator.m_connection = &c;
    m_connections.push_back(std::move(connection));
    enqueue(c.forward, Segment{Segment::Kind::Syn, {}, 0});
}

void SimNetwork::send(SimStream& from, ByteView bytes)
{
    Connection& c = *from.m_connection;
    ++m_stats.segments;
    m_stats.bytes += bytes.size();
    Direction& out = &from == c.initiator ? c.forward : c.backward;
    out.pendingBytes += static_cast<std::int64_t>(bytes.size());
    enqueue(out, Segment{Segment::Kind::Data, Bytes(bytes.begin(), bytes.end()), 0});
}

std::int64_t SimNetwork::pendingBytes(const SimStream& from) const
{
    const Connection& c = *from.m_connection;
    return (&from == c.initiator ? c.forward : c.backward).pendingBytes;
}

void SimNetwork::finish(SimStream& from)
{
    Connection& c = *from.m_connection;
    enqueue(&from == c.initiator ? c.forward : c.backward, Segment{Segment::Kind::Fin, {}, 0});
}

void SimNetwork::reset(SimStream& from)
{
    Connection& c = *from.m_connection;
    Direction& out = &from == c.initiator ? c.forward : c.backward;
    // A reset throws away what was not delivered yet.
    out.queue.clear();
    out.pendingBytes = 0;
    out.lastDueMs = 0;
    if (out.dueKey) {
        m_due.erase(std::pair{*out.dueKey, out.id});
        out.dueKey.reset();
    }
    enqueue(out, Segment{Segment::Kind::Rst, {}, 0});
}

void SimNetwork::detach(SimStream& endpoint)
{
    Connection& c = *endpoint.m_connection;
    for (Direction* d : {&c.forward, &c.backward}) {
        if (d->receiver == &endpoint) {
            d->receiver = nullptr;
        }
    }
    (c.initiator == &endpoint ? c.initiator : c.responder) = nullptr;
    endpoint.m_connection = nullptr;
}

// SimHost

SimHost::SimHost(SimNetwork& network, QString address) : m_network(network), m_address(std::move(address))
{
}

std::unique_ptr<net::ByteStream> SimHost::connectTo(const net::HostPort& address)
{
    auto stream =
        std::make_unique<SimStream>(m_network, net::HostPort{m_address, m_nextEphemeralPort++}, address);
    m_network.connect(*stream, address);
    return stream;
}

std::unique_ptr<net::StreamListener> SimHost::createListener()
{
    return std::make_unique<SimListener>(*this);
}

// SimListener

SimListener::~SimListener()
{
    if (m_port != 0) {
        m_host.m_listeners.erase(m_port);
    }
}

Result<net::StreamListener::Outcome, QString> SimListener::listen(const net::HostPort& requested,
                                                                  bool portWasChosenByUser)
{
    quint16 port = requested.port;
    QString notice;
    if (port != 0 && m_host.m_listeners.count(port) > 0) {
        if (portWasChosenByUser) {
            return QStringLiteral("Port %1 is in use.").arg(port);
        }
        notice = QStringLiteral("Port %1 is in use — using another").arg(port);
        port = 0;
    }
    while (port == 0 || m_host.m_listeners.count(port) > 0) {
        port = m_host.m_nextEphemeralPort++;
    }
    m_port = port;
    m_host.m_listeners[port] = this;
    return Outcome{net::HostPort{m_host.address(), port}, notice};
}

void SimListener::accept(std::unique_ptr<SimStream> stream)
{
    emit accepted(stream.release());
}

// SimStream

SimStream::SimStream(SimNetwork& network, net::HostPort local, net::HostPort remote)
    : m_network(network), m_local(std::move(local)), m_remote(std::move(remote))
{
}

SimStream::~SimStream()
{
    if (m_connection != nullptr) {
        if (!m_finished) {
            m_network.reset(*this);
        }
        m_network.detach(*this);
    }
}

void SimStream::write(ByteView bytes)
{
    if (m_open && !m_finished && m_connection != nullptr && !bytes.empty()) {
        m_network.send(*this, bytes);
    }
}

std::int64_t SimStream::pendingWriteBytes() const
{
    return m_connection != nullptr ? m_network.pendingBytes(*this) : 0;
}

Bytes SimStream::readAll()
{
    Bytes bytes;
    bytes.swap(m_received);
    return bytes;
}

void SimStream::abort()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_open = false;
    if (m_connection != nullptr) {
        m_network.reset(*this);
        m_network.detach(*this);
    }
}

void SimStream::closeAfterWriting()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    const bool wasOpen = m_open;
    m_open = false;
    if (m_connection != nullptr) {
        if (wasOpen) {
            m_network.finish(*this);
        } else {
            m_network.reset(*this);
        }
        m_network.detach(*this);
    }
}

void SimStream::deliver(ByteView bytes)
{
    m_received.insert(m_received.end(), bytes.begin(), bytes.end());
    emit readyRead();
}

void SimStream::onWritten()
{
    emit written();
}

void SimStream::onConnected()
{
    if (m_finished) {
        return;
    }
    m_open = true;
    emit connected();
}

void SimStream::onClosed(const QString& reason)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_open = false;
    if (m_connection != nullptr) {
        m_network.detach(*this);
    }
    emit closed(reason);
}

} // namespace confab::sim
