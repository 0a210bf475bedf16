// A receiver among several receivers of one drop: fetching from the others
// what they hold, serving them what this one holds (docs/PROTOCOL.md,
// "Several receivers").
#include "receiving_connection.h"
#include "session/transfer_channel.h"

#include <QLoggingCategory>

#include <algorithm>
#include <tuple>
#include <utility>

namespace confab::files {
namespace {

Q_LOGGING_CATEGORY(lcSwarm, "confab.files")

// Chunks asked from one source and not arrived yet: enough to keep a link
// busy across a LAN's round trip, few enough that the sender's upload is not
// promised to one receiver ahead of the others passing chunks on.
constexpr std::uint32_t kWindowChunks = 4;
// Chunks asked from all sources together: what is in flight is held in
// memory as it arrives, and a receiver's own link is full with far fewer.
constexpr std::size_t kTotalWindowChunks = 8;
// Serving: at most about this much waits on a connection to another
// receiver, so that serving several costs little memory; a LAN's round trip
// drains it long before it runs dry.
constexpr std::int64_t kServeQueueBytes = std::int64_t{1} * 1024 * 1024;
// Serving: chunks asked for and not sent yet, at most; the asker keeps to
// its window, so more is a broken (or hostile) peer.
constexpr std::size_t kMaxServeQueue = 256;
// Ranges another receiver may announce before this node has the manifest
// (and so cannot check them): a whole drop's worth, in any real case.
constexpr std::size_t kMaxEarlyHeldRanges = std::size_t{64} * 1024;
// Arrived while a save is pending, held up to this much before reading stops.
constexpr std::size_t kMaxOtherWaitingRecords = 4;

void appendChunk(std::vector<proto::ChunkRange>& ranges, const proto::ChunkRange& chunk)
{
    if (!ranges.empty() && ranges.back().entry == chunk.entry &&
        ranges.back().firstChunk + ranges.back().chunkCount == chunk.firstChunk) {
        ranges.back().chunkCount += chunk.chunkCount;
    } else {
        ranges.push_back(chunk);
    }
}

} // namespace

void ReceivingConnection::onSwarm(const proto::TransferRecord& record)
{
    if (!m_awaitingSwarm) {
        closeBroken(QStringLiteral("a Swarm record not asked for"));
        return;
    }
    m_awaitingSwarm = false;
    m_swarm = record.swarm;
    if (!m_swarm.empty()) {
        report(DropSwarmJoined{m_swarm});
    }
    if (!m_drop.manifest.empty()) {
        startAfterManifest();
    }
}

void ReceivingConnection::startSwarm()
{
    if (swarming()) {
        askSources();
        return;
    }
    // Every receiver ranks the drop's ids the same way, so each starts
    // asking the sender at a different place.
    const proto::TransferId& own = channel().transferId();
    const auto share = static_cast<std::uint32_t>(
        std::count_if(m_swarm.begin(), m_swarm.end(),
                      [&own](const proto::SwarmMember& other) { return other.transferId < own; }));
    m_scheduler.emplace(
        m_incoming->manifest(),
        [this](std::uint32_t entry, std::uint32_t chunk) { return m_incoming->isMissing(entry, chunk); },
        share, static_cast<std::uint32_t>(m_swarm.size() + 1), kWindowChunks);
    m_scheduler->setTotalWindow(kTotalWindowChunks);
    std::vector<Other*> broken;
    for (const auto& other : m_others) {
        if (other->serving) {
            tellHeld(*other);
            continue;
        }
        m_scheduler->addPeer(other->source);
        for (const proto::ChunkRange& range : std::exchange(other->heldEarly, {})) {
            if (!m_scheduler->peerHas(other->source, range)) {
                broken.push_back(other.get());
                break;
            }
        }
    }
    for (Other* other : broken) {
        dropOther(other, QStringLiteral("announced chunks past the drop's end"));
    }
    // The sender hears of every chunk verified here, wherever it came from,
    // to show the drop's progress.
    for (const proto::TransferRecord& have :
         rangeRecords(proto::TransferRecordType::Have, m_incoming->heldRanges())) {
        send(have);
    }
    askSources();
}

void ReceivingConnection::askSources()
{
    if (isEnded()) {
        return;
    }
    for (const proto::TransferRecord& want :
         rangeRecords(proto::TransferRecordType::Want, m_scheduler->take(ChunkScheduler::kSender))) {
        send(want);
    }
    for (const auto& other : m_others) {
        if (other->serving) {
            continue;
        }
        for (const proto::TransferRecord& want :
             rangeRecords(proto::TransferRecordType::Want, m_scheduler->take(other->source))) {
            other->channel->send(proto::encodeTransferRecord(want));
        }
    }
}

void ReceivingConnection::addOther(std::unique_ptr<session::TransferChannel> channel, bool serving)
{
    if (isEnded() || m_swarm.empty()) {
        channel->close();
        return;
    }
    // One connection each way with each other receiver: a newer one replaces
    // the older (which may be dead without knowing it yet).
    const auto older = std::find_if(m_others.begin(), m_others.end(), [&](const auto& known) {
        return known->serving == serving && known->channel->peer() == channel->peer();
    });
    if (older != m_others.end()) {
        dropOther(older->get(), {});
    }
    auto added = std::make_unique<Other>();
    Other* other = added.get();
    other->channel = std::move(channel);
    other->channel->setParent(nullptr);
    other->serving = serving;
    m_others.push_back(std::move(added));
    connect(other->channel.get(), &session::TransferChannel::recordsReceived, this,
            [this, other](const std::vector<Bytes>& records) { onOtherRecords(other, records); });
    connect(other->channel.get(), &session::TransferChannel::closed, this,
            [this, other](const QString&) { dropOther(other, {}); });
    if (serving) {
        other->channel->setWritableBelow(kServeQueueBytes);
        connect(other->channel.get(), &session::TransferChannel::writable, this, [this, other] {
            if (isKnownOther(other)) {
                serve(*other);
            }
        });
        tellHeld(*other);
    } else {
        other->source = m_nextSource++;
        proto::TransferRecord hello;
        hello.type = proto::TransferRecordType::Hello;
        other->channel->send(proto::encodeTransferRecord(hello));
        if (swarming()) {
            m_scheduler->addPeer(other->source);
        }
    }
    other->channel->start();
}

bool ReceivingConnection::isKnownOther(const Other* other) const
{
    return std::any_of(m_others.begin(), m_others.end(),
                       [other](const auto& known) { return known.get() == other; });
}

void ReceivingConnection::dropOther(Other* other, const QString& why)
{
    const auto it = std::find_if(m_others.begin(), m_others.end(),
                                 [other](const auto& known) { return known.get() == other; });
    if (it == m_others.end()) {
        return;
    }
    std::unique_ptr<Other> gone = std::move(*it);
    m_others.erase(it);
    gone->channel->disconnect(this);
    if (!why.isEmpty()) {
        qCWarning(lcSwarm).noquote() << "drop" << dropText() << ": another receiver" << why
                                     << "; closing the connection with it";
        gone->channel->abort(why);
    } else {
        gone->channel->close();
    }
    if (!gone->serving) {
        if (swarming()) {
            m_scheduler->removeSource(gone->source);
        }
        report(DropSwarmOtherGone{gone->channel->transferId()});
    }
    // Later: this may run inside one of the channel's own signals.
    gone->channel.release()->deleteLater();
    if (swarming()) {
        askSources(); // what it owed goes to another source
    }
}

void ReceivingConnection::onOtherRecords(Other* other, const std::vector<Bytes>& records)
{
    if (!isKnownOther(other)) {
        return;
    }
    other->waiting.insert(other->waiting.end(), records.begin(), records.end());
    handleOtherWaiting(*other);
}

void ReceivingConnection::afterSaved()
{
    // Each pass may drop others, so walk a copy of the list.
    std::vector<Other*> others;
    for (const auto& other : m_others) {
        others.push_back(other.get());
    }
    for (Other* other : others) {
        if (isKnownOther(other)) {
            handleOtherWaiting(*other);
        }
    }
}

void ReceivingConnection::handleOtherWaiting(Other& other)
{
    // As on the sender's connection: nothing more is written until the
    // last progress is saved.
    while (!isEnded() && !isHolding() && !other.waiting.empty()) {
        const Bytes bytes = std::move(other.waiting.front());
        other.waiting.pop_front();
        auto record = proto::decodeTransferRecord(bytes);
        if (!record) {
            dropOther(&other, QStringLiteral("sent a malformed record (%1)")
                                  .arg(QLatin1String(proto::toString(record.error()))));
            return;
        }
        Other* const before = &other;
        if (other.serving) {
            onServedRecord(other, record.value());
        } else {
            onOtherRecord(other, record.value());
        }
        if (!isKnownOther(before)) {
            return;
        }
    }
    if (isEnded()) {
        return;
    }
    other.channel->setReading(other.waiting.size() < kMaxOtherWaitingRecords);
    if (!isHolding() && m_incoming) {
        reportProgress();
        if (swarming()) {
            askSources();
            tellNewlyHeld();
        }
        finishIfWhole();
    }
}

void ReceivingConnection::onOtherRecord(Other& other, const proto::TransferRecord& record)
{
    switch (record.type) {
    case proto::TransferRecordType::Have:
        if (!swarming()) {
            // Before this node has the manifest: kept until it does, within reason.
            if (other.heldEarly.size() + record.ranges.size() > kMaxEarlyHeldRanges) {
                dropOther(&other, QStringLiteral("announced too many chunks before the drop began"));
                return;
            }
            other.heldEarly.insert(other.heldEarly.end(), record.ranges.begin(), record.ranges.end());
            return;
        }
        for (const proto::ChunkRange& range : record.ranges) {
            if (!m_scheduler->peerHas(other.source, range)) {
                dropOther(&other, QStringLiteral("announced chunks past the drop's end"));
                return;
            }
        }
        return;
    case proto::TransferRecordType::Chunk:
        if (!swarming() || m_scheduler->askedFrom(record.entry, record.chunk) != other.source) {
            dropOther(&other, QStringLiteral("sent a chunk that was not asked for"));
            return;
        }
        if (record.data.size() != m_incoming->manifest().chunkLength(record.entry, record.chunk)) {
            dropOther(&other, QStringLiteral("sent a chunk of the wrong length"));
            return;
        }
        if (!takeChunk(record, other.source)) {
            return;
        }
        if (!m_incoming->holds(record.entry, record.chunk)) {
            // Damaged: it was meant to be verified there. The chunk is asked
            // from another source.
            dropOther(&other, QStringLiteral("sent a damaged chunk"));
        }
        return;
    case proto::TransferRecordType::Stop:
        dropOther(&other, {});
        return;
    case proto::TransferRecordType::Hello:
    case proto::TransferRecordType::ManifestPart:
    case proto::TransferRecordType::Want:
    case proto::TransferRecordType::Done:
    case proto::TransferRecordType::Swarm:
        break;
    }
    dropOther(&other, QStringLiteral("sent a record a receiver it fetches from never sends"));
}

void ReceivingConnection::onServedRecord(Other& other, const proto::TransferRecord& record)
{
    switch (record.type) {
    case proto::TransferRecordType::Hello:
        if (other.greeted) {
            dropOther(&other, QStringLiteral("said Hello twice"));
            return;
        }
        other.greeted = true;
        return;
    case proto::TransferRecordType::Want:
        if (!other.greeted) {
            dropOther(&other, QStringLiteral("did not start with Hello"));
            return;
        }
        for (const proto::ChunkRange& range : record.ranges) {
            for (std::uint32_t c = 0; c < range.chunkCount; ++c) {
                if (!m_incoming || !m_incoming->holds(range.entry, range.firstChunk + c)) {
                    // Announced in a Have and put in place since, or never announced.
                    const bool moved = m_incoming && m_incoming->allChunksVerified();
                    dropOther(&other, moved ? QString()
                                            : QStringLiteral("asked for a chunk this node does not hold"));
                    return;
                }
                if (other.wanted.size() >= kMaxServeQueue) {
                    dropOther(&other, QStringLiteral("asked for too many chunks at once"));
                    return;
                }
                other.wanted.push_back({range.entry, range.firstChunk + c, 1});
            }
        }
        serve(other);
        return;
    case proto::TransferRecordType::Stop:
        dropOther(&other, {});
        return;
    case proto::TransferRecordType::ManifestPart:
    case proto::TransferRecordType::Chunk:
    case proto::TransferRecordType::Done:
    case proto::TransferRecordType::Swarm:
    case proto::TransferRecordType::Have:
        break;
    }
    dropOther(&other, QStringLiteral("sent a record a receiver it fetches from never sends"));
}

void ReceivingConnection::serve(Other& other)
{
    // Up to the level below which the channel says it is writable again, so
    // serving stays bounded and picks up as soon as the queue drains.
    while (!isEnded() && !other.wanted.empty() &&
           other.channel->pendingWriteBytes() < other.channel->writableBelow()) {
        const proto::ChunkRange next = other.wanted.front();
        other.wanted.pop_front();
        // Once the files are put in place (or a chunk failed the final check)
        // there is no partial file to serve from: the other fetches it elsewhere.
        auto data = m_incoming->holds(next.entry, next.firstChunk)
                        ? m_incoming->readHeld(next.entry, next.firstChunk)
                        : Result<Bytes, IncomingDrop::Problem>(IncomingDrop::Problem{});
        if (!data) {
            dropOther(&other, {});
            return;
        }
        proto::TransferRecord chunk;
        chunk.type = proto::TransferRecordType::Chunk;
        chunk.entry = next.entry;
        chunk.chunk = next.firstChunk;
        chunk.data = std::move(data).value();
        other.channel->send(proto::encodeTransferRecord(chunk));
    }
}

void ReceivingConnection::tellHeld(Other& other)
{
    if (!m_incoming || other.toldHeld) {
        return; // told once the manifest is here
    }
    other.toldHeld = true;
    for (const proto::TransferRecord& have :
         rangeRecords(proto::TransferRecordType::Have, m_incoming->heldRanges())) {
        other.channel->send(proto::encodeTransferRecord(have));
    }
}

void ReceivingConnection::tellNewlyHeld()
{
    if (m_newlyHeld.empty()) {
        return;
    }
    std::sort(m_newlyHeld.begin(), m_newlyHeld.end(), [](const auto& a, const auto& b) {
        return std::tie(a.entry, a.firstChunk) < std::tie(b.entry, b.firstChunk);
    });
    std::vector<proto::ChunkRange> ranges;
    for (const proto::ChunkRange& chunk : m_newlyHeld) {
        appendChunk(ranges, chunk);
    }
    m_newlyHeld.clear();
    const auto records = rangeRecords(proto::TransferRecordType::Have, ranges);
    for (const proto::TransferRecord& have : records) {
        send(have); // to the sender, for its progress
    }
    for (const auto& other : m_others) {
        if (other->serving && other->toldHeld) {
            for (const proto::TransferRecord& have : records) {
                other->channel->send(proto::encodeTransferRecord(have));
            }
        }
    }
}

} // namespace confab::files
