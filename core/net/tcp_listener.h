#pragma once

#include "byte_stream.h"

#include <QTcpServer>

namespace confab::net {

// Accepts TCP connections for links. When the default port is taken it falls
// back to a free one and says so; an explicitly requested port is not
// replaced behind the user's back.
class TcpListener : public StreamListener {
    Q_OBJECT
public:
    explicit TcpListener(QObject* parent = nullptr);

    Result<Outcome, QString> listen(const HostPort& requested, bool portWasChosenByUser) override;
    [[nodiscard]] quint16 port() const override { return m_server.serverPort(); }

private:
    QTcpServer m_server;
};

} // namespace confab::net
