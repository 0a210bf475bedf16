#pragma once

// Pieces the tests of a drop's connections share: the drop as its sender
// holds it and as its receivers are offered it, the owner that collects a
// connection's reports and confirms its saves, a chunk as the sender sends
// it, and reading a received file back.
#include "crypto/content_hash.h"
#include "files/drop_connection.h"
#include "files/sending_connection.h"
#include "files/sent_drop.h"
#include "files/source_reader.h"

#include <QFile>
#include <QMetaObject>

#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <variant>
#include <vector>

namespace confab::files::test {

inline Bytes contentsOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray data = file.readAll();
    return {data.begin(), data.end()};
}

// Chunk `chunk` of entry `entry` in a Chunk record, as the sender reads it.
inline proto::TransferRecord chunkRecord(SourceReader& reader, std::uint32_t entry, std::uint32_t chunk)
{
    proto::TransferRecord record;
    record.type = proto::TransferRecordType::Chunk;
    record.entry = entry;
    record.chunk = chunk;
    auto data = reader.readChunk(entry, chunk);
    EXPECT_TRUE(data);
    if (data) {
        record.data = std::move(data).value();
    }
    return record;
}

// What the sender of `paths` holds, in chunks of `chunkSize`, and the offer
// its receivers accepted (their transferId, folder and the rest are theirs to set).
struct PreparedDrop {
    SendingConnection::Drop sending;
    proto::FileOffer offer;
};

inline Result<PreparedDrop, QString> prepareDrop(const QStringList& paths, std::uint32_t chunkSize)
{
    auto sent = collectSentDrop(paths);
    if (!sent) {
        return sent.error();
    }
    auto manifest = buildManifest(sent.value(), chunkSize, [](std::uint64_t) { return true; });
    if (!manifest) {
        return manifest.error();
    }
    PreparedDrop drop;
    drop.sending.manifest = manifest.value();
    drop.sending.encodedManifest = proto::encodeManifest(drop.sending.manifest);
    drop.sending.sources = sent.value();
    drop.offer.totalBytes = sent.value().totalBytes();
    drop.offer.fileCount = sent.value().fileCount();
    drop.offer.folderCount = sent.value().folderCount();
    drop.offer.manifestHash = crypto::contentHash(drop.sending.encodedManifest);
    drop.offer.manifestLength = static_cast<std::uint32_t>(drop.sending.encodedManifest.size());
    for (const QString& name : sent.value().topNames()) {
        drop.offer.names.push_back(name.toStdString());
    }
    return drop;
}

// What one end reported, and the saves its owner confirms.
struct Owner {
    std::vector<DropReport> reports;
    std::unique_ptr<DropConnection> connection;
    bool confirmSaves = true;
    int unconfirmedSaves = 0;
    // Also told of each report as it comes, after it was recorded.
    std::function<void(const DropReport&)> heard;

    DropConnection::Reporter reporter()
    {
        return [this](DropReport report) {
            if (const auto* progress = std::get_if<DropProgress>(&report);
                progress && !progress->files.empty()) {
                if (confirmSaves) {
                    // As the service does: later, from the event loop.
                    DropConnection* target = connection.get();
                    QMetaObject::invokeMethod(
                        target, [target] { target->saved(); }, Qt::QueuedConnection);
                } else {
                    ++unconfirmedSaves;
                }
            }
            reports.push_back(std::move(report));
            if (heard) {
                heard(reports.back());
            }
        };
    }

    [[nodiscard]] const DropEnded* ended() const
    {
        return reports.empty() ? nullptr : std::get_if<DropEnded>(&reports.back());
    }
    [[nodiscard]] int progressWithFiles() const
    {
        int count = 0;
        for (const DropReport& report : reports) {
            if (const auto* progress = std::get_if<DropProgress>(&report);
                progress && !progress->files.empty()) {
                ++count;
            }
        }
        return count;
    }
    // The bytes done of the last progress report (0 before the first).
    [[nodiscard]] std::uint64_t lastBytesDone() const
    {
        for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
            if (const auto* progress = std::get_if<DropProgress>(&*it)) {
                return progress->bytesDone;
            }
        }
        return 0;
    }
    // Receiver: the bytes verified that came from other receivers, over every report.
    [[nodiscard]] std::uint64_t bytesFromOthers() const
    {
        std::uint64_t total = 0;
        for (const DropReport& report : reports) {
            if (const auto* progress = std::get_if<DropProgress>(&report)) {
                total += progress->fromOthers;
            }
        }
        return total;
    }
    // How many reports of type `Report` came.
    template <typename Report> [[nodiscard]] int count() const
    {
        int found = 0;
        for (const DropReport& report : reports) {
            found += std::holds_alternative<Report>(report) ? 1 : 0;
        }
        return found;
    }
};

} // namespace confab::files::test
