#include "tcp_stream.h"

#include <QTimer>

namespace confab::net {

TcpStream::TcpStream(std::unique_ptr<QTcpSocket> socket, const HostPort& dialled)
    : m_socket(std::move(socket)), m_remote(dialled)
{
    m_socket->setParent(nullptr);
    m_socket->setReadBufferSize(kReadBufferBytes);
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        m_remote = HostPort::from(m_socket->peerAddress(), m_socket->peerPort());
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    }
    connect(m_socket.get(), &QTcpSocket::connected, this, &TcpStream::onConnected);
    connect(m_socket.get(), &QTcpSocket::readyRead, this, &ByteStream::readyRead);
    connect(m_socket.get(), &QTcpSocket::bytesWritten, this, &ByteStream::written);
    connect(m_socket.get(), &QTcpSocket::disconnected, this,
            [this] { reportClosed(QStringLiteral("connection closed by the peer")); });
    connect(m_socket.get(), &QTcpSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) { reportClosed(reasonFor(error)); });
}

TcpStream::~TcpStream()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString TcpStream::reasonFor(QAbstractSocket::SocketError error) const
{
    // The same words as the simulated network's, whatever language Qt's
    // own messages are in: callers explain them to the user.
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("connection closed by the peer");
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("host not found");
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("connection timed out");
    case QAbstractSocket::NetworkError:
        return QStringLiteral("network error: %1").arg(m_socket->errorString());
    default:
        return m_socket->errorString();
    }
}

void TcpStream::onConnected()
{
    m_remote = HostPort::from(m_socket->peerAddress(), m_socket->peerPort());
    // Chat messages are small and latency matters more than packing them.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    emit connected();
}

void TcpStream::reportClosed(const QString& reason)
{
    if (m_closed) {
        return;
    }
    m_closed = true;
    emit closed(reason);
}

void TcpStream::write(ByteView bytes)
{
    if (m_socket) {
        m_socket->write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    }
}

std::int64_t TcpStream::pendingWriteBytes() const
{
    // Qt's own buffer: what the kernel's send buffer had no room for yet.
    return m_socket ? m_socket->bytesToWrite() : 0;
}

Bytes TcpStream::readAll()
{
    if (!m_socket) {
        return {};
    }
    const QByteArray data = m_socket->readAll();
    return {reinterpret_cast<const std::uint8_t*>(data.constData()),
            reinterpret_cast<const std::uint8_t*>(data.constData()) + data.size()};
}

bool TcpStream::isOpen() const
{
    return m_socket && !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void TcpStream::abort()
{
    m_closed = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void TcpStream::closeAfterWriting()
{
    m_closed = true;
    if (!m_socket) {
        return;
    }
    // The socket outlives this stream until what it queued has left:
    // deleting a socket discards what it has not written yet.
    QTcpSocket* socket = m_socket.release();
    socket->disconnect(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kCloseGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost(); // sends what is queued first
}

void TcpStream::setReadLimit(std::int64_t bytes)
{
    if (m_socket) {
        m_socket->setReadBufferSize(bytes);
    }
}

void TcpStream::moveTo(QThread* thread)
{
    ByteStream::moveTo(thread);
    if (m_socket) {
        m_socket->moveToThread(thread);
    }
}

} // namespace confab::net
