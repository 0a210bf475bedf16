#include "crypto/identity_backup.h"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>
#include <sodium.h>
#include <string>
#include <vector>

namespace confab::crypto {
namespace {

const PassphraseCost kCheap = PassphraseCost::minimum();

std::string sealed(const IdentityKeyPair& identity, std::string_view passphrase)
{
    auto text = sealIdentityBackup(identity, passphrase, kCheap);
    EXPECT_TRUE(text.ok());
    return text.ok() ? text.value() : std::string();
}

bool sameKey(const IdentityKeyPair& a, const IdentityKeyPair& b)
{
    return std::ranges::equal(a.seed().view(), b.seed().view()) && a.peerId() == b.peerId();
}

std::string base64(std::span<const std::uint8_t> bytes)
{
    std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL));
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    return out.data();
}

// Replaces the value of the line that starts with `name` ("ID: ", "Salt: " ...).
std::string withLine(std::string text, std::string_view name, std::string_view value)
{
    const auto start = text.find(name);
    const auto end = text.find('\n', start);
    return text.replace(start + name.size(), end - start - name.size(), value);
}

TEST(IdentityBackup, OpensWithItsPassphraseToTheSameKey)
{
    const auto identity = IdentityKeyPair::generate();
    auto opened = openIdentityBackup(sealed(identity, "correct horse battery"), "correct horse battery");
    ASSERT_TRUE(opened.ok());
    EXPECT_TRUE(sameKey(opened.value(), identity));
}

TEST(IdentityBackup, ShowsItsIdAndCostButNotTheKey)
{
    const auto identity = IdentityKeyPair::generate();
    const std::string text = sealed(identity, "passphrase");
    EXPECT_EQ(text.rfind("Confab identity backup 1\nID: " + identity.peerId().toText() + "\n", 0), 0U)
        << text;
    EXPECT_NE(text.find("\nCost: argon2id13 ops=1 mem=8192\n"), std::string::npos) << text;
    EXPECT_EQ(text.find(base64(identity.seed().view())), std::string::npos);
    auto id = identityBackupId(text);
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id.value(), identity.peerId());
}

TEST(IdentityBackup, TwoBackupsOfOneKeyDiffer)
{
    const auto identity = IdentityKeyPair::generate();
    EXPECT_NE(sealed(identity, "same words"), sealed(identity, "same words"));
}

TEST(IdentityBackup, WrongPassphraseIsRefused)
{
    const auto text = sealed(IdentityKeyPair::generate(), "the right one");
    for (const std::string_view wrong : {"the right on", "the right one ", "The right one", ""}) {
        auto opened = openIdentityBackup(text, wrong);
        ASSERT_FALSE(opened.ok()) << wrong;
        EXPECT_EQ(opened.error(), BackupError::WrongPassphrase) << wrong;
    }
}

TEST(IdentityBackup, AlteredHeaderIsRefusedLikeAWrongPassphrase)
{
    const auto identity = IdentityKeyPair::generate();
    const auto other = IdentityKeyPair::generate();
    const std::string text = sealed(identity, "pass");
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    salt[0] = 1;
    const std::string altered[] = {
        withLine(text, "ID: ", other.peerId().toText()),
        withLine(text, "Salt: ", base64(salt)),
        withLine(text, "Cost: ", "argon2id13 ops=2 mem=8192"),
    };
    for (const auto& changed : altered) {
        auto opened = openIdentityBackup(changed, "pass");
        ASSERT_FALSE(opened.ok()) << changed;
        EXPECT_EQ(opened.error(), BackupError::WrongPassphrase) << changed;
    }
}

TEST(IdentityBackup, EveryFlippedKeyCharacterIsCaught)
{
    const std::string text = sealed(IdentityKeyPair::generate(), "pass");
    const auto keyStart = text.find("Key: ") + 5;
    const auto keyEnd = text.size() - 1; // 72 bytes are 96 base64 characters, none of them padding
    for (auto at = keyStart; at < keyEnd; ++at) {
        std::string changed = text;
        changed[at] = changed[at] == 'A' ? 'B' : 'A';
        auto opened = openIdentityBackup(changed, "pass");
        EXPECT_FALSE(opened.ok()) << "character " << at - keyStart;
    }
}

