#pragma once

#include "byte_stream.h"

#include <QTcpSocket>

#include <memory>

namespace confab::net {

// A ByteStream over a TCP socket.
class TcpStream : public ByteStream {
    Q_OBJECT
public:
    // How long a closing stream may take to deliver what it queued.
    static constexpr int kCloseGraceMs = 2000;
    // Received bytes held for a reader that has not taken them. A reader that
    // falls behind holds the sender back through TCP instead of growing this.
    static constexpr qint64 kReadBufferBytes = qint64{4} * 1024 * 1024;

    // `socket` is connected (accepted) or connecting to `dialled`.
    TcpStream(std::unique_ptr<QTcpSocket> socket, const HostPort& dialled);
    ~TcpStream() override;

    void write(ByteView bytes) override;
    [[nodiscard]] std::int64_t pendingWriteBytes() const override;
    Bytes readAll() override;
    [[nodiscard]] bool isOpen() const override;
    [[nodiscard]] HostPort remoteAddress() const override { return m_remote; }
    void abort() override;
    void closeAfterWriting() override;
    void setReadLimit(std::int64_t bytes) override;
    void moveTo(QThread* thread) override;

private:
    void onConnected();
    void reportClosed(const QString& reason);
    // Why the connection failed or ended, in fixed English words.
    [[nodiscard]] QString reasonFor(QAbstractSocket::SocketError error) const;

    std::unique_ptr<QTcpSocket> m_socket;
    HostPort m_remote;
    bool m_closed = false;
};

} // namespace confab::net
