#include "transfer_service.h"

#include "crypto/content_hash.h"
#include "crypto/random.h"
#include "sent_drop.h"
#include "session/link_manager.h"
#include "session/transfer_channel.h"
#include "source_reader.h"

#include <QDir>
#include <QLocale>
#include <QLoggingCategory>

namespace confab::files {
namespace {

Q_LOGGING_CATEGORY(lcFiles, "confab.files")

// The sender keeps at most this much queued on a connection: enough to keep
// a fast link busy, little enough that memory stays flat whatever the size.
constexpr std::int64_t kHighWaterBytes = 8LL * 1024 * 1024;
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

QString hexOf(ByteView bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()))
            .toHex());
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
        return fromReceiver ? QStringLiteral("The receiver's disk is full.")
                            : QStringLiteral("The disk is full.");
    case proto::DropReason::FolderNotWritable:
        return QStringLiteral("The receiver's download folder cannot be written.");
    case proto::DropReason::SourceChanged:
        return QStringLiteral("A file changed on the sender's side after it was offered.");
    case proto::DropReason::SourceMissing:
        return QStringLiteral("A file is no longer there on the sender's side.");
    case proto::DropReason::Damaged:
        return QStringLiteral("Part of the drop kept arriving damaged.");
    case proto::DropReason::Refused:
        return QStringLiteral("The drop broke a rule and was refused.");
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
    proto::FileOffer offer;
    std::unique_ptr<session::TransferChannel> channel;
    bool dialling = false;
    std::int64_t retryMs = kFirstRetryMs;
    std::int64_t nextDialMs = 0;
    // Sender.
    proto::Manifest manifest;
    std::unique_ptr<SourceReader> reader;
    std::unique_ptr<OutgoingDrop> outgoing;
    // Receiver.
    Bytes manifestBytes;
    std::optional<DownloadFolder> folder;
    std::unique_ptr<IncomingDrop> incoming;
    // Progress.
    std::int64_t lastProgressMs = 0;
    std::uint64_t rateBytes = 0;
    std::int64_t rateSinceMs = 0;
    double bytesPerSecond = 0;
    // Sending at most TransferSettings::maxBytesPerSecond.
    std::unique_ptr<Timer> pumpTimer;
    std::int64_t pacedSinceMs = 0;
    std::uint64_t pacedBytes = 0;
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
            if (!live->transfer.outgoing && !live->channel && !live->dialling && live->nextDialMs <= now) {
                dial(id);
            }
        }
    });
    m_retryTimer->startRepeating(kFirstRetryMs);
    // Drops interrupted by a restart go on once their peer is back.
    for (storage::StoredTransfer& transfer : m_store.all()) {
        if (static_cast<DropState>(transfer.state) == DropState::Preparing) {
            // The hashing did not finish: nothing was offered, so nothing is owed.
            transfer.state = static_cast<int>(DropState::Failed);
            transfer.problem = QStringLiteral("Confab stopped while the files were being prepared.");
            save(transfer);
        }
    }
}

TransferService::~TransferService()
{
    for (auto& [id, thread] : m_hashing) {
        thread.request_stop();
    }
    m_hashing.clear(); // joins
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
    for (const storage::StoredTransfer& t : m_store.all()) {
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
        return QStringLiteral("Name a transfer by its id (see confabctl transfers).");
    }
    std::optional<proto::TransferId> found;
    for (const storage::StoredTransfer& t : m_store.all()) {
        if (hexOf(t.id).startsWith(wanted)) {
            if (found) {
                return QStringLiteral("'%1' fits more than one transfer; give more of its id.").arg(text);
            }
            found = idOf(t.id);
        }
    }
    if (!found) {
        return QStringLiteral("No transfer has the id '%1' (see confabctl transfers).").arg(text);
    }
    return *found;
}

// ---- Sending -------------------------------------------------------------

