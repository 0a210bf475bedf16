#pragma once

#include "base/result.h"

#include <QHostAddress>
#include <QString>

namespace confab::net {

// Where Confab listens unless told otherwise (TCP for links, UDP for media).
inline constexpr quint16 kDefaultPort = 42042;

// "host:port", "[v6]:port" or "host" (then the default port applies).
struct HostPort {
    QString host;
    quint16 port = 0;

    static Result<HostPort, QString> parse(const QString& text, quint16 defaultPort);
    static HostPort from(const QHostAddress& address, quint16 port);
    [[nodiscard]] QString toString() const;
    bool operator==(const HostPort&) const = default;
};

} // namespace confab::net
