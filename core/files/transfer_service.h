#pragma once

#include "base/clock.h"
#include "drop_connection.h"
#include "proto/envelope.h"
#include "proto/file_drop.h"
#include "session/message_port.h"
#include "storage/transfer_store.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace confab::session {
class LinkManager;
class RelayPath;
class TransferChannel;
} // namespace confab::session

namespace confab::files {

// Where a drop stands. Stored as integers: append only.
enum class DropState : int {
    Preparing = 0,    // the sender is reading and hashing the files
    Offered = 1,      // waiting for the receiver to accept or decline
    Transferring = 2, // accepted; bytes flow whenever both are online and neither paused
    Completed = 3,
    Declined = 4,
    Cancelled = 5,
    Failed = 6,
};
const char* toString(DropState state);
[[nodiscard]] bool isFinal(DropState state);

// One drop as front ends see it.
struct DropView {
    proto::TransferId id{};
    PeerId peer;
    bool outgoing = false;
    DropState state = DropState::Preparing;
    proto::DropReason reason = proto::DropReason::None;
    bool pausedHere = false;
    bool pausedThere = false;
    QStringList names; // top-level names, as offered
    std::uint32_t fileCount = 0;
    std::uint32_t folderCount = 0;
    std::uint64_t totalBytes = 0;
    std::uint64_t bytesDone = 0;
    std::uint64_t bytesFromOthers = 0; // receiver: of bytesDone, what other receivers passed on
    double bytesPerSecond = 0;         // while bytes flow
    QString folder;                    // receiver: where it is saved
    QStringList savedAs;               // receiver: top-level paths in the folder, once complete
    QString fileHash;                  // a drop of one file: its BLAKE2b-256 (b2sum -l 256), hex
    QString problem;                   // in words; empty: none
    std::int64_t createdMs = 0;
};

struct TransferSettings {
    QString downloadFolder;              // where accepted drops go unless the user chooses
    bool autoAcceptVerified = false;     // accept drops from verified peers by themselves (never others)
    std::uint64_t maxBytesPerSecond = 0; // sending, per drop; 0: as fast as the link goes
};

// File drops: offers and answers as envelopes, the bytes on transfer
// connections of their own, every state kept in the store so a drop resumes
// after a restart.
class TransferService : public QObject {
    Q_OBJECT
public:
    // Sends an offer or answer envelope to a peer, on its link or sealed
    // through relays; false when it could not go now.
    using EnvelopeSender = std::function<bool(const PeerId& to, proto::EnvelopeKind kind, ByteView body)>;
    using PeerCheck = std::function<bool(const PeerId&)>;

    TransferService(session::MessagePort& port, session::LinkManager& links, storage::TransferStore& store,
                    Clock& clock, EnvelopeSender sendEnvelope, PeerCheck isVerified,
                    TransferSettings settings, QObject* parent = nullptr);
    ~TransferService() override;

    // Offers files and folders to one or more peers (a drop each, read and
    // hashed once); the offers go once that is done. Receivers whose links
    // announce DropSwarm learn of each other and pass chunks on among
    // themselves, so the sender's upload does not grow with their number.
    // An error is a sentence for the user.
    Result<std::vector<proto::TransferId>, QString> sendFiles(const std::vector<PeerId>& to,
                                                              const QStringList& paths);
    // Receiver: fetch the drop into `folder` (empty: the download folder).
    Result<DropView, QString> accept(const proto::TransferId& id, const QString& folder);
    Result<DropView, QString> decline(const proto::TransferId& id);
    Result<DropView, QString> pause(const proto::TransferId& id);
    Result<DropView, QString> resume(const proto::TransferId& id);
    Result<DropView, QString> cancel(const proto::TransferId& id);

    std::vector<DropView> drops();
    std::optional<DropView> drop(const proto::TransferId& id);
    // A drop named by its id's hex text or a unique prefix of it.
    Result<proto::TransferId, QString> resolve(const QString& text);

    // Lets a receiver fetch a drop through a relay when it has no link to
    // the sender (LinkManager::dialTransferVia).
    void setRelayPath(session::RelayPath& relay);

    void setSettings(TransferSettings settings) { m_settings = std::move(settings); }
    [[nodiscard]] const TransferSettings& settings() const { return m_settings; }

    // From the chat service: an offer or answer envelope from `from`.
    void onEnvelope(const PeerId& from, const proto::Envelope& envelope);

signals:
    // A new drop, a new state, or (at most a few times a second) progress.
    void dropChanged(const confab::files::DropView& drop);
    // A drop offered to us (show it, notify).
    void dropOffered(const confab::files::DropView& drop);

private:
    struct Live; // a drop being sent or received now

