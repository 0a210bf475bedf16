#include "receiving_connection.h"

#include "crypto/content_hash.h"
#include "hex_text.h"
#include "session/transfer_channel.h"

#include <QCoreApplication>

#include <algorithm>

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

ReceivingConnection::~ReceivingConnection() = default;

void ReceivingConnection::begin()
{
    proto::TransferRecord hello;
    hello.type = proto::TransferRecordType::Hello;
    hello.wantManifest = m_drop.manifest.empty();
    send(hello);
    if (!hello.wantManifest) {
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
    case proto::TransferRecordType::Stop:
        // The sender stopped: its answer envelope says why and for how long.
        end(DropEnded{
            DropEnded::How::Closed, proto::DropReason::None, QStringLiteral("the sender stopped"), {}});
        return;
    case proto::TransferRecordType::Hello:
    case proto::TransferRecordType::Want:
    case proto::TransferRecordType::Done:
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
    startAfterManifest();
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
    sendAll(m_incoming->wants());
    finishIfWhole();
}

void ReceivingConnection::onChunk(const proto::TransferRecord& record)
{
    if (!m_incoming) {
        closeBroken(QStringLiteral("a chunk before the manifest"));
        return;
    }
    QString protocolError;
    auto outcome = m_incoming->onChunk(record, protocolError);
    if (!protocolError.isEmpty()) {
        closeBroken(protocolError);
        return;
    }
    if (!outcome) {
        problem(outcome.error());
        return;
    }
    if (outcome.value().damaged) {
        sendAll(m_incoming->wantAgain());
    }
    // Saved once a chunk's worth arrived: a drop of many small files is not
    // a save per file.
    m_unsavedBytes += outcome.value().bytesAccepted;
    if (m_unsavedBytes >= m_incoming->manifest().chunkSize) {
        reportProgress();
    }
}

void ReceivingConnection::afterRecords()
{
    if (!m_incoming) {
        return;
    }
    reportProgress(); // what arrived since the last save
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
    report(DropProgress{verified, std::move(files)});
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
        sendAll(finished.value()); // damaged on this disk: fetched again
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
