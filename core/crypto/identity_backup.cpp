#include "identity_backup.h"

#include "random.h"
#include "sodium_init.h"

#include <array>
#include <charconv>
#include <optional>
#include <sodium.h>
#include <vector>

namespace confab::crypto {
namespace {

constexpr std::string_view kFirstLine = "Confab identity backup 1";
constexpr std::string_view kAlgorithm = "argon2id13";
// A backup is a few hundred bytes; anything much longer is not one.
constexpr std::size_t kMaxTextSize = 4096;
constexpr std::size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kSealedKeySize = kNonceSize + 32 + crypto_aead_xchacha20poly1305_ietf_ABYTES;
// Bounds for a cost read from a file: a hostile backup must not make the
// node spend minutes or gigabytes before it fails.
constexpr std::uint64_t kMaxOperations = 16;

struct ParsedBackup {
    PeerId id;
    PassphraseCost cost;
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    std::array<std::uint8_t, kSealedKeySize> sealedKey{};
};

bool costIsSupported(const PassphraseCost& cost)
{
    return cost.operations >= crypto_pwhash_argon2id_OPSLIMIT_MIN && cost.operations <= kMaxOperations &&
           cost.memoryBytes >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
           cost.memoryBytes <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

std::string base64Of(std::span<const std::uint8_t> bytes)
{
    std::vector<char> base64(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL));
    sodium_bin2base64(base64.data(), base64.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return {base64.data()};
}

// The lines before "Key:", written the one way they are sealed with.
std::string header(const PeerId& id, const PassphraseCost& cost, std::span<const std::uint8_t> salt)
{
    std::string text(kFirstLine);
    text += "\nID: " + id.toText();
    text += "\nCost: " + std::string(kAlgorithm) + " ops=" + std::to_string(cost.operations) +
            " mem=" + std::to_string(cost.memoryBytes);
    text += "\nSalt: " + base64Of(salt) + "\n";
    return text;
}

// Decodes base64 into exactly `out.size()` bytes.
bool decodeBase64(std::string_view text, std::span<std::uint8_t> out)
{
    std::size_t length = 0;
    const char* end = nullptr;
    return sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           end == text.data() + text.size() && length == out.size();
}

std::optional<std::uint64_t> decimal(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// "Name: value" with exactly that name; the value, or nullopt.
std::optional<std::string_view> field(std::string_view line, std::string_view name)
{
    if (line.size() <= name.size() + 2 || line.substr(0, name.size()) != name ||
        line.substr(name.size(), 2) != ": ") {
        return std::nullopt;
    }
    return line.substr(name.size() + 2);
}

std::optional<PassphraseCost> parseCost(std::string_view value)
{
    const std::string prefix = std::string(kAlgorithm) + " ops=";
    const auto memory = value.find(" mem=");
    if (value.substr(0, prefix.size()) != prefix || memory == std::string_view::npos ||
        memory < prefix.size()) {
        return std::nullopt;
    }
    const auto operations = decimal(value.substr(prefix.size(), memory - prefix.size()));
    const auto memoryBytes = decimal(value.substr(memory + 5));
    if (!operations || !memoryBytes) {
        return std::nullopt;
    }
    return PassphraseCost{*operations, static_cast<std::size_t>(*memoryBytes)};
}

std::vector<std::string_view> linesOf(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        // A backup that went through a Windows machine still opens.
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    return lines;
}

Result<ParsedBackup, BackupError> parse(std::string_view text)
{
    if (text.size() > kMaxTextSize) {
        return BackupError::Malformed;
    }
    const auto lines = linesOf(text);
    if (lines.size() != 5 || lines[0] != kFirstLine) {
        return BackupError::Malformed;
    }
    const auto id = field(lines[1], "ID");
    const auto cost = field(lines[2], "Cost");
    const auto salt = field(lines[3], "Salt");
    const auto key = field(lines[4], "Key");
    if (!id || !cost || !salt || !key) {
        return BackupError::Malformed;
    }
    ParsedBackup parsed;
    const auto peerId = PeerId::fromText(*id);
    const auto parsedCost = parseCost(*cost);
    if (!peerId || !parsedCost || !decodeBase64(*salt, parsed.salt) ||
        !decodeBase64(*key, parsed.sealedKey)) {
        return BackupError::Malformed;
    }
    parsed.id = *peerId;
    parsed.cost = *parsedCost;
    if (!costIsSupported(parsed.cost)) {
        return BackupError::UnsupportedCost;
    }
    return parsed;
}

bool stretch(Secret<32>& key, std::string_view passphrase, std::span<const std::uint8_t> salt,
             const PassphraseCost& cost)
{
    return crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                         cost.operations, cost.memoryBytes, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace

PassphraseCost PassphraseCost::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PassphraseCost PassphraseCost::minimum()
{
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<std::string, BackupError> sealIdentityBackup(const IdentityKeyPair& identity,
                                                    std::string_view passphrase, const PassphraseCost& cost)
{
    initSodium();
    std::array<std::uint8_t, crypto_pwhash_SALTBYTES> salt{};
    randomBytes(salt);
    Secret<32> key;
    if (!stretch(key, passphrase, salt, cost)) {
        return BackupError::OutOfMemory;
    }
    const std::string associated = header(identity.peerId(), cost, salt);
    std::array<std::uint8_t, kSealedKeySize> sealed{};
    randomBytes(std::span(sealed).first(kNonceSize));
    const auto seed = identity.seed().view();
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data() + kNonceSize, nullptr, seed.data(), seed.size(),
                                               reinterpret_cast<const unsigned char*>(associated.data()),
                                               associated.size(), nullptr, sealed.data(), key.data());
    return associated + "Key: " + base64Of(sealed) + "\n";
}

Result<IdentityKeyPair, BackupError> openIdentityBackup(std::string_view text, std::string_view passphrase)
{
    initSodium();
    auto parsed = parse(text);
    if (!parsed) {
        return parsed.error();
    }
    const ParsedBackup& backup = parsed.value();
    Secret<32> key;
    if (!stretch(key, passphrase, backup.salt, backup.cost)) {
        return BackupError::OutOfMemory;
    }
    const std::string associated = header(backup.id, backup.cost, backup.salt);
    Secret<32> seed;
    unsigned long long seedSize = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            seed.data(), &seedSize, nullptr, backup.sealedKey.data() + kNonceSize,
            kSealedKeySize - kNonceSize, reinterpret_cast<const unsigned char*>(associated.data()),
            associated.size(), backup.sealedKey.data(), key.data()) != 0 ||
        seedSize != seed.size()) {
        return BackupError::WrongPassphrase;
    }
    auto identity = IdentityKeyPair::fromSeed(seed);
    // Only the holder of the passphrase can seal a mismatch; refuse it anyway
    // rather than restore a key under a name it does not have.
    if (identity.peerId() != backup.id) {
        return BackupError::Malformed;
    }
    return identity;
}

Result<PeerId, BackupError> identityBackupId(std::string_view text)
{
    auto parsed = parse(text);
    if (!parsed) {
        return parsed.error();
    }
    return parsed.value().id;
}

} // namespace confab::crypto
