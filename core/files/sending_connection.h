#pragma once

#include "drop_connection.h"
#include "outgoing_drop.h"
#include "sent_drop.h"
#include "source_reader.h"

#include <memory>

namespace confab::files {

// The sender's side of a transfer connection: answers the receiver's Hello
// and Wants with the manifest and the chunks, read from the user's files and
// sealed on the transfer thread, keeping a bounded amount queued.
class SendingConnection final : public DropConnection {
public:
    struct Drop {
        proto::Manifest manifest;
        Bytes encodedManifest;
        SentDrop sources;                    // entry i is the manifest's entry i
        Bytes swarm;                         // the Swarm record for this receiver; empty: none
        std::uint64_t maxBytesPerSecond = 0; // 0: as fast as the link goes
    };

    SendingConnection(std::unique_ptr<session::TransferChannel> channel, Drop drop, Clock& clock,
                      Reporter report);
    ~SendingConnection() override;

private:
    void begin() override;
    void onRecord(const proto::TransferRecord& record) override;
    void afterRecords() override { pump(); }

    void pump();
    // How long the sending rate limit holds the next record back (0: not at all).
    [[nodiscard]] std::int64_t paceWaitMs() const;
    void reportProgress(bool now);

    Drop m_drop;
    SourceReader m_reader;
    OutgoingDrop m_outgoing;
    std::unique_ptr<Timer> m_pumpTimer;
    std::int64_t m_pacedSinceMs = 0;
    std::uint64_t m_pacedBytes = 0;
    std::uint64_t m_reportedBytes = 0;
    std::int64_t m_reportedMs = 0;
};

} // namespace confab::files
