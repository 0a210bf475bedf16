#include "mdns_transport.h"

namespace confab::net {

MdnsTransport::~MdnsTransport() = default;

} // namespace confab::net
