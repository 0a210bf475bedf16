#include "crypto/secret.h"
#include "test_util.h"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>

namespace confab::crypto {
namespace {

TEST(Wipe, ZeroesEveryByte)
{
    std::array<std::uint8_t, 37> bytes{};
    bytes.fill(0xa5);
    wipe(bytes);
    EXPECT_TRUE(std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST(Wipe, OnlyTouchesTheGivenRange)
{
    std::array<std::uint8_t, 8> bytes{};
    bytes.fill(0x11);
    wipe(std::span(bytes).subspan(2, 3));
    EXPECT_EQ(bytes, (std::array<std::uint8_t, 8>{0x11, 0x11, 0, 0, 0, 0x11, 0x11, 0x11}));
}

TEST(Secret, CopiesAndAssignsTheBytes)
{
    const std::array<std::uint8_t, 4> raw{1, 2, 3, 4};
    const Secret<4> original(raw);
    const Secret<4> copy(original); // NOLINT(performance-unnecessary-copy-initialization): the copy is tested
    Secret<4> assigned;
    assigned = original;
    EXPECT_TRUE(std::equal(raw.begin(), raw.end(), copy.view().begin()));
    EXPECT_TRUE(std::equal(raw.begin(), raw.end(), assigned.view().begin()));
}

TEST(Secret, DefaultIsZero)
{
    const Secret<16> secret;
    EXPECT_TRUE(
        std::all_of(secret.view().begin(), secret.view().end(), [](std::uint8_t b) { return b == 0; }));
}

} // namespace
} // namespace confab::crypto
