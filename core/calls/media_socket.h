#pragma once

#include "base/bytes.h"

#include <QHostAddress>
#include <QObject>
#include <QUdpSocket>

#include <cstdint>
#include <functional>
#include <unordered_map>

namespace confab::calls {

// The node's one UDP socket for call media. Datagrams are routed to their
// call by the receive tag in the clear header, and only when they come from
// the address that call expects: anything else is dropped before any crypto.
class MediaSocket : public QObject {
    Q_OBJECT
public:
    // (datagram, CLOCK_MONOTONIC arrival time in ns)
    using Handler = std::function<void(ByteView datagram, std::int64_t arrivalNs)>;

    explicit MediaSocket(QObject* parent = nullptr);

    // Binds `host` at `preferredPort`, or at any free port when that one is
    // taken. Returns an error sentence, or an empty string.
    QString bind(const QHostAddress& host, quint16 preferredPort);
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }
    [[nodiscard]] bool isBound() const { return m_socket.state() == QAbstractSocket::BoundState; }

    void addRoute(std::uint32_t receiveTag, const QHostAddress& expectedSource, Handler handler);
    void removeRoute(std::uint32_t receiveTag);
    [[nodiscard]] bool hasRoute(std::uint32_t receiveTag) const { return m_routes.count(receiveTag) > 0; }

    void send(ByteView datagram, const QHostAddress& host, quint16 port);

    // Datagrams dropped because no call owns their tag, they came from the
    // wrong address, or they were too short to carry a header.
    [[nodiscard]] std::uint64_t strayDatagrams() const { return m_stray; }

private:
    struct Route {
        QHostAddress source;
        Handler handler;
    };

    void onReadyRead();

    QUdpSocket m_socket;
    std::unordered_map<std::uint32_t, Route> m_routes;
    std::uint64_t m_stray = 0;
};

} // namespace confab::calls
