#include "mdns_udp_transport.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkInterface>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcMdns, "confab.mdns")

namespace confab::net {
namespace {

constexpr quint16 kMdnsPort = 5353;
constexpr int kTtl = 255; // RFC 6762 §11: receivers may check it
constexpr int kRefreshDebounceMs = 300;
constexpr std::size_t kMaxPacket = 9000;

int setInt(int fd, int level, int option, int value)
{
    return ::setsockopt(fd, level, option, &value, sizeof value);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

int openSocket(bool v6, QString& error)
{
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errnoText();
        return -1;
    }
    setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
    setInt(fd, SOL_SOCKET, SO_REUSEPORT, 1);
    int bound = -1;
    if (v6) {
        setInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
        setInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, kTtl);
        setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, kTtl);
        setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 1);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(kMdnsPort);
        address.sin6_addr = in6addr_any;
        bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    } else {
        setInt(fd, IPPROTO_IP, IP_PKTINFO, 1);
        setInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, kTtl);
        setInt(fd, IPPROTO_IP, IP_TTL, kTtl);
        // Several nodes on one host (separate profiles) hear each other this way.
        setInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 1);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(kMdnsPort);
        address.sin_addr.s_addr = htonl(INADDR_ANY);
        bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    }
    if (bound != 0) {
        error = errnoText();
        ::close(fd);
        return -1;
    }
    return fd;
}

int openNetlink()
{
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
        return -1;
    }
    sockaddr_nl address{};
    address.nl_family = AF_NETLINK;
    address.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

std::vector<MdnsInterface> scanInterfaces()
{
    std::vector<MdnsInterface> result;
    const auto wanted =
        QNetworkInterface::IsUp | QNetworkInterface::IsRunning | QNetworkInterface::CanMulticast;
    for (const QNetworkInterface& interface : QNetworkInterface::allInterfaces()) {
        if ((interface.flags() & wanted) != wanted || (interface.flags() & QNetworkInterface::IsLoopBack)) {
            continue;
        }
        MdnsInterface entry{interface.index(), interface.name(), {}};
        for (const QNetworkAddressEntry& address : interface.addressEntries()) {
            entry.addresses.append(address.ip());
        }
        if (!entry.addresses.isEmpty()) {
            result.push_back(std::move(entry));
        }
    }
    return result;
}

bool hasFamily(const MdnsInterface& interface, QAbstractSocket::NetworkLayerProtocol family)
{
    return std::any_of(interface.addresses.begin(), interface.addresses.end(),
                       [family](const QHostAddress& address) { return address.protocol() == family; });
}

} // namespace

MdnsUdpTransport::MdnsUdpTransport(QObject* parent) : MdnsTransport(parent)
{
    m_refreshDebounce.setSingleShot(true);
    m_refreshDebounce.setInterval(kRefreshDebounceMs);
    connect(&m_refreshDebounce, &QTimer::timeout, this, &MdnsUdpTransport::refreshInterfaces);
}

