#include "proto/peer_exchange.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::proto {
namespace {

using test::hex;

PeerId peer(std::uint8_t seed)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(seed);
    return PeerId(bytes);
}

PeerExchangeError decodeError(const Bytes& bytes)
{
    const auto result = decodePeerExchange(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? PeerExchangeError::TrailingBytes : result.error();
}

TEST(PeerExchange, EncodesGoldenBytes)
{
    EXPECT_EQ(encodePeerExchange({{peer(0x11), "10.0.0.1", 42042}}),
              hex("01 1111111111111111111111111111111111111111 08 31302e302e302e31 a43a"));
    EXPECT_EQ(encodePeerExchange({}), hex("00"));
}

TEST(PeerExchange, RoundTrips)
{
    const std::vector<PeerExchangeEntry> entries{{peer(1), "10.77.0.1", 42042}, {peer(2), "fd00::1", 1}};
    const auto decoded = decodePeerExchange(encodePeerExchange(entries));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), entries);
}

TEST(PeerExchange, EncoderLeavesOutWhatWouldNotDecode)
{
    std::vector<PeerExchangeEntry> entries;
    entries.reserve(41);
    for (int i = 0; i < 40; ++i) {
        entries.push_back({peer(static_cast<std::uint8_t>(i)), "10.0.0.1", 1});
    }
    entries.insert(entries.begin(), {peer(9), "evil.example", 1});
    entries.insert(entries.begin(), {peer(9), "10.0.0.1", 0});
    const auto decoded = decodePeerExchange(encodePeerExchange(entries));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value().size(), kMaxPeerExchangeEntries);
    EXPECT_EQ(decoded.value().front().id, peer(0));
}

TEST(PeerExchange, RejectsMalformedBodies)
{
    EXPECT_EQ(decodeError({}), PeerExchangeError::Truncated);
    EXPECT_EQ(decodeError(hex("21")), PeerExchangeError::TooManyEntries);
    EXPECT_EQ(decodeError(hex("01 1111")), PeerExchangeError::Truncated);
    EXPECT_EQ(decodeError(hex("01 1111111111111111111111111111111111111111 08 31302e302e302e31 a4")),
              PeerExchangeError::Truncated);
    EXPECT_EQ(decodeError(hex("01 1111111111111111111111111111111111111111 01 7a a43a")),
              PeerExchangeError::BadHost);
    EXPECT_EQ(decodeError(hex("01 1111111111111111111111111111111111111111 00 a43a")),
              PeerExchangeError::BadHost);
    EXPECT_EQ(decodeError(hex("01 1111111111111111111111111111111111111111 01 31 0000")),
              PeerExchangeError::BadPort);
    EXPECT_EQ(decodeError(hex("00 00")), PeerExchangeError::TrailingBytes);
}

} // namespace
} // namespace confab::proto
