#include "avahi_discovery.h"

#include "proto/dns_message.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>

Q_LOGGING_CATEGORY(lcAvahi, "confab.avahi")

namespace confab::net {
namespace {

AvahiDiscovery* self(void* userdata)
{
    return static_cast<AvahiDiscovery*>(userdata);
}

QString errorText(AvahiClient* client)
{
    return QString::fromUtf8(avahi_strerror(avahi_client_errno(client)));
}

} // namespace

AvahiDiscovery::AvahiDiscovery(QObject* parent) : ServiceDiscovery(parent)
{
}

Result<std::unique_ptr<AvahiDiscovery>, QString> AvahiDiscovery::create(QObject* parent)
{
    std::unique_ptr<AvahiDiscovery> discovery(new AvahiDiscovery(parent));
    int error = 0;
    // Without AVAHI_CLIENT_NO_FAIL this fails at once when no daemon runs,
    // which is what lets "auto" fall back to the embedded responder.
    discovery->m_client = avahi_client_new(discovery->m_poll.poll(), static_cast<AvahiClientFlags>(0),
                                           &AvahiDiscovery::onClientState, discovery.get(), &error);
    if (discovery->m_client == nullptr) {
        return QString::fromUtf8(avahi_strerror(error));
    }
    return discovery;
}

AvahiDiscovery::~AvahiDiscovery()
{
    freeAll();
}

void AvahiDiscovery::freeAll()
{
    if (m_client != nullptr) {
        // Frees the group, browser and resolvers too.
        avahi_client_free(m_client);
    }
    m_client = nullptr;
    m_group = nullptr;
    m_browser = nullptr;
}

void AvahiDiscovery::start()
{
    m_started = true;
    if (m_local) {
        m_instance = QStringLiteral("%1 [%2]").arg(m_local->displayName.left(40),
                                                   QString::fromStdString(m_local->id.toText().substr(0, 8)));
    }
    if (m_client != nullptr && avahi_client_get_state(m_client) == AVAHI_CLIENT_S_RUNNING) {
        clientRunning(m_client);
    }
}

void AvahiDiscovery::stop()
{
    m_started = false;
    if (m_group != nullptr) {
        // Withdrawing makes the daemon send the goodbye (TTL 0) at once.
        avahi_entry_group_reset(m_group);
    }
    if (m_browser != nullptr) {
        avahi_service_browser_free(m_browser);
        m_browser = nullptr;
    }
}

void AvahiDiscovery::onClientState(AvahiClient* client, AvahiClientState state, void* userdata)
{
    AvahiDiscovery* me = self(userdata);
    switch (state) {
    case AVAHI_CLIENT_S_RUNNING:
        me->m_problem.clear();
        if (me->m_started) {
            me->clientRunning(client);
        }
        break;
    case AVAHI_CLIENT_S_COLLISION:
    case AVAHI_CLIENT_S_REGISTERING:
        // The host name changes: our records are registered again once running.
        if (me->m_group != nullptr) {
            avahi_entry_group_reset(me->m_group);
        }
        break;
    case AVAHI_CLIENT_FAILURE:
        me->m_problem =
            QCoreApplication::translate("Network", "avahi-daemon went away (%1); waiting for it to return")
                .arg(errorText(client));
        qCWarning(lcAvahi).noquote() << me->m_problem;
        // Freeing the client inside its own callback is not allowed.
        QTimer::singleShot(0, me, &AvahiDiscovery::reconnect);
        break;
    case AVAHI_CLIENT_CONNECTING:
        break;
    }
}

void AvahiDiscovery::reconnect()
{
    freeAll();
    bool changed = !m_seen.empty();
    m_seen.clear();
    int error = 0;
    // NO_FAIL: wait for the daemon to come back instead of failing.
    m_client =
        avahi_client_new(m_poll.poll(), AVAHI_CLIENT_NO_FAIL, &AvahiDiscovery::onClientState, this, &error);
    if (m_client == nullptr) {
        m_problem = QCoreApplication::translate("Network", "cannot reconnect to avahi-daemon: %1")
                        .arg(QString::fromUtf8(avahi_strerror(error)));
        qCWarning(lcAvahi).noquote() << m_problem;
    }
    if (changed) {
        emit servicesChanged();
    }
}

void AvahiDiscovery::clientRunning(AvahiClient* client)
{
    if (m_local && (m_group == nullptr || avahi_entry_group_is_empty(m_group))) {
        publish(client);
    }
    if (m_browser == nullptr) {
        m_browser = avahi_service_browser_new(client, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, kConfabServiceType,
                                              nullptr, static_cast<AvahiLookupFlags>(0),
                                              &AvahiDiscovery::onBrowse, this);
        if (m_browser == nullptr) {
            m_problem =
                QCoreApplication::translate("Network", "cannot browse with avahi: %1").arg(errorText(client));
            qCWarning(lcAvahi).noquote() << m_problem;
        }
    }
}

void AvahiDiscovery::publish(AvahiClient* client)
{
    if (m_group == nullptr) {
        m_group = avahi_entry_group_new(client, &AvahiDiscovery::onGroupState, this);
        if (m_group == nullptr) {
            m_problem = QCoreApplication::translate("Network", "cannot publish with avahi: %1")
                            .arg(errorText(client));
            qCWarning(lcAvahi).noquote() << m_problem;
            return;
        }
    }
    AvahiStringList* txt = nullptr;
    for (const std::string& entry : confabTxt(*m_local)) {
        txt = avahi_string_list_add(txt, entry.c_str());
    }
    const QByteArray instance = m_instance.toUtf8();
    const int result = avahi_entry_group_add_service_strlst(
        m_group, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, static_cast<AvahiPublishFlags>(0), instance.constData(),
        kConfabServiceType, nullptr, nullptr, m_local->port, txt);
    avahi_string_list_free(txt);
    if (result == AVAHI_ERR_COLLISION) {
        onGroupState(m_group, AVAHI_ENTRY_GROUP_COLLISION, this);
        return;
    }
    if (result < 0 || avahi_entry_group_commit(m_group) < 0) {
        m_problem =
            QCoreApplication::translate("Network", "cannot publish with avahi: %1").arg(errorText(client));
        qCWarning(lcAvahi).noquote() << m_problem;
        return;
    }
    qCInfo(lcAvahi).noquote() << "publishing" << m_instance << "on port" << m_local->port;
}

void AvahiDiscovery::onGroupState(AvahiEntryGroup* group, AvahiEntryGroupState state, void* userdata)
{
    AvahiDiscovery* me = self(userdata);
    if (state == AVAHI_ENTRY_GROUP_COLLISION) {
        char* alternative = avahi_alternative_service_name(me->m_instance.toUtf8().constData());
        me->m_instance = QString::fromUtf8(alternative);
        avahi_free(alternative);
        qCInfo(lcAvahi).noquote() << "name in use on the network, renaming to" << me->m_instance;
        avahi_entry_group_reset(group);
        AvahiClient* client = avahi_entry_group_get_client(group);
        QTimer::singleShot(0, me, [me, client] {
            if (me->m_client == client) {
                me->publish(client);
            }
        });
    } else if (state == AVAHI_ENTRY_GROUP_FAILURE) {
        me->m_problem = QCoreApplication::translate("Network", "avahi could not publish our service: %1")
                            .arg(errorText(avahi_entry_group_get_client(group)));
        qCWarning(lcAvahi).noquote() << me->m_problem;
    }
}

void AvahiDiscovery::onBrowse(AvahiServiceBrowser* browser, AvahiIfIndex interface, AvahiProtocol protocol,
                              AvahiBrowserEvent event, const char* name, const char* type, const char* domain,
                              AvahiLookupResultFlags, void* userdata)
{
    AvahiDiscovery* me = self(userdata);
    if (event == AVAHI_BROWSER_NEW) {
        // The resolver frees itself in onResolve.
        if (avahi_service_resolver_new(avahi_service_browser_get_client(browser), interface, protocol, name,
                                       type, domain, AVAHI_PROTO_UNSPEC, static_cast<AvahiLookupFlags>(0),
                                       &AvahiDiscovery::onResolve, me) == nullptr) {
            qCInfo(lcAvahi).noquote() << "cannot resolve" << name;
        }
    } else if (event == AVAHI_BROWSER_REMOVE) {
        const auto it = me->m_seen.find(QString::fromUtf8(name));
        if (it != me->m_seen.end()) {
            it->second.addressByLink.erase({interface, protocol});
            if (it->second.addressByLink.empty()) {
                me->m_seen.erase(it);
            }
            emit me->servicesChanged();
        }
    } else if (event == AVAHI_BROWSER_FAILURE) {
        me->m_problem = QCoreApplication::translate("Network", "avahi browsing failed: %1")
                            .arg(errorText(avahi_service_browser_get_client(browser)));
        qCWarning(lcAvahi).noquote() << me->m_problem;
    }
}

void AvahiDiscovery::onResolve(AvahiServiceResolver* resolver, AvahiIfIndex interface, AvahiProtocol protocol,
                               AvahiResolverEvent event, const char* name, const char*, const char*,
                               const char*, const AvahiAddress* address, uint16_t port, AvahiStringList* txt,
                               AvahiLookupResultFlags, void* userdata)
{
    AvahiDiscovery* me = self(userdata);
    if (event == AVAHI_RESOLVER_FOUND && address != nullptr) {
        std::array<char, AVAHI_ADDRESS_STR_MAX> text{};
        avahi_address_snprint(text.data(), text.size(), address);
        const QString instance = QString::fromUtf8(name);
        if (!me->m_seen.count(instance) && me->m_seen.size() >= kMaxServices) {
            avahi_service_resolver_free(resolver);
            return; // a flood of made-up services stops here
        }
        Seen& seen = me->m_seen[instance];
        seen.addressByLink[{interface, protocol}] = HostPort{QString::fromLatin1(text.data()), port};
        std::vector<std::string> strings;
        for (AvahiStringList* item = txt; item != nullptr && strings.size() < proto::kMaxTxtStrings;
             item = avahi_string_list_get_next(item)) {
            strings.emplace_back(reinterpret_cast<const char*>(avahi_string_list_get_text(item)),
                                 avahi_string_list_get_size(item));
        }
        DiscoveredService service;
        service.instance = instance;
        service.source = QStringLiteral("avahi");
        parseConfabTxt(strings, service);
        for (const auto& [link, hostPort] : seen.addressByLink) {
            if (!service.addresses.contains(hostPort)) {
                service.addresses.append(hostPort);
            }
        }
        seen.service = service;
        for (const PeerSighting& sighting : sightingsFor(service)) {
            emit me->peerSighted(sighting);
        }
        emit me->servicesChanged();
    } else if (event == AVAHI_RESOLVER_FAILURE) {
        qCInfo(lcAvahi).noquote() << "cannot resolve" << name << ":"
                                  << avahi_strerror(
                                         avahi_client_errno(avahi_service_resolver_get_client(resolver)));
    }
    avahi_service_resolver_free(resolver);
}

std::vector<DiscoveredService> AvahiDiscovery::services() const
{
    std::vector<DiscoveredService> result;
    for (const auto& [instance, seen] : m_seen) {
        result.push_back(seen.service);
    }
    return result;
}

} // namespace confab::net
