#pragma once

#include "base/clock.h"
#include "mdns_transport.h"
#include "proto/dns_message.h"
#include "service_discovery.h"

#include <map>
#include <memory>
#include <random>

namespace confab::net {

// The publishing half of the embedded mDNS (RFC 6762 §8, §10, RFC 6763):
// probes the instance name, announces, answers queries with known-answer
// suppression, renames on a conflict and says goodbye with TTL 0.
class MdnsResponder : public QObject {
    Q_OBJECT
public:
    struct Timing {
        int probeDelayMaxMs = 250; // random start delay, spreads simultaneous starts
        int probeIntervalMs = 250;
        int announceIntervalMs = 1000;
        int responseDelayMinMs = 20; // shared records: RFC 6762 §6
        int responseDelayMaxMs = 120;
    };
    static constexpr std::uint32_t kHostTtl = 120;
    static constexpr std::uint32_t kOtherTtl = 4500;

    MdnsResponder(MdnsTransport& transport, Clock& clock, Timing timing, QObject* parent = nullptr);

    void publish(const LocalService& service);
    void withdraw();
    [[nodiscard]] QString instanceName() const;
    [[nodiscard]] bool announced() const { return m_state == State::Announced; }

signals:
    void renamed(const QString& instance);

private:
    enum class State { Idle, Probing, Announced };

    void onPacket(const Bytes& packet, int interfaceIndex, const QHostAddress& from, quint16 fromPort);
    void startProbing(int delayMs);
    void sendProbe();
    void announce();
    void onConflict();
    void answer(const proto::DnsMessage& query, int interfaceIndex, const QHostAddress& from,
                quint16 fromPort);
    void flushPending();
    [[nodiscard]] std::vector<proto::DnsRecord> records(int interfaceIndex, std::uint32_t ttlOverride) const;
    [[nodiscard]] std::vector<proto::DnsRecord> ownedRecords(int interfaceIndex) const; // SRV, TXT, addresses
    [[nodiscard]] bool conflicts(const proto::DnsRecord& theirs) const;
    [[nodiscard]] proto::DnsName instanceDnsName() const;

    MdnsTransport& m_transport;
    Timing m_timing;
    LocalService m_service;
    QString m_baseInstance;
    int m_renames = 0;
    proto::DnsName m_serviceType;
    std::string m_hostBase;
    proto::DnsName m_hostName;
    State m_state = State::Idle;
    int m_probesSent = 0;
    int m_announcementsLeft = 0;
    std::unique_ptr<Timer> m_stepTimer;
    std::unique_ptr<Timer> m_responseTimer;
    std::map<int, std::vector<proto::DnsRecord>> m_pending; // answers per interface, sent together
    std::minstd_rand m_random;
};

} // namespace confab::net
