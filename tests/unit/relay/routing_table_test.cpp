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

TEST(RoutingTable, LearnsARouteOneLinkLongerThanOffered)
{
    RoutingTable table;
    EXPECT_FALSE(table.best(kSubject, kNow).has_value());
    EXPECT_TRUE(table.offer(kSubject, kSecond, 2, kLater, kNow));
    const auto best = table.best(kSubject, kNow);
    ASSERT_TRUE(best.has_value());
    EXPECT_EQ(best->via, kSecond);
    EXPECT_EQ(best->hops, 3);
    EXPECT_EQ(best->expiresMs, kLater);
    EXPECT_EQ(table.subjects(), std::vector<PeerId>{kSubject});
    // The same offer again changes nothing.
    EXPECT_FALSE(table.offer(kSubject, kSecond, 2, kLater, kNow));
    // Nothing is known of anyone else.
    EXPECT_FALSE(table.best(kOther, kNow).has_value());
}

TEST(RoutingTable, PrefersFewerHops)
{
    RoutingTable table;
    EXPECT_TRUE(table.offer(kSubject, kFirst, 4, kLater, kNow));
    EXPECT_TRUE(table.offer(kSubject, kThird, 1, kLater, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kThird);
    EXPECT_FALSE(table.offer(kSubject, kSecond, 3, kLater, kNow)); // worse: no change
    EXPECT_EQ(nextHop(table, kSubject), kThird);
    EXPECT_EQ(table.best(kSubject, kNow)->hops, 2);
}

TEST(RoutingTable, TiesGoToTheSmallerNeighbourId)
{
    RoutingTable table;
    table.offer(kSubject, kThird, 1, kLater, kNow);
    EXPECT_TRUE(table.offer(kSubject, kSecond, 1, kLater, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
    table.offer(kSubject, kFirst, 1, kLater, kNow);
    EXPECT_EQ(nextHop(table, kSubject), kFirst);
}

TEST(RoutingTable, ANeighbourOfferReplacesItsEarlierOne)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    table.offer(kSubject, kSecond, 2, kLater, kNow);
    EXPECT_EQ(nextHop(table, kSubject), kFirst);
    // kFirst now reaches the subject only the long way round.
    EXPECT_TRUE(table.offer(kSubject, kFirst, 5, kLater, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
}

TEST(RoutingTable, AReceiptsDetourNeverLengthensARouteTheNeighbourOffers)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 2, kLater, kNow);
    table.offer(kSubject, kSecond, 3, kLater, kNow);
    // A receipt came back through kFirst after 5 relays: the way round while
    // the network changed. kFirst's 3-link route stands.
    EXPECT_FALSE(table.learn(kSubject, kFirst, 5, kLater, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kFirst);
    EXPECT_EQ(table.best(kSubject, kNow)->hops, 3);
    // A shorter path than offered is learned.
    EXPECT_TRUE(table.learn(kSubject, kSecond, 0, kLater, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
    EXPECT_EQ(table.best(kSubject, kNow)->hops, 1);
    // And so is a path through a neighbour that offered none.
    EXPECT_TRUE(table.learn(kOther, kThird, 4, kLater, kNow));
    EXPECT_EQ(nextHop(table, kOther), kThird);
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

TEST(RoutingTable, WithdrawFallsBackToTheNextBest)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    table.offer(kSubject, kSecond, 3, kLater, kNow);
    EXPECT_FALSE(table.withdraw(kSubject, kSecond, kNow)); // not the best: no change
    table.offer(kSubject, kSecond, 3, kLater, kNow);
    EXPECT_TRUE(table.withdraw(kSubject, kFirst, kNow));
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
    EXPECT_TRUE(table.withdraw(kSubject, kSecond, kNow));
    EXPECT_FALSE(table.best(kSubject, kNow).has_value());
    EXPECT_TRUE(table.subjects().empty());
    // Withdrawing what was never offered is no change.
    EXPECT_FALSE(table.withdraw(kSubject, kThird, kNow));
    EXPECT_FALSE(table.withdraw(kOther, kThird, kNow));
}

TEST(RoutingTable, LosingANeighbourChangesEverySubjectRoutedThroughIt)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    table.offer(kSubject, kSecond, 1, kLater, kNow);
    table.offer(kOther, kFirst, 2, kLater, kNow);
    table.offer(kOther, kSecond, 1, kLater, kNow); // best through kSecond
    const PeerId lonely = peer(0x70);
    table.offer(lonely, kFirst, 0, kLater, kNow);

    std::vector<PeerId> changed = table.dropNeighbour(kFirst, kNow);
    std::sort(changed.begin(), changed.end());
    EXPECT_EQ(changed, (std::vector<PeerId>{kSubject, lonely}));
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
    EXPECT_EQ(nextHop(table, kOther), kSecond);
    EXPECT_FALSE(table.best(lonely, kNow).has_value());
    EXPECT_TRUE(table.dropNeighbour(kFirst, kNow).empty());
}

TEST(RoutingTable, AvoidedRouteFallsBackUntilTheAvoidanceEnds)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    table.offer(kSubject, kSecond, 2, kLater, kNow);
    table.avoid(kSubject, kFirst, kNow + 60'000);
    EXPECT_EQ(nextHop(table, kSubject), kSecond);
    EXPECT_EQ(nextHop(table, kSubject, kNow + 59'999), kSecond);
    EXPECT_EQ(nextHop(table, kSubject, kNow + 60'000), kFirst);
    // Only that subject's route through it is avoided.
    table.offer(kOther, kFirst, 0, kLater, kNow);
    EXPECT_EQ(nextHop(table, kOther), kFirst);
}

TEST(RoutingTable, NoRouteLeftWhenTheOnlyOneIsAvoided)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    table.avoid(kSubject, kFirst, kNow + 60'000);
    EXPECT_FALSE(table.best(kSubject, kNow).has_value()); // the caller floods
    // A fresh offer through it does not lift the avoidance.
    table.offer(kSubject, kFirst, 0, kLater, kNow);
    EXPECT_FALSE(table.best(kSubject, kNow).has_value());
    // When the avoidance ends the route is back, and expire() says so.
    EXPECT_EQ(table.expire(kNow + 60'000), std::vector<PeerId>{kSubject});
    EXPECT_EQ(nextHop(table, kSubject, kNow + 60'000), kFirst);
}

TEST(RoutingTable, ExpiredOffersAreNotUsedAndThenForgotten)
{
    RoutingTable table;
    table.offer(kSubject, kFirst, 0, kNow + 1000, kNow);
    table.offer(kSubject, kSecond, 3, kNow + 5000, kNow);
    table.offer(kOther, kThird, 1, kNow + 1000, kNow);
    EXPECT_EQ(nextHop(table, kSubject, kNow + 999), kFirst);
    // Unused from the moment it expires, before anyone calls expire().
    EXPECT_EQ(nextHop(table, kSubject, kNow + 1000), kSecond);

    std::vector<PeerId> changed = table.expire(kNow + 1000);
    std::sort(changed.begin(), changed.end());
    EXPECT_EQ(changed, (std::vector<PeerId>{kSubject, kOther}));
    EXPECT_EQ(nextHop(table, kSubject, kNow + 1000), kSecond);
    EXPECT_EQ(table.subjects(), std::vector<PeerId>{kSubject});

    EXPECT_EQ(table.expire(kNow + 5000), std::vector<PeerId>{kSubject});
    EXPECT_TRUE(table.subjects().empty());
    EXPECT_TRUE(table.expire(kNow + 6000).empty());
}

TEST(RoutingTable, AnOfferThatExpiredAlreadyIsNoRoute)
{
    RoutingTable table;
    EXPECT_FALSE(table.offer(kSubject, kFirst, 0, kNow, kNow));
    EXPECT_FALSE(table.best(kSubject, kNow).has_value());
}

} // namespace
} // namespace confab::relay
