#include "transfer_service.h"

#include "crypto/content_hash.h"
#include "crypto/random.h"
#include "download_folder.h"
#include "hex_text.h"
#include "incoming_drop.h"
#include "receiving_connection.h"
#include "sending_connection.h"
#include "sent_drop.h"
#include "session/link_manager.h"
#include "session/relay_path.h"
#include "session/transfer_channel.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QLoggingCategory>

#include <set>
#include <sys/resource.h>
#include <unistd.h>

namespace confab::files {
namespace {

Q_LOGGING_CATEGORY(lcFiles, "confab.files")

// Progress reaches front ends (and the store) at most this often.
constexpr std::int64_t kProgressIntervalMs = 250;
// A receiver whose connection broke dials again after 1 s, then 2, 4, ... 30 s.
constexpr std::int64_t kFirstRetryMs = 1000;
constexpr std::int64_t kMaxRetryMs = 30000;

Bytes bytesOf(const proto::TransferId& id)
{
    return {id.begin(), id.end()};
}

proto::TransferId idOf(ByteView bytes)
{
    proto::TransferId id{};
    std::copy_n(bytes.begin(), std::min(bytes.size(), id.size()), id.begin());
    return id;
}

QString sizeText(std::uint64_t bytes)
{
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes));
}

// What the other side's reason means, for this side's user.
QString reasonText(proto::DropReason reason, bool fromReceiver)
{
    switch (reason) {
    case proto::DropReason::DiskFull:
        return fromReceiver ? QCoreApplication::translate("Transfers", "The receiver's disk is full.")
                            : QCoreApplication::translate("Transfers", "The disk is full.");
    case proto::DropReason::FolderNotWritable:
        return QCoreApplication::translate("Transfers", "The receiver's download folder cannot be written.");
    case proto::DropReason::SourceChanged:
        return QCoreApplication::translate("Transfers",
                                           "A file changed on the sender's side after it was offered.");
    case proto::DropReason::SourceMissing:
        return QCoreApplication::translate("Transfers", "A file is no longer there on the sender's side.");
    case proto::DropReason::Damaged:
        return QCoreApplication::translate("Transfers", "Part of the drop kept arriving damaged.");
    case proto::DropReason::Refused:
        return QCoreApplication::translate("Transfers", "The drop broke a rule and was refused.");
    case proto::DropReason::Paused:
    case proto::DropReason::Cancelled:
    case proto::DropReason::None:
        break;
    }
    return {};
}

// A drop sent before, as the manifest and the stored source paths describe
// it: what the reader checks each file against.
SentDrop sentDropOf(const proto::Manifest& manifest, const QStringList& sources)
{
    SentDrop drop;
    for (std::size_t i = 0; i < manifest.entries.size(); ++i) {
        const proto::ManifestEntry& entry = manifest.entries[i];
        drop.entries.push_back({entry.kind, QString::fromStdString(entry.path),
                                sources.value(static_cast<qsizetype>(i)), entry.size, entry.mtimeNs});
    }
    return drop;
}

// Nice value of the transfer thread. A transfer that keeps both cores busy
// still leaves the core thread (chat, calls, discovery) the processor the
// moment it wakes.
constexpr int kTransferThreadNice = 10;

void yieldToInteractiveThreads()
{
    // On Linux every thread has a nice value of its own.
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kTransferThreadNice) != 0) {
        qCInfo(lcFiles) << "could not lower the transfer thread's priority";
    }
}

} // namespace

const char* toString(DropState state)
{
    switch (state) {
    case DropState::Preparing:
        return "preparing";
    case DropState::Offered:
        return "offered";
    case DropState::Transferring:
        return "transferring";
    case DropState::Completed:
        return "completed";
    case DropState::Declined:
        return "declined";
    case DropState::Cancelled:
        return "cancelled";
    case DropState::Failed:
        return "failed";
    }
    return "unknown";
}

bool isFinal(DropState state)
{
    return state == DropState::Completed || state == DropState::Declined || state == DropState::Cancelled ||
           state == DropState::Failed;
}

// A drop with a connection, or about to have one.
struct TransferService::Live {
    storage::StoredTransfer transfer;
    // On the transfer thread; deleted there (endConnection, onEnded).
    DropConnection* connection = nullptr;
    std::uint64_t generation = 0; // of `connection`
    // Receiver: dialling again after a broken connection.
    bool dialling = false;
    std::int64_t retryMs = kFirstRetryMs;
    std::int64_t nextDialMs = 0;
    // Receiver, several receivers: the others, from the sender's Swarm
    // record, by the id each knows the drop by, and those with a connection
    // from this node (up or being dialled).
    std::vector<proto::SwarmMember> swarm;
    std::set<proto::TransferId> swarmDialled;
    // When each may be dialled again, and after how long the time after
    // that: one that is not receiving (yet, or any more) refuses, and is
    // asked less and less often.
    struct Redial {
        std::int64_t atMs = 0;
        std::int64_t afterMs = kFirstRetryMs;
    };
    std::map<proto::TransferId, Redial> swarmRedial;
    // Progress.
    std::int64_t lastProgressMs = 0;
    std::uint64_t rateBytes = 0;
    std::int64_t rateSinceMs = 0;
    double bytesPerSecond = 0;
};

