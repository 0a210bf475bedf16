#pragma once

#include "mdns_browser.h"
#include "mdns_responder.h"
#include "service_discovery.h"

#include <memory>

namespace confab::net {

// DNS-SD without any daemon: our own responder and querier on a transport
// (UDP 5353 in production, a fake in tests).
class EmbeddedMdnsDiscovery : public ServiceDiscovery {
    Q_OBJECT
public:
    EmbeddedMdnsDiscovery(std::unique_ptr<MdnsTransport> transport, Clock& clock,
                          MdnsResponder::Timing timing, QObject* parent = nullptr);
    ~EmbeddedMdnsDiscovery() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("embedded"); }
    void setLocalService(const LocalService& service) override { m_local = service; }
    void start() override;
    void stop() override;
    [[nodiscard]] std::vector<DiscoveredService> services() const override { return m_browser.services(); }
    [[nodiscard]] QString problem() const override;

private:
    std::unique_ptr<MdnsTransport> m_transport;
    MdnsResponder m_responder;
    MdnsBrowser m_browser;
    std::optional<LocalService> m_local;
    bool m_started = false;
};

} // namespace confab::net
