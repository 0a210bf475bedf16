#pragma once

#include "byte_stream.h"

namespace confab::net {

// Streams over real TCP sockets.
class TcpNetwork : public StreamNetwork {
public:
    [[nodiscard]] std::unique_ptr<ByteStream> connectTo(const HostPort& address) override;
    [[nodiscard]] std::unique_ptr<StreamListener> createListener() override;
};

} // namespace confab::net
