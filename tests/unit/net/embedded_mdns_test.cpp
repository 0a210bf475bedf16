#include "fake_mdns_network.h"
#include "net/discovery/embedded_mdns_discovery.h"
#include "proto/limits.h"
#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>

namespace confab::net {
namespace {

using test::FakeMdnsNetwork;

// The responder's real timings: on the virtual clock they cost no time.
constexpr MdnsResponder::Timing kTiming{};

// Waits in virtual time: the clock moves only as far as the nodes need.
bool waitUntil(confab::test::VirtualClock& clock, const std::function<bool()>& done,
               std::int64_t maxMs = 5000)
{
    return confab::test::runUntil(clock, done, maxMs);
}

PeerId peerId(std::uint8_t seed)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(seed);
    return PeerId(bytes);
}

struct Node {
    FakeMdnsNetwork::Transport* transport = nullptr;
    std::unique_ptr<EmbeddedMdnsDiscovery> discovery;
    std::vector<PeerSighting> sightings;
};

std::unique_ptr<Node> makeNode(FakeMdnsNetwork& network, Clock& clock, const QString& address,
                               const LocalService& service)
{
    auto node = std::make_unique<Node>();
    auto transport = std::make_unique<FakeMdnsNetwork::Transport>(network, QHostAddress(address));
    node->transport = transport.get();
    network.attach(node->transport);
    node->discovery = std::make_unique<EmbeddedMdnsDiscovery>(std::move(transport), clock, kTiming);
    node->discovery->setLocalService(service);
    QObject::connect(
        node->discovery.get(), &Discovery::peerSighted,
        [raw = node.get()](const PeerSighting& sighting) { raw->sightings.push_back(sighting); });
    return node;
}

bool sighted(const Node& node, const PeerId& peer, const QString& address)
{
    return std::any_of(node.sightings.begin(), node.sightings.end(), [&](const PeerSighting& s) {
        return s.expectedPeer == peer && s.address.host == address && s.source == QLatin1String("mdns");
    });
}

// Announced and resolved: listed among the services (a probe alone is not).
bool lists(const Node& node, const PeerId& peer)
{
    const auto services = node.discovery->services();
    return std::any_of(services.begin(), services.end(),
                       [&](const DiscoveredService& s) { return s.idHint == peer; });
}

TEST(EmbeddedMdns, TwoNodesFindEachOther)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    auto alice =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(1), QStringLiteral("Alice"), 4001});
    auto bob = makeNode(network, clock, QStringLiteral("10.0.0.2"), {peerId(2), QStringLiteral("Bob"), 4002});
    alice->discovery->start();
    bob->discovery->start();
    ASSERT_TRUE(waitUntil(clock, [&] { return lists(*alice, peerId(2)) && lists(*bob, peerId(1)); }));
    EXPECT_TRUE(sighted(*alice, peerId(2), QStringLiteral("10.0.0.2")));
    EXPECT_TRUE(sighted(*bob, peerId(1), QStringLiteral("10.0.0.1")));
    const auto services = alice->discovery->services();
    const auto bobService = std::find_if(services.begin(), services.end(),
                                         [](const DiscoveredService& s) { return s.idHint == peerId(2); });
    ASSERT_NE(bobService, services.end());
    EXPECT_EQ(bobService->displayName, QStringLiteral("Bob"));
    EXPECT_EQ(bobService->protocolVersion, proto::kProtocolVersion);
    EXPECT_EQ(bobService->addresses.value(0).port, 4002);
    network.detach(alice->transport);
    network.detach(bob->transport);
}

