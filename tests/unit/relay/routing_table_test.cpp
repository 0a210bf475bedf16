#include "proto/relay_envelope.h"
#include "relay/routing_table.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace confab::relay {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kLater = kNow + 30LL * 60 * 1000;

PeerId peer(std::uint8_t n)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(n);
    return PeerId(bytes);
}

const PeerId kSubject = peer(0x50);
const PeerId kOther = peer(0x60);
// Neighbours, in bytewise order.
const PeerId kFirst = peer(0x01);
const PeerId kSecond = peer(0x02);
const PeerId kThird = peer(0x03);

std::optional<PeerId> nextHop(const RoutingTable& table, const PeerId& subject, std::int64_t now = kNow)
{
    const auto best = table.best(subject, now);
    return best ? std::optional(best->via) : std::nullopt;
}

TEST(RoutingTable, OffersBeyondSevenLinksAreIgnored)
{
    RoutingTable table;
    EXPECT_TRUE(table.offer(kSubject, kFirst, proto::kMaxHopLimit - 1, kLater, kNow));
    EXPECT_EQ(table.best(kSubject, kNow)->hops, proto::kMaxHopLimit);

    for (const std::uint8_t hops : std::initializer_list<std::uint8_t>{7, 8, 100, 254, 255}) {
        EXPECT_FALSE(table.offer(kOther, kFirst, hops, kLater, kNow)) << int{hops};
        EXPECT_FALSE(table.best(kOther, kNow).has_value()) << int{hops};
        // Nor does it displace a real route.
        EXPECT_FALSE(table.offer(kSubject, kSecond, hops, kLater, kNow)) << int{hops};
        EXPECT_EQ(nextHop(table, kSubject), kFirst) << int{hops};
    }
}

} // namespace
} // namespace confab::relay
