#include "incoming_drop.h"

#include "crypto/content_hash.h"
#include "received_name.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace confab::files {
namespace {

// The top-level folder a sent name was given here, from "sent/on disk" lines.
std::optional<QString> claimedName(const QStringList& topNames, const QString& sent)
{
    for (const QString& line : topNames) {
        const qsizetype slash = line.indexOf(QLatin1Char('/'));
        if (slash > 0 && line.left(slash) == sent) {
            return line.mid(slash + 1);
        }
    }
    return std::nullopt;
}

} // namespace

IncomingDrop::IncomingDrop(const proto::TransferId& id, proto::Manifest manifest, DownloadFolder& folder)
    : m_id(id), m_manifest(std::move(manifest)), m_folder(folder)
{
}

IncomingDrop::Problem IncomingDrop::problemOf(const DiskProblem& problem)
{
    switch (problem.kind) {
    case DiskProblem::Kind::Full:
        return {proto::DropReason::DiskFull, problem.message};
    case DiskProblem::Kind::NotWritable:
        return {proto::DropReason::FolderNotWritable, problem.message};
    case DiskProblem::Kind::Refused:
        return {proto::DropReason::Refused, problem.message};
    case DiskProblem::Kind::Gone:
    case DiskProblem::Kind::Other:
        break;
    }
    return {proto::DropReason::FolderNotWritable, problem.message};
}

Result<std::unique_ptr<IncomingDrop>, IncomingDrop::Problem>
IncomingDrop::prepare(const proto::TransferId& id, proto::Manifest manifest, DownloadFolder& folder,
                      QStringList& topNames, std::map<std::uint32_t, storage::ReceivedFileState> saved)
{
    std::unique_ptr<IncomingDrop> drop(new IncomingDrop(id, std::move(manifest), folder));
    const auto& entries = drop->m_manifest.entries;
    drop->m_placed.reserve(entries.size());
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
        const proto::ManifestEntry& entry = entries[i];
        auto parts = cleanReceivedPath(QString::fromStdString(entry.path));
        if (!parts) {
            return Problem{proto::DropReason::Refused,
                           QCoreApplication::translate(
                               "Transfers", "The drop holds a path that cannot be saved safely (%1).")
                               .arg(QCoreApplication::translate("Transfers", toString(parts.error())))};
        }
        QStringList path = std::move(parts).value();
        // Everything inside a sent folder goes into a folder of its own here,
        // under a name nothing else has: "photos", or "photos (1)" when a
        // "photos" is there already. Claimed once, remembered for resuming.
        const bool topLevelFolder = path.size() > 1 || entry.kind == proto::ManifestEntryKind::Folder;
        if (topLevelFolder) {
            const QString sent = path.front();
            auto onDisk = claimedName(topNames, sent);
            if (!onDisk) {
                auto claimed = folder.claimTopFolder(sent);
                if (!claimed) {
                    return problemOf(claimed.error());
                }
                onDisk = claimed.value();
                topNames.append(sent + QLatin1Char('/') + *onDisk);
            }
            path.front() = *onDisk;
        }
        Placed placed;
        placed.name = path.takeLast();
        placed.parent = path;
        drop->m_placed.push_back(placed);

        if (entry.kind == proto::ManifestEntryKind::Folder) {
            QStringList whole = placed.parent;
            whole.append(placed.name);
            if (auto problem = folder.ensureFolder(whole)) {
                return problemOf(*problem);
            }
            continue;
        }
        storage::ReceivedFileState state;
        if (auto it = saved.find(i); it != saved.end()) {
            state = std::move(it->second);
        }
        const std::uint32_t chunks = drop->m_manifest.chunkCount(i);
        state.verified.resize((chunks + 7) / 8, 0);
        drop->m_files.emplace(i, std::move(state));
        if (drop->m_files[i].finalName) {
            continue; // already in place
        }
        for (std::uint32_t c = 0; c < chunks; ++c) {
            if (drop->isVerified(i, c)) {
                drop->m_bytesVerified += drop->m_manifest.chunkLength(i, c);
            } else {
                ++drop->m_missingChunks;
            }
        }
    }
    return drop;
}

