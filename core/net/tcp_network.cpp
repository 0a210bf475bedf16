#include "tcp_network.h"

#include "tcp_listener.h"
#include "tcp_stream.h"

namespace confab::net {

std::unique_ptr<ByteStream> TcpNetwork::connectTo(const HostPort& address)
{
    auto socket = std::make_unique<QTcpSocket>();
    QTcpSocket* connecting = socket.get();
    auto stream = std::make_unique<TcpStream>(std::move(socket), address);
    // Connecting starts after the caller has had the chance to hook up to
    // the stream's signals: none is emitted before the event loop runs.
    connecting->connectToHost(address.host, address.port);
    return stream;
}

std::unique_ptr<StreamListener> TcpNetwork::createListener()
{
    return std::make_unique<TcpListener>();
}

} // namespace confab::net