TEST(EmbeddedMdns, NodesStartedTogetherAreSightedFromTheirProbes)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    auto alice =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(1), QStringLiteral("Alice"), 4001});
    auto bob = makeNode(network, clock, QStringLiteral("10.0.0.2"), {peerId(2), QStringLiteral("Bob"), 4002});
    alice->discovery->start();
    bob->discovery->start();
    // Probing (at most 250 ms of random delay, then three probes 250 ms
    // apart) ends no sooner than 750 ms in; the smaller ID sights the other
    // well before, so one of them dials and the link comes up early.
    const std::int64_t started = clock.monotonicMs();
    ASSERT_TRUE(waitUntil(clock, [&] { return sighted(*alice, peerId(2), QStringLiteral("10.0.0.2")); }));
    EXPECT_LT(clock.monotonicMs() - started, 500);
    // Heard in a probe, not announced: nothing is listed as a service yet,
    // and the larger ID waits rather than dial too (two links, one dropped).
    EXPECT_TRUE(alice->discovery->services().empty());
    EXPECT_FALSE(sighted(*bob, peerId(1), QStringLiteral("10.0.0.1")));
    const auto ofBob = [&] {
        return std::count_if(alice->sightings.begin(), alice->sightings.end(),
                             [](const PeerSighting& s) { return s.expectedPeer == peerId(2); });
    };
    EXPECT_EQ(ofBob(), 1);
    EXPECT_EQ(alice->sightings.front().address.port, 4002);
    // Three probes, one sighting; the announcement that follows sights it again.
    ASSERT_TRUE(waitUntil(clock, [&] { return lists(*alice, peerId(2)) && lists(*bob, peerId(1)); }));
    EXPECT_EQ(ofBob(), 2);

    // Someone joining later is left to find the announced nodes itself (its
    // first query does, at once): probes heard once announced are not dialed.
    auto carol =
        makeNode(network, clock, QStringLiteral("10.0.0.3"), {peerId(3), QStringLiteral("Carol"), 4003});
    carol->discovery->start();
    ASSERT_TRUE(waitUntil(clock, [&] { return sighted(*carol, peerId(1), QStringLiteral("10.0.0.1")); }));
    ASSERT_TRUE(waitUntil(clock, [&] { return lists(*alice, peerId(3)); }));
    EXPECT_EQ(std::count_if(alice->sightings.begin(), alice->sightings.end(),
                            [](const PeerSighting& s) { return s.expectedPeer == peerId(3); }),
              1)
        << "only Carol's announcement, not her probes";
    network.detach(alice->transport);
    network.detach(bob->transport);
    network.detach(carol->transport);
}

TEST(EmbeddedMdns, GoodbyeRemovesTheService)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    auto alice =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(1), QStringLiteral("Alice"), 4001});
    auto bob = makeNode(network, clock, QStringLiteral("10.0.0.2"), {peerId(2), QStringLiteral("Bob"), 4002});
    alice->discovery->start();
    bob->discovery->start();
    ASSERT_TRUE(waitUntil(clock, [&] { return lists(*alice, peerId(2)); }));
    bob->discovery->stop();
    // TTL 0 means "gone in one second" (RFC 6762 §10.1).
    EXPECT_TRUE(waitUntil(
        clock, [&] { return !lists(*alice, peerId(2)); }, 2000));
    network.detach(alice->transport);
    network.detach(bob->transport);
}

TEST(EmbeddedMdns, RenamesOnAConflict)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    // Same identity and name twice (a copied profile): the instance names
    // collide and one side must rename, so both stay visible.
    auto first =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(7), QStringLiteral("Same"), 4001});
    auto second =
        makeNode(network, clock, QStringLiteral("10.0.0.2"), {peerId(7), QStringLiteral("Same"), 4002});
    auto observer =
        makeNode(network, clock, QStringLiteral("10.0.0.3"), {peerId(3), QStringLiteral("Observer"), 4003});
    observer->discovery->start();
    first->discovery->start();
    ASSERT_TRUE(waitUntil(clock, [&] { return sighted(*observer, peerId(7), QStringLiteral("10.0.0.1")); }));
    second->discovery->start();
    EXPECT_TRUE(waitUntil(clock, [&] {
        const auto services = observer->discovery->services();
        return std::count_if(services.begin(), services.end(),
                             [](const DiscoveredService& s) { return s.idHint == peerId(7); }) == 2;
    }));
    for (auto* node : {first.get(), second.get(), observer.get()}) {
        network.detach(node->transport);
    }
}

