#include "transfer_forwarder.h"

#include "forwarded_connection.h"
#include "proto/handshake_payload.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcForward, "confab.relay.forward")

namespace confab::relay {

namespace {

constexpr std::int64_t kIdleCheckMs = 10000;

QString shortId(const PeerId& peer)
{
    return QString::fromStdString(peer.toText()).left(8);
}

} // namespace

TransferForwarder::TransferForwarder(session::LinkManager& links, net::StreamNetwork& network, Clock& clock,
                                     std::uint64_t bytesPerSecond, QObject* parent)
    : QObject(parent), m_links(links), m_network(network), m_clock(clock),
      m_budget(bytesPerSecond, clock.monotonicMs()), m_rate(bytesPerSecond),
      m_idleTimer(clock.createTimer([this] { closeIdle(); }))
{
    connect(&m_links, &session::LinkManager::forwardRequested, this, &TransferForwarder::onForwardRequested);
    // Nothing is passed on for a peer the user blocks, from the moment it is blocked.
    connect(&m_links, &session::MessagePort::blockChanged, this, [this](const PeerId& peer, bool blocked) {
        for (const QPointer<ForwardedConnection>& connection : std::vector(m_connections)) {
            if (blocked && connection && (connection->from() == peer || connection->to() == peer)) {
                connection->abort();
            }
        }
    });
    m_idleTimer->startRepeating(kIdleCheckMs);
}

TransferForwarder::~TransferForwarder()
{
    for (const QPointer<ForwardedConnection>& connection : m_connections) {
        delete connection.data();
    }
}

ForwardingStats TransferForwarder::stats() const
{
    const auto active =
        static_cast<std::size_t>(std::count_if(m_connections.begin(), m_connections.end(),
                                               [](const auto& connection) { return !connection.isNull(); }));
    return {m_rate > 0, m_rate, active, m_connectionCount, m_bytes, m_refused};
}

QString TransferForwarder::refusal(const PeerId& from, const PeerId& to)
{
    if (m_rate == 0) {
        return QStringLiteral("this node passes no file transfers on");
    }
    if (to == from || to == m_links.self()) {
        return QStringLiteral("asked to pass a connection back to its own end");
    }
    if (m_links.isBlocked(to) || m_links.isBlocked(from)) {
        return QStringLiteral("one of the two peers is blocked here");
    }
    const auto info = m_links.linkInfo(to);
    if (!info || !info->listenAddress) {
        return QStringLiteral("the peer asked for is not a neighbour");
    }
    if (!proto::hasCapability(info->hello.capabilities, proto::Capability::FileDrops)) {
        return QStringLiteral("the peer asked for takes no file drops");
    }
    std::erase_if(m_connections, [](const auto& connection) { return connection.isNull(); });
    if (m_connections.size() >= kMaxConnections) {
        return QStringLiteral("already passing %1 connections on").arg(kMaxConnections);
    }
    const auto fromSame =
        std::count_if(m_connections.begin(), m_connections.end(),
                      [&from](const auto& connection) { return connection->from() == from; });
    if (static_cast<std::size_t>(fromSame) >= kMaxConnectionsPerPeer) {
        return QStringLiteral("already passing %1 connections on for that peer").arg(kMaxConnectionsPerPeer);
    }
    return {};
}

void TransferForwarder::onForwardRequested(net::ByteStream* stream, const Bytes& alreadyRead,
                                           const PeerId& from, const PeerId& to,
                                           const session::TransferId& /*transferId*/)
{
    std::unique_ptr<net::ByteStream> dialler(stream);
    if (const QString why = refusal(from, to); !why.isEmpty()) {
        ++m_refused;
        qCInfo(lcForward).noquote() << "refused to pass a transfer connection from" << shortId(from) << "to"
                                    << shortId(to) << "-" << why;
        emit refused(QStringLiteral("A transfer connection from %1 to %2 was not passed on: %3")
                         .arg(shortId(from), shortId(to), why));
        dialler->abort();
        return;
    }
    const net::HostPort address = *m_links.linkInfo(to)->listenAddress;
    ++m_connectionCount;
    qCInfo(lcForward).noquote() << "passing a transfer connection from" << shortId(from) << "on to"
                                << shortId(to) << "at" << address.toString();
    auto* connection = new ForwardedConnection(
        std::move(dialler), alreadyRead, m_network.connectTo(address), from, to, m_budget, m_clock,
        [this](std::uint64_t bytes) { m_bytes += bytes; }, this);
    m_connections.emplace_back(connection);
}

void TransferForwarder::closeIdle()
{
    for (const QPointer<ForwardedConnection>& connection : std::vector(m_connections)) {
        if (connection && connection->idleMs() >= kIdleMs) {
            qCInfo(lcForward).noquote() << "closed a forwarded connection from" << shortId(connection->from())
                                        << "- nothing moved for" << kIdleMs / 1000 << "s";
            connection->abort();
        }
    }
}

} // namespace confab::relay
