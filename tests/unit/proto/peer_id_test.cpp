#include "base/peer_id.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <random>

namespace confab::proto {
namespace {

using test::hex;

// RFC 4648 section 10 vectors, lower case and without padding.
struct Vector {
    const char* plain;
    const char* encoded;
};
constexpr Vector kRfcVectors[] = {
    {"", ""},
    {"f", "my"},
    {"fo", "mzxq"},
    {"foo", "mzxw6"},
    {"foob", "mzxw6yq"},
    {"fooba", "mzxw6ytb"},
    {"foobar", "mzxw6ytboi"},
};

std::array<std::uint8_t, PeerId::kSize> arrayOf(const Bytes& bytes)
{
    std::array<std::uint8_t, PeerId::kSize> out{};
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

TEST(Base32, EncodesRfcVectors)
{
    for (const auto& v : kRfcVectors) {
        EXPECT_EQ(base32Encode(asBytes(v.plain)), v.encoded) << v.plain;
    }
}

TEST(Base32, DecodesRfcVectorsInEitherCase)
{
    for (const auto& v : kRfcVectors) {
        const auto lower = base32Decode(v.encoded);
        ASSERT_TRUE(lower.has_value()) << v.encoded;
        EXPECT_EQ(asText(*lower), v.plain);

        std::string upper = v.encoded;
        for (char& c : upper) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const auto fromUpper = base32Decode(upper);
        ASSERT_TRUE(fromUpper.has_value()) << upper;
        EXPECT_EQ(asText(*fromUpper), v.plain);
    }
    const auto mixed = base32Decode("MzXw6YtBoI");
    ASSERT_TRUE(mixed.has_value());
    EXPECT_EQ(asText(*mixed), "foobar");
}

TEST(Base32, CoversTheWholeAlphabet)
{
    // These 20 bytes read as the 5-bit values 0, 1, ..., 31.
    const Bytes all = hex("00443214c74254b635cf84653a56d7c675be77df");
    EXPECT_EQ(base32Encode(all), "abcdefghijklmnopqrstuvwxyz234567");
    EXPECT_EQ(base32Decode("abcdefghijklmnopqrstuvwxyz234567"), all);
}

TEST(Base32, RejectsCharactersOutsideTheAlphabet)
{
    for (const char* text : {"my=", "my======", "m0", "m1", "m8", "m9", "m ", " m", "m-", "m\xc3", "mzx\n"}) {
        EXPECT_FALSE(base32Decode(text).has_value()) << text;
    }
    EXPECT_FALSE(base32Decode(std::string_view("m\0", 2)).has_value());
}

TEST(Base32, RejectsImpossibleLengths)
{
    for (const char* text : {"a", "aaa", "aaaaaa", "aaaaaaaaa", "aaaaaaaaaaa", "aaaaaaaaaaaaaa"}) {
        EXPECT_FALSE(base32Decode(text).has_value()) << text;
    }
}

TEST(Base32, RejectsNonCanonicalTrailingBits)
{
    // "f" is 0x66 = 01100 110(00): the two padding bits must be zero.
    EXPECT_TRUE(base32Decode("my").has_value());
    EXPECT_FALSE(base32Decode("mz").has_value());
    EXPECT_FALSE(base32Decode("m7").has_value());
    // "fo" leaves 4 padding bits, "foo" 1, "foob" 3.
    EXPECT_FALSE(base32Decode("mzxr").has_value());
    EXPECT_FALSE(base32Decode("mzxw7").has_value());
    EXPECT_FALSE(base32Decode("mzxw6yr").has_value());
}

TEST(Base32, RoundTripsRandomBytes)
{
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> byte(0, 255);
    for (std::size_t size = 0; size < 64; ++size) {
        Bytes data(size);
        for (auto& b : data) {
            b = static_cast<std::uint8_t>(byte(rng));
        }
        const std::string text = base32Encode(data);
        EXPECT_EQ(text.size(), (size * 8 + 4) / 5);
        EXPECT_EQ(base32Decode(text), data);
    }
}

TEST(PeerId, TextGolden)
{
    const PeerId counting(arrayOf(test::sequence(0x00, 20)));
    EXPECT_EQ(counting.toText(), "aaaqeayeaudaocajbifqydiob4ibceqt");
    const PeerId ones(arrayOf(Bytes(20, 0xff)));
    EXPECT_EQ(ones.toText(), "77777777777777777777777777777777");
    EXPECT_EQ(PeerId().toText(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}

TEST(PeerId, FromTextGolden)
{
    const auto id = PeerId::fromText("ucq2fi5euwtkpkfjvkv2zlnov6yldmvt");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(Bytes(id->bytes().begin(), id->bytes().end()), test::sequence(0xa0, 20));
    const auto upper = PeerId::fromText("UCQ2FI5EUWTKPKFJVKV2ZLNOV6YLDMVT");
    ASSERT_TRUE(upper.has_value());
    EXPECT_EQ(*upper, *id);
}

TEST(PeerId, FromTextRequiresExactly32Characters)
{
    EXPECT_FALSE(PeerId::fromText("").has_value());
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").has_value());   // 31
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").has_value()); // 33
    // A valid base32 string of another length is still not a peer id.
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").has_value()); // 40
}

TEST(PeerId, FromTextRejectsBadCharacters)
{
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1").has_value());
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=").has_value());
    EXPECT_FALSE(PeerId::fromText("aaaaaaaaaaaaaaa aaaaaaaaaaaaaaaa").has_value());
}

TEST(PeerId, FromBytesRequiresExactSize)
{
    EXPECT_FALSE(PeerId::fromBytes(Bytes(19, 1)).has_value());
    EXPECT_FALSE(PeerId::fromBytes(Bytes(21, 1)).has_value());
    EXPECT_FALSE(PeerId::fromBytes({}).has_value());
    const auto id = PeerId::fromBytes(test::sequence(7, 20));
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(Bytes(id->bytes().begin(), id->bytes().end()), test::sequence(7, 20));
}

TEST(PeerId, TextRoundTrip)
{
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 100; ++i) {
        std::array<std::uint8_t, PeerId::kSize> raw{};
        for (auto& b : raw) {
            b = static_cast<std::uint8_t>(byte(rng));
        }
        const PeerId id(raw);
        const std::string text = id.toText();
        ASSERT_EQ(text.size(), PeerId::kTextSize);
        EXPECT_EQ(PeerId::fromText(text), id);
    }
}

TEST(PeerId, IsNull)
{
    EXPECT_TRUE(PeerId().isNull());
    EXPECT_TRUE(PeerId(arrayOf(Bytes(20, 0))).isNull());
    for (std::size_t i = 0; i < PeerId::kSize; ++i) {
        Bytes raw(20, 0);
        raw[i] = 1;
        EXPECT_FALSE(PeerId(arrayOf(raw)).isNull()) << i;
    }
}

TEST(PeerId, OrdersByBytes)
{
    const PeerId low(arrayOf(Bytes(20, 1)));
    Bytes raw(20, 1);
    raw[19] = 2;
    const PeerId high(arrayOf(raw));
    EXPECT_LT(low, high);
    EXPECT_NE(low, high);
    EXPECT_EQ(low, PeerId(arrayOf(Bytes(20, 1))));
}

} // namespace
} // namespace confab::proto