TransferService::TransferService(session::MessagePort& port, session::LinkManager& links,
                                 storage::TransferStore& store, Clock& clock, EnvelopeSender sendEnvelope,
                                 PeerCheck isVerified, TransferSettings settings, QObject* parent)
    : QObject(parent), m_port(port), m_links(links), m_store(store), m_clock(clock),
      m_sendEnvelope(std::move(sendEnvelope)), m_isVerified(std::move(isVerified)),
      m_settings(std::move(settings))
{
    connect(&m_port, &session::MessagePort::peerConnected, this, &TransferService::onPeerConnected);
    connect(&m_links, &session::LinkManager::transferConnection, this,
            &TransferService::onTransferConnection);
    connect(&m_links, &session::LinkManager::transferChannelReady, this, &TransferService::onChannelReady);
    connect(&m_links, &session::LinkManager::transferChannelFailed, this, &TransferService::onChannelFailed);
    m_retryTimer = m_clock.createTimer([this] {
        const std::int64_t now = m_clock.monotonicMs();
        for (auto& [id, live] : m_live) {
            if (!live->transfer.outgoing && live->connection == nullptr && !live->dialling &&
                live->nextDialMs <= now) {
                dial(id);
            } else if (live->connection != nullptr && !live->swarm.empty()) {
                dialSwarm(*live);
            }
        }
    });
    m_retryTimer->startRepeating(kFirstRetryMs);
    m_transferThread.setObjectName(QStringLiteral("confab-transfers"));
    connect(
        &m_transferThread, &QThread::started, &m_transferThread, [] { yieldToInteractiveThreads(); },
        Qt::DirectConnection);
    m_transferThread.start();
    // Drops interrupted by a restart go on once their peer is back.
    for (storage::StoredTransfer& transfer : m_store.all()) {
        if (static_cast<DropState>(transfer.state) == DropState::Preparing) {
            // The hashing did not finish: nothing was offered, so nothing is owed.
            transfer.state = static_cast<int>(DropState::Failed);
            transfer.problem = QCoreApplication::translate(
                "Transfers", "Confab stopped while the files were being prepared.");
            save(transfer);
        }
    }
}

TransferService::~TransferService()
{
    for (auto& hashing : m_hashing) {
        hashing->thread.request_stop();
    }
    m_hashing.clear(); // joins
    for (auto& [id, live] : m_live) {
        DropConnection* connection = live->connection;
        if (connection != nullptr && connection->thread() == QThread::currentThread()) {
            delete connection; // not moved to the transfer thread yet
        } else if (connection != nullptr) {
            QMetaObject::invokeMethod(
                connection,
                [connection] {
                    connection->stop(proto::DropReason::None, false);
                    connection->deleteLater();
                },
                Qt::BlockingQueuedConnection);
        }
    }
    m_transferThread.quit(); // deletes what waits for deletion there as it ends
    m_transferThread.wait();
}

std::optional<storage::StoredTransfer> TransferService::stored(const proto::TransferId& id)
{
    if (const auto it = m_live.find(id); it != m_live.end()) {
        return it->second->transfer;
    }
    return m_store.find(bytesOf(id));
}

void TransferService::save(storage::StoredTransfer& transfer)
{
    transfer.updatedMs = m_clock.wallMs();
    if (!m_store.update(transfer)) {
        qCWarning(lcFiles) << "could not save drop" << hexOf(transfer.id);
    }
    if (const auto it = m_live.find(idOf(transfer.id));
        it != m_live.end() && &it->second->transfer != &transfer) {
        it->second->transfer = transfer;
    }
    changed(transfer);
}

void TransferService::changed(const storage::StoredTransfer& transfer)
{
    emit dropChanged(view(transfer));
}

DropView TransferService::view(const storage::StoredTransfer& t) const
{
    DropView v;
    v.id = idOf(t.id);
    v.peer = t.peer;
    v.outgoing = t.outgoing;
    v.state = static_cast<DropState>(t.state);
    v.reason = static_cast<proto::DropReason>(t.reason);
    v.pausedHere = t.pausedHere;
    v.pausedThere = t.pausedThere;
    v.folder = t.folder;
    v.problem = t.problem;
    v.bytesDone = static_cast<std::uint64_t>(t.bytesDone);
    v.bytesFromOthers = static_cast<std::uint64_t>(t.bytesFromOthers);
    v.createdMs = t.createdMs;
    if (auto offer = proto::decodeFileOffer(t.offer)) {
        for (const std::string& name : offer.value().names) {
            v.names.append(QString::fromStdString(name));
        }
        v.fileCount = offer.value().fileCount;
        v.folderCount = offer.value().folderCount;
        v.totalBytes = offer.value().totalBytes;
    }
    v.fileHash = t.fileHash;
    v.savedAs = t.savedAs;
    if (const auto it = m_live.find(v.id); it != m_live.end()) {
        v.bytesPerSecond = it->second->bytesPerSecond;
    }
    return v;
}

std::vector<DropView> TransferService::drops()
{
    std::vector<DropView> result;
    for (const storage::StoredTransfer& t : m_store.overview()) {
        const auto it = m_live.find(idOf(t.id));
        result.push_back(view(it != m_live.end() ? it->second->transfer : t));
    }
    return result;
}

std::optional<DropView> TransferService::drop(const proto::TransferId& id)
{
    if (auto t = stored(id)) {
        return view(*t);
    }
    return std::nullopt;
}

Result<proto::TransferId, QString> TransferService::resolve(const QString& text)
{
    const QString wanted = text.trimmed().toLower();
    if (wanted.isEmpty()) {
        return QCoreApplication::translate("Transfers",
                                           "Name a transfer by its id (see confabctl transfers).");
    }
    std::optional<proto::TransferId> found;
    for (const storage::StoredTransfer& t : m_store.overview()) {
        if (hexOf(t.id).startsWith(wanted)) {
            if (found) {
                return QCoreApplication::translate("Transfers",
                                                   "'%1' fits more than one transfer; give more of its id.")
                    .arg(text);
            }
            found = idOf(t.id);
        }
    }
    if (!found) {
        return QCoreApplication::translate("Transfers",
                                           "No transfer has the id '%1' (see confabctl transfers).")
            .arg(text);
    }
    return *found;
}

// ---- Sending -------------------------------------------------------------

