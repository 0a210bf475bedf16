// Writes the seeds of the relay fuzz targets that need keys: envelopes
// sealed by the fixed sender to the fixed recipient (fuzz_relay_envelope)
// and statements signed by the fixed sender (fuzz_reachability). The
// structural seeds come from make_seed_corpus.py; these follow any change of
// the seal or the signature instead of going stale in the tree.
//
// Usage: fuzz_relay_seeds CORPUS_DIR (the build tree's corpus folder).
#include "crypto/sealed_box.h"
#include "proto/envelope.h"
#include "proto/reachability.h"
#include "proto/receipt.h"
#include "proto/relay_envelope.h"
#include "proto/sealed_content.h"
#include "relay_fuzz_keys.h"

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using namespace confab;
using namespace confab::proto;

constexpr std::uint64_t kTimestampMs = 1700000000000;

MessageId idFilled(std::uint8_t fill)
{
    std::array<std::uint8_t, MessageId::kSize> bytes{};
    bytes.fill(fill);
    return MessageId(bytes);
}

Envelope envelopeOf(EnvelopeKind kind, Bytes body)
{
    Envelope envelope;
    envelope.kind = kind;
    envelope.id = idFilled(0x01);
    envelope.sender = fuzz::relaySender().peerId();
    envelope.recipientType = RecipientType::Peer;
    envelope.recipient = fuzz::relayRecipient().peerId();
    envelope.timestampMs = kTimestampMs;
    envelope.body = std::move(body);
    return envelope;
}

// `envelope` sealed to the fixed recipient as the relay service seals it;
// nullopt if the recipient cannot open it.
std::optional<Bytes> sealedSeed(const Envelope& envelope, std::optional<MessageId> acknowledges)
{
    RelayEnvelope relayed;
    relayed.header.routingId = idFilled(0x10);
    relayed.header.recipient = envelope.recipient;
    relayed.header.hopLimit = kMaxHopLimit;
    relayed.header.expiresMs = kTimestampMs + 24ULL * 60 * 60 * 1000;
    relayed.header.acknowledges = acknowledges;
    SealedContent content;
    content.senderIdentityKey = fuzz::relaySender().publicKey();
    content.envelope = encodeEnvelope(envelope);
    const auto sizeClass =
        sealedSizeClass(content.envelope.size() + SealedContent::kOverhead + crypto::kSealOverhead);
    if (!sizeClass) {
        return std::nullopt;
    }
    const auto plaintext = encodeSealedContent(content, *sizeClass - crypto::kSealOverhead);
    if (!plaintext) {
        return std::nullopt;
    }
    const Bytes prologue = relayPrologue(relayed.header);
    auto box =
        crypto::seal(fuzz::relaySender(), fuzz::relayRecipient().publicKey(), prologue, plaintext.value());
    if (!box) {
        return std::nullopt;
    }
    relayed.sealed = std::move(box).value();
    if (!crypto::openBox(fuzz::relayRecipient(), prologue, relayed.sealed)) {
        return std::nullopt;
    }
    return encodeRelayEnvelope(relayed);
}

ReachabilityStatement signedStatement(const std::string& name, std::uint32_t capabilities)
{
    ReachabilityStatement statement;
    statement.peer = fuzz::relaySender().peerId();
    statement.identityKey = fuzz::relaySender().publicKey();
    statement.issuedMs = kTimestampMs;
    statement.expiresMs = kTimestampMs + 30ULL * 60 * 1000;
    statement.capabilities = capabilities;
    statement.displayName = name;
    statement.signature = fuzz::relaySender().sign(reachabilitySignedBytes(statement));
    return statement;
}

bool writeSeed(const std::filesystem::path& path, const Bytes& seed)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
    if (!file.flush()) {
        std::cerr << "fuzz_relay_seeds: cannot write " << path << "\n";
        return false;
    }
    return true;
}

int writeSeeds(const std::filesystem::path& corpus)
{
    const std::filesystem::path envelopes = corpus / "fuzz_relay_envelope";
    Receipt receipt;
    receipt.state = ReceiptState::Delivered;
    receipt.ids = {idFilled(0x02), idFilled(0x03)};
    const struct {
        const char* name;
        Envelope envelope;
        std::optional<MessageId> acknowledges;
    } sealed[] = {
        {"sealed-text", envelopeOf(EnvelopeKind::Text, Bytes{'h', 'i'}), std::nullopt},
        {"sealed-receipt", envelopeOf(EnvelopeKind::Receipt, encodeReceipt(receipt)), idFilled(0x20)},
        {"sealed-2048", envelopeOf(EnvelopeKind::Text, Bytes(1000, 'x')), std::nullopt},
    };
    for (const auto& seed : sealed) {
        const auto bytes = sealedSeed(seed.envelope, seed.acknowledges);
        if (!bytes) {
            std::cerr << "fuzz_relay_seeds: the " << seed.name << " seed does not open\n";
            return 1;
        }
        if (!writeSeed(envelopes / seed.name, *bytes)) {
            return 1;
        }
    }

    const std::filesystem::path reachability = corpus / "fuzz_reachability";
    const ReachabilityStatement statement = signedStatement("Al", 3);
    const ReachabilityStatement renamed = signedStatement("\xc3\x89lise", 1);
    for (const ReachabilityStatement* s : {&statement, &renamed}) {
        if (!crypto::verifySignature(s->identityKey, reachabilitySignedBytes(*s), s->signature)) {
            std::cerr << "fuzz_relay_seeds: a signed statement does not verify\n";
            return 1;
        }
    }
    if (!writeSeed(reachability / "signed", encodeReachability({{0, statement}})) ||
        !writeSeed(reachability / "signed-two",
                   encodeReachability({{2, renamed}, {ReachabilityEntry::kWithdrawn, statement}}))) {
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: fuzz_relay_seeds CORPUS_DIR\n";
        return 2;
    }
    try {
        return writeSeeds(argv[1]);
    } catch (const std::exception& error) {
        std::cerr << "fuzz_relay_seeds: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "fuzz_relay_seeds: unexpected error\n";
    }
    return 1;
}
