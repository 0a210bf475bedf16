#include "transfer_channel.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcTransfer, "confab.transfer")

namespace confab::session {

namespace {

constexpr std::size_t kLengthSize = 4;

// Consumed bytes are dropped from the front of the buffer now and then, not
// after every record, so many small records cost no quadratic copying.
constexpr std::size_t kCompactAfterBytes = std::size_t{64} * 1024;

std::size_t readLength(const std::uint8_t* header)
{
    return (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) | (std::size_t{header[2]} << 8) |
           std::size_t{header[3]};
}

} // namespace

QString transferIdText(const TransferId& transferId)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(transferId.data()),
                                          static_cast<qsizetype>(transferId.size()))
                                   .toHex());
}

TransferChannel::TransferChannel(std::unique_ptr<net::ByteStream> stream, crypto::TransportState& transport,
                                 Bytes received, const PeerId& peer, const TransferId& transferId,
                                 QString description, QObject* parent)
    : TransferChannel(std::move(stream), crypto::recordCiphers(transport), std::move(received), peer,
                      transferId, std::move(description), parent)
{
}

TransferChannel::TransferChannel(std::unique_ptr<net::ByteStream> stream,
                                 const std::pair<crypto::RecordCipher, crypto::RecordCipher>& ciphers,
                                 Bytes received, const PeerId& peer, const TransferId& transferId,
                                 QString description, QObject* parent)
    : QObject(parent), m_stream(std::move(stream)), m_send(ciphers.first), m_receive(ciphers.second),
      m_peer(peer), m_transferId(transferId), m_description(std::move(description)),
      m_remoteAddress(m_stream->remoteAddress()), m_received(std::move(received))
{
    connect(m_stream.get(), &net::ByteStream::readyRead, this, &TransferChannel::onReadyRead);
    connect(m_stream.get(), &net::ByteStream::written, this, &TransferChannel::onWritten);
    connect(m_stream.get(), &net::ByteStream::closed, this, [this](const QString& reason) {
        if (!m_started) {
            m_closedBeforeStart = reason; // start() reports it after what came before it
            return;
        }
        shutDown(reason, false);
    });
}

TransferChannel::~TransferChannel()
{
    if (m_stream) {
        m_stream->disconnect(this);
    }
}

void TransferChannel::moveTo(QThread* thread)
{
    moveToThread(thread);
    if (m_stream) {
        m_stream->moveTo(thread);
    }
}

void TransferChannel::start()
{
    if (m_started || !m_stream) {
        return;
    }
    m_started = true;
    Bytes early;
    early.swap(m_received);
    const Bytes waiting = m_stream->readAll();
    early.insert(early.end(), waiting.begin(), waiting.end());
    QPointer<TransferChannel> self(this);
    consume(early);
    if (self && m_stream && m_closedBeforeStart) {
        shutDown(*m_closedBeforeStart, false);
    }
}

void TransferChannel::setReading(bool reading)
{
    if (m_readingPaused == !reading) {
        return;
    }
    m_readingPaused = !reading;
    if (reading) {
        // The stream says nothing about bytes it already holds.
        QTimer::singleShot(0, this, &TransferChannel::onReadyRead);
    }
}

void TransferChannel::onReadyRead()
{
    if (!m_started || !m_stream || m_readingPaused) {
        return; // the bytes wait in the stream for start()
    }
    const Bytes data = m_stream->readAll();
    if (!data.empty()) {
        consume(data);
    }
}

