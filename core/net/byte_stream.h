#pragma once

#include "base/bytes.h"
#include "host_port.h"

#include <QObject>

#include <cstdint>
#include <memory>

namespace confab::net {

// A reliable, ordered byte stream to one remote host: a TCP connection in
// production, a simulated one in tests and in the network simulator. Links
// run over it and never see the socket underneath.
class ByteStream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Queues bytes for sending; never blocks.
    virtual void write(ByteView bytes) = 0;
    // Bytes write() queued that have not left yet: over TCP, not yet taken
    // by the operating system; on the simulated network, not yet arrived.
    // Writes never block, so whoever sends bulk data keeps this bounded and
    // waits for written().
    [[nodiscard]] virtual std::int64_t pendingWriteBytes() const = 0;
    // Everything received so far, taken out of the stream. A TCP stream holds
    // a bounded amount: what is not taken waits in the network.
    virtual Bytes readAll() = 0;
    // Connected and not closed: writes may leave.
    [[nodiscard]] virtual bool isOpen() const = 0;
    // The other end's address, once connected (for a dial: the address dialled until then).
    [[nodiscard]] virtual HostPort remoteAddress() const = 0;
    // Closes at once; queued bytes are dropped and nothing is emitted afterwards.
    virtual void abort() = 0;
    // Sends what is queued, then closes. The stream may be destroyed right
    // after this call: the queued bytes still leave (within a grace period).
    virtual void closeAfterWriting() = 0;
    // Holds at most `bytes` received and not taken by readAll(); more waits in
    // the network (TCP's flow control). Streams that hold nothing
    // themselves ignore it.
    virtual void setReadLimit(std::int64_t bytes) { static_cast<void>(bytes); }
    // Moves the stream and what it holds to `thread`, whose event loop then
    // serves it. Called on the stream's current thread, before use there.
    virtual void moveTo(QThread* thread) { moveToThread(thread); }

signals:
    // An outgoing stream has connected.
    void connected();
    void readyRead();
    // Some queued bytes left: pendingWriteBytes() went down.
    void written();
    // The connection ended without abort() or closeAfterWriting() from this
    // side: the peer closed it, or it failed (refused, reset, unreachable).
    void closed(const QString& reason);
};

// Accepts incoming streams on one address.
class StreamListener : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    struct Outcome {
        HostPort bound;
        QString notice; // non-empty when a fallback port was used
    };
    // When the requested port is taken and the user did not choose it, a
    // free port is used and `notice` says so.
    virtual Result<Outcome, QString> listen(const HostPort& requested, bool portWasChosenByUser) = 0;
    [[nodiscard]] virtual quint16 port() const = 0;

signals:
    // The receiver takes ownership of `stream`.
    void accepted(confab::net::ByteStream* stream);
};

// Where streams come from: TCP in production, the simulator in tests.
class StreamNetwork {
public:
    virtual ~StreamNetwork() = default;
    // A stream that emits connected() once open, or closed(reason) if it cannot be.
    [[nodiscard]] virtual std::unique_ptr<ByteStream> connectTo(const HostPort& address) = 0;
    [[nodiscard]] virtual std::unique_ptr<StreamListener> createListener() = 0;
};

} // namespace confab::net