Result<proto::TransferId, QString> TransferService::sendFiles(const PeerId& to, const QStringList& paths)
{
    if (to == m_port.self()) {
        return QStringLiteral("You cannot send files to yourself.");
    }
    if (paths.isEmpty()) {
        return QStringLiteral("Name at least one file or folder to send.");
    }
    if (const auto info = m_port.linkInfo(to);
        info && !proto::hasCapability(info->hello.capabilities, proto::Capability::FileDrops)) {
        return QStringLiteral("This peer's Confab is too old to receive files.");
    }
    auto collected = collectSentDrop(paths);
    if (!collected) {
        return collected.error();
    }
    proto::TransferId id{};
    crypto::randomBytes(id);

    storage::StoredTransfer t;
    t.id = bytesOf(id);
    t.peer = to;
    t.outgoing = true;
    t.state = static_cast<int>(DropState::Preparing);
    const SentDrop& sent = collected.value();
    for (const SentEntry& entry : sent.entries) {
        t.sources.append(entry.sourcePath);
    }
    // A placeholder offer, so the drop is listed while it is prepared.
    proto::FileOffer offer;
    offer.transferId = id;
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
        return QStringLiteral("The drop could not be saved. Check the disk space.");
    }
    changed(t);

    // Reading and hashing take a while for large drops: on a thread of their
    // own, the result posted back to this one.
    QPointer<TransferService> self(this);
    m_hashing.emplace(id, std::jthread([self, id, sent = std::move(collected).value()](std::stop_token stop) {
                          auto manifest = buildManifest(sent, proto::kMaxChunkSize, [&stop](std::uint64_t) {
                              return !stop.stop_requested();
                          });
                          if (stop.stop_requested()) {
                              return;
                          }
                          QMetaObject::invokeMethod(
                              self.data(),
                              [self, id, manifest = std::move(manifest)]() mutable {
                                  if (self) {
                                      self->onHashed(id, std::move(manifest));
                                  }
                              },
                              Qt::QueuedConnection);
                      }));
    return id;
}

void TransferService::onHashed(const proto::TransferId& id, Result<proto::Manifest, QString> manifest)
{
    if (auto it = m_hashing.find(id); it != m_hashing.end()) {
        it->second.detach(); // it has finished: only the posting remained
        m_hashing.erase(it);
    }
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
        endConnection(a.transferId, proto::DropReason::None);
        if (!t->outgoing) {
            removePartials(*t);
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
        endConnection(a.transferId, proto::DropReason::None);
        if (!t->outgoing) {
            removePartials(*t); // a failed drop never resumes: its partials are litter
        }
        save(*t);
        return;
    }
}

void TransferService::onPeerConnected(const PeerId& peer)
{
    for (storage::StoredTransfer& t : m_store.all()) {
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
        return QStringLiteral("There is no drop with that id offered to you.");
    }
    if (static_cast<DropState>(t->state) != DropState::Offered) {
        return QStringLiteral("This drop was already answered (it is %1).")
            .arg(QLatin1String(toString(static_cast<DropState>(t->state))));
    }
    const QString folderPath = chosenFolder.isEmpty() ? m_settings.downloadFolder : chosenFolder;
    if (folderPath.isEmpty()) {
        return QStringLiteral("No download folder is set; choose a folder to save the drop in.");
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
        t->problem = QStringLiteral("Not enough free space in %1: the drop needs %2, there are %3.")
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
        return QStringLiteral("There is no drop with that id offered to you.");
    }
    if (static_cast<DropState>(t->state) != DropState::Offered) {
        return QStringLiteral("This drop was already answered; cancel it instead.");
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
        return QStringLiteral("There is no drop with that id.");
    }
    const auto state = static_cast<DropState>(t->state);
    if (isFinal(state)) {
        return QStringLiteral("This drop is over (%1).").arg(QLatin1String(toString(state)));
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
    if (auto hashing = m_hashing.find(id); hashing != m_hashing.end()) {
        hashing->second.request_stop();
        m_hashing.erase(hashing); // joins: the reader stops at its next block
    }
    t.state = static_cast<int>(DropState::Cancelled);
    t.problem.clear(); // a pause's reason (a full disk) no longer applies
    endConnection(id, proto::DropReason::Cancelled);
    if (!t.outgoing) {
        removePartials(t);
    }
    save(t);
    if (state != DropState::Preparing) {
        answer(t, proto::FileAnswerKind::Cancel);
    }
    return view(t);
}

void TransferService::removePartials(storage::StoredTransfer& transfer)
{
    auto folder = DownloadFolder::open(transfer.folder);
    auto manifest = proto::decodeManifest(transfer.manifest);
    if (!folder || !manifest || transfer.folder.isEmpty()) {
        return;
    }
    QStringList topNames = transfer.topNames;
    auto incoming = IncomingDrop::prepare(idOf(transfer.id), std::move(manifest).value(), folder.value(),
                                          topNames, m_store.files(transfer.id));
    if (incoming) {
        incoming.value()->removePartials();
    }
    m_store.clearFiles(transfer.id);
}

void TransferService::endConnection(const proto::TransferId& id, proto::DropReason stopReason)
{
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return;
    }
    std::unique_ptr<Live> live = std::move(it->second);
    m_live.erase(it);
    if (live->channel) {
        if (stopReason != proto::DropReason::None) {
            proto::TransferRecord stop;
            stop.type = proto::TransferRecordType::Stop;
            stop.reason = stopReason;
            live->channel->send(proto::encodeTransferRecord(stop));
        }
        live->channel->disconnect(this);
        live->channel->close();
        live->channel.release()->deleteLater();
    }
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
        live->offer = proto::decodeFileOffer(t->offer).value();
    }
    if (live->channel || live->dialling) {
        return;
    }
    const auto info = m_port.linkInfo(t->peer);
    if (!info || !info->listenAddress) {
        return; // dialled when the peer's link comes up
    }
    live->dialling = true;
    m_links.dialTransfer(*info->listenAddress, t->peer, id);
}