void TransferChannel::consume(ByteView bytes)
{
    m_received.insert(m_received.end(), bytes.begin(), bytes.end());
    std::vector<Bytes> records;
    QString error;
    while (error.isEmpty()) {
        const std::size_t available = m_received.size() - m_readPos;
        if (!m_recordLength) {
            if (available < kLengthSize) {
                break;
            }
            const std::size_t length = readLength(m_received.data() + m_readPos);
            m_readPos += kLengthSize;
            // Judged before a byte of the body is waited for: a peer cannot
            // make this side hold more than one record's worth.
            if (length < kMinTransferRecordLength || length > kMaxTransferRecordLength) {
                error = QStringLiteral("record length %1 outside %2..%3")
                            .arg(length)
                            .arg(kMinTransferRecordLength)
                            .arg(kMaxTransferRecordLength);
                break;
            }
            m_recordLength = length;
            continue;
        }
        if (available < *m_recordLength) {
            m_received.reserve(m_readPos + *m_recordLength);
            break;
        }
        auto plaintext = m_receive.open(ByteView(m_received).subspan(m_readPos, *m_recordLength));
        m_readPos += *m_recordLength;
        m_recordLength.reset();
        if (!plaintext) {
            error = QStringLiteral("record failed authentication (tampered, replayed or reordered): %1")
                        .arg(QLatin1String(crypto::toString(plaintext.error())));
            break;
        }
        records.push_back(std::move(plaintext).value());
    }
    if (m_readPos == m_received.size()) {
        m_received.clear();
        m_readPos = 0;
    } else if (m_readPos >= kCompactAfterBytes) {
        m_received.erase(m_received.begin(), m_received.begin() + static_cast<std::ptrdiff_t>(m_readPos));
        m_readPos = 0;
    }
    if (!records.empty()) {
        // What was authentic before a bad record still counts. The owner may
        // close this channel (or schedule its deletion) while handling them.
        QPointer<TransferChannel> self(this);
        emit recordsReceived(records);
        if (!self || !m_stream) {
            return;
        }
    }
    if (!error.isEmpty()) {
        abort(error);
    }
}

bool TransferChannel::send(ByteView plaintext)
{
    if (!m_stream || plaintext.empty() || plaintext.size() > kMaxTransferRecordSize) {
        return false;
    }
    auto ciphertext = m_send.seal(plaintext);
    if (!ciphertext) {
        abort(QStringLiteral("cannot seal a record: %1")
                  .arg(QLatin1String(crypto::toString(ciphertext.error()))));
        return false;
    }
    const std::size_t length = ciphertext.value().size();
    Bytes record;
    record.reserve(kLengthSize + length);
    record.push_back(static_cast<std::uint8_t>(length >> 24));
    record.push_back(static_cast<std::uint8_t>(length >> 16));
    record.push_back(static_cast<std::uint8_t>(length >> 8));
    record.push_back(static_cast<std::uint8_t>(length));
    record.insert(record.end(), ciphertext.value().begin(), ciphertext.value().end());
    m_stream->write(record);
    if (m_stream->pendingWriteBytes() >= m_writableBelowBytes) {
        m_waitingForWritable = true;
    }
    return true;
}

std::int64_t TransferChannel::pendingWriteBytes() const
{
    return m_stream ? m_stream->pendingWriteBytes() : 0;
}

void TransferChannel::onWritten()
{
    if (m_stream && m_waitingForWritable && m_stream->pendingWriteBytes() < m_writableBelowBytes) {
        m_waitingForWritable = false;
        emit writable();
    }
}

void TransferChannel::close()
{
    shutDown(QStringLiteral("closed by this node"), true);
}

void TransferChannel::abort(const QString& reason)
{
    shutDown(reason, false);
}

void TransferChannel::shutDown(const QString& reason, bool flush)
{
    if (!m_stream) {
        return;
    }
    if (!flush) {
        qCInfo(lcTransfer).noquote() << m_description << "closed:" << reason;
    }
    m_stream->disconnect(this);
    if (flush) {
        m_stream->closeAfterWriting(); // what is queued still leaves
    } else {
        m_stream->abort();
    }
    // Later, not now: this may run inside one of the stream's own signals
    // (a read that held a bad record, the peer closing), and deleting a
    // socket while it emits crashes.
    m_stream.release()->deleteLater();
    m_received.clear();
    m_readPos = 0;
    m_recordLength.reset();
    emit closed(reason);
}

} // namespace confab::session
