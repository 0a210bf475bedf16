#include "sending_connection.h"

#include "session/transfer_channel.h"

#include <algorithm>

namespace confab::files {
namespace {

// At most this much waits on the connection: enough to keep a fast link
// busy, little enough that memory stays flat whatever the size.
constexpr std::int64_t kHighWaterBytes = 8LL * 1024 * 1024;
// Progress goes to the owner at most this often while bytes flow.
constexpr std::int64_t kReportIntervalMs = 100;

} // namespace

SendingConnection::SendingConnection(std::unique_ptr<session::TransferChannel> channel, Drop drop,
                                     Clock& clock, Reporter report)
    : DropConnection(std::move(channel), clock, std::move(report)), m_drop(std::move(drop)),
      m_reader(m_drop.sources, m_drop.manifest.chunkSize),
      m_outgoing(m_drop.manifest, m_drop.encodedManifest, m_reader)
{
}

SendingConnection::~SendingConnection() = default;

void SendingConnection::begin()
{
    m_pacedSinceMs = clock().monotonicMs();
    m_reportedMs = m_pacedSinceMs;
    m_pumpTimer = clock().createTimer([this] { pump(); });
    connect(&channel(), &session::TransferChannel::writable, this, [this] { pump(); });
}

void SendingConnection::onRecord(const proto::TransferRecord& record)
{
    auto reaction = m_outgoing.onRecord(record);
    if (!reaction) {
        closeBroken(reaction.error());
        return;
    }
    if (record.type == proto::TransferRecordType::Hello && record.wantSwarm) {
        // Before the manifest: the receiver waits for it to ask for chunks.
        proto::TransferRecord none;
        none.type = proto::TransferRecordType::Swarm;
        channel().send(m_drop.swarm.empty() ? proto::encodeTransferRecord(none) : m_drop.swarm);
    }
    switch (reaction.value().step) {
    case OutgoingDrop::Step::Continue:
        return;
    case OutgoingDrop::Step::Done:
        reportProgress(true);
        end(DropEnded{DropEnded::How::Completed, proto::DropReason::None, {}, {}});
        return;
    case OutgoingDrop::Step::Stop:
        // The receiver says why in its answer envelope too; this is the fast path.
        end(DropEnded{DropEnded::How::Stopped, reaction.value().reason, {}, {}});
        return;
    }
}

void SendingConnection::pump()
{
    if (isEnded()) {
        return;
    }
    while (channel().pendingWriteBytes() < kHighWaterBytes) {
        if (const std::int64_t waitMs = paceWaitMs(); waitMs > 0) {
            m_pumpTimer->start(waitMs);
            break;
        }
        auto next = m_outgoing.nextRecord();
        if (!next) {
            break;
        }
        if (!next->ok()) {
            const auto reason = next->error() == SourceProblem::Changed ? proto::DropReason::SourceChanged
                                                                        : proto::DropReason::SourceMissing;
            end(DropEnded{DropEnded::How::Failed, reason, {}, {}}, reason);
            return;
        }
        channel().send(next->value());
        m_pacedBytes += next->value().size();
    }
    reportProgress(false);
}

std::int64_t SendingConnection::paceWaitMs() const
{
    const std::uint64_t rate = m_drop.maxBytesPerSecond;
    if (rate == 0) {
        return 0;
    }
    // What the rate allowed since the connection started, against what went.
    const auto elapsedMs = static_cast<std::uint64_t>(clock().monotonicMs() - m_pacedSinceMs);
    const std::uint64_t allowed = elapsedMs * rate / 1000;
    if (m_pacedBytes <= allowed) {
        return 0;
    }
    return static_cast<std::int64_t>((m_pacedBytes - allowed) * 1000 / rate) + 1;
}

void SendingConnection::reportProgress(bool now)
{
    // With several receivers, most of a receiver's chunks may come from the
    // others: what it holds is the better measure then.
    const std::uint64_t sent = std::max(m_outgoing.bytesSent(), m_outgoing.bytesHeldThere());
    const std::int64_t nowMs = clock().monotonicMs();
    if (sent == m_reportedBytes || (!now && nowMs - m_reportedMs < kReportIntervalMs)) {
        return;
    }
    m_reportedBytes = sent;
    m_reportedMs = nowMs;
    report(DropProgress{sent, {}});
}

} // namespace confab::files