void TransferService::onChannelFailed(const proto::TransferId& id, const QString& reason)
{
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return;
    }
    Live& live = *it->second;
    live.dialling = false;
    qCInfo(lcFiles) << "transfer connection for drop" << hexOf(live.transfer.id) << "failed:" << reason;
    live.nextDialMs = m_clock.monotonicMs() + live.retryMs;
    live.retryMs = std::min(live.retryMs * 2, kMaxRetryMs);
}

void TransferService::onChannelReady(session::TransferChannel* channel, const proto::TransferId& id)
{
    std::unique_ptr<session::TransferChannel> owned(channel);
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        owned->close();
        return;
    }
    Live& live = *it->second;
    live.dialling = false;
    live.retryMs = kFirstRetryMs;
    live.channel = std::move(owned);
    live.channel->setParent(nullptr);
    connect(live.channel.get(), &session::TransferChannel::recordsReceived, this,
            [this, id](const std::vector<Bytes>& records) { onRecords(id, records); });
    connect(live.channel.get(), &session::TransferChannel::closed, this,
            [this, id](const QString& reason) { onChannelClosed(id, reason); });
    live.channel->start();
    if (m_live.count(id) != 0 && live.channel) {
        startReceiving(live);
    }
}

void TransferService::onTransferConnection(session::TransferChannel* channel, const PeerId& peer,
                                           const proto::TransferId& id)
{
    std::unique_ptr<session::TransferChannel> owned(channel);
    auto t = stored(id);
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
    live->offer = proto::decodeFileOffer(t->offer).value();
    live->manifest = std::move(manifest).value();
    live->reader =
        std::make_unique<SourceReader>(sentDropOf(live->manifest, t->sources), live->manifest.chunkSize);
    live->outgoing = std::make_unique<OutgoingDrop>(live->manifest, live->transfer.manifest, *live->reader);
    live->channel = std::move(owned);
    live->channel->setParent(nullptr);
    live->rateSinceMs = m_clock.monotonicMs();
    live->pacedSinceMs = live->rateSinceMs;
    live->pumpTimer = m_clock.createTimer([this, id] { pump(id); });
    connect(live->channel.get(), &session::TransferChannel::recordsReceived, this,
            [this, id](const std::vector<Bytes>& records) { onRecords(id, records); });
    connect(live->channel.get(), &session::TransferChannel::writable, this, [this, id] { pump(id); });
    connect(live->channel.get(), &session::TransferChannel::closed, this,
            [this, id](const QString& reason) { onChannelClosed(id, reason); });
    session::TransferChannel* started = live->channel.get();
    m_live[id] = std::move(live);
    started->start();
}

