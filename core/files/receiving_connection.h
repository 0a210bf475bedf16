#pragma once

#include "download_folder.h"
#include "drop_connection.h"
#include "incoming_drop.h"

#include <memory>
#include <optional>

namespace confab::files {

// The receiver's side of a transfer connection: says hello, fetches the
// manifest when it is not known yet, asks for every missing chunk, checks and
// writes them on the transfer thread, and puts the files in place once all
// are whole.
class ReceivingConnection final : public DropConnection {
public:
    struct Drop {
        proto::FileOffer offer;
        Bytes manifest; // empty until fetched
        QString folder; // the download folder chosen on accepting
        QStringList topNames;
        std::map<std::uint32_t, storage::ReceivedFileState> saved; // verified by an earlier run
    };

    ReceivingConnection(std::unique_ptr<session::TransferChannel> channel, Drop drop, Clock& clock,
                        Reporter report);
    ~ReceivingConnection() override;

private:
    void begin() override;
    void onRecord(const proto::TransferRecord& record) override;
    void afterRecords() override;
    void removePartials() override;

    void onManifestPart(const proto::TransferRecord& record);
    void onChunk(const proto::TransferRecord& record);
    void startAfterManifest();
    void sendAll(const std::vector<proto::TransferRecord>& records);
    // Reports the verified bytes and the file states to save, if any changed.
    void reportProgress();
    void finishIfWhole();
    void problem(const IncomingDrop::Problem& problem);

    Drop m_drop;
    Bytes m_manifestBytes; // while it arrives
    std::optional<DownloadFolder> m_folder;
    std::unique_ptr<IncomingDrop> m_incoming;
    std::uint64_t m_reportedBytes = 0;
    std::uint64_t m_unsavedBytes = 0; // verified and written since the last report
};

} // namespace confab::files
