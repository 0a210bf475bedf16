#include "receiving_connection.h"

#include "crypto/content_hash.h"
#include "hex_text.h"
#include "session/transfer_channel.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace confab::files {
namespace {

// The manifest `bytes` when it is the one the offer promised.
std::optional<proto::Manifest> matchingManifest(const proto::FileOffer& offer, const Bytes& bytes)
{
    const auto hash = crypto::contentHash(bytes);
    auto manifest = proto::decodeManifest(bytes);
    if (!std::equal(hash.begin(), hash.end(), offer.manifestHash.begin()) || !manifest) {
        return std::nullopt;
    }
    std::uint32_t files = 0;
    std::uint64_t total = 0;
    for (const auto& entry : manifest.value().entries) {
        if (entry.kind == proto::ManifestEntryKind::File) {
            ++files;
            total += entry.size;
        }
    }
    if (files != offer.fileCount || total != offer.totalBytes) {
        return std::nullopt;
    }
    return std::move(manifest).value();
}

} // namespace

ReceivingConnection::ReceivingConnection(std::unique_ptr<session::TransferChannel> channel, Drop drop,
                                         Clock& clock, Reporter report)
    : DropConnection(std::move(channel), clock, std::move(report)), m_drop(std::move(drop))
{
}

ReceivingConnection::~ReceivingConnection()
{
    for (const auto& other : m_others) {
        other->channel->disconnect(this);
        other->channel->close();
    }
}

void ReceivingConnection::begin()
{
    proto::TransferRecord hello;
    hello.type = proto::TransferRecordType::Hello;
    hello.wantManifest = m_drop.manifest.empty();
    // The others must be known before the first Want: with them, the sender
    // is asked for a window of chunks at a time, not for all of them.
    hello.wantSwarm = m_drop.senderSwarms;
    m_awaitingSwarm = hello.wantSwarm;
    send(hello);
    if (!hello.wantManifest && !m_awaitingSwarm) {
        startAfterManifest();
    }
}

void ReceivingConnection::onRecord(const proto::TransferRecord& record)
{
    switch (record.type) {
    case proto::TransferRecordType::ManifestPart:
        onManifestPart(record);
        return;
    case proto::TransferRecordType::Chunk:
        onChunk(record);
        return;
    case proto::TransferRecordType::Swarm:
        onSwarm(record);
        return;
    case proto::TransferRecordType::Stop:
        // The sender stopped: its answer envelope says why and for how long.
        end(DropEnded{
            DropEnded::How::Closed, proto::DropReason::None, QStringLiteral("the sender stopped"), {}});
        return;
    case proto::TransferRecordType::Hello:
    case proto::TransferRecordType::Want:
    case proto::TransferRecordType::Done:
    case proto::TransferRecordType::Have:
        break;
    }
    closeBroken(QStringLiteral("a record only a receiver sends"));
}

void ReceivingConnection::onManifestPart(const proto::TransferRecord& record)
{
    const std::uint32_t expected = m_drop.offer.manifestLength;
    if (!m_drop.manifest.empty() || record.offset != m_manifestBytes.size() ||
        m_manifestBytes.size() + record.data.size() > expected) {
        closeBroken(QStringLiteral("a manifest part out of place"));
        return;
    }
    m_manifestBytes.insert(m_manifestBytes.end(), record.data.begin(), record.data.end());
    if (m_manifestBytes.size() < expected) {
        return;
    }
    const auto manifest = matchingManifest(m_drop.offer, m_manifestBytes);
    if (!manifest) {
        problem(
            {proto::DropReason::Refused,
             QCoreApplication::translate("Transfers", "The list of files sent does not match the offer.")});
        return;
    }
    QString fileHash;
    if (manifest->entries.size() == 1 && manifest->entries[0].kind == proto::ManifestEntryKind::File) {
        const auto& hash = manifest->entries[0].fileHash;
        fileHash = hexOf(ByteView(hash.data(), hash.size()));
    }
    m_drop.manifest = std::move(m_manifestBytes);
    m_manifestBytes.clear();
    report(DropManifestArrived{m_drop.manifest, fileHash});
    if (!m_awaitingSwarm) {
        startAfterManifest();
    }
}

void ReceivingConnection::startAfterManifest()
{
    if (!m_incoming) {
        auto folder = DownloadFolder::open(m_drop.folder);
        if (!folder) {
            problem({proto::DropReason::FolderNotWritable, folder.error().message});
            return;
        }
        m_folder.emplace(std::move(folder).value());
        auto prepared =
            IncomingDrop::prepare(channel().transferId(), proto::decodeManifest(m_drop.manifest).value(),
                                  *m_folder, m_drop.topNames, std::move(m_drop.saved));
        if (!prepared) {
            problem(prepared.error());
            return;
        }
        m_incoming = std::move(prepared).value();
        m_reportedBytes = m_incoming->bytesVerified();
        report(DropFoldersClaimed{m_drop.topNames});
    }
    if (m_swarm.empty()) {
        sendAll(m_incoming->wants());
    } else {
        startSwarm();
    }
    finishIfWhole();
}