Result<std::vector<proto::TransferId>, QString> TransferService::sendFiles(const std::vector<PeerId>& to,
                                                                           const QStringList& paths)
{
    if (to.empty()) {
        return QCoreApplication::translate("Transfers", "Name at least one peer to send to.");
    }
    if (to.size() > proto::kMaxSwarmPeers + 1) {
        return QCoreApplication::translate("Transfers", "A drop goes to at most %1 peers at once.")
            .arg(proto::kMaxSwarmPeers + 1);
    }
    for (std::size_t i = 0; i < to.size(); ++i) {
        if (to[i] == m_port.self()) {
            return QCoreApplication::translate("Transfers", "You cannot send files to yourself.");
        }
        if (std::find(to.begin(), to.begin() + static_cast<std::ptrdiff_t>(i), to[i]) !=
            to.begin() + static_cast<std::ptrdiff_t>(i)) {
            return QCoreApplication::translate("Transfers", "The same peer is named twice.");
        }
        if (const auto info = m_port.linkInfo(to[i]);
            info && !proto::hasCapability(info->hello.capabilities, proto::Capability::FileDrops)) {
            return QCoreApplication::translate("Transfers",
                                               "This peer's Confab is too old to receive files.");
        }
    }
    if (paths.isEmpty()) {
        return QCoreApplication::translate("Transfers", "Name at least one file or folder to send.");
    }
    auto collected = collectSentDrop(paths);
    if (!collected) {
        return collected.error();
    }
    std::vector<proto::TransferId> ids(to.size());
    for (proto::TransferId& id : ids) {
        crypto::randomBytes(id);
    }
    const std::vector<Bytes> swarms = swarmRecords(to, ids);
    const SentDrop& sent = collected.value();
    for (std::size_t i = 0; i < to.size(); ++i) {
        storage::StoredTransfer t;
        t.id = bytesOf(ids[i]);
        t.peer = to[i];
        t.outgoing = true;
        t.state = static_cast<int>(DropState::Preparing);
        for (const SentEntry& entry : sent.entries) {
            t.sources.append(entry.sourcePath);
        }
        t.swarm = swarms[i];
        // A placeholder offer, so the drop is listed while it is prepared.
        proto::FileOffer offer;
        offer.transferId = ids[i];
        offer.fileCount = sent.fileCount();
        offer.folderCount = sent.folderCount();
        offer.totalBytes = sent.totalBytes();
        for (const QString& name : sent.topNames()) {
            if (offer.names.size() < proto::kMaxOfferNames) {
                offer.names.push_back(name.toStdString());
            }
        }
        offer.manifestLength = 1;
        t.offer = proto::encodeFileOffer(offer);
        t.createdMs = m_clock.wallMs();
        t.updatedMs = t.createdMs;
        if (!m_store.insert(t)) {
            return QCoreApplication::translate("Transfers",
                                               "The drop could not be saved. Check the disk space.");
        }
        changed(t);
    }

    // Reading and hashing take a while for large drops: on a thread of their
    // own, the result posted back to this one.
    QPointer<TransferService> self(this);
    auto hashing = std::make_unique<Hashing>();
    hashing->ids = ids;
    hashing->thread = std::jthread([self, ids, sent = std::move(collected).value()](std::stop_token stop) {
        auto manifest = buildManifest(sent, proto::kMaxChunkSize,
                                      [&stop](std::uint64_t) { return !stop.stop_requested(); });
        if (stop.stop_requested()) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, ids, manifest = std::move(manifest)] {
                if (self) {
                    self->onHashed(ids, manifest);
                }
            },
            Qt::QueuedConnection);
    });
    m_hashing.push_back(std::move(hashing));
    return ids;
}

std::vector<Bytes> TransferService::swarmRecords(const std::vector<PeerId>& to,
                                                 const std::vector<proto::TransferId>& ids) const
{
    // Only receivers linked now with a Confab that fetches from others take
    // part; the rest fetch everything from this node, as with one receiver.
    std::vector<proto::SwarmMember> members;
    for (std::size_t i = 0; i < to.size(); ++i) {
        if (const auto info = m_port.linkInfo(to[i]);
            info && proto::hasCapability(info->hello.capabilities, proto::Capability::DropSwarm)) {
            members.push_back({to[i], ids[i]});
        }
    }
    std::vector<Bytes> records(to.size());
    if (members.size() < 2) {
        return records;
    }
    for (std::size_t i = 0; i < to.size(); ++i) {
        proto::TransferRecord record;
        record.type = proto::TransferRecordType::Swarm;
        for (const proto::SwarmMember& member : members) {
            if (member.peer != to[i]) {
                record.swarm.push_back(member);
            }
        }
        if (record.swarm.size() + 1 == members.size()) { // to[i] is one of them
            records[i] = proto::encodeTransferRecord(record);
        }
    }
    return records;
}

void TransferService::stopHashingFor(const proto::TransferId& id)
{
    const auto it = std::find_if(m_hashing.begin(), m_hashing.end(), [&id](const auto& hashing) {
        return std::find(hashing->ids.begin(), hashing->ids.end(), id) != hashing->ids.end();
    });
    if (it == m_hashing.end()) {
        return;
    }
    for (const proto::TransferId& other : (*it)->ids) {
        if (const auto t = stored(other); t && static_cast<DropState>(t->state) == DropState::Preparing) {
            return; // another drop still waits for the manifest
        }
    }
    (*it)->thread.request_stop();
    m_hashing.erase(it); // joins: the reader stops at its next block
}

void TransferService::onHashed(const std::vector<proto::TransferId>& ids,
                               const Result<proto::Manifest, QString>& manifest)
{
    const auto it = std::find_if(m_hashing.begin(), m_hashing.end(),
                                 [&ids](const auto& hashing) { return hashing->ids == ids; });
    if (it != m_hashing.end()) {
        (*it)->thread.detach(); // it has finished: only the posting remained
        m_hashing.erase(it);
    }
    for (const proto::TransferId& id : ids) {
        offerHashed(id, manifest);
    }
}

