#pragma once

#include "download_folder.h"
#include "proto/file_drop.h"
#include "storage/transfer_store.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace confab::files {

// `ranges` as records of `type` (Want or Have), as many ranges in each as one holds.
std::vector<proto::TransferRecord> rangeRecords(proto::TransferRecordType type,
                                                const std::vector<proto::ChunkRange>& ranges);

// The receiver's half of one drop, across however many connections it takes:
// where each entry goes under the download folder, which chunks are still
// missing, checking and writing chunks, and putting the files in place once
// all of them are whole. Knows nothing of sockets: records in, records out.
class IncomingDrop {
public:
    // A chunk may arrive damaged this many times before the drop fails.
    static constexpr int kMaxMismatches = 3;

    struct Problem {
        proto::DropReason reason = proto::DropReason::None;
        QString message; // in words, for the user
        // Full disk, unwritable folder: the drop pauses and keeps its partial
        // files; anything else ends it.
        [[nodiscard]] bool pauses() const
        {
            return reason == proto::DropReason::DiskFull || reason == proto::DropReason::FolderNotWritable;
        }
    };

    // Plans where every entry goes (claiming top-level folders not claimed
    // before; `topNames` holds "sent name/name on disk" lines and gains the
    // new ones) and makes the folders. `saved` is what an earlier run verified.
    static Result<std::unique_ptr<IncomingDrop>, Problem>
    prepare(const proto::TransferId& id, proto::Manifest manifest, DownloadFolder& folder,
            QStringList& topNames, std::map<std::uint32_t, storage::ReceivedFileState> saved);

    // Want records for everything still missing, in entry order.
    [[nodiscard]] std::vector<proto::TransferRecord> wants() const;

    struct ChunkOutcome {
        std::uint64_t bytesAccepted = 0; // verified and written
        bool damaged = false;            // did not match its hash: asked for again by wantAgain()
    };
    // Who a chunk came from: only the sender's damaged chunks count towards
    // failing the drop, as another receiver can be left out instead.
    enum class From { Sender, OtherReceiver };
    // A chunk from the sender (or another receiver). An error that is not a
    // Problem (a chunk never asked for, of the wrong length) is a broken
    // peer: close its connection and keep everything. A damaged chunk from
    // another receiver is reported damaged and not asked for again here.
    Result<ChunkOutcome, Problem> onChunk(const proto::TransferRecord& record, QString& protocolError,
                                          From from = From::Sender);
    // Want records for the chunks that arrived damaged since the last call.
    std::vector<proto::TransferRecord> wantAgain();

    [[nodiscard]] bool allChunksVerified() const { return m_missingChunks == 0; }
    // Whether chunk `chunk` of entry `entry` is still to be fetched.
    [[nodiscard]] bool isMissing(std::uint32_t entry, std::uint32_t chunk) const;
    // Whether it is verified in a partial file here, so it can be served to
    // another receiver of the drop.
    [[nodiscard]] bool holds(std::uint32_t entry, std::uint32_t chunk) const;
    // Every chunk holds() is true of, as ranges.
    [[nodiscard]] std::vector<proto::ChunkRange> heldRanges() const;
    // The bytes of a chunk holds() is true of, read from its partial file.
    Result<Bytes, Problem> readHeld(std::uint32_t entry, std::uint32_t chunk);
    // Once every chunk is verified: reads every file back and checks its file
    // hash (a byte damaged on this disk is caught), then makes the data
    // durable (one sync for the whole drop), renames each file into place
    // and sets the folders' times.
    // Files that fail the check lose their bad chunks: the result then has
    // Want records and the drop goes on.
    Result<std::vector<proto::TransferRecord>, Problem> finish();
    [[nodiscard]] bool finished() const { return m_finished; }

    // Received-file states changed since the last call, to be saved.
    std::map<std::uint32_t, storage::ReceivedFileState> takeChanged();
    [[nodiscard]] std::uint64_t bytesVerified() const { return m_bytesVerified; }
    [[nodiscard]] const proto::Manifest& manifest() const { return m_manifest; }
    // Deletes the partial files of everything not yet in place (a cancelled drop).
    void removePartials();
    // What the drop's top-level entries became in the download folder.
    [[nodiscard]] QStringList topLevelPaths() const;
    // Where entry `index` is (or will be), relative to the download folder.
    [[nodiscard]] QString placedPath(std::uint32_t index) const;

private:
    struct Placed {
        QStringList parent; // folders under the download folder
        QString name;       // cleaned name (files: the wish; the final name may differ)
    };

    IncomingDrop(const proto::TransferId& id, proto::Manifest manifest, DownloadFolder& folder);
    [[nodiscard]] bool isVerified(std::uint32_t entry, std::uint32_t chunk) const;
    // The chunks of the files not in place yet that are (or are not) verified.
    [[nodiscard]] std::vector<proto::ChunkRange> rangesWhere(bool verified) const;
    void setVerified(std::uint32_t entry, std::uint32_t chunk, bool verified);
    Result<PartialFile*, Problem> partial(std::uint32_t entry);
    Result<bool, Problem> checkWholeFile(std::uint32_t entry);
    [[nodiscard]] QString partialName(std::uint32_t entry) const;
    static Problem problemOf(const DiskProblem& problem);

    proto::TransferId m_id;
    proto::Manifest m_manifest;
    DownloadFolder& m_folder;
    std::vector<Placed> m_placed;
    std::map<std::uint32_t, storage::ReceivedFileState> m_files; // every file entry
    std::map<std::uint32_t, storage::ReceivedFileState> m_changed;
    std::map<std::uint32_t, PartialFile> m_open;
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> m_mismatches;
    std::vector<proto::ChunkRange> m_again;
    std::uint64_t m_missingChunks = 0;
    std::uint64_t m_bytesVerified = 0;
    bool m_finished = false;
};

} // namespace confab::files
