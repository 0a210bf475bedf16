#include "reachability.h"

#include "byte_io.h"
#include "limits.h"
#include "relay_envelope.h"
#include "utf8.h"

#include <algorithm>
#include <string_view>

namespace confab::proto {
namespace {

constexpr std::string_view kSignatureLabel = "confab reachability v1";

void writeFields(ByteWriter& writer, const ReachabilityStatement& statement)
{
    writer.raw(statement.peer.bytes());
    writer.raw(statement.identityKey);
    writer.u64(statement.issuedMs);
    writer.u64(statement.expiresMs);
    writer.u32(statement.capabilities);
    // An over-long name is cut by the encoder, at a character boundary.
    const std::string_view name = truncateUtf8(statement.displayName, kMaxDisplayNameBytes);
    writer.u8(static_cast<std::uint8_t>(name.size()));
    writer.raw(asBytes(name));
}

} // namespace

Bytes reachabilitySignedBytes(const ReachabilityStatement& statement)
{
    Bytes out;
    ByteWriter writer(out);
    writer.raw(asBytes(kSignatureLabel));
    writeFields(writer, statement);
    return out;
}

Bytes encodeReachability(const std::vector<ReachabilityEntry>& entries)
{
    Bytes out;
    ByteWriter writer(out);
    const std::size_t count = std::min(entries.size(), kMaxReachabilityEntries);
    writer.u8(static_cast<std::uint8_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
        writer.u8(entries[i].hops);
        writeFields(writer, entries[i].statement);
        writer.raw(entries[i].statement.signature);
    }
    return out;
}

Result<std::vector<ReachabilityEntry>, ReachabilityError> decodeReachability(ByteView bytes)
{
    ByteReader reader(bytes);
    const auto count = reader.u8();
    if (!count) {
        return ReachabilityError::Truncated;
    }
    if (*count == 0 || *count > kMaxReachabilityEntries) {
        return ReachabilityError::BadCount;
    }
    std::vector<ReachabilityEntry> entries;
    entries.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        ReachabilityEntry entry;
        const auto hops = reader.u8();
        const auto peer = reader.raw(PeerId::kSize);
        const auto key = reader.raw(32);
        const auto issued = reader.u64();
        const auto expires = reader.u64();
        const auto capabilities = reader.u32();
        const auto nameSize = reader.u8();
        if (!hops || !peer || !key || !issued || !expires || !capabilities || !nameSize) {
            return ReachabilityError::Truncated;
        }
        if (*hops > ReachabilityEntry::kMaxHops && *hops != ReachabilityEntry::kWithdrawn) {
            return ReachabilityError::BadHops;
        }
        if (*nameSize > kMaxDisplayNameBytes) {
            return ReachabilityError::NameTooLong;
        }
        const auto name = reader.raw(*nameSize);
        const auto signature = reader.raw(64);
        if (!name || !signature) {
            return ReachabilityError::Truncated;
        }
        if (!isValidUtf8(*name)) {
            return ReachabilityError::BadUtf8;
        }
        entry.hops = *hops;
        entry.statement.peer = *PeerId::fromBytes(*peer);
        std::copy(key->begin(), key->end(), entry.statement.identityKey.begin());
        entry.statement.issuedMs = *issued;
        entry.statement.expiresMs = *expires;
        entry.statement.capabilities = *capabilities;
        entry.statement.displayName = std::string(asText(*name));
        std::copy(signature->begin(), signature->end(), entry.statement.signature.begin());
        entries.push_back(std::move(entry));
    }
    if (!reader.atEnd()) {
        return ReachabilityError::TrailingBytes;
    }
    return entries;
}

const char* toString(ReachabilityError error)
{
    switch (error) {
    case ReachabilityError::Truncated:
        return "truncated reachability statement";
    case ReachabilityError::BadCount:
        return "reachability message with no entries or more than 32";
    case ReachabilityError::BadHops:
        return "reachability hop count of 7 to 254";
    case ReachabilityError::NameTooLong:
        return "display name longer than 64 bytes";
    case ReachabilityError::BadUtf8:
        return "display name is not UTF-8";
    case ReachabilityError::TrailingBytes:
        return "bytes after the reachability entries";
    }
    return "unknown reachability error";
}

} // namespace confab::proto