void TransferService::offerHashed(const proto::TransferId& id,
                                  const Result<proto::Manifest, QString>& manifest)
{
    auto t = m_store.find(bytesOf(id));
    if (!t || static_cast<DropState>(t->state) != DropState::Preparing) {
        return; // cancelled meanwhile
    }
    if (!manifest) {
        t->state = static_cast<int>(DropState::Failed);
        t->problem = manifest.error();
        save(*t);
        return;
    }
    auto offer = proto::decodeFileOffer(t->offer).value();
    t->manifest = proto::encodeManifest(manifest.value());
    const auto hash = crypto::contentHash(t->manifest);
    std::copy(hash.begin(), hash.end(), offer.manifestHash.begin());
    offer.manifestLength = static_cast<std::uint32_t>(t->manifest.size());
    t->offer = proto::encodeFileOffer(offer);
    t->state = static_cast<int>(DropState::Offered);
    if (manifest.value().entries.size() == 1 &&
        manifest.value().entries[0].kind == proto::ManifestEntryKind::File) {
        const auto& fileHash = manifest.value().entries[0].fileHash;
        t->fileHash = hexOf(ByteView(fileHash.data(), fileHash.size()));
    }
    save(*t);
    if (!m_sendEnvelope(t->peer, proto::EnvelopeKind::FileOffer, t->offer)) {
        qCInfo(lcFiles) << "drop" << hexOf(t->id) << "offered once the peer is reachable";
    }
}

// ---- Envelopes -----------------------------------------------------------

void TransferService::onEnvelope(const PeerId& from, const proto::Envelope& envelope)
{
    if (envelope.kind == proto::EnvelopeKind::FileOffer) {
        if (auto offer = proto::decodeFileOffer(envelope.body)) {
            onOffer(from, offer.value());
        }
    } else if (envelope.kind == proto::EnvelopeKind::FileAnswer) {
        if (auto answer = proto::decodeFileAnswer(envelope.body)) {
            onAnswer(from, answer.value());
        }
    }
}

void TransferService::onOffer(const PeerId& from, const proto::FileOffer& offer)
{
    if (auto known = m_store.find(bytesOf(offer.transferId))) {
        // The sender offers again whenever we link, until the drop is over
        // for it: tell it where the drop stands here.
        if (known->peer == from && !known->outgoing) {
            tellState(*known);
        }
        return;
    }
    storage::StoredTransfer t;
    t.id = bytesOf(offer.transferId);
    t.peer = from;
    t.outgoing = false;
    t.state = static_cast<int>(DropState::Offered);
    t.offer = proto::encodeFileOffer(offer);
    t.createdMs = m_clock.wallMs();
    t.updatedMs = t.createdMs;
    if (!m_store.insert(t)) {
        return; // not stored: the sender offers again later
    }
    const DropView v = view(t);
    emit dropOffered(v);
    emit dropChanged(v);
    if (m_settings.autoAcceptVerified && m_isVerified(from)) {
        (void)accept(offer.transferId, {});
    }
}

void TransferService::answer(storage::StoredTransfer& transfer, proto::FileAnswerKind kind,
                             proto::DropReason reason)
{
    proto::FileAnswer a;
    a.transferId = idOf(transfer.id);
    a.answer = kind;
    a.reason = reason;
    if (!m_sendEnvelope(transfer.peer, proto::EnvelopeKind::FileAnswer, proto::encodeFileAnswer(a))) {
        qCInfo(lcFiles) << "answer for drop" << hexOf(transfer.id) << "goes once the peer is reachable";
    }
}

void TransferService::tellState(storage::StoredTransfer& transfer)
{
    using Kind = proto::FileAnswerKind;
    const auto reason = static_cast<proto::DropReason>(transfer.reason);
    switch (static_cast<DropState>(transfer.state)) {
    case DropState::Preparing:
    case DropState::Offered:
        return; // nothing decided here yet
    case DropState::Transferring:
        if (!transfer.outgoing) {
            answer(transfer, Kind::Accept);
        }
        // Resume when not paused is harmless, and undoes a Pause the peer
        // may still hold from before.
        answer(transfer, transfer.pausedHere ? Kind::Pause : Kind::Resume,
               transfer.pausedHere ? reason : proto::DropReason::None);
        return;
    case DropState::Completed:
        if (!transfer.outgoing) {
            answer(transfer, Kind::Complete);
        }
        return;
    case DropState::Declined:
        answer(transfer, Kind::Decline);
        return;
    case DropState::Cancelled:
        answer(transfer, Kind::Cancel);
        return;
    case DropState::Failed:
        answer(transfer, Kind::Failed, reason);
        return;
    }
}

