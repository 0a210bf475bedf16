#pragma once

#include "net/byte_stream.h"

#include <QString>

#include <memory>
#include <vector>

namespace confab::ui::test {

// A node's network with a tap on its outgoing streams: it records every
// write, and a link writes each frame (one link message: an envelope, a
// ping) in one write, so a test counts what a node put on the wire without
// decrypting it.
class WireTap : public net::StreamNetwork {
public:
    struct Write {
        QString to; // the remote host
        std::size_t bytes = 0;
    };

    explicit WireTap(net::StreamNetwork& network) : m_network(network) {}

    [[nodiscard]] std::unique_ptr<net::ByteStream> connectTo(const net::HostPort& address) override
    {
        return std::make_unique<Stream>(m_network.connectTo(address), m_writes);
    }
    [[nodiscard]] std::unique_ptr<net::StreamListener> createListener() override
    {
        return std::make_unique<Listener>(m_network.createListener(), m_writes);
    }

    [[nodiscard]] const std::vector<Write>& writes() const { return m_writes; }

private:
    // Forwards everything to the real stream; the signals are ByteStream's own.
    class Stream : public net::ByteStream {
    public:
        Stream(std::unique_ptr<net::ByteStream> stream, std::vector<Write>& writes)
            : m_stream(std::move(stream)), m_writes(writes)
        {
            connect(m_stream.get(), &ByteStream::connected, this, &ByteStream::connected);
            connect(m_stream.get(), &ByteStream::readyRead, this, &ByteStream::readyRead);
            connect(m_stream.get(), &ByteStream::written, this, &ByteStream::written);
            connect(m_stream.get(), &ByteStream::closed, this, &ByteStream::closed);
        }

        void write(ByteView bytes) override
        {
            m_writes.push_back({m_stream->remoteAddress().host, bytes.size()});
            m_stream->write(bytes);
        }
        [[nodiscard]] std::int64_t pendingWriteBytes() const override
        {
            return m_stream->pendingWriteBytes();
        }
        Bytes readAll() override { return m_stream->readAll(); }
        [[nodiscard]] bool isOpen() const override { return m_stream->isOpen(); }
        [[nodiscard]] net::HostPort remoteAddress() const override { return m_stream->remoteAddress(); }
        void abort() override { m_stream->abort(); }
        void closeAfterWriting() override { m_stream->closeAfterWriting(); }

    private:
        std::unique_ptr<net::ByteStream> m_stream;
        std::vector<Write>& m_writes;
    };

    class Listener : public net::StreamListener {
    public:
        Listener(std::unique_ptr<net::StreamListener> listener, std::vector<Write>& writes)
            : m_listener(std::move(listener))
        {
            connect(m_listener.get(), &StreamListener::accepted, this,
                    [this, &writes](net::ByteStream* stream) {
                        emit accepted(new Stream(std::unique_ptr<net::ByteStream>(stream), writes));
                    });
        }

        Result<Outcome, QString> listen(const net::HostPort& requested, bool portWasChosenByUser) override
        {
            return m_listener->listen(requested, portWasChosenByUser);
        }
        [[nodiscard]] quint16 port() const override { return m_listener->port(); }

    private:
        std::unique_ptr<net::StreamListener> m_listener;
    };

    net::StreamNetwork& m_network;
    std::vector<Write> m_writes;
};

} // namespace confab::ui::test
