#include "mdns_browser.h"

#include <QLoggingCategory>

#include <limits>

Q_DECLARE_LOGGING_CATEGORY(lcMdns)

namespace confab::net {
namespace {

using proto::DnsMessage;
using proto::DnsName;
using proto::DnsRecord;
namespace dns = proto::dns;

std::string keyOf(const DnsName& name)
{
    std::string text = proto::dnsNameToText(name);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return text;
}

qint64 lifetimeMs(std::uint32_t ttl)
{
    return ttl == 0 ? MdnsBrowser::kGoodbyeGraceMs : static_cast<qint64>(ttl) * 1000;
}

QString addressText(const DnsRecord& record)
{
    if (record.type == dns::kTypeA && record.address.size() == 4) {
        return QHostAddress(static_cast<quint32>((record.address[0] << 24) | (record.address[1] << 16) |
                                                 (record.address[2] << 8) | record.address[3]))
            .toString();
    }
    if (record.type == dns::kTypeAaaa && record.address.size() == 16) {
        Q_IPV6ADDR v6{};
        std::copy(record.address.begin(), record.address.end(), std::begin(v6.c));
        const QHostAddress address(v6);
        // Link-local addresses cannot be dialed without knowing the interface.
        return address.isLinkLocal() ? QString() : address.toString();
    }
    return {};
}

} // namespace

MdnsBrowser::MdnsBrowser(MdnsTransport& transport, Clock& clock, QObject* parent)
    : QObject(parent), m_transport(transport), m_clock(clock),
      m_queryTimer(clock.createTimer([this] { sendBrowseQuery(); })),
      m_housekeeping(clock.createTimer([this] { onHousekeeping(); }))
{
    m_serviceType = DnsName{"_confab", "_tcp", "local"};
    connect(&m_transport, &MdnsTransport::packetReceived, this, &MdnsBrowser::onPacket);
    connect(&m_transport, &MdnsTransport::interfacesChanged, this, [this] {
        if (m_running) {
            // A new network: ask again right away and start the backoff over.
            m_queryIntervalMs = kFirstQueryIntervalMs;
            sendBrowseQuery();
        }
    });
}

void MdnsBrowser::start()
{
    m_running = true;
    m_queryIntervalMs = kFirstQueryIntervalMs;
    sendBrowseQuery();
}

void MdnsBrowser::stop()
{
    m_running = false;
    m_queryTimer->stop();
    m_housekeeping->stop();
}

void MdnsBrowser::sendBrowseQuery()
{
    if (!m_running) {
        return;
    }
    sendQuery({{m_serviceType, dns::kTypePtr, dns::kClassIn, false}}, true);
    m_queryTimer->start(m_queryIntervalMs);
    m_queryIntervalMs = std::min(m_queryIntervalMs * 2, kMaxQueryIntervalMs);
}

void MdnsBrowser::sendQuery(const std::vector<proto::DnsQuestion>& questions, bool withKnownAnswers)
{
    DnsMessage query;
    query.questions = questions;
    if (withKnownAnswers) {
        const qint64 t = now();
        for (const auto& [key, instance] : m_instances) {
            const qint64 remainingMs = instance.ptr.expiresMs - t;
            if (remainingMs * 2 > lifetimeMs(instance.ptr.ttl) &&
                query.answers.size() < proto::kMaxDnsRecordsPerSection) {
                DnsRecord known;
                known.name = m_serviceType;
                known.type = dns::kTypePtr;
                known.ttl = static_cast<std::uint32_t>(remainingMs / 1000);
                known.target = instance.name;
                query.answers.push_back(std::move(known));
            }
        }
    }
    const Bytes packet = proto::encodeDnsMessage(query);
    for (const MdnsInterface& interface : m_transport.interfaces()) {
        m_transport.sendMulticast(packet, interface.index);
    }
}

void MdnsBrowser::resolve(Instance& instance)
{
    if (now() - instance.lastResolveQueryMs < 1000) {
        return;
    }
    instance.lastResolveQueryMs = now();
    std::vector<proto::DnsQuestion> questions;
    if (!instance.srv) {
        questions.push_back({instance.name, dns::kTypeSrv, dns::kClassIn, false});
        questions.push_back({instance.name, dns::kTypeTxt, dns::kClassIn, false});
    } else {
        questions.push_back({instance.target, dns::kTypeA, dns::kClassIn, false});
        questions.push_back({instance.target, dns::kTypeAaaa, dns::kClassIn, false});
    }
    sendQuery(questions, false);
}

void MdnsBrowser::apply(const DnsRecord& record, std::set<std::string>& touched)
{
    const qint64 t = now();
    const Expiring life{t, t + lifetimeMs(record.ttl), record.ttl};
    const bool isInstanceName =
        record.name.size() == m_serviceType.size() + 1 && proto::dnsNameEndsWith(record.name, m_serviceType);
    if (record.type == dns::kTypePtr && proto::dnsNameEquals(record.name, m_serviceType)) {
        if (record.target.size() != m_serviceType.size() + 1 ||
            !proto::dnsNameEndsWith(record.target, m_serviceType)) {
            return;
        }
        const std::string key = keyOf(record.target);
        auto it = m_instances.find(key);
        if (it == m_instances.end()) {
            if (record.ttl == 0 || m_instances.size() >= kMaxInstances) {
                return;
            }
            it = m_instances.emplace(key, Instance{}).first;
            it->second.name = record.target;
        }
        it->second.ptr = life;
        touched.insert(key);
    } else if ((record.type == dns::kTypeSrv || record.type == dns::kTypeTxt) && isInstanceName) {
        const std::string key = keyOf(record.name);
        auto it = m_instances.find(key);
        if (it == m_instances.end()) {
            if (record.ttl == 0 || m_instances.size() >= kMaxInstances) {
                return;
            }
            // SRV/TXT without the PTR: accept it, the PTR usually follows.
            it = m_instances.emplace(key, Instance{}).first;
            it->second.name = record.name;
            it->second.ptr = life;
        }
        Instance& instance = it->second;
        if (record.type == dns::kTypeSrv) {
            instance.srv = life;
            instance.target = record.target;
            instance.port = record.port;
            instance.refreshesSent = 0;
        } else {
            instance.txt = record.txt;
        }
        touched.insert(key);
    } else if (record.type == dns::kTypeA || record.type == dns::kTypeAaaa) {
        const QString address = addressText(record);
        if (address.isEmpty()) {
            return;
        }
        const std::string hostKey = keyOf(record.name);
        const auto host = m_hosts.find(hostKey);
        if (host == m_hosts.end() ? m_hosts.size() >= kMaxHosts
                                  : (host->second.addresses.size() >= kMaxAddressesPerHost &&
                                     !host->second.addresses.count(address))) {
            return;
        }
        if (record.cacheFlush && record.ttl > 0) {
            // RFC 6762 §10.2: a cache-flush record replaces older ones after 1 s.
            for (auto& [text, old] : m_hosts[hostKey].addresses) {
                if (text != address && t - old.receivedMs > 1000) {
                    old.expiresMs = std::min(old.expiresMs, t + kGoodbyeGraceMs);
                }
            }
        }
        m_hosts[hostKey].addresses[address] = life;
        for (const auto& [key, instance] : m_instances) {
            if (instance.srv && keyOf(instance.target) == hostKey) {
                touched.insert(key);
            }
        }
    }
}

void MdnsBrowser::onProbe(const DnsMessage& probe, const QHostAddress& from)
{
    const DnsRecord* srv = nullptr;
    const DnsRecord* txt = nullptr;
    for (const DnsRecord& record : probe.authorities) {
        if (record.name.size() != m_serviceType.size() + 1 ||
            !proto::dnsNameEndsWith(record.name, m_serviceType)) {
            continue;
        }
        if (record.type == dns::kTypeSrv && record.port != 0) {
            srv = &record;
        } else if (record.type == dns::kTypeTxt) {
            txt = &record;
        }
    }
    if (srv == nullptr || from.isLinkLocal() || from.isLoopback()) {
        return;
    }
    // Its three probes come within a second: one report is enough.
    const std::string key = keyOf(srv->name);
    const qint64 t = now();
    const auto heard = m_probesHeard.find(key);
    if (heard != m_probesHeard.end() && t - heard->second < kProbeMemoryMs) {
        return;
    }
    if (m_probesHeard.size() >= kMaxInstances) {
        m_probesHeard.clear();
    }
    m_probesHeard[key] = t;
    DiscoveredService service;
    service.instance = QString::fromStdString(srv->name.front());
    service.addresses = {HostPort::from(from, srv->port)};
    service.source = QStringLiteral("mdns");
    if (txt != nullptr && keyOf(txt->name) == key) {
        parseConfabTxt(txt->txt, service);
    }
    emit probeHeard(service);
}

void MdnsBrowser::onPacket(const Bytes& packet, int, const QHostAddress& from, quint16)
{
    if (!m_running) {
        return;
    }
    auto decoded = proto::decodeDnsMessage(packet);
    if (!decoded) {
        return;
    }
    if (!decoded.value().isResponse()) {
        if (!decoded.value().authorities.empty()) {
            onProbe(decoded.value(), from);
        }
        return;
    }
    std::set<std::string> touched;
    for (const auto* section : {&decoded.value().answers, &decoded.value().additionals}) {
        for (const DnsRecord& record : *section) {
            apply(record, touched);
        }
    }
    bool changed = false;
    for (const std::string& key : touched) {
        auto it = m_instances.find(key);
        if (it == m_instances.end()) {
            continue;
        }
        Instance& instance = it->second;
        const QList<HostPort> addresses = addressesOf(instance);
        if (addresses.isEmpty()) {
            resolve(instance);
            continue;
        }
        if (addresses != instance.reported) {
            instance.reported = addresses;
            changed = true;
            emit serviceResolved(describe(instance));
        }
    }
    if (changed) {
        emit servicesChanged();
    }
    scheduleHousekeeping();
}

QList<HostPort> MdnsBrowser::addressesOf(const Instance& instance) const
{
    QList<HostPort> result;
    if (!instance.srv || instance.port == 0) {
        return result;
    }
    const auto host = m_hosts.find(keyOf(instance.target));
    if (host == m_hosts.end()) {
        return result;
    }
    const qint64 t = now();
    for (const auto& [text, life] : host->second.addresses) {
        if (life.expiresMs > t) {
            result.append(HostPort{text, instance.port});
        }
    }
    return result;
}

DiscoveredService MdnsBrowser::describe(const Instance& instance) const
{
    DiscoveredService service;
    service.instance = QString::fromStdString(instance.name.empty() ? std::string() : instance.name.front());
    service.addresses = addressesOf(instance);
    service.source = QStringLiteral("mdns");
    parseConfabTxt(instance.txt, service);
    return service;
}

std::vector<DiscoveredService> MdnsBrowser::services() const
{
    std::vector<DiscoveredService> result;
    for (const auto& [key, instance] : m_instances) {
        if (!instance.reported.isEmpty()) {
            result.push_back(describe(instance));
        }
    }
    return result;
}

void MdnsBrowser::scheduleHousekeeping()
{
    qint64 next = std::numeric_limits<qint64>::max();
    for (const auto& [key, instance] : m_instances) {
        next = std::min(next, instance.ptr.expiresMs);
        if (instance.srv) {
            next = std::min(next, instance.srv->expiresMs);
            if (instance.srv->ttl > 0 && instance.refreshesSent < 2) {
                // Refresh points at 80 % and 90 % of the record's lifetime.
                const qint64 lifetime = lifetimeMs(instance.srv->ttl);
                next =
                    std::min(next, instance.srv->receivedMs + lifetime * (8 + instance.refreshesSent) / 10);
            }
        }
    }
    for (const auto& [key, host] : m_hosts) {
        for (const auto& [text, life] : host.addresses) {
            next = std::min(next, life.expiresMs);
        }
    }
    if (next == std::numeric_limits<qint64>::max()) {
        m_housekeeping->stop();
        return;
    }
    m_housekeeping->start(std::clamp<qint64>(next - now(), 0, qint64{3600} * 1000));
}

void MdnsBrowser::onHousekeeping()
{
    const qint64 t = now();
    bool changed = false;
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        Instance& instance = it->second;
        const bool expired = instance.ptr.expiresMs <= t || (instance.srv && instance.srv->expiresMs <= t);
        if (expired) {
            changed = changed || !instance.reported.isEmpty();
            qCInfo(lcMdns).noquote() << "service gone:"
                                     << QString::fromStdString(proto::dnsNameToText(instance.name));
            it = m_instances.erase(it);
            continue;
        }
        if (instance.srv && instance.srv->ttl > 0 && instance.refreshesSent < 2 &&
            t >= instance.srv->receivedMs +
                     lifetimeMs(instance.srv->ttl) * (8 + instance.refreshesSent) / 10) {
            ++instance.refreshesSent;
            sendQuery({{instance.name, dns::kTypeSrv, dns::kClassIn, false}}, false);
        }
        ++it;
    }
    for (auto& [key, host] : m_hosts) {
        std::erase_if(host.addresses, [t](const auto& entry) { return entry.second.expiresMs <= t; });
    }
    std::erase_if(m_hosts, [](const auto& entry) { return entry.second.addresses.empty(); });
    for (auto& [key, instance] : m_instances) {
        const QList<HostPort> addresses = addressesOf(instance);
        if (addresses != instance.reported) {
            instance.reported = addresses;
            changed = true;
        }
    }
    if (changed) {
        emit servicesChanged();
    }
    scheduleHousekeeping();
}

} // namespace confab::net
