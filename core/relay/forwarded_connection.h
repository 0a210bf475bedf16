#pragma once

#include "base/bytes.h"
#include "base/clock.h"
#include "base/peer_id.h"
#include "byte_budget.h"
#include "net/byte_stream.h"

#include <QObject>

#include <functional>
#include <memory>

namespace confab::relay {

// One connection a relay passes on: the stream from the neighbour that asked
// and the one this node dialled to the other neighbour, with the bytes
// copied both ways as they come, within a shared budget. At most about
// 0.8 MiB waits here a direction (in this object and in the two sockets):
// a peer that sends faster than the other takes is held back by TCP. Neither side's
// bytes are read, only counted. Deletes itself (later) once either side
// has closed and what it sent has been passed on.
class ForwardedConnection : public QObject {
public:
    using Counter = std::function<void(std::uint64_t bytes)>;

    // `alreadyRead` came from `dialler` before this object took it. `target`
    // is still connecting.
    ForwardedConnection(std::unique_ptr<net::ByteStream> dialler, Bytes alreadyRead,
                        std::unique_ptr<net::ByteStream> target, PeerId from, PeerId to, ByteBudget& budget,
                        Clock& clock, Counter counted, QObject* parent = nullptr);
    ~ForwardedConnection() override;

    [[nodiscard]] const PeerId& from() const { return m_from; }
    [[nodiscard]] const PeerId& to() const { return m_to; }
    [[nodiscard]] std::int64_t idleMs() const { return m_sinceMoved.elapsedMs(); }
    // Ends it now, both sides.
    void abort();

private:
    // What waits to go one way: taken from `source`, not yet written to `sink`.
    struct Direction {
        net::ByteStream* source;
        net::ByteStream* sink;
        Bytes pending;
        std::size_t sent = 0; // of `pending`, already written
        bool sourceEnded = false;
    };

    void pump();
    // Passes on what `way` holds, within the budget and the sink's queue
    // (the wait timer runs when the budget is spent).
    void move(Direction& way);
    // Takes what its source received, unless enough waits already.
    void take(Direction& way);
    void finish();

    std::unique_ptr<net::ByteStream> m_dialler;
    std::unique_ptr<net::ByteStream> m_target;
    PeerId m_from;
    PeerId m_to;
    ByteBudget& m_budget;
    Clock& m_clock;
    Counter m_counted;
    Direction m_out;  // dialler -> target
    Direction m_back; // target -> dialler
    std::unique_ptr<Timer> m_waitTimer;
    std::unique_ptr<Timer> m_connectTimer;
    Stopwatch m_sinceMoved;
    bool m_finished = false;
};

} // namespace confab::relay
