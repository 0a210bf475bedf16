#pragma once

#include "mdns_transport.h"

#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace confab::net {

// mDNS over real sockets: port 5353 shared with any daemon already running
// (SO_REUSEPORT), the group joined on every multicast interface, and
// IP_MULTICAST_IF set per send, since a host may have no default route.
// Interface changes arrive over rtnetlink, so nothing polls while idle.
class MdnsUdpTransport : public MdnsTransport {
    Q_OBJECT
public:
    explicit MdnsUdpTransport(QObject* parent = nullptr);
    ~MdnsUdpTransport() override;

    // Returns an error text when not even IPv4 mDNS can be set up.
    QString open();

    [[nodiscard]] std::vector<MdnsInterface> interfaces() const override { return m_interfaces; }
    void sendMulticast(const Bytes& packet, int interfaceIndex) override;
    void sendUnicast(const Bytes& packet, const QHostAddress& to, quint16 port) override;

private:
    void readPending(int fd, bool v6);
    void refreshInterfaces();
    void setMembership(int interfaceIndex, bool join);

    int m_fd4 = -1;
    int m_fd6 = -1;
    int m_netlink = -1;
    std::unique_ptr<QSocketNotifier> m_notifier4;
    std::unique_ptr<QSocketNotifier> m_notifier6;
    std::unique_ptr<QSocketNotifier> m_netlinkNotifier;
    QTimer m_refreshDebounce;
    std::vector<MdnsInterface> m_interfaces;
};

} // namespace confab::net
