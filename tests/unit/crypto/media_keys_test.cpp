#include "crypto/media_keys.h"
#include "test_util.h"

#include <gtest/gtest.h>

namespace confab::crypto {
namespace {

using test::hexArray;

Secret<32> secretCountingFrom(std::uint8_t first)
{
    std::array<std::uint8_t, 32> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>(first + i);
    }
    return Secret<32>(bytes);
}

proto::CallId sampleCallId()
{
    proto::CallId id{};
    for (std::size_t i = 0; i < id.size(); ++i) {
        id[i] = static_cast<std::uint8_t>(0xa0 + i);
    }
    return id;
}

std::array<std::uint8_t, 32> bytesOf(const Secret<32>& secret)
{
    std::array<std::uint8_t, 32> out{};
    std::copy(secret.view().begin(), secret.view().end(), out.begin());
    return out;
}

// Computed with Python's hashlib.blake2b(msg, key=..., digest_size=32) from
// the formulas in media_keys.h: caller secret 01..20, callee secret
// 21..40, call id a0..af.
constexpr const char* kCallerToCallee = "765f62f6c0eda21ab8de268383b123423ce790ea062d6494507c0fb92b722750";
constexpr const char* kCalleeToCaller = "021b16a20c4e758cf2748aef9b69743b2a60c2fb2881c834d0581626405f9797";
constexpr const char* kCallerToCalleeEpoch1 =
    "c8e63d540ec902f6aef5a1e19cbd76d5553a61b19d7120e25e95a12ed31c4e6d";
constexpr const char* kCallerToCalleeEpoch2 =
    "05eb57114cd47a1ec0a07e2db55e9c5b1297ce91c63182e55e0d9b64c86d2344";

TEST(MediaKeys, MatchesKnownAnswers)
{
    const MediaKeys keys =
        deriveMediaKeys(secretCountingFrom(0x01), secretCountingFrom(0x21), sampleCallId());
    EXPECT_EQ(bytesOf(keys.callerToCallee), hexArray<32>(kCallerToCallee));
    EXPECT_EQ(bytesOf(keys.calleeToCaller), hexArray<32>(kCalleeToCaller));
}

TEST(MediaKeys, DirectionsDiffer)
{
    const MediaKeys keys =
        deriveMediaKeys(secretCountingFrom(0x01), secretCountingFrom(0x21), sampleCallId());
    EXPECT_NE(bytesOf(keys.callerToCallee), bytesOf(keys.calleeToCaller));
}

TEST(MediaKeys, CallerAndCalleeAgree)
{
    // Each side has both secrets after Invite and Accept and derives alone.
    const Secret<32> callerSecret = randomCallSecret();
    const Secret<32> calleeSecret = randomCallSecret();
    const MediaKeys atCaller = deriveMediaKeys(callerSecret, calleeSecret, sampleCallId());
    const MediaKeys atCallee = deriveMediaKeys(callerSecret, calleeSecret, sampleCallId());
    EXPECT_EQ(bytesOf(atCaller.sendKey(CallRole::Caller)), bytesOf(atCallee.receiveKey(CallRole::Callee)));
    EXPECT_EQ(bytesOf(atCallee.sendKey(CallRole::Callee)), bytesOf(atCaller.receiveKey(CallRole::Caller)));
    EXPECT_NE(bytesOf(atCaller.sendKey(CallRole::Caller)), bytesOf(atCaller.receiveKey(CallRole::Caller)));
}

TEST(MediaKeys, EveryInputMatters)
{
    const MediaKeys base =
        deriveMediaKeys(secretCountingFrom(0x01), secretCountingFrom(0x21), sampleCallId());
    // Swapped roles.
    const MediaKeys swapped =
        deriveMediaKeys(secretCountingFrom(0x21), secretCountingFrom(0x01), sampleCallId());
    EXPECT_NE(bytesOf(swapped.callerToCallee), bytesOf(base.callerToCallee));
    // Another call between the same secrets.
    proto::CallId otherCall = sampleCallId();
    otherCall[15] ^= 0x01;
    const MediaKeys other = deriveMediaKeys(secretCountingFrom(0x01), secretCountingFrom(0x21), otherCall);
    EXPECT_NE(bytesOf(other.callerToCallee), bytesOf(base.callerToCallee));
    EXPECT_NE(bytesOf(other.calleeToCaller), bytesOf(base.calleeToCaller));
    // One bit of either secret.
    const MediaKeys callerBit =
        deriveMediaKeys(secretCountingFrom(0x02), secretCountingFrom(0x21), sampleCallId());
    EXPECT_NE(bytesOf(callerBit.callerToCallee), bytesOf(base.callerToCallee));
    const MediaKeys calleeBit =
        deriveMediaKeys(secretCountingFrom(0x01), secretCountingFrom(0x22), sampleCallId());
    EXPECT_NE(bytesOf(calleeBit.callerToCallee), bytesOf(base.callerToCallee));
}

TEST(MediaKeys, RekeyFollowsTheChain)
{
    const Secret<32> epoch0(hexArray<32>(kCallerToCallee));
    const Secret<32> epoch1 = nextEpochKey(epoch0);
    EXPECT_EQ(bytesOf(epoch1), hexArray<32>(kCallerToCalleeEpoch1));
    EXPECT_EQ(bytesOf(nextEpochKey(epoch1)), hexArray<32>(kCallerToCalleeEpoch2));
}

TEST(MediaKeys, RandomSecretsAreFresh)
{
    const Secret<32> a = randomCallSecret();
    const Secret<32> b = randomCallSecret();
    EXPECT_NE(bytesOf(a), bytesOf(b));
    EXPECT_NE(bytesOf(a), (std::array<std::uint8_t, 32>{}));
}

} // namespace
} // namespace confab::crypto
