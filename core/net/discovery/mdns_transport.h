#pragma once

#include "base/bytes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <vector>

namespace confab::net {

// A multicast-capable network interface mDNS runs on.
struct MdnsInterface {
    int index = 0;
    QString name;
    QList<QHostAddress> addresses;

    bool operator==(const MdnsInterface&) const = default;
};

// Where mDNS packets come from and go to: UDP port 5353 on every interface
// in production, an in-process fake in tests.
class MdnsTransport : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~MdnsTransport() override;

    [[nodiscard]] virtual std::vector<MdnsInterface> interfaces() const = 0;
    // Multicast to 224.0.0.251 / ff02::fb on one interface.
    virtual void sendMulticast(const Bytes& packet, int interfaceIndex) = 0;
    // Unicast reply, for legacy (non-5353) queriers.
    virtual void sendUnicast(const Bytes& packet, const QHostAddress& to, quint16 port) = 0;

signals:
    void packetReceived(const confab::Bytes& packet, int interfaceIndex, const QHostAddress& from,
                        quint16 fromPort);
    void interfacesChanged();
};

} // namespace confab::net