void TransferService::onAnswer(const PeerId& from, const proto::FileAnswer& a)
{
    auto t = stored(a.transferId);
    if (!t || t->peer != from) {
        return; // not a drop between us: nothing to say
    }
    const auto state = static_cast<DropState>(t->state);
    if (isFinal(state)) {
        // An answer to a drop that is over here (the peer missed how it
        // ended): tell it, unless it is saying that it is over too.
        if (a.answer == proto::FileAnswerKind::Accept || a.answer == proto::FileAnswerKind::Resume ||
            a.answer == proto::FileAnswerKind::Pause) {
            tellState(*t);
        }
        return;
    }
    using Kind = proto::FileAnswerKind;
    switch (a.answer) {
    case Kind::Accept:
        if (t->outgoing && state == DropState::Offered) {
            t->state = static_cast<int>(DropState::Transferring);
            save(*t);
        }
        return;
    case Kind::Decline:
        if (t->outgoing) {
            t->state = static_cast<int>(DropState::Declined);
            save(*t);
            endConnection(a.transferId, proto::DropReason::None);
        }
        return;
    case Kind::Cancel:
        t->state = static_cast<int>(DropState::Cancelled);
        t->problem.clear();
        if (t->outgoing) {
            endConnection(a.transferId, proto::DropReason::None);
        } else {
            discardPartials(*t, proto::DropReason::None);
        }
        save(*t);
        return;
    case Kind::Pause:
        t->pausedThere = true;
        t->reason = static_cast<int>(a.reason);
        t->problem = reasonText(a.reason, t->outgoing);
        save(*t);
        endConnection(a.transferId, proto::DropReason::None);
        return;
    case Kind::Resume:
        t->pausedThere = false;
        t->problem.clear();
        save(*t);
        if (!t->outgoing && !t->pausedHere && state == DropState::Transferring) {
            dial(a.transferId);
        }
        return;
    case Kind::Complete:
        if (t->outgoing) {
            t->state = static_cast<int>(DropState::Completed);
            t->bytesDone = static_cast<std::int64_t>(view(*t).totalBytes);
            save(*t);
            endConnection(a.transferId, proto::DropReason::None);
        }
        return;
    case Kind::Failed:
        t->state = static_cast<int>(DropState::Failed);
        t->reason = static_cast<int>(a.reason);
        t->problem = reasonText(a.reason, t->outgoing);
        if (t->outgoing) {
            endConnection(a.transferId, proto::DropReason::None);
        } else {
            discardPartials(*t, proto::DropReason::None); // a failed drop never resumes
        }
        save(*t);
        return;
    }
}

void TransferService::setRelayPath(session::RelayPath& relay)
{
    m_relay = &relay;
    connect(&relay, &session::RelayPath::reachable, this, [this](const PeerId& peer) {
        for (const storage::StoredTransfer& t : m_store.overview()) {
            if (t.peer == peer && !t.outgoing && static_cast<DropState>(t.state) == DropState::Transferring) {
                dial(idOf(t.id));
            }
        }
    });
}

void TransferService::onPeerConnected(const PeerId& peer)
{
    for (storage::StoredTransfer& t : m_store.overview()) {
        if (t.peer != peer) {
            continue;
        }
        const auto state = static_cast<DropState>(t.state);
        if (t.outgoing && (state == DropState::Offered || state == DropState::Transferring)) {
            // Offered again until the drop is over: the receiver answers
            // with where it stands, whatever either side missed meanwhile.
            m_sendEnvelope(peer, proto::EnvelopeKind::FileOffer, t.offer);
            tellState(t);
        } else if (!t.outgoing && state == DropState::Transferring) {
            tellState(t);
            dial(idOf(t.id));
        }
    }
}

// ---- The user's decisions -----------------------------------------------

Result<DropView, QString> TransferService::accept(const proto::TransferId& id, const QString& chosenFolder)
{
    auto t = stored(id);
    if (!t || t->outgoing) {
        return QCoreApplication::translate("Transfers", "There is no drop with that id offered to you.");
    }
    if (static_cast<DropState>(t->state) != DropState::Offered) {
        return QCoreApplication::translate("Transfers", "This drop was already answered (it is %1).")
            .arg(QLatin1String(toString(static_cast<DropState>(t->state))));
    }
    const QString folderPath = chosenFolder.isEmpty() ? m_settings.downloadFolder : chosenFolder;
    if (folderPath.isEmpty()) {
        return QCoreApplication::translate("Transfers",
                                           "No download folder is set; choose a folder to save the drop in.");
    }
    QDir().mkpath(folderPath);
    auto folder = DownloadFolder::open(folderPath);
    if (!folder) {
        return folder.error().message;
    }
    const std::uint64_t needed = view(*t).totalBytes;
    t->folder = QDir(folderPath).absolutePath();
    t->state = static_cast<int>(DropState::Transferring);
    if (folder.value().freeBytes() < needed) {
        // Kept, paused: free some space and resume. The sender hears why.
        t->pausedHere = true;
        t->reason = static_cast<int>(proto::DropReason::DiskFull);
        t->problem = QCoreApplication::translate(
                         "Transfers", "Not enough free space in %1: the drop needs %2, there are %3.")
                         .arg(t->folder, sizeText(needed), sizeText(folder.value().freeBytes()));
        save(*t);
        answer(*t, proto::FileAnswerKind::Accept);
        answer(*t, proto::FileAnswerKind::Pause, proto::DropReason::DiskFull);
        return view(*t);
    }
    save(*t);
    answer(*t, proto::FileAnswerKind::Accept);
    dial(id);
    return view(*t);
}

Result<DropView, QString> TransferService::decline(const proto::TransferId& id)
{
    auto t = stored(id);
    if (!t || t->outgoing) {
        return QCoreApplication::translate("Transfers", "There is no drop with that id offered to you.");
    }
    if (static_cast<DropState>(t->state) != DropState::Offered) {
        return QCoreApplication::translate("Transfers", "This drop was already answered; cancel it instead.");
    }
    t->state = static_cast<int>(DropState::Declined);
    save(*t);
    answer(*t, proto::FileAnswerKind::Decline);
    return view(*t);
}

// The stored drop `id`, while the user may still act on it; otherwise why not.
Result<storage::StoredTransfer, QString> TransferService::unfinished(const proto::TransferId& id)
{
    auto t = stored(id);
    if (!t) {
        return QCoreApplication::translate("Transfers", "There is no drop with that id.");
    }
    const auto state = static_cast<DropState>(t->state);
    if (isFinal(state)) {
        return QCoreApplication::translate("Transfers", "This drop is over (%1).")
            .arg(QLatin1String(toString(state)));
    }
    return std::move(*t);
}

Result<DropView, QString> TransferService::pause(const proto::TransferId& id)
{
    auto found = unfinished(id);
    if (!found) {
        return found.error();
    }
    storage::StoredTransfer& t = found.value();
    if (!t.pausedHere) {
        t.pausedHere = true;
        save(t);
        answer(t, proto::FileAnswerKind::Pause);
        endConnection(id, proto::DropReason::Paused);
    }
    return view(t);
}

