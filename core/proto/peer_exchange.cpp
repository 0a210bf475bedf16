#include "peer_exchange.h"

#include "byte_io.h"

#include <algorithm>

namespace confab::proto {
namespace {

bool validHost(std::string_view host)
{
    return !host.empty() && host.size() <= kMaxPeerExchangeHostBytes &&
           std::all_of(host.begin(), host.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                      c == '.' || c == ':';
           });
}

} // namespace

Bytes encodePeerExchange(const std::vector<PeerExchangeEntry>& entries)
{
    std::vector<const PeerExchangeEntry*> valid;
    for (const PeerExchangeEntry& entry : entries) {
        if (valid.size() < kMaxPeerExchangeEntries && validHost(entry.host) && entry.port != 0) {
            valid.push_back(&entry);
        }
    }
    Bytes out;
    ByteWriter writer(out);
    writer.u8(static_cast<std::uint8_t>(valid.size()));
    for (const PeerExchangeEntry* entry : valid) {
        writer.raw(entry->id.bytes());
        writer.u8(static_cast<std::uint8_t>(entry->host.size()));
        writer.raw(asBytes(entry->host));
        writer.u16(entry->port);
    }
    return out;
}

Result<std::vector<PeerExchangeEntry>, PeerExchangeError> decodePeerExchange(ByteView body)
{
    ByteReader reader(body);
    const auto count = reader.u8();
    if (!count) {
        return PeerExchangeError::Truncated;
    }
    if (*count > kMaxPeerExchangeEntries) {
        return PeerExchangeError::TooManyEntries;
    }
    std::vector<PeerExchangeEntry> entries;
    entries.reserve(*count);
    for (std::uint8_t i = 0; i < *count; ++i) {
        const auto id = reader.raw(PeerId::kSize);
        const auto hostSize = reader.u8();
        if (!id || !hostSize) {
            return PeerExchangeError::Truncated;
        }
        const auto host = reader.raw(*hostSize);
        const auto port = reader.u16();
        if (!host || !port) {
            return PeerExchangeError::Truncated;
        }
        PeerExchangeEntry entry{*PeerId::fromBytes(*id), std::string(asText(*host)), *port};
        if (!validHost(entry.host)) {
            return PeerExchangeError::BadHost;
        }
        if (entry.port == 0) {
            return PeerExchangeError::BadPort;
        }
        entries.push_back(std::move(entry));
    }
    if (!reader.atEnd()) {
        return PeerExchangeError::TrailingBytes;
    }
    return entries;
}

} // namespace confab::proto