void TransferService::onChannelClosed(const proto::TransferId& id, const QString& reason)
{
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return;
    }
    Live& live = *it->second;
    qCInfo(lcFiles) << "transfer connection for drop" << hexOf(live.transfer.id) << "closed:" << reason;
    if (live.channel) {
        live.channel.release()->deleteLater();
    }
    save(live.transfer);
    if (live.transfer.outgoing) {
        m_live.erase(it); // the receiver dials again
        return;
    }
    live.nextDialMs = m_clock.monotonicMs() + live.retryMs;
    live.retryMs = std::min(live.retryMs * 2, kMaxRetryMs);
}

void TransferService::onRecords(const proto::TransferId& id, const std::vector<Bytes>& records)
{
    for (const Bytes& bytes : records) {
        const auto it = m_live.find(id);
        if (it == m_live.end() || !it->second->channel) {
            return; // ended by an earlier record
        }
        Live& live = *it->second;
        auto record = proto::decodeTransferRecord(bytes);
        if (!record) {
            qCWarning(lcFiles) << "drop" << hexOf(live.transfer.id) << ": malformed record ("
                               << proto::toString(record.error()) << "); closing its connection";
            live.channel->abort(QStringLiteral("malformed record"));
            onChannelClosed(id, QStringLiteral("malformed record"));
            return;
        }
        if (live.transfer.outgoing) {
            onSenderRecord(live, record.value());
        } else {
            onReceiverRecord(live, record.value());
        }
    }
    const auto it = m_live.find(id);
    if (it == m_live.end()) {
        return;
    }
    Live& live = *it->second;
    if (live.transfer.outgoing) {
        pump(id);
    } else if (live.incoming) {
        if (auto changedFiles = live.incoming->takeChanged(); !changedFiles.empty()) {
            m_store.saveFiles(live.transfer.id, changedFiles);
        }
        live.transfer.bytesDone = static_cast<std::int64_t>(live.incoming->bytesVerified());
        finishIfWhole(live);
        if (m_live.count(id) != 0) {
            progress(live);
        }
    }
}

void TransferService::onSenderRecord(Live& live, const proto::TransferRecord& record)
{
    const proto::TransferId id = idOf(live.transfer.id);
    auto reaction = live.outgoing->onRecord(record);
    if (!reaction) {
        qCWarning(lcFiles) << "drop" << hexOf(live.transfer.id) << ":" << reaction.error()
                           << "; closing its connection";
        live.channel->abort(reaction.error());
        onChannelClosed(id, reaction.error());
        return;
    }
    switch (reaction.value().step) {
    case OutgoingDrop::Step::Continue:
        return;
    case OutgoingDrop::Step::Done:
        live.transfer.state = static_cast<int>(DropState::Completed);
        live.transfer.bytesDone = static_cast<std::int64_t>(live.offer.totalBytes);
        save(live.transfer);
        endConnection(id, proto::DropReason::None);
        return;
    case OutgoingDrop::Step::Stop:
        // The receiver says why in its answer envelope too; this is the fast path.
        if (reaction.value().reason == proto::DropReason::DiskFull ||
            reaction.value().reason == proto::DropReason::FolderNotWritable) {
            live.transfer.pausedThere = true;
            live.transfer.reason = static_cast<int>(reaction.value().reason);
            live.transfer.problem = reasonText(reaction.value().reason, true);
            save(live.transfer);
        }
        endConnection(id, proto::DropReason::None);
        return;
    }
}

void TransferService::pump(const proto::TransferId& id)
{
    const auto it = m_live.find(id);
    if (it == m_live.end() || !it->second->channel || !it->second->outgoing) {
        return;
    }
    Live& live = *it->second;
    while (live.channel->pendingWriteBytes() < kHighWaterBytes) {
        if (const std::int64_t waitMs = paceWaitMs(live); waitMs > 0) {
            live.pumpTimer->start(waitMs);
            break;
        }
        auto next = live.outgoing->nextRecord();
        if (!next) {
            break;
        }
        if (!next->ok()) {
            const SourceProblem problem = next->error();
            const auto reason = problem == SourceProblem::Changed ? proto::DropReason::SourceChanged
                                                                  : proto::DropReason::SourceMissing;
            live.transfer.state = static_cast<int>(DropState::Failed);
            live.transfer.reason = static_cast<int>(reason);
            live.transfer.problem = reasonText(reason, false);
            storage::StoredTransfer t = live.transfer;
            endConnection(id, reason);
            save(t);
            answer(t, proto::FileAnswerKind::Failed, reason);
            return;
        }
        live.channel->send(next->value());
        live.pacedBytes += next->value().size();
    }
    const auto sent = static_cast<std::int64_t>(live.outgoing->bytesSent());
    live.rateBytes += static_cast<std::uint64_t>(std::max<std::int64_t>(0, sent - live.transfer.bytesDone));
    live.transfer.bytesDone = sent;
    progress(live);
}

