#include "crypto/content_hash.h"
#include "test_util.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace confab::crypto {
namespace {

using test::hexArray;

constexpr std::size_t kMiB = std::size_t{1024} * 1024;

// Bytes that look random enough for a hash and are the same on every run.
Bytes patterned(std::size_t size)
{
    Bytes out(size);
    std::uint32_t state = 0x12345678;
    for (std::uint8_t& byte : out) {
        state = state * 1664525U + 1013904223U; // Numerical Recipes' LCG
        byte = static_cast<std::uint8_t>(state >> 24U);
    }
    return out;
}

std::string hexOf(const ContentHashValue& hash)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t byte : hash) {
        out += kDigits[byte >> 4U];
        out += kDigits[byte & 0x0fU];
    }
    return out;
}

// What `b2sum -l 256` prints for `bytes`, or "" when b2sum cannot be run.
std::string b2sumOf(const Bytes& bytes)
{
    std::array<char, 32> name{};
    std::snprintf(name.data(), name.size(), "/tmp/confab-b2-XXXXXX");
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        return {};
    }
    const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    std::string printed;
    if (written) {
        const std::string command = std::string("b2sum -l 256 ") + name.data() + " 2>/dev/null";
        if (FILE* pipe = ::popen(command.c_str(), "r")) {
            std::array<char, 128> line{};
            if (std::fgets(line.data(), static_cast<int>(line.size()), pipe) != nullptr) {
                printed = std::string(line.data()).substr(0, 64);
            }
            ::pclose(pipe);
        }
    }
    ::unlink(name.data());
    return printed.size() == 64 ? printed : std::string();
}

TEST(ContentHash, KnownVectors)
{
    // printf abc | b2sum -l 256
    EXPECT_EQ(contentHash(asBytes("abc")),
              hexArray<32>("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"));
    // b2sum -l 256 /dev/null: an empty file has a hash too.
    EXPECT_EQ(contentHash({}),
              hexArray<32>("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
    EXPECT_EQ(contentHash(asBytes("The quick brown fox jumps over the lazy dog")),
              hexArray<32>("01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9"));
}

TEST(ContentHasher, PiecesHashAsTheWhole)
{
    const Bytes data = patterned(3 * kMiB + 12345);
    ContentHasher hasher;
    // Uneven pieces, one of them empty, crossing BLAKE2b's 128-byte blocks.
    const std::array<std::size_t, 5> cuts{1, 127, 0, 1000, kMiB};
    std::size_t at = 0;
    for (const std::size_t cut : cuts) {
        hasher.update(ByteView(data).subspan(at, cut));
        at += cut;
    }
    hasher.update(ByteView(data).subspan(at));
    EXPECT_EQ(hasher.finish(), contentHash(data));
}

TEST(ContentHasher, StartsOverAfterFinish)
{
    ContentHasher hasher;
    hasher.update(asBytes("first chunk"));
    EXPECT_EQ(hasher.finish(), contentHash(asBytes("first chunk")));
    hasher.update(asBytes("abc"));
    EXPECT_EQ(hasher.finish(), contentHash(asBytes("abc")));
    EXPECT_EQ(hasher.finish(), contentHash({}));
}

TEST(ContentHash, AgreesWithB2sumOnALargeFile)
{
    const Bytes data = patterned(3 * kMiB);
    const std::string printed = b2sumOf(data);
    if (printed.empty()) {
        GTEST_SKIP() << "b2sum (GNU coreutils) is not available to compare with";
    }
    EXPECT_EQ(hexOf(contentHash(data)), printed);

    ContentHasher hasher;
    for (std::size_t at = 0; at < data.size(); at += kMiB) {
        hasher.update(ByteView(data).subspan(at, kMiB));
    }
    EXPECT_EQ(hexOf(hasher.finish()), printed);
}

} // namespace
} // namespace confab::crypto