bool IncomingDrop::isVerified(std::uint32_t entry, std::uint32_t chunk) const
{
    const Bytes& bits = m_files.at(entry).verified;
    return (bits[chunk / 8] >> (chunk % 8) & 1U) != 0;
}

void IncomingDrop::setVerified(std::uint32_t entry, std::uint32_t chunk, bool verified)
{
    storage::ReceivedFileState& state = m_files.at(entry);
    const auto mask = static_cast<std::uint8_t>(1U << (chunk % 8));
    if (verified) {
        state.verified[chunk / 8] |= mask;
    } else {
        state.verified[chunk / 8] &= static_cast<std::uint8_t>(~mask);
    }
    m_changed[entry] = state;
}

std::vector<proto::TransferRecord> rangeRecords(proto::TransferRecordType type,
                                                const std::vector<proto::ChunkRange>& ranges)
{
    std::vector<proto::TransferRecord> records;
    for (std::size_t at = 0; at < ranges.size(); at += proto::kMaxWantRanges) {
        proto::TransferRecord record;
        record.type = type;
        const std::size_t end = std::min(ranges.size(), at + proto::kMaxWantRanges);
        record.ranges.assign(ranges.begin() + static_cast<std::ptrdiff_t>(at),
                             ranges.begin() + static_cast<std::ptrdiff_t>(end));
        records.push_back(std::move(record));
    }
    return records;
}

std::vector<proto::ChunkRange> IncomingDrop::rangesWhere(bool verified) const
{
    std::vector<proto::ChunkRange> ranges;
    for (const auto& [entry, state] : m_files) {
        const std::uint32_t chunks = state.finalName ? 0 : m_manifest.chunkCount(entry);
        for (std::uint32_t c = 0; c < chunks; ++c) {
            if (isVerified(entry, c) != verified) {
                continue;
            }
            if (!ranges.empty() && ranges.back().entry == entry &&
                ranges.back().firstChunk + ranges.back().chunkCount == c) {
                ++ranges.back().chunkCount;
            } else {
                ranges.push_back({entry, c, 1});
            }
        }
    }
    return ranges;
}

std::vector<proto::TransferRecord> IncomingDrop::wants() const
{
    return rangeRecords(proto::TransferRecordType::Want, rangesWhere(false));
}

QString IncomingDrop::partialName(std::uint32_t entry) const
{
    return partialFileName(m_id, entry);
}

QString IncomingDrop::placedPath(std::uint32_t index) const
{
    const Placed& placed = m_placed.at(index);
    QString name = placed.name;
    if (const auto it = m_files.find(index); it != m_files.end() && it->second.finalName) {
        name = *it->second.finalName;
    }
    QStringList path = placed.parent;
    path.append(name);
    return path.join(QLatin1Char('/'));
}

Result<PartialFile*, IncomingDrop::Problem> IncomingDrop::partial(std::uint32_t entry)
{
    if (auto it = m_open.find(entry); it != m_open.end()) {
        return &it->second;
    }
    // Chunks come in entry order, so only the newest few files are open; a
    // sender jumping around must not exhaust the descriptors.
    constexpr std::size_t kMaxOpen = 16;
    if (m_open.size() >= kMaxOpen) {
        m_open.erase(m_open.begin());
    }
    const Placed& placed = m_placed.at(entry);
    auto opened = m_folder.openPartial(placed.parent, partialName(entry), m_manifest.entries[entry].size);
    if (!opened) {
        return problemOf(opened.error());
    }
    auto [it, inserted] = m_open.emplace(entry, std::move(opened).value());
    return &it->second;
}

