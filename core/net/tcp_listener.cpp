#include "tcp_listener.h"

#include "tcp_stream.h"

#include <QCoreApplication>
#include <QTcpSocket>

namespace confab::net {

TcpListener::TcpListener(QObject* parent) : StreamListener(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            socket->setParent(nullptr);
            emit accepted(new TcpStream(std::unique_ptr<QTcpSocket>(socket), {}));
        }
    });
}

Result<StreamListener::Outcome, QString> TcpListener::listen(const HostPort& requested,
                                                             bool portWasChosenByUser)
{
    QHostAddress address;
    if (requested.host == QLatin1String("*") || requested.host.isEmpty()) {
        address = QHostAddress::Any;
    } else if (!address.setAddress(requested.host)) {
        return QCoreApplication::translate(
                   "Network",
                   "Cannot listen on '%1': give an IP address of this machine (or 0.0.0.0 for all).")
            .arg(requested.host);
    }
    if (m_server.listen(address, requested.port)) {
        return Outcome{HostPort::from(m_server.serverAddress(), m_server.serverPort()), {}};
    }
    const QString reason = m_server.errorString();
    if (m_server.serverError() == QAbstractSocket::AddressInUseError && !portWasChosenByUser &&
        m_server.listen(address, 0)) {
        return Outcome{HostPort::from(m_server.serverAddress(), m_server.serverPort()),
                       QCoreApplication::translate("Network", "Port %1 is in use — using %2 instead")
                           .arg(requested.port)
                           .arg(m_server.serverPort())};
    }
    if (m_server.serverError() == QAbstractSocket::AddressInUseError) {
        return QCoreApplication::translate(
                   "Network",
                   "Port %1 is in use. Choose another with --listen ADDR:PORT, or port 0 for any free port.")
            .arg(requested.port);
    }
    return QCoreApplication::translate("Network", "Cannot listen on %1: %2")
        .arg(requested.toString(), reason);
}

} // namespace confab::net
