#include "host_port.h"

#include <QCoreApplication>

#include <algorithm>

namespace confab::net {
namespace {

QString usage(const QString& text, const QString& problem)
{
    return QCoreApplication::translate(
               "Network", "'%1' is not a valid address: %2. Use HOST:PORT, for example 192.168.1.20:42042 or "
                          "[fe80::1]:42042.")
        .arg(text, problem);
}

// Letters, digits, dots, dashes and underscores (mDNS names have them): a
// name that cannot be looked up is refused here, not at every dial.
bool isHostName(const QString& host)
{
    constexpr qsizetype kMaxHostNameChars = 253;
    return host.size() <= kMaxHostNameChars && std::all_of(host.begin(), host.end(), [](QChar c) {
               return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_';
           });
}

} // namespace

Result<HostPort, QString> HostPort::parse(const QString& text, quint16 defaultPort)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return usage(text, QCoreApplication::translate("Network", "it is empty"));
    }
    QString host;
    QString portText;
    if (trimmed.startsWith(u'[')) {
        const auto close = trimmed.indexOf(u']');
        if (close < 0) {
            return usage(text, QCoreApplication::translate("Network", "the IPv6 address has no closing ']'"));
        }
        host = trimmed.mid(1, close - 1);
        const QString rest = trimmed.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':')) {
                return usage(text, QCoreApplication::translate("Network", "expected ':' after ']'"));
            }
            portText = rest.mid(1);
        }
        if (QHostAddress(host).protocol() != QAbstractSocket::IPv6Protocol) {
            return usage(text,
                         QCoreApplication::translate("Network", "'%1' is not an IPv6 address").arg(host));
        }
    } else if (trimmed.count(u':') == 1) {
        const auto colon = trimmed.indexOf(u':');
        host = trimmed.left(colon);
        portText = trimmed.mid(colon + 1);
    } else if (trimmed.count(u':') > 1) {
        return usage(text, QCoreApplication::translate("Network", "put an IPv6 address in brackets"));
    } else {
        host = trimmed;
    }
    if (host.isEmpty()) {
        return usage(text, QCoreApplication::translate("Network", "the host is missing"));
    }
    if (QHostAddress(host).isNull() && !isHostName(host)) {
        return usage(text,
                     QCoreApplication::translate("Network", "'%1' is neither an IP address nor a host name")
                         .arg(host));
    }
    quint16 port = defaultPort;
    if (!portText.isNull()) {
        bool ok = false;
        const uint value = portText.toUInt(&ok);
        if (!ok || value > 65535) {
            return usage(text,
                         QCoreApplication::translate("Network", "the port must be a number from 0 to 65535"));
        }
        port = static_cast<quint16>(value);
    }
    return HostPort{host, port};
}

HostPort HostPort::from(const QHostAddress& address, quint16 port)
{
    // A v4 peer reached through a dual-stack socket shows up as ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return HostPort{isV4 ? QHostAddress(v4).toString() : address.toString(), port};
}

QString HostPort::toString() const
{
    if (host.contains(u':')) {
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    }
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace confab::net