Result<IncomingDrop::ChunkOutcome, IncomingDrop::Problem>
IncomingDrop::onChunk(const proto::TransferRecord& record, QString& protocolError, From from)
{
    const auto it = m_files.find(record.entry);
    if (it == m_files.end() || it->second.finalName || record.chunk >= m_manifest.chunkCount(record.entry) ||
        isVerified(record.entry, record.chunk)) {
        protocolError = QStringLiteral("a chunk that was not asked for (entry %1, chunk %2)")
                            .arg(record.entry)
                            .arg(record.chunk);
        return ChunkOutcome{};
    }
    if (record.data.size() != m_manifest.chunkLength(record.entry, record.chunk)) {
        protocolError = QStringLiteral("chunk %1 of entry %2 has %3 bytes, not %4")
                            .arg(record.chunk)
                            .arg(record.entry)
                            .arg(record.data.size())
                            .arg(m_manifest.chunkLength(record.entry, record.chunk));
        return ChunkOutcome{};
    }
    if (crypto::contentHash(record.data) != m_manifest.chunkHash(record.entry, record.chunk)) {
        if (from == From::OtherReceiver) {
            return ChunkOutcome{0, true};
        }
        if (++m_mismatches[{record.entry, record.chunk}] >= kMaxMismatches) {
            return Problem{proto::DropReason::Damaged,
                           QCoreApplication::translate("Transfers", "Part of “%1” kept arriving damaged.")
                               .arg(placedPath(record.entry))};
        }
        m_again.push_back({record.entry, record.chunk, 1});
        return ChunkOutcome{0, true};
    }
    auto file = partial(record.entry);
    if (!file) {
        return file.error();
    }
    const std::uint64_t offset = std::uint64_t{record.chunk} * m_manifest.chunkSize;
    if (auto problem = file.value()->writeAt(offset, record.data)) {
        return problemOf(*problem);
    }
    setVerified(record.entry, record.chunk, true);
    --m_missingChunks;
    m_bytesVerified += record.data.size();
    return ChunkOutcome{record.data.size(), false};
}

bool IncomingDrop::isMissing(std::uint32_t entry, std::uint32_t chunk) const
{
    const auto it = m_files.find(entry);
    return it != m_files.end() && !it->second.finalName && chunk < m_manifest.chunkCount(entry) &&
           !isVerified(entry, chunk);
}

bool IncomingDrop::holds(std::uint32_t entry, std::uint32_t chunk) const
{
    const auto it = m_files.find(entry);
    return it != m_files.end() && !it->second.finalName && chunk < m_manifest.chunkCount(entry) &&
           isVerified(entry, chunk);
}

std::vector<proto::ChunkRange> IncomingDrop::heldRanges() const
{
    return rangesWhere(true);
}

Result<Bytes, IncomingDrop::Problem> IncomingDrop::readHeld(std::uint32_t entry, std::uint32_t chunk)
{
    auto file = partial(entry);
    if (!file) {
        return file.error();
    }
    auto data = file.value()->readAt(std::uint64_t{chunk} * m_manifest.chunkSize,
                                     m_manifest.chunkLength(entry, chunk));
    if (!data) {
        return problemOf(data.error());
    }
    return std::move(data).value();
}

std::vector<proto::TransferRecord> IncomingDrop::wantAgain()
{
    return rangeRecords(proto::TransferRecordType::Want, std::exchange(m_again, {}));
}

