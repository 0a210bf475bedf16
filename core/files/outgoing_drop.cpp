#include "outgoing_drop.h"

namespace confab::files {

OutgoingDrop::OutgoingDrop(const proto::Manifest& manifest, ByteView encodedManifest, SourceReader& reader)
    : m_manifest(manifest), m_encodedManifest(encodedManifest), m_reader(reader)
{
}

Result<OutgoingDrop::Reaction, QString> OutgoingDrop::onRecord(const proto::TransferRecord& record)
{
    using Type = proto::TransferRecordType;
    if (!m_greeted && record.type != Type::Hello) {
        return QStringLiteral("the receiver did not start with Hello");
    }
    switch (record.type) {
    case Type::Hello:
        if (m_greeted) {
            return QStringLiteral("a second Hello");
        }
        m_greeted = true;
        if (record.wantManifest) {
            m_manifestOffset = 0;
        }
        return Reaction{};
    case Type::Want:
        return onWant(record);
    case Type::Have:
        return onHave(record);
    case Type::Done:
        return Reaction{Step::Done};
    case Type::Stop:
        return Reaction{Step::Stop, record.reason};
    case Type::ManifestPart:
    case Type::Chunk:
    case Type::Swarm:
        break;
    }
    return QStringLiteral("a record only a sender sends");
}

std::optional<QString> OutgoingDrop::checkRange(const proto::ChunkRange& range) const
{
    if (range.entry >= m_manifest.entries.size() ||
        m_manifest.entries[range.entry].kind != proto::ManifestEntryKind::File) {
        return QStringLiteral("a range of entry %1, which is not a file of the drop").arg(range.entry);
    }
    const std::uint64_t end = std::uint64_t{range.firstChunk} + range.chunkCount;
    if (end > m_manifest.chunkCount(range.entry)) {
        return QStringLiteral("a range past the end of entry %1").arg(range.entry);
    }
    return std::nullopt;
}

Result<OutgoingDrop::Reaction, QString> OutgoingDrop::onWant(const proto::TransferRecord& record)
{
    for (const proto::ChunkRange& range : record.ranges) {
        if (auto problem = checkRange(range)) {
            return *problem;
        }
        if (m_wanted.size() >= kMaxQueuedRanges) {
            return QStringLiteral("more than %1 wanted ranges at once").arg(kMaxQueuedRanges);
        }
        m_wanted.push_back(range);
    }
    return Reaction{};
}

Result<OutgoingDrop::Reaction, QString> OutgoingDrop::onHave(const proto::TransferRecord& record)
{
    for (const proto::ChunkRange& range : record.ranges) {
        if (auto problem = checkRange(range)) {
            return *problem;
        }
        for (std::uint32_t c = 0; c < range.chunkCount; ++c) {
            m_bytesHeldThere += m_manifest.chunkLength(range.entry, range.firstChunk + c);
        }
    }
    return Reaction{};
}

std::optional<Result<Bytes, SourceProblem>> OutgoingDrop::nextRecord()
{
    if (m_manifestOffset) {
        const std::size_t offset = *m_manifestOffset;
        const std::size_t length = std::min(proto::kMaxManifestPartSize, m_encodedManifest.size() - offset);
        proto::TransferRecord part;
        part.type = proto::TransferRecordType::ManifestPart;
        part.offset = static_cast<std::uint32_t>(offset);
        part.data.assign(m_encodedManifest.begin() + static_cast<std::ptrdiff_t>(offset),
                         m_encodedManifest.begin() + static_cast<std::ptrdiff_t>(offset + length));
        m_manifestOffset = offset + length;
        if (*m_manifestOffset >= m_encodedManifest.size()) {
            m_manifestOffset.reset();
        }
        return Result<Bytes, SourceProblem>(proto::encodeTransferRecord(part));
    }
    if (m_wanted.empty()) {
        return std::nullopt;
    }
    proto::ChunkRange& range = m_wanted.front();
    const std::uint32_t entry = range.entry;
    const std::uint32_t chunk = range.firstChunk;
    if (--range.chunkCount == 0) {
        m_wanted.pop_front();
    } else {
        ++range.firstChunk;
    }
    auto data = m_reader.readChunk(entry, chunk);
    if (!data) {
        return Result<Bytes, SourceProblem>(data.error());
    }
    proto::TransferRecord record;
    record.type = proto::TransferRecordType::Chunk;
    record.entry = entry;
    record.chunk = chunk;
    record.data = std::move(data).value();
    m_bytesSent += record.data.size();
    return Result<Bytes, SourceProblem>(proto::encodeTransferRecord(record));
}

} // namespace confab::files
