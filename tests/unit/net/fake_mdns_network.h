#pragma once

#include "net/discovery/mdns_transport.h"

#include <QTimer>

#include <vector>

namespace confab::net::test {

// An in-process multicast link: every packet a transport sends reaches every
// transport (itself included, like IP_MULTICAST_LOOP) from the event loop.
class FakeMdnsNetwork {
public:
    class Transport : public MdnsTransport {
    public:
        Transport(FakeMdnsNetwork& network, QHostAddress address) : m_network(network), m_address(address) {}
        [[nodiscard]] std::vector<MdnsInterface> interfaces() const override
        {
            return {MdnsInterface{1, QStringLiteral("eth0"), {m_address}}};
        }
        void sendMulticast(const Bytes& packet, int) override
        {
            sent.push_back(packet);
            m_network.deliver(packet, m_address);
        }
        void sendUnicast(const Bytes& packet, const QHostAddress&, quint16) override
        {
            unicast.push_back(packet);
        }
        void receive(const Bytes& packet, const QHostAddress& from, quint16 port = 5353)
        {
            emit packetReceived(packet, 1, from, port);
        }

        std::vector<Bytes> sent;
        std::vector<Bytes> unicast;

    private:
        FakeMdnsNetwork& m_network;
        QHostAddress m_address;
    };

    void attach(Transport* transport) { m_transports.push_back(transport); }
    void detach(Transport* transport) { std::erase(m_transports, transport); }

    void deliver(const Bytes& packet, const QHostAddress& from)
    {
        for (Transport* transport : m_transports) {
            QTimer::singleShot(0, transport, [this, transport, packet, from] {
                if (std::find(m_transports.begin(), m_transports.end(), transport) != m_transports.end()) {
                    transport->receive(packet, from);
                }
            });
        }
    }

private:
    std::vector<Transport*> m_transports;
};

} // namespace confab::net::test
