#include "forwarded_connection.h"

#include <algorithm>

namespace confab::relay {

namespace {

// Taken from a source and not yet passed on, at most; and as much again
// waiting in the source's socket. More waits in the network, which slows the
// sender down: a relay holds at most about 1 MiB for each connection.
constexpr std::size_t kHoldBytes = std::size_t{256} * 1024;
// Queued on a sink that has not left yet, at most.
constexpr std::int64_t kHighWaterBytes = std::int64_t{256} * 1024;
// Written at once: small enough that the shared budget is shared fairly.
constexpr std::uint64_t kSliceBytes = std::uint64_t{64} * 1024;
constexpr std::int64_t kConnectTimeoutMs = 15000;

} // namespace

ForwardedConnection::ForwardedConnection(std::unique_ptr<net::ByteStream> dialler, Bytes alreadyRead,
                                         std::unique_ptr<net::ByteStream> target, PeerId from, PeerId to,
                                         ByteBudget& budget, Clock& clock, Counter counted, QObject* parent)
    : QObject(parent), m_dialler(std::move(dialler)), m_target(std::move(target)), m_from(from), m_to(to),
      m_budget(budget), m_clock(clock),
      m_counted(std::move(counted)), m_out{m_dialler.get(), m_target.get(), std::move(alreadyRead)},
      m_back{m_target.get(), m_dialler.get(), {}}, m_sinceMoved(clock)
{
    for (Direction* way : {&m_out, &m_back}) {
        way->source->setReadLimit(static_cast<std::int64_t>(kHoldBytes));
        connect(way->source, &net::ByteStream::readyRead, this, [this] { pump(); });
        connect(way->sink, &net::ByteStream::written, this, [this] { pump(); });
        connect(way->source, &net::ByteStream::closed, this, [this, way] {
            way->sourceEnded = true;
            pump();
        });
    }
    connect(m_target.get(), &net::ByteStream::connected, this, [this] {
        m_connectTimer->stop();
        pump();
    });
    m_waitTimer = m_clock.createTimer([this] { pump(); });
    m_connectTimer = m_clock.createTimer([this] { abort(); });
    m_connectTimer->start(kConnectTimeoutMs);
    m_waitTimer->start(0); // not inside the handler that handed the stream over
}

ForwardedConnection::~ForwardedConnection()
{
    if (!m_finished) {
        abort();
    }
}

void ForwardedConnection::abort()
{
    if (m_finished) {
        return;
    }
    m_dialler->abort();
    m_target->abort();
    finish();
}

void ForwardedConnection::pump()
{
    if (m_finished) {
        return;
    }
    for (Direction* way : {&m_out, &m_back}) {
        take(*way);
        // Until the target is connected, what the dialler sends waits here.
        if (way->sink->isOpen()) {
            move(*way);
        }
    }
    // A side that closed after its last bytes: once those are passed on,
    // the other side is closed the same way.
    for (Direction* way : {&m_out, &m_back}) {
        if (way->sourceEnded && way->sent == way->pending.size()) {
            way->sink->closeAfterWriting();
            way->source->abort();
            finish();
            return;
        }
    }
}

void ForwardedConnection::move(Direction& way)
{
    while (way.sent < way.pending.size() && way.sink->pendingWriteBytes() < kHighWaterBytes) {
        const std::uint64_t wanted = std::min<std::uint64_t>(way.pending.size() - way.sent, kSliceBytes);
        const std::int64_t now = m_clock.monotonicMs();
        const std::uint64_t granted = m_budget.take(wanted, now);
        if (granted == 0) {
            m_waitTimer->start(m_budget.msUntil(wanted, now));
            return;
        }
        way.sink->write(ByteView(way.pending).subspan(way.sent, granted));
        way.sent += granted;
        m_counted(granted);
        m_sinceMoved.restart();
        take(way);
    }
}

void ForwardedConnection::take(Direction& way)
{
    if (way.pending.size() - way.sent >= kHoldBytes) {
        return; // the rest waits in the source
    }
    const Bytes fresh = way.source->readAll();
    if (fresh.empty()) {
        return;
    }
    way.pending.erase(way.pending.begin(), way.pending.begin() + static_cast<std::ptrdiff_t>(way.sent));
    way.sent = 0;
    way.pending.insert(way.pending.end(), fresh.begin(), fresh.end());
}

void ForwardedConnection::finish()
{
    m_finished = true;
    m_waitTimer->stop();
    m_connectTimer->stop();
    m_dialler->disconnect(this);
    m_target->disconnect(this);
    deleteLater();
}

} // namespace confab::relay