std::int64_t TransferService::paceWaitMs(const Live& live) const
{
    if (m_settings.maxBytesPerSecond == 0) {
        return 0;
    }
    // What the rate allowed since the connection started, against what went.
    const auto elapsedMs = static_cast<std::uint64_t>(m_clock.monotonicMs() - live.pacedSinceMs);
    const std::uint64_t allowed = elapsedMs * m_settings.maxBytesPerSecond / 1000;
    if (live.pacedBytes <= allowed) {
        return 0;
    }
    return static_cast<std::int64_t>((live.pacedBytes - allowed) * 1000 / m_settings.maxBytesPerSecond) + 1;
}

void TransferService::startReceiving(Live& live)
{
    proto::TransferRecord hello;
    hello.type = proto::TransferRecordType::Hello;
    hello.wantManifest = live.transfer.manifest.empty();
    live.manifestBytes.clear();
    live.rateSinceMs = m_clock.monotonicMs();
    live.rateBytes = 0;
    live.channel->send(proto::encodeTransferRecord(hello));
    if (!hello.wantManifest) {
        startReceivingAfterManifest(live);
    }
}

void TransferService::startReceivingAfterManifest(Live& live)
{
    if (!live.incoming) {
        auto manifest = proto::decodeManifest(live.transfer.manifest);
        auto folder = DownloadFolder::open(live.transfer.folder);
        if (!folder) {
            receiverProblem(live, {proto::DropReason::FolderNotWritable, folder.error().message});
            return;
        }
        live.folder.emplace(std::move(folder).value());
        auto prepared =
            IncomingDrop::prepare(idOf(live.transfer.id), std::move(manifest).value(), *live.folder,
                                  live.transfer.topNames, m_store.files(live.transfer.id));
        if (!prepared) {
            receiverProblem(live, prepared.error());
            return;
        }
        live.incoming = std::move(prepared).value();
        save(live.transfer); // the top-level folders it claimed
    }
    sendRecords(live, live.incoming->wants());
    finishIfWhole(live);
}

void TransferService::sendRecords(Live& live, const std::vector<proto::TransferRecord>& records)
{
    for (const proto::TransferRecord& record : records) {
        live.channel->send(proto::encodeTransferRecord(record));
    }
}

