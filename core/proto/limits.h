#pragma once

#include <cstddef>
#include <cstdint>

// Every size limit of the wire protocol in one place (docs/PROTOCOL.md, "Limits").
namespace confab::proto {

// 2: the handshake payload may carry Capabilities (relaying); a version-2
// node still speaks to version-1 peers, without the capabilities.
inline constexpr std::uint16_t kProtocolVersion = 2;

// Length prefix of every frame after the preamble.
inline constexpr std::size_t kFrameHeaderSize = 4;
// Noise caps a message at 65535 bytes; a transport frame is one Noise message.
inline constexpr std::size_t kMaxFrameSize = 65535;
// Handshake messages are small; anything bigger during the handshake is hostile.
inline constexpr std::size_t kMaxHandshakeFrameSize = 1024;
// Poly1305 tag appended to every Noise transport message.
inline constexpr std::size_t kAeadTagSize = 16;
// Largest plaintext that fits in one transport frame.
inline constexpr std::size_t kMaxLinkMessageSize = kMaxFrameSize - kAeadTagSize;

inline constexpr std::size_t kMaxDisplayNameBytes = 64;
inline constexpr std::size_t kMaxHandshakePayloadSize = 512;
// A chat message body (UTF-8). Leaves room for the envelope header in one frame.
inline constexpr std::size_t kMaxTextBytes = 32768;
inline constexpr std::size_t kMaxEnvelopeBodySize = 60000;
inline constexpr std::size_t kMaxReceiptIds = 1024;

} // namespace confab::proto
