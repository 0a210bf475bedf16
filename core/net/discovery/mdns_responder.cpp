#include "mdns_responder.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcMdns)

namespace confab::net {
namespace {

using proto::DnsMessage;
using proto::DnsName;
using proto::DnsRecord;
namespace dns = proto::dns;

constexpr int kProbeCount = 3;
constexpr int kAnnounceCount = 2;
constexpr std::uint32_t kLegacyUnicastTtl = 10; // RFC 6762 §6.7
constexpr quint16 kMdnsPort = 5353;

DnsName name(std::initializer_list<const char*> labels)
{
    DnsName result;
    for (const char* label : labels) {
        result.emplace_back(label);
    }
    return result;
}

bool sameRecord(const DnsRecord& a, const DnsRecord& b)
{
    return proto::dnsNameEquals(a.name, b.name) && proto::dnsRecordDataEquals(a, b);
}

bool containsRecord(const std::vector<DnsRecord>& list, const DnsRecord& record)
{
    return std::any_of(list.begin(), list.end(), [&](const DnsRecord& r) { return sameRecord(r, record); });
}

bool matchesType(std::uint16_t asked, std::uint16_t type)
{
    return asked == type || asked == dns::kTypeAny;
}

} // namespace

MdnsResponder::MdnsResponder(MdnsTransport& transport, Clock& clock, Timing timing, QObject* parent)
    : QObject(parent), m_transport(transport), m_timing(timing), m_stepTimer(clock.createTimer([this] {
          if (m_state == State::Probing) {
              sendProbe();
          } else if (m_state == State::Announced && m_announcementsLeft > 0) {
              announce();
          }
      })),
      m_responseTimer(clock.createTimer([this] { flushPending(); })), m_random(std::random_device{}())
{
    m_serviceType = name({"_confab", "_tcp", "local"});
    connect(&m_transport, &MdnsTransport::packetReceived, this, &MdnsResponder::onPacket);
    connect(&m_transport, &MdnsTransport::interfacesChanged, this, [this] {
        if (m_state == State::Announced) {
            m_announcementsLeft = kAnnounceCount;
            announce();
        }
    });
}

void MdnsResponder::publish(const LocalService& service)
{
    m_service = service;
    // Display names repeat; the ID prefix keeps instance names apart, so
    // renaming is rare. The host name is per identity, not per machine,
    // because several profiles may run on one host.
    const std::string idText = service.id.toText();
    m_baseInstance = QStringLiteral("%1 [%2]").arg(service.displayName.left(40),
                                                   QString::fromStdString(idText.substr(0, 8)));
    m_hostBase = "confab-" + idText.substr(0, 16);
    m_hostName = DnsName{m_hostBase, "local"};
    m_renames = 0;
    startProbing(std::uniform_int_distribution<int>(0, m_timing.probeDelayMaxMs)(m_random));
}

QString MdnsResponder::instanceName() const
{
    return m_renames == 0 ? m_baseInstance : QStringLiteral("%1 (%2)").arg(m_baseInstance).arg(m_renames + 1);
}

proto::DnsName MdnsResponder::instanceDnsName() const
{
    DnsName result{instanceName().toStdString()};
    result.insert(result.end(), m_serviceType.begin(), m_serviceType.end());
    return result;
}

void MdnsResponder::startProbing(int delayMs)
{
    m_state = State::Probing;
    m_probesSent = 0;
    m_stepTimer->start(delayMs);
}

void MdnsResponder::sendProbe()
{
    if (m_probesSent == kProbeCount) {
        m_state = State::Announced;
        m_announcementsLeft = kAnnounceCount;
        qCInfo(lcMdns).noquote() << "publishing" << instanceName() << "on port" << m_service.port;
        announce();
        return;
    }
    for (const MdnsInterface& interface : m_transport.interfaces()) {
        DnsMessage probe;
        // The first probe asks for a unicast reply (RFC 6762 §8.1); we read
        // multicast too, so either way a defender is heard.
        probe.questions.push_back({instanceDnsName(), dns::kTypeAny, dns::kClassIn, m_probesSent == 0});
        probe.questions.push_back({m_hostName, dns::kTypeAny, dns::kClassIn, m_probesSent == 0});
        probe.authorities = ownedRecords(interface.index);
        m_transport.sendMulticast(proto::encodeDnsMessage(probe), interface.index);
    }
    ++m_probesSent;
    m_stepTimer->start(m_timing.probeIntervalMs);
}

void MdnsResponder::announce()
{
    for (const MdnsInterface& interface : m_transport.interfaces()) {
        DnsMessage message;
        message.flags = dns::kFlagResponse | dns::kFlagAuthoritative;
        message.answers = records(interface.index, 0);
        m_transport.sendMulticast(proto::encodeDnsMessage(message), interface.index);
    }
    if (--m_announcementsLeft > 0) {
        m_stepTimer->start(m_timing.announceIntervalMs);
    }
}

void MdnsResponder::withdraw()
{
    m_stepTimer->stop();
    m_responseTimer->stop();
    m_pending.clear();
    if (m_state == State::Announced) {
        for (const MdnsInterface& interface : m_transport.interfaces()) {
            DnsMessage goodbye;
            goodbye.flags = dns::kFlagResponse | dns::kFlagAuthoritative;
            for (DnsRecord& record : records(interface.index, 0)) {
                // Addresses may be shared with other services of the host.
                if (record.type != dns::kTypeA && record.type != dns::kTypeAaaa) {
                    record.ttl = 0;
                    goodbye.answers.push_back(std::move(record));
                }
            }
            m_transport.sendMulticast(proto::encodeDnsMessage(goodbye), interface.index);
        }
    }
    m_state = State::Idle;
}

std::vector<DnsRecord> MdnsResponder::ownedRecords(int interfaceIndex) const
{
    std::vector<DnsRecord> result;
    DnsRecord srv;
    srv.name = instanceDnsName();
    srv.type = dns::kTypeSrv;
    srv.cacheFlush = true;
    srv.ttl = kHostTtl;
    srv.port = m_service.port;
    srv.target = m_hostName;
    result.push_back(srv);

    DnsRecord txt;
    txt.name = srv.name;
    txt.type = dns::kTypeTxt;
    txt.cacheFlush = true;
    txt.ttl = kOtherTtl;
    txt.txt = confabTxt(m_service);
    result.push_back(txt);

    for (const MdnsInterface& interface : m_transport.interfaces()) {
        if (interface.index != interfaceIndex) {
            continue;
        }
        for (const QHostAddress& address : interface.addresses) {
            DnsRecord record;
            record.name = m_hostName;
            record.cacheFlush = true;
            record.ttl = kHostTtl;
            if (address.protocol() == QAbstractSocket::IPv4Protocol) {
                record.type = dns::kTypeA;
                const quint32 v4 = address.toIPv4Address();
                record.address = {static_cast<std::uint8_t>(v4 >> 24), static_cast<std::uint8_t>(v4 >> 16),
                                  static_cast<std::uint8_t>(v4 >> 8), static_cast<std::uint8_t>(v4)};
            } else if (!address.isLinkLocal()) {
                record.type = dns::kTypeAaaa;
                const Q_IPV6ADDR v6 = address.toIPv6Address();
                record.address.assign(std::begin(v6.c), std::end(v6.c));
            } else {
                continue;
            }
            result.push_back(std::move(record));
        }
    }
    return result;
}

std::vector<DnsRecord> MdnsResponder::records(int interfaceIndex, std::uint32_t ttlOverride) const
{
    std::vector<DnsRecord> result;
    DnsRecord ptr;
    ptr.name = m_serviceType;
    ptr.type = dns::kTypePtr;
    ptr.ttl = kOtherTtl;
    ptr.target = instanceDnsName();
    result.push_back(ptr);
    DnsRecord enumeration;
    enumeration.name = name({"_services", "_dns-sd", "_udp", "local"});
    enumeration.type = dns::kTypePtr;
    enumeration.ttl = kOtherTtl;
    enumeration.target = m_serviceType;
    result.push_back(enumeration);
    for (DnsRecord& record : ownedRecords(interfaceIndex)) {
        result.push_back(std::move(record));
    }
    if (ttlOverride != 0) {
        for (DnsRecord& record : result) {
            record.ttl = std::min(record.ttl, ttlOverride);
        }
    }
    return result;
}

bool MdnsResponder::conflicts(const DnsRecord& theirs) const
{
    const bool ours =
        proto::dnsNameEquals(theirs.name, instanceDnsName()) || proto::dnsNameEquals(theirs.name, m_hostName);
    if (!ours || theirs.ttl == 0) {
        return false;
    }
    // Our own packets come back over multicast loopback, from any interface.
    for (const MdnsInterface& interface : m_transport.interfaces()) {
        if (containsRecord(ownedRecords(interface.index), theirs)) {
            return false;
        }
    }
    return theirs.type == dns::kTypeSrv || theirs.type == dns::kTypeTxt || theirs.type == dns::kTypeA ||
           theirs.type == dns::kTypeAaaa;
}

void MdnsResponder::onConflict()
{
    ++m_renames;
    // The host name may be what collided (a copied profile): rename it too.
    m_hostName = DnsName{m_hostBase + "-" + std::to_string(m_renames + 1), "local"};
    qCInfo(lcMdns).noquote() << "name in use on the network, renaming to" << instanceName();
    emit renamed(instanceName());
    // RFC 6762 §8.1: after many conflicts, slow down.
    startProbing(m_renames > 15 ? 5000 : m_timing.probeDelayMaxMs);
}

void MdnsResponder::onPacket(const Bytes& packet, int interfaceIndex, const QHostAddress& from,
                             quint16 fromPort)
{
    if (m_state == State::Idle) {
        return;
    }
    auto decoded = proto::decodeDnsMessage(packet);
    if (!decoded) {
        return; // hostile or foreign junk: RFC 6762 says to ignore it silently
    }
    const DnsMessage& message = decoded.value();
    if (message.isResponse()) {
        for (const auto* section : {&message.answers, &message.additionals}) {
            for (const DnsRecord& record : *section) {
                if (conflicts(record)) {
                    onConflict();
                    return;
                }
            }
        }
        return;
    }
    if (m_state == State::Announced) {
        answer(message, interfaceIndex, from, fromPort);
    }
}

void MdnsResponder::answer(const DnsMessage& query, int interfaceIndex, const QHostAddress& from,
                           quint16 fromPort)
{
    const std::vector<DnsRecord> all = records(interfaceIndex, 0);
    std::vector<DnsRecord> answers;
    for (const proto::DnsQuestion& question : query.questions) {
        for (const DnsRecord& record : all) {
            if (proto::dnsNameEquals(question.name, record.name) && matchesType(question.type, record.type) &&
                !containsRecord(answers, record)) {
                answers.push_back(record);
            }
        }
    }
    // Known-answer suppression (RFC 6762 §7.1).
    std::erase_if(answers, [&](const DnsRecord& record) {
        return std::any_of(query.answers.begin(), query.answers.end(), [&](const DnsRecord& known) {
            return sameRecord(known, record) && known.ttl >= record.ttl / 2;
        });
    });
    if (answers.empty()) {
        return;
    }
    if (fromPort != kMdnsPort) {
        // A legacy one-shot resolver: reply directly, echoing its question.
        DnsMessage reply;
        reply.id = query.id;
        reply.flags = dns::kFlagResponse | dns::kFlagAuthoritative;
        reply.questions = query.questions;
        for (DnsRecord& record : answers) {
            record.ttl = std::min(record.ttl, kLegacyUnicastTtl);
            record.cacheFlush = false;
        }
        reply.answers = std::move(answers);
        m_transport.sendUnicast(proto::encodeDnsMessage(reply), from, fromPort);
        return;
    }
    std::vector<DnsRecord>& pending = m_pending[interfaceIndex];
    for (DnsRecord& record : answers) {
        if (!containsRecord(pending, record)) {
            pending.push_back(std::move(record));
        }
    }
    if (!m_responseTimer->isActive()) {
        m_responseTimer->start(std::uniform_int_distribution<int>(m_timing.responseDelayMinMs,
                                                                  m_timing.responseDelayMaxMs)(m_random));
    }
}

void MdnsResponder::flushPending()
{
    for (auto& [interfaceIndex, answers] : m_pending) {
        DnsMessage response;
        response.flags = dns::kFlagResponse | dns::kFlagAuthoritative;
        const bool hasPtr = std::any_of(answers.begin(), answers.end(), [&](const DnsRecord& r) {
            return r.type == dns::kTypePtr && proto::dnsNameEquals(r.name, m_serviceType);
        });
        const bool hasSrv = std::any_of(answers.begin(), answers.end(),
                                        [](const DnsRecord& r) { return r.type == dns::kTypeSrv; });
        // Additional records spare the querier a second round trip (RFC 6763 §12).
        if (hasPtr || hasSrv) {
            for (DnsRecord& record : ownedRecords(interfaceIndex)) {
                const bool isAddress = record.type == dns::kTypeA || record.type == dns::kTypeAaaa;
                if ((hasPtr || isAddress) && !containsRecord(answers, record)) {
                    response.additionals.push_back(std::move(record));
                }
            }
        }
        response.answers = std::move(answers);
        m_transport.sendMulticast(proto::encodeDnsMessage(response), interfaceIndex);
    }
    m_pending.clear();
}

} // namespace confab::net