void ReceivingConnection::onChunk(const proto::TransferRecord& record)
{
    if (!m_incoming) {
        closeBroken(QStringLiteral("a chunk before the manifest"));
        return;
    }
    if (swarming() && m_scheduler->askedFrom(record.entry, record.chunk) != ChunkScheduler::kSender) {
        closeBroken(QStringLiteral("a chunk that was not asked for (entry %1, chunk %2)")
                        .arg(record.entry)
                        .arg(record.chunk));
        return;
    }
    takeChunk(record, ChunkScheduler::kSender);
}

bool ReceivingConnection::takeChunk(const proto::TransferRecord& record, ChunkScheduler::SourceId source)
{
    const bool fromSender = source == ChunkScheduler::kSender;
    QString protocolError;
    auto outcome = m_incoming->onChunk(
        record, protocolError, fromSender ? IncomingDrop::From::Sender : IncomingDrop::From::OtherReceiver);
    if (!protocolError.isEmpty()) {
        closeBroken(protocolError);
        return false;
    }
    if (!outcome) {
        problem(outcome.error());
        return false;
    }
    if (outcome.value().damaged) {
        if (!swarming()) {
            sendAll(m_incoming->wantAgain());
        } else {
            (void)m_incoming->wantAgain(); // the scheduler asks again
            m_scheduler->damaged(record.entry, record.chunk);
        }
    } else if (swarming()) {
        m_scheduler->arrived(record.entry, record.chunk);
        m_newlyHeld.push_back({record.entry, record.chunk, 1});
        if (!fromSender) {
            m_unreportedFromOthers += outcome.value().bytesAccepted;
        }
    }
    // Saved once a chunk's worth arrived: a drop of many small files is not
    // a save per file.
    m_unsavedBytes += outcome.value().bytesAccepted;
    if (m_unsavedBytes >= m_incoming->manifest().chunkSize) {
        reportProgress();
    }
    return true;
}

void ReceivingConnection::afterRecords()
{
    if (!m_incoming) {
        return;
    }
    reportProgress(); // what arrived since the last save
    if (swarming()) {
        askSources();
        tellNewlyHeld();
    }
    if (!isHolding()) {
        finishIfWhole();
    }
}

void ReceivingConnection::removePartials()
{
    if (m_incoming) {
        m_incoming->removePartials();
    }
}

void ReceivingConnection::sendAll(const std::vector<proto::TransferRecord>& records)
{
    for (const proto::TransferRecord& record : records) {
        send(record);
    }
}

void ReceivingConnection::reportProgress()
{
    auto files = m_incoming->takeChanged();
    const std::uint64_t verified = m_incoming->bytesVerified();
    if (files.empty() && verified == m_reportedBytes) {
        return;
    }
    m_reportedBytes = verified;
    m_unsavedBytes = 0;
    if (!files.empty()) {
        holdUntilSaved(); // a chunk is recorded before the next one is written
    }
    report(DropProgress{verified, std::move(files), std::exchange(m_unreportedFromOthers, 0)});
}

void ReceivingConnection::finishIfWhole()
{
    if (isEnded() || !m_incoming->allChunksVerified() || m_incoming->finished()) {
        return;
    }
    auto finished = m_incoming->finish();
    reportProgress();
    if (!finished) {
        problem(finished.error());
        return;
    }
    if (!m_incoming->finished()) {
        // Damaged on this disk: fetched again.
        if (!swarming()) {
            sendAll(finished.value());
            return;
        }
        for (const proto::TransferRecord& want : finished.value()) {
            for (const proto::ChunkRange& range : want.ranges) {
                for (std::uint32_t c = 0; c < range.chunkCount; ++c) {
                    m_scheduler->damaged(range.entry, range.firstChunk + c);
                }
            }
        }
        askSources();
        return;
    }
    proto::TransferRecord done;
    done.type = proto::TransferRecordType::Done;
    send(done);
    end(DropEnded{DropEnded::How::Completed, proto::DropReason::None, {}, m_incoming->topLevelPaths()});
}

void ReceivingConnection::problem(const IncomingDrop::Problem& problem)
{
    if (problem.pauses()) {
        end(DropEnded{DropEnded::How::Paused, problem.reason, problem.message, {}}, problem.reason);
        return;
    }
    removePartials(); // a failed drop never resumes: its partials are litter
    end(DropEnded{DropEnded::How::Failed, problem.reason, problem.message, {}}, problem.reason);
}

} // namespace confab::files
