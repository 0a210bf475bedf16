#include "crypto/random.h"
#include "test_util.h"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>
#include <set>

namespace confab::crypto {
namespace {

TEST(RandomBytes, FillsTheBufferWithFreshBytes)
{
    std::array<std::uint8_t, 64> first{};
    std::array<std::uint8_t, 64> second{};
    randomBytes(first);
    randomBytes(second);
    // 2^-512 chance of a false failure.
    EXPECT_NE(first, second);
    EXPECT_FALSE(std::all_of(first.begin(), first.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST(RandomBytes, AcceptsAnEmptyBuffer)
{
    randomBytes({});
}

TEST(RandomMessageId, IdsDiffer)
{
    std::set<MessageId> ids;
    for (int i = 0; i < 100; ++i) {
        ids.insert(randomMessageId());
    }
    EXPECT_EQ(ids.size(), 100U);
    EXPECT_NE(randomMessageId(), MessageId());
}

TEST(RandomU64, ValuesDifferAndUseHighBits)
{
    std::set<std::uint64_t> values;
    bool highBitSeen = false;
    for (int i = 0; i < 64; ++i) {
        const std::uint64_t value = randomU64();
        values.insert(value);
        highBitSeen = highBitSeen || (value >> 63U) != 0;
    }
    EXPECT_EQ(values.size(), 64U);
    // 2^-64 chance of a false failure.
    EXPECT_TRUE(highBitSeen);
}

} // namespace
} // namespace confab::crypto
