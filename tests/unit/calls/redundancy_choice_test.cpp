// When a call's audio carries the frame before: only while the other side
// loses audio that retransmission cannot bring back in time.
#include "calls/redundancy_choice.h"

#include <gtest/gtest.h>

using confab::calls::carryRedundancy;
using confab::calls::RedundancyInputs;

TEST(RedundancyChoice, NotWhileRetransmissionIsInTime)
{
    EXPECT_FALSE(carryRedundancy(false, RedundancyInputs{true, 0.4, 10, 20}));
    EXPECT_FALSE(carryRedundancy(true, RedundancyInputs{true, 7.0, 10, 20}));
    EXPECT_FALSE(carryRedundancy(false, RedundancyInputs{true, 15.0, 20, 20}));
    // No round trip measured yet: a LAN is assumed.
    EXPECT_FALSE(carryRedundancy(false, RedundancyInputs{true, std::nullopt, 10, 20}));
}

TEST(RedundancyChoice, WhenTheRoundTripIsTooLongOrThereIsNoRetransmission)
{
    EXPECT_TRUE(carryRedundancy(false, RedundancyInputs{true, 8.0, 10, 5}));
    EXPECT_TRUE(carryRedundancy(false, RedundancyInputs{true, 60.0, 20, 5}));
    EXPECT_TRUE(carryRedundancy(false, RedundancyInputs{false, std::nullopt, 10, 5}));
}

TEST(RedundancyChoice, StartsAtTwoPercentAndStopsOnlyAtNone)
{
    const RedundancyInputs far{false, 50.0, 20, 1};
    EXPECT_FALSE(carryRedundancy(false, far));
    EXPECT_TRUE(carryRedundancy(true, far)) << "1 % keeps it on";
    EXPECT_TRUE(carryRedundancy(false, RedundancyInputs{false, 50.0, 20, 2}));
    EXPECT_FALSE(carryRedundancy(true, RedundancyInputs{false, 50.0, 20, 0}));
}
