#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"
#include "crypto/noise.h"
#include "crypto/record_cipher.h"
#include "net/byte_stream.h"
#include "net/host_port.h"
#include "transfer_limits.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace confab::session {

// The transferId as lowercase hex, for logs.
QString transferIdText(const TransferId& transferId);

// A transfer connection once its handshake is done (docs/PROTOCOL.md,
// "Transfer connection"): records of u32 length | ciphertext, each sealed
// with the record key of its direction. It owns the stream. What the records
// mean is its owner's business; a record header out of bounds, a record that
// fails authentication or a stream that ends closes it with one logged
// reason.
//
// Made by the session layer (LinkManager) and handed to whoever takes
// transfers: connect to the signals, then call start().
class TransferChannel : public QObject {
    Q_OBJECT
public:
    // writable() comes when fewer bytes than this wait to leave after
    // send() had left at least this many waiting.
    static constexpr std::int64_t kWritableBelowBytes = std::int64_t{4} * 1024 * 1024;

    // `transport` holds the Noise ciphers of the finished handshake; only the
    // record keys derived from them are kept. `received` is what arrived
    // with the last handshake message, already read from the stream: the
    // start of the first record.
    TransferChannel(std::unique_ptr<net::ByteStream> stream, crypto::TransportState& transport,
                    Bytes received, const PeerId& peer, const TransferId& transferId, QString description,
                    QObject* parent = nullptr);
    ~TransferChannel() override;
    TransferChannel(const TransferChannel&) = delete;
    TransferChannel& operator=(const TransferChannel&) = delete;

    // Moves the channel and its stream to `thread` (before start()); from
    // then on it is used only there.
    void moveTo(QThread* thread);
    // Delivers what arrived before and reads from now on. Until then,
    // records wait in the stream and a close is reported by start().
    void start();
    // Stops taking records from the stream, so a sender faster than their
    // owner is held back by the network; resuming delivers what waits, from
    // the next pass of the event loop.
    void setReading(bool reading);
    // Seals and queues one record. False (and nothing sent) when closed, or
    // when `plaintext` is empty or longer than kMaxTransferRecordSize.
    bool send(ByteView plaintext);
    // Bytes queued on the stream that have not left yet.
    [[nodiscard]] std::int64_t pendingWriteBytes() const;
    // writable() comes once fewer than `bytes` wait after at least that many
    // did (kWritableBelowBytes unless set): a sender that keeps less queued
    // sets less.
    void setWritableBelow(std::int64_t bytes) { m_writableBelowBytes = bytes; }
    [[nodiscard]] std::int64_t writableBelow() const { return m_writableBelowBytes; }
    // Sends what is queued, then closes.
    void close();
    // Closes at once, dropping what is queued; logs `reason` once.
    void abort(const QString& reason);

    [[nodiscard]] bool isOpen() const { return m_stream != nullptr; }
    [[nodiscard]] const PeerId& peer() const { return m_peer; }
    [[nodiscard]] const TransferId& transferId() const { return m_transferId; }
    [[nodiscard]] const net::HostPort& remoteAddress() const { return m_remoteAddress; }
    [[nodiscard]] const QString& describe() const { return m_description; }

signals:
    // Every record that arrived in one read, in order, as plaintext.
    void recordsReceived(const std::vector<confab::Bytes>& records);
    // Enough of what was queued has left: send more (see kWritableBelowBytes).
    void writable();
    // Once, whoever closed it (this side too).
    void closed(const QString& reason);

private:
    TransferChannel(std::unique_ptr<net::ByteStream> stream,
                    const std::pair<crypto::RecordCipher, crypto::RecordCipher>& ciphers, Bytes received,
                    const PeerId& peer, const TransferId& transferId, QString description, QObject* parent);

    void onReadyRead();
    void onWritten();
    // Takes received bytes, delivers the complete records, closes on bad input.
    void consume(ByteView bytes);
    void shutDown(const QString& reason, bool flush);

    std::unique_ptr<net::ByteStream> m_stream; // null once closed
    crypto::RecordCipher m_send;
    crypto::RecordCipher m_receive;
    PeerId m_peer;
    TransferId m_transferId;
    QString m_description;
    net::HostPort m_remoteAddress;
    std::int64_t m_writableBelowBytes = kWritableBelowBytes;
    bool m_started = false;
    bool m_waitingForWritable = false;
    bool m_readingPaused = false;
    std::optional<QString> m_closedBeforeStart;

    Bytes m_received; // what arrived and is not a whole record yet
    std::size_t m_readPos = 0;
    std::optional<std::size_t> m_recordLength; // of the record whose header was read
};

} // namespace confab::session
