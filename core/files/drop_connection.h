#pragma once

#include "base/clock.h"
#include "proto/file_drop.h"
#include "storage/transfer_store.h"

#include <QObject>
#include <QStringList>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <variant>
#include <vector>

class QThread;

namespace confab::session {
class TransferChannel;
} // namespace confab::session

namespace confab::files {

// What a drop's connection tells the drop's owner, in the order it happens.
struct DropProgress {
    // Sender: chunk bytes handed to the connection; receiver: bytes verified.
    std::uint64_t bytesDone = 0;
    // Receiver: the received-file states changed since the last report. No
    // further chunk is written until the owner calls saved(), and a report
    // comes at least once a chunk's worth of bytes, so a kill -9 costs at most
    // one chunk's worth written after the last save.
    std::map<std::uint32_t, storage::ReceivedFileState> files;
    // Receiver: bytes verified since the last report that came from other
    // receivers of the drop rather than from its sender.
    std::uint64_t fromOthers = 0;
};
// Receiver: the manifest arrived and matches the offer.
struct DropManifestArrived {
    Bytes manifest;
    QString fileHash; // a drop of one file: its hash in hex
};
// Receiver: the top-level folders claimed in the download folder.
struct DropFoldersClaimed {
    QStringList topNames;
};
struct DropEnded {
    enum class How {
        Closed,    // the connection ended or broke; the drop goes on (the receiver dials again)
        Completed, // every file is in place on the receiver
        Stopped,   // sender: the receiver stopped the sending (`reason` says why)
        Paused,    // receiver: a problem that keeps the partial files (a full disk)
        Failed,    // the drop cannot go on; a receiver removed its partial files
    };
    How how = How::Closed;
    proto::DropReason reason = proto::DropReason::None;
    QString message;     // Closed: for the log; a receiver's Paused or Failed: for the user
    QStringList savedAs; // receiver, Completed: the top-level paths in the download folder
};
// Receiver: the sender named the drop's other receivers (its Swarm record).
struct DropSwarmJoined {
    std::vector<proto::SwarmMember> others;
};
// Receiver: the connection this node made to another receiver, known there
// by `theirId`, ended.
struct DropSwarmOtherGone {
    proto::TransferId theirId{};
};
using DropReport = std::variant<DropProgress, DropManifestArrived, DropFoldersClaimed, DropSwarmJoined,
                                DropSwarmOtherGone, DropEnded>;

// One drop's transfer connection and the reading, hashing, sealing and
// writing it drives. It runs on a thread of its own (the transfer thread), so
// a large drop never holds up chat or calls on the core thread; its owner
// hears how it goes through reports, posted to the owner's thread, and ends
// it with stop(). Every call but the constructor and moveTo() happens on the
// connection's thread.
class DropConnection : public QObject {
    Q_OBJECT
public:
    // Called on the connection's thread.
    using Reporter = std::function<void(DropReport)>;

    ~DropConnection() override;
    DropConnection(const DropConnection&) = delete;
    DropConnection& operator=(const DropConnection&) = delete;

    // Moves the connection and its channel to `thread`, before start().
    void moveTo(QThread* thread);
    void start();
    // Ends now, sending a Stop record with `reason` unless it is None; a
    // receiver with `removePartials` deletes its partial files. Nothing is
    // reported afterwards.
    void stop(proto::DropReason reason, bool removePartials);
    // The owner saved the received-file states of the last progress report.
    void saved();

protected:
    DropConnection(std::unique_ptr<session::TransferChannel> channel, Clock& clock, Reporter report);

    virtual void begin() = 0;
    virtual void onRecord(const proto::TransferRecord& record) = 0;
    // After the records that arrived together were handled.
    virtual void afterRecords() {}
    // After saved() handled the records held back meanwhile.
    virtual void afterSaved() {}
    virtual void removePartials() {}

    void send(const proto::TransferRecord& record);
    void report(DropReport report);
    // Holds back the records that arrive from now on until saved().
    void holdUntilSaved() { m_holding = true; }
    [[nodiscard]] bool isHolding() const { return m_holding; }
    // Ends: sends a Stop record with `stopReason` unless it is None, closes
    // the connection after what is queued, and reports `ended`.
    void end(DropEnded ended, proto::DropReason stopReason = proto::DropReason::None);
    // The peer broke the protocol: logged once, the connection closed at once.
    void closeBroken(const QString& why);
    [[nodiscard]] bool isEnded() const { return m_ended; }
    [[nodiscard]] session::TransferChannel& channel() { return *m_channel; }
    [[nodiscard]] Clock& clock() const { return m_clock; }
    [[nodiscard]] QString dropText() const;

private:
    void onRecords(const std::vector<Bytes>& records);
    void handleWaiting();
    // Sends what is queued (and a Stop record with `stopReason` unless it is
    // None), then closes.
    void closeChannel(proto::DropReason stopReason);

    std::unique_ptr<session::TransferChannel> m_channel;
    Clock& m_clock;
    Reporter m_report;
    std::deque<Bytes> m_waiting; // arrived, not handled yet
    std::size_t m_waitingBytes = 0;
    bool m_holding = false;
    bool m_ended = false;
};

} // namespace confab::files