TEST(IdentityBackup, DamagedTextIsMalformed)
{
    const std::string text = sealed(IdentityKeyPair::generate(), "pass");
    const std::string damaged[] = {
        "",
        "hello",
        text.substr(0, text.size() / 2),
        "Confab identity backup 2" + text.substr(text.find('\n')),
        withLine(text, "ID: ", "not-an-id"),
        withLine(text, "Cost: ", "scrypt ops=1 mem=8192"),
        withLine(text, "Cost: ", "argon2id13 ops=1"),
        withLine(text, "Cost: ", "argon2id13 ops=-1 mem=8192"),
        withLine(text, "Cost: ", "argon2id13 ops=99999999999999999999999 mem=8192"),
        withLine(text, "Salt: ", "AAAA"),
        withLine(text, "Key: ", "AAAA"),
        withLine(text, "Key: ", "@@@@"),
        text + "Extra: line\n",
        text + std::string(5000, '\n'),
    };
    for (const auto& bad : damaged) {
        auto opened = openIdentityBackup(bad, "pass");
        ASSERT_FALSE(opened.ok()) << bad;
        EXPECT_EQ(opened.error(), BackupError::Malformed) << bad;
        EXPECT_FALSE(identityBackupId(bad).ok()) << bad;
    }
}

TEST(IdentityBackup, HostileCostIsRefusedBeforeAnyWork)
{
    const std::string text = sealed(IdentityKeyPair::generate(), "pass");
    for (const std::string_view cost : {"argon2id13 ops=1000 mem=8192", "argon2id13 ops=1 mem=68719476736",
                                        "argon2id13 ops=0 mem=8192", "argon2id13 ops=1 mem=1024"}) {
        auto opened = openIdentityBackup(withLine(text, "Cost: ", cost), "pass");
        ASSERT_FALSE(opened.ok()) << cost;
        EXPECT_EQ(opened.error(), BackupError::UnsupportedCost) << cost;
    }
}

TEST(IdentityBackup, WindowsLineEndingsStillOpen)
{
    const auto identity = IdentityKeyPair::generate();
    std::string text = sealed(identity, "pass");
    std::string crlf;
    for (const char c : text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    auto opened = openIdentityBackup(crlf, "pass");
    ASSERT_TRUE(opened.ok());
    EXPECT_TRUE(sameKey(opened.value(), identity));
}

// A backup written by hand from the documented format, with libsodium alone,
// opens: the format is what docs/CONTROL.md says, not whatever the sealer does.
TEST(IdentityBackup, BackupBuiltFromTheDocumentedFormatOpens)
{
    ASSERT_GE(sodium_init(), 0);
    const auto identity = IdentityKeyPair::generate();
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    randombytes_buf(salt.data(), salt.size());
    const std::string passphrase = "documented";
    std::array<std::uint8_t, 32> key{};
    ASSERT_EQ(crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(), 2,
                            16384, crypto_pwhash_ALG_ARGON2ID13),
              0);
    const std::string header = "Confab identity backup 1\nID: " + identity.peerId().toText() +
                               "\nCost: argon2id13 ops=2 mem=16384\nSalt: " + base64(salt) + "\n";
    std::vector<std::uint8_t> sealedKey(24 + 32 + 16);
    randombytes_buf(sealedKey.data(), 24);
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealedKey.data() + 24, nullptr, identity.seed().view().data(),
                                               32, reinterpret_cast<const unsigned char*>(header.data()),
                                               header.size(), nullptr, sealedKey.data(), key.data());
    auto opened = openIdentityBackup(header + "Key: " + base64(sealedKey) + "\n", passphrase);
    ASSERT_TRUE(opened.ok());
    EXPECT_TRUE(sameKey(opened.value(), identity));
}

TEST(IdentityBackup, KeyOfAnotherIdIsRefusedEvenWithThePassphrase)
{
    ASSERT_GE(sodium_init(), 0);
    const auto identity = IdentityKeyPair::generate();
    const auto claimed = IdentityKeyPair::generate();
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    std::array<std::uint8_t, 32> key{};
    ASSERT_EQ(
        crypto_pwhash(key.data(), key.size(), "p", 1, salt.data(), 1, 8192, crypto_pwhash_ALG_ARGON2ID13), 0);
    const std::string header = "Confab identity backup 1\nID: " + claimed.peerId().toText() +
                               "\nCost: argon2id13 ops=1 mem=8192\nSalt: " + base64(salt) + "\n";
    std::vector<std::uint8_t> sealedKey(24 + 32 + 16);
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealedKey.data() + 24, nullptr, identity.seed().view().data(),
                                               32, reinterpret_cast<const unsigned char*>(header.data()),
                                               header.size(), nullptr, sealedKey.data(), key.data());
    auto opened = openIdentityBackup(header + "Key: " + base64(sealedKey) + "\n", "p");
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error(), BackupError::Malformed);
}

} // namespace
} // namespace confab::crypto