TEST(EmbeddedMdns, KnownAnswerSuppressesTheResponse)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    auto alice =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(1), QStringLiteral("Alice"), 4001});
    auto bob = makeNode(network, clock, QStringLiteral("10.0.0.2"), {peerId(2), QStringLiteral("Bob"), 4002});
    alice->discovery->start();
    bob->discovery->start();
    ASSERT_TRUE(waitUntil(clock, [&] { return lists(*bob, peerId(1)); }));
    // Let the announcements finish, then ask with and without the answer.
    confab::test::runFor(clock, 300);
    network.detach(bob->transport);
    proto::DnsMessage query;
    query.questions.push_back(
        {{"_confab", "_tcp", "local"}, proto::dns::kTypePtr, proto::dns::kClassIn, false});
    proto::DnsRecord known;
    known.name = {"_confab", "_tcp", "local"};
    known.type = proto::dns::kTypePtr;
    known.ttl = 4500;
    known.target = {"Alice [" + peerId(1).toText().substr(0, 8) + "]", "_confab", "_tcp", "local"};
    query.answers.push_back(known);
    alice->transport->sent.clear();
    alice->transport->receive(proto::encodeDnsMessage(query), QHostAddress(QStringLiteral("10.0.0.9")));
    confab::test::runFor(clock, 100);
    EXPECT_TRUE(alice->transport->sent.empty());
    query.answers.clear();
    alice->transport->receive(proto::encodeDnsMessage(query), QHostAddress(QStringLiteral("10.0.0.9")));
    EXPECT_TRUE(waitUntil(
        clock, [&] { return !alice->transport->sent.empty(); }, 1000));
    // A legacy resolver (not port 5353) gets a unicast reply with its ID.
    query.id = 0x1234;
    alice->transport->receive(proto::encodeDnsMessage(query), QHostAddress(QStringLiteral("10.0.0.9")),
                              40000);
    ASSERT_EQ(alice->transport->unicast.size(), 1u);
    const auto reply = proto::decodeDnsMessage(alice->transport->unicast[0]);
    ASSERT_TRUE(reply.ok());
    EXPECT_EQ(reply.value().id, 0x1234);
    EXPECT_LE(reply.value().answers.at(0).ttl, 10u);
    network.detach(alice->transport);
}

TEST(EmbeddedMdns, IgnoresHostilePackets)
{
    confab::test::VirtualClock clock;
    FakeMdnsNetwork network;
    auto alice =
        makeNode(network, clock, QStringLiteral("10.0.0.1"), {peerId(1), QStringLiteral("Alice"), 4001});
    alice->discovery->start();
    const QHostAddress from(QStringLiteral("10.0.0.66"));
    alice->transport->receive(Bytes{}, from);
    alice->transport->receive(Bytes(12, 0xff), from);
    alice->transport->receive(Bytes{0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 0x0c}, from);
    // A service with a bogus port, no address and an oversized TXT value.
    proto::DnsMessage junk;
    junk.flags = proto::dns::kFlagResponse;
    proto::DnsRecord txt;
    txt.name = {"x", "_confab", "_tcp", "local"};
    txt.type = proto::dns::kTypeTxt;
    txt.ttl = 10;
    txt.txt = {"id=" + std::string(200, 'a'), "name=" + std::string(250, 'b'), "v=999999999"};
    junk.answers.push_back(txt);
    alice->transport->receive(proto::encodeDnsMessage(junk), from);
    confab::test::runFor(clock, 200);
    // Only its own service, looped back; nothing from the junk.
    EXPECT_TRUE(std::all_of(alice->sightings.begin(), alice->sightings.end(),
                            [](const PeerSighting& s) { return s.expectedPeer == peerId(1); }));
    network.detach(alice->transport);
}

TEST(ServiceTxt, RoundTripsAndIgnoresJunk)
{
    const LocalService local{peerId(5), QStringLiteral("Zoë"), 42042};
    DiscoveredService service;
    parseConfabTxt(confabTxt(local), service);
    EXPECT_EQ(service.idHint, peerId(5));
    EXPECT_EQ(service.displayName, QStringLiteral("Zoë"));
    EXPECT_EQ(service.protocolVersion, proto::kProtocolVersion);

    DiscoveredService junk;
    parseConfabTxt({"id=not-an-id", "noequals", "v=abc", "name=" + std::string(100, 'x')}, junk);
    EXPECT_FALSE(junk.idHint);
    EXPECT_TRUE(junk.displayName.isEmpty());
    EXPECT_EQ(junk.protocolVersion, 0);
}

} // namespace
} // namespace confab::net