    // A peer's link came up, or it became reachable through relays: drops
    // with it go on.
    void onPeerConnected(const PeerId& peer);
    void onTransferConnection(session::TransferChannel* channel, const PeerId& peer,
                              const proto::TransferId& id);
    void onChannelReady(session::TransferChannel* channel, const proto::TransferId& id);
    void onChannelFailed(const proto::TransferId& id, const QString& reason);
    void onOffer(const PeerId& from, const proto::FileOffer& offer);
    void onAnswer(const PeerId& from, const proto::FileAnswer& answer);
    void onHashed(const std::vector<proto::TransferId>& ids,
                  const Result<proto::Manifest, QString>& manifest);
    void offerHashed(const proto::TransferId& id, const Result<proto::Manifest, QString>& manifest);
    // The Swarm record naming, for each capable receiver, the others; empty
    // for a receiver that cannot take part.
    [[nodiscard]] std::vector<Bytes> swarmRecords(const std::vector<PeerId>& to,
                                                  const std::vector<proto::TransferId>& ids) const;
    // Stops reading and hashing for the drops `id` was made with, once none
    // of them waits for it any more.
    void stopHashingFor(const proto::TransferId& id);

    // Runs `connection` on the transfer thread for `live`, its reports coming
    // back to onReport.
    void run(Live& live, std::unique_ptr<DropConnection> connection);
    // Posts the reports of connection `generation` of drop `id` to this thread.
    DropConnection::Reporter reporterFor(const proto::TransferId& id, std::uint64_t generation);
    void onReport(const proto::TransferId& id, std::uint64_t generation, DropReport report);
    void onProgress(Live& live, DropProgress& progress);
    void onEnded(const proto::TransferId& id, const DropEnded& ended);
    // A sender's connection stopped or failed; `t` is the drop, its connection gone.
    void onSenderEnded(storage::StoredTransfer& t, const DropEnded& ended);
    // A receiver's connection paused or failed the drop.
    void onReceiverEnded(storage::StoredTransfer& t, const DropEnded& ended);
    // Receiver: the connection is gone; dial again after a while.
    void retryLater(Live& live);
    void dial(const proto::TransferId& id);
    // Receiver, several receivers: dials the others that have no connection
    // with this drop's yet, and hands over the connections between them.
    void dialSwarm(Live& live);
    void onSwarmChannelReady(session::TransferChannel* channel, const proto::TransferId& theirs);
    // The connection with (or the dial to) the other receiver `theirs` ended:
    // dialled again later, later each time.
    void swarmOtherGone(Live& live, const proto::TransferId& theirs);
    void handToReceiver(Live& live, std::unique_ptr<session::TransferChannel> channel, bool serving);

    void answer(storage::StoredTransfer& transfer, proto::FileAnswerKind kind,
                proto::DropReason reason = proto::DropReason::None);
    // Tells the peer where a drop stands here (it may have missed it).
    void tellState(storage::StoredTransfer& transfer);
    // Ends a drop's connection, if it has one, sending a Stop record with
    // `stopReason` unless it is None. Returns whether it had one.
    bool endConnection(const proto::TransferId& id, proto::DropReason stopReason,
                       bool removePartials = false);
    // Receiver: ends the connection and deletes the partial files of a drop
    // that will never resume.
    void discardPartials(storage::StoredTransfer& transfer, proto::DropReason stopReason);
    void save(storage::StoredTransfer& transfer);
    void changed(const storage::StoredTransfer& transfer);
    void progress(Live& live);
    [[nodiscard]] DropView view(const storage::StoredTransfer& transfer) const;
    std::optional<storage::StoredTransfer> stored(const proto::TransferId& id);
    Result<storage::StoredTransfer, QString> unfinished(const proto::TransferId& id);

    session::MessagePort& m_port;
    session::LinkManager& m_links;
    session::RelayPath* m_relay = nullptr; // none: drops go over links only
    storage::TransferStore& m_store;
    Clock& m_clock;
    EnvelopeSender m_sendEnvelope;
    PeerCheck m_isVerified;
    TransferSettings m_settings;
    std::map<proto::TransferId, std::unique_ptr<Live>> m_live;
    // Reading and hashing, one thread for the drops made together.
    struct Hashing {
        std::vector<proto::TransferId> ids;
        std::jthread thread;
    };
    std::vector<std::unique_ptr<Hashing>> m_hashing;
    // Receiver: dials to other receivers of a drop, by the id they know
    // the drop by, to the id this node knows it by.
    std::map<proto::TransferId, proto::TransferId> m_swarmDials;
    std::unique_ptr<Timer> m_retryTimer;
    // Where every drop's connection runs: the reading, hashing, sealing and
    // writing stay off the thread that serves chat and calls.
    QThread m_transferThread;
    std::uint64_t m_generations = 0; // tells a connection's reports from its successor's
};

} // namespace confab::files
