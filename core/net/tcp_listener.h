#pragma once

#include "host_port.h"

#include <QObject>
#include <QTcpServer>

namespace confab::net {

inline constexpr quint16 kDefaultPort = 42042;

// Accepts TCP connections for links. When the default port is taken it falls
// back to a free one and says so; an explicitly requested port is not
// replaced behind the user's back.
class TcpListener : public QObject {
    Q_OBJECT
public:
    explicit TcpListener(QObject* parent = nullptr);

    struct Outcome {
        HostPort bound;
        QString notice; // non-empty when the fallback was used
    };
    proto::Result<Outcome, QString> listen(const HostPort& requested, bool portWasChosenByUser);
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

signals:
    void connectionAccepted(QTcpSocket* socket); // the receiver takes ownership

private:
    QTcpServer m_server;
};

} // namespace confab::net