Result<bool, IncomingDrop::Problem> IncomingDrop::checkWholeFile(std::uint32_t entry)
{
    auto file = partial(entry);
    if (!file) {
        return file.error();
    }
    const std::uint32_t chunks = m_manifest.chunkCount(entry);
    // Reads the partial file back a chunk at a time, as it is on the disk now.
    const auto eachChunk = [&](const auto& use) -> std::optional<Problem> {
        for (std::uint32_t c = 0; c < chunks; ++c) {
            const std::uint64_t offset = std::uint64_t{c} * m_manifest.chunkSize;
            auto data = file.value()->readAt(offset, m_manifest.chunkLength(entry, c));
            if (!data) {
                return problemOf(data.error());
            }
            use(c, data.value());
        }
        return std::nullopt;
    };
    // Every hash pass costs about as much as decrypting the whole transfer,
    // so the usual case takes one: the file hash, which the user can check
    // with b2sum. Only a file that differs is read again, to find the chunks
    // to fetch again.
    crypto::ContentHasher whole;
    if (auto problem = eachChunk([&](std::uint32_t, const Bytes& data) { whole.update(data); })) {
        return *problem;
    }
    if (whole.finish() == m_manifest.entries[entry].fileHash) {
        return true;
    }
    std::vector<std::uint32_t> bad;
    if (chunks == 1) {
        bad.push_back(0); // its file hash is its chunk hash
    } else if (auto problem = eachChunk([&](std::uint32_t c, const Bytes& data) {
                   if (crypto::contentHash(data) != m_manifest.chunkHash(entry, c)) {
                       bad.push_back(c);
                   }
               })) {
        return *problem;
    }
    if (bad.empty()) {
        // Every chunk matches and the whole does not: the offer contradicts itself.
        return Problem{proto::DropReason::Refused,
                       QCoreApplication::translate("Transfers", "“%1” does not match what was offered.")
                           .arg(placedPath(entry))};
    }
    for (const std::uint32_t c : bad) {
        setVerified(entry, c, false);
        ++m_missingChunks;
        m_bytesVerified -= m_manifest.chunkLength(entry, c);
        m_again.push_back({entry, c, 1});
    }
    return false;
}

Result<std::vector<proto::TransferRecord>, IncomingDrop::Problem> IncomingDrop::finish()
{
    bool allGood = true;
    for (const auto& [entry, state] : m_files) {
        if (state.finalName) {
            continue;
        }
        auto good = checkWholeFile(entry);
        if (!good) {
            return good.error();
        }
        allGood = allGood && good.value();
    }
    if (!allGood) {
        return wantAgain();
    }
    // The files' bytes are on the disk before any of their names are.
    if (auto problem = m_folder.syncWritten()) {
        return problemOf(*problem);
    }
    for (auto& [entry, state] : m_files) {
        if (state.finalName) {
            continue;
        }
        auto file = partial(entry);
        if (!file) {
            return file.error();
        }
        PartialFile partialFile = std::move(*file.value());
        m_open.erase(entry);
        auto finalName =
            m_folder.commit(std::move(partialFile), m_placed[entry].name, m_manifest.entries[entry].mtimeNs);
        if (!finalName) {
            return problemOf(finalName.error());
        }
        state.finalName = finalName.value();
        m_changed[entry] = state;
    }
    // Deepest first: setting a folder's time after its contents were written.
    std::vector<std::uint32_t> folders;
    for (std::uint32_t i = 0; i < m_manifest.entries.size(); ++i) {
        if (m_manifest.entries[i].kind == proto::ManifestEntryKind::Folder) {
            folders.push_back(i);
        }
    }
    std::sort(folders.begin(), folders.end(), [this](std::uint32_t a, std::uint32_t b) {
        return m_placed[a].parent.size() > m_placed[b].parent.size();
    });
    for (const std::uint32_t i : folders) {
        QStringList whole = m_placed[i].parent;
        whole.append(m_placed[i].name);
        // A folder time that cannot be set is not worth failing a drop for.
        (void)m_folder.setFolderTime(whole, m_manifest.entries[i].mtimeNs);
    }
    m_finished = true;
    return std::vector<proto::TransferRecord>{};
}

void IncomingDrop::removePartials()
{
    m_open.clear();
    for (const auto& [entry, state] : m_files) {
        if (!state.finalName) {
            (void)m_folder.removePartial(m_placed[entry].parent, partialName(entry));
        }
    }
}

QStringList IncomingDrop::topLevelPaths() const
{
    QStringList paths;
    for (std::uint32_t i = 0; i < m_placed.size(); ++i) {
        const QString top = placedPath(i).section(QLatin1Char('/'), 0, 0);
        if (!paths.contains(top)) {
            paths.append(top);
        }
    }
    return paths;
}

std::map<std::uint32_t, storage::ReceivedFileState> IncomingDrop::takeChanged()
{
    return std::exchange(m_changed, {});
}

} // namespace confab::files
