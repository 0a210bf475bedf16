#include "proto/utf8.h"
#include "test_util.h"

#include <gtest/gtest.h>
#include <optional>

namespace confab::proto {
namespace {

using test::hex;

// An independent, slow reference: decode each sequence to a code point by its
// length, then reject overlong forms, surrogates and values above U+10FFFF.
bool referenceIsValid(ByteView bytes)
{
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::uint8_t lead = bytes[pos];
        std::size_t length = 0;
        std::uint32_t cp = 0;
        if (lead < 0x80) {
            length = 1;
            cp = lead;
        } else if ((lead & 0xe0) == 0xc0) {
            length = 2;
            cp = lead & 0x1fU;
        } else if ((lead & 0xf0) == 0xe0) {
            length = 3;
            cp = lead & 0x0fU;
        } else if ((lead & 0xf8) == 0xf0) {
            length = 4;
            cp = lead & 0x07U;
        } else {
            return false;
        }
        if (bytes.size() - pos < length) {
            return false;
        }
        for (std::size_t i = 1; i < length; ++i) {
            if ((bytes[pos + i] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (bytes[pos + i] & 0x3fU);
        }
        const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < minimum[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        pos += length;
    }
    return true;
}

TEST(Utf8, AcceptsValidText)
{
    EXPECT_TRUE(isValidUtf8({}));
    EXPECT_TRUE(isValidUtf8(asBytes("hello, world")));
    EXPECT_TRUE(isValidUtf8(asBytes("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80")));
    EXPECT_TRUE(isValidUtf8(hex("00")));
}

TEST(Utf8, AcceptsBoundaryCodePoints)
{
    for (const char* sequence : {"7f", "c280", "dfbf", "e0a080", "ed9fbf", "ee8080", "efbfbf", "efbfbe",
                                 "f0908080", "f48fbfbf", "f3bfbfbf"}) {
        EXPECT_TRUE(isValidUtf8(hex(sequence))) << sequence;
    }
}

TEST(Utf8, RejectsMalformedSequences)
{
    for (const char* sequence : {
             "80",       "bf",       "c0",             // lone continuation, truncated
             "c080",     "c1bf",                       // overlong two-byte
             "e08080",   "e09fbf",                     // overlong three-byte
             "eda080",   "edbfbf",   "edafbf",         // surrogates
             "f0808080", "f08fbfbf",                   // overlong four-byte
             "f4908080", "f7bfbfbf",                   // above U+10FFFF
             "f5808080", "f8",       "fe",       "ff", // never-valid lead bytes
             "c3",       "e282",     "f09f98",         // truncated at the end
             "c328",     "e228a1",   "e28228",         // bad continuation
             "f0289880", "f09f2880", "f09f9828",       // bad continuation
             "c3a9c3",   "41e2",                       // valid, then truncated
         }) {
        EXPECT_FALSE(isValidUtf8(hex(sequence))) << sequence;
    }
}

TEST(Utf8, FindsBadBytesAtEveryOffsetOfLongAsciiRuns)
{
    for (std::size_t size = 1; size < 40; ++size) {
        for (std::size_t bad = 0; bad < size; ++bad) {
            Bytes text(size, 'a');
            text[bad] = 0x80;
            EXPECT_FALSE(isValidUtf8(text)) << size << " " << bad;
            text[bad] = 0xff;
            EXPECT_FALSE(isValidUtf8(text)) << size << " " << bad;
        }
    }
}

TEST(Utf8, MultiByteCharactersAtEveryAlignment)
{
    for (std::size_t prefix = 0; prefix < 20; ++prefix) {
        Bytes text(prefix, 'a');
        const Bytes euro = hex("e282ac");
        text.insert(text.end(), euro.begin(), euro.end());
        EXPECT_TRUE(isValidUtf8(text)) << prefix;
        text.insert(text.end(), 10, 'b');
        EXPECT_TRUE(isValidUtf8(text)) << prefix;
        text.pop_back();
        text.push_back(0xe2);
        EXPECT_FALSE(isValidUtf8(text)) << prefix;
    }
}

TEST(Utf8, MatchesReferenceForAllSequencesUpToThreeBytes)
{
    Bytes buffer(3);
    for (int a = 0; a < 256; ++a) {
        buffer[0] = static_cast<std::uint8_t>(a);
        ASSERT_EQ(isValidUtf8(ByteView(buffer).first(1)), referenceIsValid(ByteView(buffer).first(1))) << a;
        for (int b = 0; b < 256; ++b) {
            buffer[1] = static_cast<std::uint8_t>(b);
            ASSERT_EQ(isValidUtf8(ByteView(buffer).first(2)), referenceIsValid(ByteView(buffer).first(2)))
                << a << " " << b;
            for (int c = 0; c < 256; ++c) {
                buffer[2] = static_cast<std::uint8_t>(c);
                ASSERT_EQ(isValidUtf8(buffer), referenceIsValid(buffer)) << a << " " << b << " " << c;
            }
        }
    }
}

TEST(Utf8, MatchesReferenceForFourByteLeads)
{
    Bytes buffer(4);
    for (int a = 0xf0; a < 0x100; ++a) {
        for (int b = 0; b < 256; ++b) {
            for (const int c : {0x00, 0x7f, 0x80, 0xbf, 0xc0}) {
                for (const int d : {0x41, 0x80, 0xbf, 0xc0}) {
                    buffer = {static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b),
                              static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(d)};
                    ASSERT_EQ(isValidUtf8(buffer), referenceIsValid(buffer))
                        << a << " " << b << " " << c << " " << d;
                }
            }
        }
    }
}

} // namespace
} // namespace confab::proto