MdnsUdpTransport::~MdnsUdpTransport()
{
    m_notifier4.reset();
    m_notifier6.reset();
    m_netlinkNotifier.reset();
    for (int fd : {m_fd4, m_fd6, m_netlink}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

QString MdnsUdpTransport::open()
{
    QString error;
    m_fd4 = openSocket(false, error);
    if (m_fd4 < 0) {
        return QCoreApplication::translate("Network", "cannot open UDP port %1 for mDNS: %2")
            .arg(kMdnsPort)
            .arg(error);
    }
    QString error6;
    m_fd6 = openSocket(true, error6);
    if (m_fd6 < 0) {
        qCInfo(lcMdns).noquote() << "mDNS over IPv6 is off:" << error6;
    }
    m_notifier4 = std::make_unique<QSocketNotifier>(m_fd4, QSocketNotifier::Read);
    connect(m_notifier4.get(), &QSocketNotifier::activated, this, [this] { readPending(m_fd4, false); });
    if (m_fd6 >= 0) {
        m_notifier6 = std::make_unique<QSocketNotifier>(m_fd6, QSocketNotifier::Read);
        connect(m_notifier6.get(), &QSocketNotifier::activated, this, [this] { readPending(m_fd6, true); });
    }
    m_netlink = openNetlink();
    if (m_netlink >= 0) {
        m_netlinkNotifier = std::make_unique<QSocketNotifier>(m_netlink, QSocketNotifier::Read);
        connect(m_netlinkNotifier.get(), &QSocketNotifier::activated, this, [this] {
            std::array<char, 8192> buffer{};
            while (::recv(m_netlink, buffer.data(), buffer.size(), 0) > 0) {
            }
            m_refreshDebounce.start();
        });
    } else {
        qCInfo(lcMdns) << "no rtnetlink: interfaces that appear later are not followed";
    }
    refreshInterfaces();
    return {};
}

void MdnsUdpTransport::setMembership(int interfaceIndex, bool join)
{
    ip_mreqn request4{};
    ::inet_pton(AF_INET, "224.0.0.251", &request4.imr_multiaddr);
    request4.imr_ifindex = interfaceIndex;
    ::setsockopt(m_fd4, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &request4,
                 sizeof request4);
    if (m_fd6 >= 0) {
        ipv6_mreq request6{};
        ::inet_pton(AF_INET6, "ff02::fb", &request6.ipv6mr_multiaddr);
        request6.ipv6mr_interface = static_cast<unsigned>(interfaceIndex);
        ::setsockopt(m_fd6, IPPROTO_IPV6, join ? IPV6_JOIN_GROUP : IPV6_LEAVE_GROUP, &request6,
                     sizeof request6);
    }
}

void MdnsUdpTransport::refreshInterfaces()
{
    std::vector<MdnsInterface> fresh = scanInterfaces();
    if (fresh == m_interfaces) {
        return;
    }
    const auto contains = [](const std::vector<MdnsInterface>& list, int index) {
        return std::any_of(list.begin(), list.end(),
                           [index](const MdnsInterface& i) { return i.index == index; });
    };
    for (const MdnsInterface& old : m_interfaces) {
        if (!contains(fresh, old.index)) {
            setMembership(old.index, false);
        }
    }
    for (const MdnsInterface& now : fresh) {
        if (!contains(m_interfaces, now.index)) {
            setMembership(now.index, true);
        }
    }
    m_interfaces = std::move(fresh);
    QStringList names;
    for (const MdnsInterface& interface : m_interfaces) {
        names.append(interface.name);
    }
    qCInfo(lcMdns).noquote() << "mDNS interfaces:"
                             << (names.isEmpty() ? QStringLiteral("none") : names.join(u' '));
    emit interfacesChanged();
}

void MdnsUdpTransport::sendMulticast(const Bytes& packet, int interfaceIndex)
{
    const auto it =
        std::find_if(m_interfaces.begin(), m_interfaces.end(),
                     [interfaceIndex](const MdnsInterface& i) { return i.index == interfaceIndex; });
    if (it == m_interfaces.end()) {
        return;
    }
    if (hasFamily(*it, QAbstractSocket::IPv4Protocol)) {
        ip_mreqn request{};
        request.imr_ifindex = interfaceIndex;
        ::setsockopt(m_fd4, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(kMdnsPort);
        ::inet_pton(AF_INET, "224.0.0.251", &to.sin_addr);
        ::sendto(m_fd4, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    }
    if (m_fd6 >= 0 && hasFamily(*it, QAbstractSocket::IPv6Protocol)) {
        setInt(m_fd6, IPPROTO_IPV6, IPV6_MULTICAST_IF, interfaceIndex);
        sockaddr_in6 to{};
        to.sin6_family = AF_INET6;
        to.sin6_port = htons(kMdnsPort);
        to.sin6_scope_id = static_cast<uint32_t>(interfaceIndex);
        ::inet_pton(AF_INET6, "ff02::fb", &to.sin6_addr);
        ::sendto(m_fd6, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    }
}

void MdnsUdpTransport::sendUnicast(const Bytes& packet, const QHostAddress& to, quint16 port)
{
    if (to.protocol() == QAbstractSocket::IPv4Protocol) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(to.toIPv4Address());
        ::sendto(m_fd4, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&address),
                 sizeof address);
    } else if (m_fd6 >= 0) {
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = to.toIPv6Address();
        std::memcpy(&address.sin6_addr, bytes.c, sizeof address.sin6_addr);
        address.sin6_scope_id = to.scopeId().toUInt();
        ::sendto(m_fd6, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&address),
                 sizeof address);
    }
}

void MdnsUdpTransport::readPending(int fd, bool v6)
{
    std::array<std::uint8_t, kMaxPacket> buffer{};
    std::array<char, 256> control{};
    // Bounded, so a flood cannot keep the event loop here forever.
    for (int i = 0; i < 64; ++i) {
        sockaddr_storage from{};
        iovec vector{buffer.data(), buffer.size()};
        msghdr header{};
        header.msg_name = &from;
        header.msg_namelen = sizeof from;
        header.msg_iov = &vector;
        header.msg_iovlen = 1;
        header.msg_control = control.data();
        header.msg_controllen = control.size();
        const ssize_t size = ::recvmsg(fd, &header, 0);
        if (size < 0) {
            return;
        }
        if ((header.msg_flags & MSG_TRUNC) != 0) {
            continue; // bigger than any mDNS message we accept
        }
        int interfaceIndex = 0;
        for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
            if (!v6 && c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
                in_pktinfo info{};
                std::memcpy(&info, CMSG_DATA(c), sizeof info);
                interfaceIndex = info.ipi_ifindex;
            } else if (v6 && c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
                in6_pktinfo info{};
                std::memcpy(&info, CMSG_DATA(c), sizeof info);
                interfaceIndex = static_cast<int>(info.ipi6_ifindex);
            }
        }
        QHostAddress source(reinterpret_cast<const sockaddr*>(&from));
        const quint16 port = v6 ? ntohs(reinterpret_cast<const sockaddr_in6*>(&from)->sin6_port)
                                : ntohs(reinterpret_cast<const sockaddr_in*>(&from)->sin_port);
        const Bytes packet(buffer.begin(), buffer.begin() + size);
        emit packetReceived(packet, interfaceIndex, source, port);
    }
}

} // namespace confab::net
