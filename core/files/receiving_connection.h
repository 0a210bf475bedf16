#pragma once

#include "chunk_scheduler.h"
#include "download_folder.h"
#include "drop_connection.h"
#include "incoming_drop.h"

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace confab::files {

// The receiver's side of a transfer connection: says hello, fetches the
// manifest when it is not known yet, asks for every missing chunk, checks and
// writes them on the transfer thread, and puts the files in place once all
// are whole.
//
// When the sender names other receivers of the same drop (a Swarm record),
// it also fetches from them what they hold and serves them what it holds,
// each on a transfer connection of its own (addOther()), and asks the sender
// only for a window of chunks at a time, chosen by a ChunkScheduler.
class ReceivingConnection final : public DropConnection {
public:
    struct Drop {
        proto::FileOffer offer;
        Bytes manifest; // empty until fetched
        QString folder; // the download folder chosen on accepting
        QStringList topNames;
        std::map<std::uint32_t, storage::ReceivedFileState> saved; // verified by an earlier run
        bool senderSwarms = false; // the sender announced DropSwarm: ask it for the other receivers
    };

    ReceivingConnection(std::unique_ptr<session::TransferChannel> channel, Drop drop, Clock& clock,
                        Reporter report);
    ~ReceivingConnection() override;

    // A connection with another receiver of the drop: one it dialled to
    // fetch from us (`serving`), or one this node dialled to fetch from it.
    void addOther(std::unique_ptr<session::TransferChannel> channel, bool serving);

private:
    // Another receiver, on a connection of its own.
    struct Other {
        std::unique_ptr<session::TransferChannel> channel;
        std::deque<Bytes> waiting;                // arrived while a save is pending
        std::deque<proto::ChunkRange> wanted;     // serving: asked for, not sent yet
        std::vector<proto::ChunkRange> heldEarly; // fetching: announced before the drop began here
        ChunkScheduler::SourceId source = 0;      // fetching: its id in the scheduler
        bool serving = false;
        bool greeted = false;  // serving: its Hello came
        bool toldHeld = false; // serving: it was told what this node holds
    };

    void begin() override;
    void onRecord(const proto::TransferRecord& record) override;
    void afterRecords() override;
    void afterSaved() override;
    void removePartials() override;

    void onManifestPart(const proto::TransferRecord& record);
    void onSwarm(const proto::TransferRecord& record);
    void onChunk(const proto::TransferRecord& record);
    // A chunk that `source` was asked for; false when the drop ended.
    bool takeChunk(const proto::TransferRecord& record, ChunkScheduler::SourceId source);
    void startAfterManifest();
    void sendAll(const std::vector<proto::TransferRecord>& records);
    // Reports the verified bytes and the file states to save, if any changed.
    void reportProgress();
    void finishIfWhole();
    void problem(const IncomingDrop::Problem& problem);

    // Several receivers (receiving_connection_swarm.cpp).
    [[nodiscard]] bool swarming() const { return m_scheduler.has_value(); }
    void startSwarm();
    // Asks every source for what the scheduler gives it now.
    void askSources();
    void onOtherRecords(Other* other, const std::vector<Bytes>& records);
    void handleOtherWaiting(Other& other);
    void onOtherRecord(Other& other, const proto::TransferRecord& record);
    void onServedRecord(Other& other, const proto::TransferRecord& record);
    void serve(Other& other);
    void tellHeld(Other& other);
    // Tells the receivers this node serves about the chunks verified since.
    void tellNewlyHeld();
    // Ends the connection with `other`, logging `why` when it broke a rule.
    void dropOther(Other* other, const QString& why);
    [[nodiscard]] bool isKnownOther(const Other* other) const;

    Drop m_drop;
    Bytes m_manifestBytes; // while it arrives
    std::optional<DownloadFolder> m_folder;
    std::unique_ptr<IncomingDrop> m_incoming;
    std::uint64_t m_reportedBytes = 0;
    std::uint64_t m_unsavedBytes = 0; // verified and written since the last report
    std::uint64_t m_unreportedFromOthers = 0;
    // Several receivers.
    std::vector<proto::SwarmMember> m_swarm; // the others, as the sender named them
    std::optional<ChunkScheduler> m_scheduler;
    std::vector<std::unique_ptr<Other>> m_others;
    std::vector<proto::ChunkRange> m_newlyHeld;
    ChunkScheduler::SourceId m_nextSource = ChunkScheduler::kSender + 1;
    bool m_awaitingSwarm = false; // asked the sender for the others; its answer has not come
};

} // namespace confab::files