Result<DropView, QString> TransferService::resume(const proto::TransferId& id)
{
    auto found = unfinished(id);
    if (!found) {
        return found.error();
    }
    storage::StoredTransfer& t = found.value();
    const auto state = static_cast<DropState>(t.state);
    if (t.pausedHere) {
        t.pausedHere = false;
        if (!t.outgoing && t.reason == static_cast<int>(proto::DropReason::DiskFull)) {
            t.reason = 0;
        }
        t.problem.clear();
        save(t);
        answer(t, proto::FileAnswerKind::Resume);
    }
    if (!t.outgoing && state == DropState::Transferring && !t.pausedThere) {
        dial(id);
    }
    return view(t);
}

Result<DropView, QString> TransferService::cancel(const proto::TransferId& id)
{
    auto found = unfinished(id);
    if (!found) {
        return found.error();
    }
    storage::StoredTransfer& t = found.value();
    const auto state = static_cast<DropState>(t.state);
    t.state = static_cast<int>(DropState::Cancelled);
    t.problem.clear(); // a pause's reason (a full disk) no longer applies
    if (t.outgoing) {
        endConnection(id, proto::DropReason::Cancelled);
    } else {
        discardPartials(t, proto::DropReason::Cancelled);
    }
    save(t);
    stopHashingFor(id);
    if (state != DropState::Preparing) {
        answer(t, proto::FileAnswerKind::Cancel);
    }
    return view(t);
}

void TransferService::discardPartials(storage::StoredTransfer& transfer, proto::DropReason stopReason)
{
    // A connection holds the partial files open: it removes them itself.
    if (!endConnection(idOf(transfer.id), stopReason, true)) {
        auto folder = DownloadFolder::open(transfer.folder);
        auto manifest = proto::decodeManifest(transfer.manifest);
        if (folder && manifest && !transfer.folder.isEmpty()) {
            QStringList topNames = transfer.topNames;
            auto incoming = IncomingDrop::prepare(idOf(transfer.id), std::move(manifest).value(),
                                                  folder.value(), topNames, m_store.files(transfer.id));
            if (incoming) {
                incoming.value()->removePartials();
            }
        }
    }
    m_store.clearFiles(transfer.id);
}

bool TransferService::endConnection(const proto::TransferId& id, proto::DropReason stopReason,
                                    bool removePartials)
{
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return false;
    }
    DropConnection* connection = it->second->connection;
    m_live.erase(it);
    if (connection == nullptr) {
        return false;
    }
    QMetaObject::invokeMethod(
        connection,
        [connection, stopReason, removePartials] {
            connection->stop(stopReason, removePartials);
            connection->deleteLater();
        },
        Qt::QueuedConnection);
    return true;
}

// ---- Connections ---------------------------------------------------------

void TransferService::dial(const proto::TransferId& id)
{
    auto t = stored(id);
    if (!t || t->outgoing || static_cast<DropState>(t->state) != DropState::Transferring || t->pausedHere ||
        t->pausedThere) {
        return;
    }
    auto& live = m_live[id];
    if (!live) {
        live = std::make_unique<Live>();
        live->transfer = *t;
    }
    if (live->connection != nullptr || live->dialling) {
        return;
    }
    if (const auto info = m_port.linkInfo(t->peer); info && info->listenAddress) {
        live->dialling = true;
        m_links.dialTransfer(*info->listenAddress, t->peer, id);
        return;
    }
    // No link: through a neighbour of both that passes transfer connections on.
    const auto relay = m_relay != nullptr ? m_relay->transferRelayFor(t->peer) : std::nullopt;
    const auto relayInfo = relay ? m_port.linkInfo(*relay) : std::nullopt;
    if (!relayInfo || !relayInfo->listenAddress) {
        return; // dialled when the peer's link comes up, or a relay can reach it
    }
    qCInfo(lcFiles).noquote() << "fetching drop" << hexOf(live->transfer.id) << "through relay"
                              << QString::fromStdString(relay->toText()).left(8);
    live->dialling = true;
    m_links.dialTransferVia(*relayInfo->listenAddress, *relay, t->peer, id);
}

void TransferService::dialSwarm(Live& live)
{
    const std::int64_t now = m_clock.monotonicMs();
    for (const proto::SwarmMember& member : live.swarm) {
        const auto info = m_port.linkInfo(member.peer);
        if (live.swarmDialled.contains(member.transferId) || live.swarmRedial[member.transferId].atMs > now ||
            !info || !info->listenAddress ||
            !proto::hasCapability(info->hello.capabilities, proto::Capability::DropSwarm)) {
            continue; // only over a link: relays carry a drop from its sender alone
        }
        live.swarmDialled.insert(member.transferId);
        m_swarmDials[member.transferId] = idOf(live.transfer.id);
        m_links.dialTransfer(*info->listenAddress, member.peer, member.transferId);
    }
}

void TransferService::swarmOtherGone(Live& live, const proto::TransferId& theirs)
{
    live.swarmDialled.erase(theirs);
    Live::Redial& redial = live.swarmRedial[theirs];
    redial.atMs = m_clock.monotonicMs() + redial.afterMs;
    redial.afterMs = std::min(redial.afterMs * 2, kMaxRetryMs);
}

void TransferService::onSwarmChannelReady(session::TransferChannel* channel, const proto::TransferId& theirs)
{
    std::unique_ptr<session::TransferChannel> owned(channel);
    const proto::TransferId ours = m_swarmDials.at(theirs);
    m_swarmDials.erase(theirs);
    const auto it = m_live.find(ours);
    if (it == m_live.end() || it->second->connection == nullptr) {
        owned->close(); // the drop ended or lost its sender meanwhile
        return;
    }
    handToReceiver(*it->second, std::move(owned), false);
}

