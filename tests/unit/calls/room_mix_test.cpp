#include "calls/room_mix.h"

#include <gtest/gtest.h>

namespace confab::calls {
namespace {

PeerId idStartingWith(std::uint8_t first)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(0x55);
    bytes[0] = first;
    return PeerId(bytes);
}

std::vector<MixCandidate> withMedia(std::initializer_list<std::uint8_t> firsts)
{
    std::vector<MixCandidate> others;
    for (const std::uint8_t first : firsts) {
        others.push_back({idStartingWith(first), true, true});
    }
    return others;
}

TEST(RoomMix, UpToFourMembersEveryoneSendsToEveryone)
{
    EXPECT_EQ(chooseMixer(idStartingWith(9), withMedia({1, 2, 3})), std::nullopt);
    EXPECT_EQ(chooseMixer(idStartingWith(9), {}), std::nullopt);
}

TEST(RoomMix, AboveFourTheLowestIdMixesWhoeverLooks)
{
    const auto others = withMedia({7, 3, 5, 8});
    EXPECT_EQ(chooseMixer(idStartingWith(9), others), idStartingWith(3));
    EXPECT_EQ(chooseMixer(idStartingWith(1), others), idStartingWith(1)) << "this node itself";
}

TEST(RoomMix, MembersWithoutMediaDoNotCountAndCannotMix)
{
    auto others = withMedia({7, 3, 5, 8});
    others[1].hasMedia = false; // still ringing, or its call just ended
    EXPECT_EQ(chooseMixer(idStartingWith(9), others), std::nullopt) << "four with media";
    others.push_back({idStartingWith(6), true, true});
    EXPECT_EQ(chooseMixer(idStartingWith(9), others), idStartingWith(5));
}

TEST(RoomMix, AMemberThatDoesNotTakePartCountsButIsNeverChosen)
{
    auto others = withMedia({7, 3, 5, 8});
    others[1].takesPartInMix = false;
    EXPECT_EQ(chooseMixer(idStartingWith(9), others), idStartingWith(5));
}

TEST(RoomMix, MembersAreNamedByTheirIdsFirstEightBytes)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(i + 1);
    }
    EXPECT_EQ(mixMember(PeerId(bytes)), 0x0102030405060708U);
    EXPECT_NE(mixMember(idStartingWith(1)), mixMember(idStartingWith(2)));
}

TEST(RoomMix, LevelsRoundTripWithinOneStepAndClamp)
{
    EXPECT_EQ(levelToWire(0.0F), 0);
    EXPECT_EQ(levelToWire(1.0F), 255);
    EXPECT_EQ(levelToWire(2.0F), 255);
    EXPECT_EQ(levelToWire(-1.0F), 0);
    EXPECT_NEAR(levelFromWire(levelToWire(0.37F)), 0.37F, 1.0F / 255);
}

} // namespace
} // namespace confab::calls
