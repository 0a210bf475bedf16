#include "media_socket.h"

#include "audio/monotonic_clock.h"
#include "proto/media_packet.h"

#include <QCoreApplication>
#include <QNetworkDatagram>

#include <array>

namespace confab::calls {
namespace {

// IPv4 peers may show up as IPv4-mapped IPv6 addresses on a dual-stack socket.
bool sameHost(const QHostAddress& a, const QHostAddress& b)
{
    return a.isEqual(b, QHostAddress::TolerantConversion);
}

} // namespace

MediaSocket::MediaSocket(QObject* parent) : QObject(parent)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &MediaSocket::onReadyRead);
}

QString MediaSocket::bind(const QHostAddress& host, quint16 preferredPort)
{
    if (preferredPort != 0 && m_socket.bind(host, preferredPort)) {
        return {};
    }
    if (m_socket.bind(host, 0)) {
        return {};
    }
    return QCoreApplication::translate("Calls", "Cannot open a UDP port for calls on %1: %2")
        .arg(host.toString(), m_socket.errorString());
}

void MediaSocket::addRoute(std::uint32_t receiveTag, const QHostAddress& expectedSource, Handler handler)
{
    m_routes[receiveTag] = Route{expectedSource, std::move(handler)};
}

void MediaSocket::removeRoute(std::uint32_t receiveTag)
{
    m_routes.erase(receiveTag);
}

void MediaSocket::send(ByteView datagram, const QHostAddress& host, quint16 port)
{
    m_socket.writeDatagram(reinterpret_cast<const char*>(datagram.data()),
                           static_cast<qint64>(datagram.size()), host, port);
}

void MediaSocket::onReadyRead()
{
    std::array<std::uint8_t, proto::kMaxMediaDatagramBytes + 1> buffer{};
    while (m_socket.hasPendingDatagrams()) {
        QHostAddress from;
        const qint64 size = m_socket.readDatagram(reinterpret_cast<char*>(buffer.data()),
                                                  static_cast<qint64>(buffer.size()), &from);
        if (size <= 0) {
            continue;
        }
        const std::int64_t arrivalNs = audio::monotonicNowNs();
        const ByteView datagram(buffer.data(), static_cast<std::size_t>(size));
        const auto header = proto::decodeMediaHeader(datagram);
        if (!header) {
            ++m_stray;
            continue;
        }
        const auto route = m_routes.find(header.value().receiveTag);
        if (route == m_routes.end() || !sameHost(route->second.source, from)) {
            ++m_stray;
            continue;
        }
        // The handler may remove its own route (a call that ends): copy it first.
        const Handler handler = route->second.handler;
        handler(datagram, arrivalNs);
    }
}

} // namespace confab::calls