void TransferService::onReceiverRecord(Live& live, const proto::TransferRecord& record)
{
    const proto::TransferId id = idOf(live.transfer.id);
    switch (record.type) {
    case proto::TransferRecordType::ManifestPart: {
        const std::uint32_t expected = live.offer.manifestLength;
        if (!live.transfer.manifest.empty() || record.offset != live.manifestBytes.size() ||
            live.manifestBytes.size() + record.data.size() > expected) {
            live.channel->abort(QStringLiteral("a manifest part out of place"));
            onChannelClosed(id, QStringLiteral("a manifest part out of place"));
            return;
        }
        live.manifestBytes.insert(live.manifestBytes.end(), record.data.begin(), record.data.end());
        if (live.manifestBytes.size() < expected) {
            return;
        }
        const auto hash = crypto::contentHash(live.manifestBytes);
        auto manifest = proto::decodeManifest(live.manifestBytes);
        if (!std::equal(hash.begin(), hash.end(), live.offer.manifestHash.begin()) || !manifest) {
            receiverProblem(live, {proto::DropReason::Refused,
                                   QStringLiteral("The list of files sent does not match the offer.")});
            return;
        }
        std::uint32_t files = 0;
        std::uint64_t total = 0;
        for (const auto& entry : manifest.value().entries) {
            if (entry.kind == proto::ManifestEntryKind::File) {
                ++files;
                total += entry.size;
            }
        }
        if (files != live.offer.fileCount || total != live.offer.totalBytes) {
            receiverProblem(live, {proto::DropReason::Refused,
                                   QStringLiteral("The list of files sent does not match the offer.")});
            return;
        }
        if (manifest.value().entries.size() == 1 &&
            manifest.value().entries[0].kind == proto::ManifestEntryKind::File) {
            const auto& fileHash = manifest.value().entries[0].fileHash;
            live.transfer.fileHash = hexOf(ByteView(fileHash.data(), fileHash.size()));
        }
        live.transfer.manifest = std::move(live.manifestBytes);
        live.manifestBytes.clear();
        startReceivingAfterManifest(live);
        return;
    }
    case proto::TransferRecordType::Chunk: {
        if (!live.incoming) {
            live.channel->abort(QStringLiteral("a chunk before the manifest"));
            onChannelClosed(id, QStringLiteral("a chunk before the manifest"));
            return;
        }
        QString protocolError;
        auto outcome = live.incoming->onChunk(record, protocolError);
        if (!protocolError.isEmpty()) {
            qCWarning(lcFiles) << "drop" << hexOf(live.transfer.id) << ":" << protocolError
                               << "; closing its connection";
            live.channel->abort(protocolError);
            onChannelClosed(id, protocolError);
            return;
        }
        if (!outcome) {
            receiverProblem(live, outcome.error());
            return;
        }
        live.rateBytes += outcome.value().bytesAccepted;
        if (outcome.value().damaged) {
            sendRecords(live, live.incoming->wantAgain());
        }
        // Recorded at once: after a kill -9 at most the chunk being written
        // now is fetched again.
        if (auto changedFiles = live.incoming->takeChanged(); !changedFiles.empty()) {
            m_store.saveFiles(live.transfer.id, changedFiles);
        }
        return;
    }
    case proto::TransferRecordType::Stop:
        // The sender stopped: its answer envelope says why and for how long.
        live.channel->close();
        onChannelClosed(id, QStringLiteral("the sender stopped"));
        return;
    case proto::TransferRecordType::Hello:
    case proto::TransferRecordType::Want:
    case proto::TransferRecordType::Done:
        break;
    }
    live.channel->abort(QStringLiteral("a record only a receiver sends"));
    onChannelClosed(id, QStringLiteral("a record only a receiver sends"));
}

void TransferService::receiverProblem(Live& live, const IncomingDrop::Problem& problem)
{
    const proto::TransferId id = idOf(live.transfer.id);
    storage::StoredTransfer t = live.transfer;
    t.problem = problem.message;
    t.reason = static_cast<int>(problem.reason);
    if (problem.pauses()) {
        t.pausedHere = true;
        endConnection(id, problem.reason);
        save(t);
        answer(t, proto::FileAnswerKind::Pause, problem.reason);
        return;
    }
    t.state = static_cast<int>(DropState::Failed);
    endConnection(id, problem.reason);
    removePartials(t); // a failed drop never resumes: its partials are litter
    save(t);
    answer(t, proto::FileAnswerKind::Failed, problem.reason);
}

void TransferService::finishIfWhole(Live& live)
{
    if (!live.incoming || !live.incoming->allChunksVerified() || live.incoming->finished()) {
        return;
    }
    auto finished = live.incoming->finish();
    if (auto changedFiles = live.incoming->takeChanged(); !changedFiles.empty()) {
        m_store.saveFiles(live.transfer.id, changedFiles);
    }
    if (!finished) {
        receiverProblem(live, finished.error());
        return;
    }
    if (!live.incoming->finished()) {
        sendRecords(live, finished.value()); // damaged on this disk: fetched again
        return;
    }
    const proto::TransferId id = idOf(live.transfer.id);
    proto::TransferRecord done;
    done.type = proto::TransferRecordType::Done;
    live.channel->send(proto::encodeTransferRecord(done));
    live.transfer.state = static_cast<int>(DropState::Completed);
    live.transfer.bytesDone = static_cast<std::int64_t>(live.offer.totalBytes);
    live.transfer.problem.clear();
    live.transfer.savedAs = live.incoming->topLevelPaths();
    storage::StoredTransfer t = live.transfer;
    endConnection(id, proto::DropReason::None);
    save(t);
    answer(t, proto::FileAnswerKind::Complete);
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