void TransferService::handToReceiver(Live& live, std::unique_ptr<session::TransferChannel> channel,
                                     bool serving)
{
    // As in run(): the channel changes threads from an event of its own, then
    // reaches the drop's connection there, unless that ended meanwhile.
    session::TransferChannel* moving = channel.release();
    QPointer<DropConnection> target(live.connection);
    QMetaObject::invokeMethod(
        moving,
        [moving, target, serving, thread = &m_transferThread] {
            moving->moveTo(thread);
            QMetaObject::invokeMethod(
                moving,
                [moving, target, serving] {
                    std::unique_ptr<session::TransferChannel> arrived(moving);
                    if (!target) {
                        arrived->close();
                        return;
                    }
                    // A receiver's Live holds a ReceivingConnection.
                    static_cast<ReceivingConnection*>(target.data())->addOther(std::move(arrived), serving);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void TransferService::onChannelFailed(const proto::TransferId& id, const QString& reason)
{
    if (const auto dial = m_swarmDials.find(id); dial != m_swarmDials.end()) {
        if (const auto it = m_live.find(dial->second); it != m_live.end()) {
            swarmOtherGone(*it->second, id);
        }
        m_swarmDials.erase(dial);
        return;
    }
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return;
    }
    Live& live = *it->second;
    live.dialling = false;
    qCInfo(lcFiles) << "transfer connection for drop" << hexOf(live.transfer.id) << "failed:" << reason;
    retryLater(live);
}

void TransferService::retryLater(Live& live)
{
    live.nextDialMs = m_clock.monotonicMs() + live.retryMs;
    live.retryMs = std::min(live.retryMs * 2, kMaxRetryMs);
}

void TransferService::onChannelReady(session::TransferChannel* channel, const proto::TransferId& id)
{
    if (m_swarmDials.contains(id)) {
        onSwarmChannelReady(channel, id);
        return;
    }
    std::unique_ptr<session::TransferChannel> owned(channel);
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        owned->close();
        return;
    }
    Live& live = *it->second;
    live.dialling = false;
    live.retryMs = kFirstRetryMs;
    // Only a sender linked directly names the other receivers: they fetch
    // from each other over links of their own.
    const auto info = m_port.linkInfo(live.transfer.peer);
    const bool senderSwarms =
        info && proto::hasCapability(info->hello.capabilities, proto::Capability::DropSwarm);
    ReceivingConnection::Drop drop{proto::decodeFileOffer(live.transfer.offer).value(),
                                   live.transfer.manifest,
                                   live.transfer.folder,
                                   live.transfer.topNames,
                                   m_store.files(live.transfer.id),
                                   senderSwarms};
    live.generation = ++m_generations;
    run(live, std::make_unique<ReceivingConnection>(std::move(owned), std::move(drop), m_clock,
                                                    reporterFor(id, live.generation)));
}

void TransferService::onTransferConnection(session::TransferChannel* channel, const PeerId& peer,
                                           const proto::TransferId& id)
{
    std::unique_ptr<session::TransferChannel> owned(channel);
    auto t = stored(id);
    if (t && !t->outgoing) {
        // Another receiver of the same drop, fetching what this one holds.
        const auto live = m_live.find(id);
        const bool named = live != m_live.end() &&
                           std::any_of(live->second->swarm.begin(), live->second->swarm.end(),
                                       [&peer](const proto::SwarmMember& m) { return m.peer == peer; });
        if (!named || live->second->connection == nullptr) {
            qCInfo(lcFiles) << "refused a connection for a drop this node is not receiving with that peer";
            owned->abort(QStringLiteral("not receiving this drop with that peer now"));
            return;
        }
        handToReceiver(*live->second, std::move(owned), true);
        return;
    }
    if (!t || !t->outgoing || t->peer != peer ||
        static_cast<DropState>(t->state) != DropState::Transferring || t->pausedHere || t->pausedThere) {
        qCInfo(lcFiles) << "refused a transfer connection for a drop that is not being sent to that peer";
        owned->abort(QStringLiteral("no such drop being sent to this peer"));
        return;
    }
    auto manifest = proto::decodeManifest(t->manifest);
    if (!manifest) {
        owned->abort(QStringLiteral("the drop's manifest is damaged"));
        return;
    }
    endConnection(id, proto::DropReason::None); // a newer connection replaces an older one
    auto live = std::make_unique<Live>();
    live->transfer = *t;
    SendingConnection::Drop drop{
        std::move(manifest).value(), t->manifest, {}, t->swarm, m_settings.maxBytesPerSecond};
    drop.sources = sentDropOf(drop.manifest, t->sources);
    live->generation = ++m_generations;
    auto connection = std::make_unique<SendingConnection>(std::move(owned), std::move(drop), m_clock,
                                                          reporterFor(id, live->generation));
    Live& started = *live;
    m_live[id] = std::move(live);
    run(started, std::move(connection));
}

void TransferService::run(Live& live, std::unique_ptr<DropConnection> connection)
{
    live.rateSinceMs = m_clock.monotonicMs();
    live.rateBytes = 0;
    live.connection = connection.release();
    DropConnection* started = live.connection;
    // Moved from an event of its own: the channel is handed over inside its
    // socket's read handler, and a socket must not change threads there.
    // Whatever is posted to the connection meanwhile (a stop) moves with it.
    QMetaObject::invokeMethod(
        started,
        [started, thread = &m_transferThread] {
            started->moveTo(thread);
            QMetaObject::invokeMethod(
                started, [started] { started->start(); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

DropConnection::Reporter TransferService::reporterFor(const proto::TransferId& id, std::uint64_t generation)
{
    // Runs on the transfer thread. This service outlives every connection
    // (its destructor ends them first), and reports still queued when it
    // goes are dropped with it.
    return [this, id, generation](DropReport report) {
        QMetaObject::invokeMethod(
            this,
            [this, id, generation, report = std::move(report)]() mutable {
                onReport(id, generation, std::move(report));
            },
            Qt::QueuedConnection);
    };
}

void TransferService::onReport(const proto::TransferId& id, std::uint64_t generation, DropReport report)
{
    const auto it = m_live.find(id);
    if (it == m_live.end() || it->second->connection == nullptr || it->second->generation != generation) {
        return; // from a connection ended meanwhile
    }
    Live& live = *it->second;
    if (auto* progress = std::get_if<DropProgress>(&report)) {
        onProgress(live, *progress);
    } else if (auto* manifest = std::get_if<DropManifestArrived>(&report)) {
        live.transfer.manifest = std::move(manifest->manifest);
        if (!manifest->fileHash.isEmpty()) {
            live.transfer.fileHash = manifest->fileHash;
        }
        save(live.transfer);
    } else if (auto* claimed = std::get_if<DropFoldersClaimed>(&report)) {
        live.transfer.topNames = claimed->topNames;
        save(live.transfer);
    } else if (auto* joined = std::get_if<DropSwarmJoined>(&report)) {
        live.swarm = std::move(joined->others);
        dialSwarm(live);
    } else if (auto* gone = std::get_if<DropSwarmOtherGone>(&report)) {
        swarmOtherGone(live, gone->theirId);
    } else if (auto* ended = std::get_if<DropEnded>(&report)) {
        onEnded(id, *ended);
    }
}

void TransferService::onProgress(Live& live, DropProgress& report)
{
    if (!report.files.empty()) {
        // Recorded at once: after a kill -9 at most the chunk being written
        // now is fetched again. The connection waits for this.
        m_store.saveFiles(live.transfer.id, report.files);
        DropConnection* connection = live.connection;
        QMetaObject::invokeMethod(
            connection, [connection] { connection->saved(); }, Qt::QueuedConnection);
    }
    live.transfer.bytesFromOthers += static_cast<std::int64_t>(report.fromOthers);
    const auto done = static_cast<std::int64_t>(report.bytesDone);
    live.rateBytes += static_cast<std::uint64_t>(std::max<std::int64_t>(0, done - live.transfer.bytesDone));
    live.transfer.bytesDone = done;
    progress(live);
}

void TransferService::onEnded(const proto::TransferId& id, const DropEnded& ended)
{
    Live& live = *m_live.at(id);
    if (ended.how == DropEnded::How::Closed) {
        qCInfo(lcFiles) << "transfer connection for drop" << hexOf(live.transfer.id)
                        << "closed:" << ended.message;
        save(live.transfer);
        if (live.transfer.outgoing) {
            endConnection(id, proto::DropReason::None); // the receiver dials again
            return;
        }
        live.connection->deleteLater(); // its connections with other receivers close with it
        live.connection = nullptr;
        live.swarm.clear(); // the sender names them again on the next connection
        live.swarmDialled.clear();
        live.swarmRedial.clear();
        retryLater(live);
        return;
    }
    storage::StoredTransfer t = live.transfer;
    endConnection(id, proto::DropReason::None);
    if (ended.how == DropEnded::How::Completed) {
        t.state = static_cast<int>(DropState::Completed);
        t.bytesDone = static_cast<std::int64_t>(view(t).totalBytes);
        t.problem.clear();
        if (!t.outgoing) {
            t.savedAs = ended.savedAs;
        }
        save(t);
        if (!t.outgoing) {
            answer(t, proto::FileAnswerKind::Complete);
        }
        return;
    }
    if (t.outgoing) {
        onSenderEnded(t, ended);
    } else {
        onReceiverEnded(t, ended);
    }
}

void TransferService::onSenderEnded(storage::StoredTransfer& t, const DropEnded& ended)
{
    if (ended.how == DropEnded::How::Failed) {
        t.state = static_cast<int>(DropState::Failed);
        t.reason = static_cast<int>(ended.reason);
        t.problem = reasonText(ended.reason, false);
        save(t);
        answer(t, proto::FileAnswerKind::Failed, ended.reason);
        return;
    }
    // Stopped: the receiver's answer envelope says why too; a full disk
    // or an unwritable folder pauses the drop until it resumes.
    if (ended.reason == proto::DropReason::DiskFull || ended.reason == proto::DropReason::FolderNotWritable) {
        t.pausedThere = true;
        t.reason = static_cast<int>(ended.reason);
        t.problem = reasonText(ended.reason, true);
    }
    save(t);
}

void TransferService::onReceiverEnded(storage::StoredTransfer& t, const DropEnded& ended)
{
    t.reason = static_cast<int>(ended.reason);
    t.problem = ended.message;
    if (ended.how == DropEnded::How::Paused) {
        t.pausedHere = true;
        save(t);
        answer(t, proto::FileAnswerKind::Pause, ended.reason);
        return;
    }
    t.state = static_cast<int>(DropState::Failed);
    m_store.clearFiles(t.id); // the connection removed the partial files
    save(t);
    answer(t, proto::FileAnswerKind::Failed, ended.reason);
}

void TransferService::progress(Live& live)
{
    const std::int64_t now = m_clock.monotonicMs();
    if (now - live.lastProgressMs < kProgressIntervalMs) {
        return;
    }
    const std::int64_t window = now - live.rateSinceMs;
    if (window >= 1000) {
        const double current = static_cast<double>(live.rateBytes) * 1000.0 / static_cast<double>(window);
        live.bytesPerSecond = live.bytesPerSecond == 0 ? current : 0.5 * live.bytesPerSecond + 0.5 * current;
        live.rateBytes = 0;
        live.rateSinceMs = now;
    }
    live.lastProgressMs = now;
    save(live.transfer);
}

} // namespace confab::files
