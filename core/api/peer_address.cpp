#include "peer_address.h"

#include "net/host_port.h"
#include "net/tcp_listener.h"

namespace confab::api {

std::optional<QString> peerAddressError(const QString& text)
{
    auto address = net::HostPort::parse(text.trimmed(), net::kDefaultPort);
    if (!address) {
        return address.error();
    }
    return std::nullopt;
}

} // namespace confab::api
