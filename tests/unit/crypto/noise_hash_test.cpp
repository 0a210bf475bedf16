#include "crypto/noise_hash.h"
#include "test_util.h"

#include <array>
#include <gtest/gtest.h>
#include <sodium.h>

namespace confab::crypto::detail {
namespace {

using test::hex;

Bytes hashOf(NoiseHash kind, std::initializer_list<ByteView> parts)
{
    const NoiseHashFunction function(kind);
    Bytes out(function.hashLen());
    function.hash(parts, out);
    return out;
}

Bytes hmacOf(NoiseHash kind, ByteView key, std::initializer_list<ByteView> parts)
{
    const NoiseHashFunction function(kind);
    Bytes out(function.hashLen());
    function.hmac(key, parts, out);
    return out;
}

Bytes sequence(std::size_t count, std::uint8_t first = 0)
{
    Bytes out(count);
    for (std::size_t i = 0; i < count; ++i) {
        out[i] = static_cast<std::uint8_t>(first + i);
    }
    return out;
}

TEST(NoiseHashFunction, Lengths)
{
    EXPECT_EQ(NoiseHashFunction(NoiseHash::Blake2b).hashLen(), 64U);
    EXPECT_EQ(NoiseHashFunction(NoiseHash::Blake2b).blockLen(), 128U);
    EXPECT_EQ(NoiseHashFunction(NoiseHash::Sha256).hashLen(), 32U);
    EXPECT_EQ(NoiseHashFunction(NoiseHash::Sha256).blockLen(), 64U);
    EXPECT_STREQ(NoiseHashFunction(NoiseHash::Blake2b).name(), "BLAKE2b");
    EXPECT_STREQ(NoiseHashFunction(NoiseHash::Sha256).name(), "SHA256");
}

TEST(NoiseHashFunction, HashKnownAnswers)
{
    // FIPS 180-2 and RFC 7693 appendix A: the message "abc".
    EXPECT_EQ(hashOf(NoiseHash::Sha256, {asBytes("abc")}),
              hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    EXPECT_EQ(hashOf(NoiseHash::Blake2b, {asBytes("abc")}),
              hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
}

TEST(NoiseHashFunction, HashOfPartsIsHashOfConcatenation)
{
    for (const NoiseHash kind : {NoiseHash::Blake2b, NoiseHash::Sha256}) {
        EXPECT_EQ(hashOf(kind, {asBytes("a"), {}, asBytes("bc")}), hashOf(kind, {asBytes("abc")}));
    }
}

TEST(NoiseHashFunction, HmacSha256MatchesRfc4231)
{
    // Test case 1.
    EXPECT_EQ(hmacOf(NoiseHash::Sha256, Bytes(20, 0x0b), {asBytes("Hi There")}),
              hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    // Test case 6: a key longer than the block is hashed first.
    EXPECT_EQ(hmacOf(NoiseHash::Sha256, Bytes(131, 0xaa),
                     {asBytes("Test Using Larger Than Block-Size Key - Hash Key First")}),
              hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}

TEST(NoiseHashFunction, HmacSha256MatchesLibsodium)
{
    for (const std::size_t keyLength : {0U, 1U, 32U, 63U, 64U, 65U, 200U}) {
        const Bytes key = sequence(keyLength, 7);
        const Bytes message = sequence(100, 3);
        std::array<std::uint8_t, 32> expected{};
        crypto_auth_hmacsha256_state state;
        // libsodium wants a non-null pointer even for an empty key.
        const std::uint8_t placeholder = 0;
        crypto_auth_hmacsha256_init(&state, key.empty() ? &placeholder : key.data(), key.size());
        crypto_auth_hmacsha256_update(&state, message.data(), message.size());
        crypto_auth_hmacsha256_final(&state, expected.data());
        EXPECT_EQ(hmacOf(NoiseHash::Sha256, key, {message}), Bytes(expected.begin(), expected.end()))
            << "key length " << keyLength;
    }
}

TEST(NoiseHashFunction, HmacBlake2bKnownAnswers)
{
    // Computed with Python's hmac.new(key, message, hashlib.blake2b).
    EXPECT_EQ(hmacOf(NoiseHash::Blake2b, sequence(64), {asBytes("confab hmac test")}),
              hex("e3ed95a84dba6618c3cced6ef1b80ffbf4cb7936a8389f6d73c48e2426e878c0"
                  "4ef2c9eb9a65a0c90c6a741f29e1f5e030d62625382798265e1bdbb2437ae218"));
    EXPECT_EQ(hmacOf(NoiseHash::Blake2b, sequence(200), {asBytes("confab "), asBytes("hmac test")}),
              hex("42c2d7d73e793e5293ecc20b4b15031fa9e2c304d5e4c1ba6436a13a9d4b2cc2"
                  "f88c44a1620874b44be97869ff1c3d6b22d65fad3a0c8bd7cf2694059fb68c90"));
}

TEST(NoiseHashFunction, HkdfKnownAnswers)
{
    // Computed with Python's hmac module following the Noise HKDF definition.
    struct Case {
        NoiseHash kind;
        const char* output1;
        const char* output2;
        const char* output3;
    };
    const Case cases[] = {
        {NoiseHash::Blake2b,
         "2262ed5f40c3324574d00a1e0849a7cc67fb5b6a80211c3c59404bb8e47512b1"
         "cb95e73840718c5d68ca345f934f39a52f1f31e8f6d3ed521f0664f46feddae4",
         "f6a6559fa2aaab64d3d2666b83fe3f4fed6fae1959537fedd6a39b6f8d411e61"
         "32593234cc2a750244335da5021c27bf7eacbb65cfa608457de6ecc144b90077",
         "07c82c1301c70e885f4662f1f3f7b7bb9e04d81c94a6e1882f812c02ffb69580"
         "c93095bb599ad2fced3d3cf38c9c17df4fb3c0029f231247fca69b040e16449e"},
        {NoiseHash::Sha256, "17a4c5178f25587ebca4d057c9031c25b26ac2ba9aeccfaa1404d981cf1ec6f0",
         "2faefd37945f4adce33ffb1dc8b3fa604b91dc807f2aa8dfac3ab2fd8dcf2b1e",
         "eb2ddad11c3989a8cd8050207b23256de61556a81509f3a3df570c73392149e8"},
    };
    for (const Case& c : cases) {
        const NoiseHashFunction function(c.kind);
        const std::size_t length = function.hashLen();
        const Bytes chainingKey = sequence(length);
        const Bytes inputKeyMaterial = sequence(32, 100);

        Bytes out1(length);
        Bytes out2(length);
        Bytes out3(length);
        function.hkdf(chainingKey, inputKeyMaterial, out1, out2, out3);
        EXPECT_EQ(out1, hex(c.output1));
        EXPECT_EQ(out2, hex(c.output2));
        EXPECT_EQ(out3, hex(c.output3));

        Bytes two1(length);
        Bytes two2(length);
        function.hkdf(chainingKey, inputKeyMaterial, two1, two2);
        EXPECT_EQ(two1, out1);
        EXPECT_EQ(two2, out2);
    }
}

TEST(NoiseHashFunction, HkdfMayWriteOverItsChainingKey)
{
    // MixKey() updates the chaining key in place.
    const NoiseHashFunction function(NoiseHash::Blake2b);
    const Bytes chainingKey = sequence(64);
    const Bytes inputKeyMaterial = sequence(32, 100);
    Bytes expected1(64);
    Bytes expected2(64);
    function.hkdf(chainingKey, inputKeyMaterial, expected1, expected2);

    Bytes inPlace = chainingKey;
    Bytes second(64);
    function.hkdf(inPlace, inputKeyMaterial, inPlace, second);
    EXPECT_EQ(inPlace, expected1);
    EXPECT_EQ(second, expected2);
}

} // namespace
} // namespace confab::crypto::detail
