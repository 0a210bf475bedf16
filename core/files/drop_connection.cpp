#include "drop_connection.h"

#include "session/transfer_channel.h"

#include <QLoggingCategory>

namespace confab::files {
namespace {
Q_LOGGING_CATEGORY(lcDropConnection, "confab.files")

// Records that arrived while the owner saves are held up to this much; then
// the connection stops reading, and the sender waits in TCP.
constexpr std::size_t kMaxWaitingBytes = std::size_t{8} * 1024 * 1024;
} // namespace

DropConnection::DropConnection(std::unique_ptr<session::TransferChannel> channel, Clock& clock,
                               Reporter report)
    : m_channel(std::move(channel)), m_clock(clock), m_report(std::move(report))
{
    m_channel->setParent(nullptr);
}

DropConnection::~DropConnection()
{
    m_channel->disconnect(this);
}

void DropConnection::moveTo(QThread* thread)
{
    moveToThread(thread);
    m_channel->moveTo(thread);
}

QString DropConnection::dropText() const
{
    return session::transferIdText(m_channel->transferId());
}

void DropConnection::start()
{
    if (m_ended) {
        return; // stopped before it started
    }
    connect(m_channel.get(), &session::TransferChannel::recordsReceived, this, &DropConnection::onRecords);
    connect(m_channel.get(), &session::TransferChannel::closed, this, [this](const QString& reason) {
        if (!m_ended) {
            m_ended = true;
            report(DropEnded{DropEnded::How::Closed, proto::DropReason::None, reason, {}});
        }
    });
    // Ready before the first record: start() may deliver records, or the
    // close, at once.
    begin();
    if (!m_ended) {
        m_channel->start();
    }
}

void DropConnection::stop(proto::DropReason reason, bool removePartials)
{
    if (removePartials) {
        this->removePartials();
    }
    if (!m_ended) {
        m_ended = true;
        closeChannel(reason);
    }
}

void DropConnection::saved()
{
    m_holding = false;
    handleWaiting();
    if (!m_ended && !m_holding) {
        afterSaved();
    }
}

void DropConnection::send(const proto::TransferRecord& record)
{
    m_channel->send(proto::encodeTransferRecord(record));
}

void DropConnection::report(DropReport report)
{
    m_report(std::move(report));
}

void DropConnection::end(DropEnded ended, proto::DropReason stopReason)
{
    if (m_ended) {
        return;
    }
    m_ended = true;
    closeChannel(stopReason);
    report(std::move(ended));
}

void DropConnection::closeBroken(const QString& why)
{
    if (m_ended) {
        return;
    }
    qCWarning(lcDropConnection).noquote() << "drop" << dropText() << ":" << why << "; closing its connection";
    m_ended = true;
    m_waiting.clear();
    m_waitingBytes = 0;
    m_channel->disconnect(this);
    m_channel->abort(why);
    report(DropEnded{DropEnded::How::Closed, proto::DropReason::None, why, {}});
}

void DropConnection::closeChannel(proto::DropReason stopReason)
{
    m_waiting.clear();
    m_waitingBytes = 0;
    m_channel->disconnect(this);
    if (stopReason != proto::DropReason::None) {
        proto::TransferRecord stopRecord;
        stopRecord.type = proto::TransferRecordType::Stop;
        stopRecord.reason = stopReason;
        send(stopRecord);
    }
    m_channel->close();
}

void DropConnection::onRecords(const std::vector<Bytes>& records)
{
    for (const Bytes& record : records) {
        m_waitingBytes += record.size();
        m_waiting.push_back(record);
    }
    if (m_waitingBytes > kMaxWaitingBytes) {
        m_channel->setReading(false); // until handleWaiting() caught up
    }
    handleWaiting();
}

void DropConnection::handleWaiting()
{
    while (!m_ended && !m_holding && !m_waiting.empty()) {
        const Bytes bytes = std::move(m_waiting.front());
        m_waiting.pop_front();
        m_waitingBytes -= bytes.size();
        auto record = proto::decodeTransferRecord(bytes);
        if (!record) {
            closeBroken(
                QStringLiteral("malformed record (%1)").arg(QLatin1String(proto::toString(record.error()))));
            return;
        }
        onRecord(record.value());
    }
    if (m_ended) {
        return;
    }
    if (m_waiting.empty()) {
        m_channel->setReading(true);
    }
    if (!m_holding) {
        afterRecords();
    }
}

} // namespace confab::files
