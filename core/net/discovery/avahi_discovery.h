#pragma once

#include "avahi_qt_poll.h"
#include "service_discovery.h"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-client/publish.h>
#include <map>
#include <memory>

namespace confab::net {

// DNS-SD through the system's avahi-daemon (libavahi-client on the Qt loop).
// Publishes our service, renames on a collision, browses and resolves, and
// reconnects when the daemon restarts.
class AvahiDiscovery : public ServiceDiscovery {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxServices = 256;

    // Fails with the reason when no daemon answers.
    static Result<std::unique_ptr<AvahiDiscovery>, QString> create(QObject* parent = nullptr);
    ~AvahiDiscovery() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("avahi"); }
    void setLocalService(const LocalService& service) override { m_local = service; }
    void start() override;
    void stop() override;
    [[nodiscard]] std::vector<DiscoveredService> services() const override;
    [[nodiscard]] QString problem() const override { return m_problem; }

private:
    explicit AvahiDiscovery(QObject* parent);

    static void onClientState(AvahiClient* client, AvahiClientState state, void* self);
    static void onGroupState(AvahiEntryGroup* group, AvahiEntryGroupState state, void* self);
    static void onBrowse(AvahiServiceBrowser* browser, AvahiIfIndex interface, AvahiProtocol protocol,
                         AvahiBrowserEvent event, const char* name, const char* type, const char* domain,
                         AvahiLookupResultFlags flags, void* self);
    static void onResolve(AvahiServiceResolver* resolver, AvahiIfIndex interface, AvahiProtocol protocol,
                          AvahiResolverEvent event, const char* name, const char* type, const char* domain,
                          const char* host, const AvahiAddress* address, uint16_t port, AvahiStringList* txt,
                          AvahiLookupResultFlags flags, void* self);

    void clientRunning(AvahiClient* client);
    void publish(AvahiClient* client);
    void reconnect();
    void freeAll();

    struct Seen {
        DiscoveredService service;
        std::map<std::pair<int, int>, HostPort> addressByLink; // (interface, protocol) -> address
    };

    AvahiQtPoll m_poll;
    AvahiClient* m_client = nullptr;
    AvahiEntryGroup* m_group = nullptr;
    AvahiServiceBrowser* m_browser = nullptr;
    std::optional<LocalService> m_local;
    QString m_instance;
    QString m_problem;
    bool m_started = false;
    std::map<QString, Seen> m_seen; // by instance name
};

} // namespace confab::net
