#pragma once

#include "base/clock.h"
#include "mdns_transport.h"
#include "proto/dns_message.h"
#include "service_discovery.h"

#include <map>
#include <memory>
#include <set>

namespace confab::net {

// The querying half of the embedded mDNS: asks for `_confab._tcp` at start
// and then with doubling intervals up to an hour (RFC 6762 §5.2), includes
// known answers, keeps a cache with TTLs (refreshed at 80 % and 90 %), and
// reports services once they have a port and an address.
class MdnsBrowser : public QObject {
    Q_OBJECT
public:
    static constexpr int kFirstQueryIntervalMs = 1000;
    static constexpr int kMaxQueryIntervalMs = 3600 * 1000;
    static constexpr int kGoodbyeGraceMs = 1000; // RFC 6762 §10.1
    // Hostile multicast cannot grow the cache past these.
    static constexpr std::size_t kMaxInstances = 256;
    static constexpr std::size_t kMaxHosts = 256;
    static constexpr std::size_t kMaxAddressesPerHost = 16;
    // A probing node is reported again only after this long (a restart).
    static constexpr qint64 kProbeMemoryMs = 5000;

    MdnsBrowser(MdnsTransport& transport, Clock& clock, QObject* parent = nullptr);

    void start();
    void stop();
    [[nodiscard]] std::vector<DiscoveredService> services() const;

signals:
    void serviceResolved(const confab::net::DiscoveredService& service);
    void servicesChanged();
    // Someone is probing for a `_confab._tcp` instance name: a node that has
    // just started and will answer for it in about a second (RFC 6762 §8.1).
    // Its listener is up already, so it can be dialed now, at the probe's
    // source address and the port of the SRV record it proposes. Reported
    // once per instance and start; nothing of it is cached.
    void probeHeard(const confab::net::DiscoveredService& service);

private:
    struct Expiring {
        qint64 receivedMs = 0;
        qint64 expiresMs = 0;
        std::uint32_t ttl = 0;
    };
    struct Instance {
        proto::DnsName name;
        Expiring ptr;
        std::optional<Expiring> srv;
        proto::DnsName target;
        quint16 port = 0;
        std::vector<std::string> txt;
        int refreshesSent = 0;
        qint64 lastResolveQueryMs = -1000000;
        QList<HostPort> reported;
    };
    struct HostAddresses {
        std::map<QString, Expiring> addresses; // address text -> lifetime
    };

    void onPacket(const Bytes& packet, int interfaceIndex, const QHostAddress& from, quint16 fromPort);
    void onProbe(const proto::DnsMessage& probe, const QHostAddress& from);
    void apply(const proto::DnsRecord& record, std::set<std::string>& touched);
    void sendBrowseQuery();
    void sendQuery(const std::vector<proto::DnsQuestion>& questions, bool withKnownAnswers);
    void resolve(Instance& instance);
    void onHousekeeping();
    void scheduleHousekeeping();
    [[nodiscard]] QList<HostPort> addressesOf(const Instance& instance) const;
    [[nodiscard]] DiscoveredService describe(const Instance& instance) const;
    [[nodiscard]] qint64 now() const { return m_clock.monotonicMs(); }

    MdnsTransport& m_transport;
    proto::DnsName m_serviceType;
    std::map<std::string, Instance> m_instances;  // by lower-cased instance text
    std::map<std::string, HostAddresses> m_hosts; // by lower-cased host text
    std::map<std::string, qint64> m_probesHeard;  // instance key -> when it was reported
    Clock& m_clock;
    std::unique_ptr<Timer> m_queryTimer;
    std::unique_ptr<Timer> m_housekeeping;
    int m_queryIntervalMs = kFirstQueryIntervalMs;
    bool m_running = false;
};

} // namespace confab::net
