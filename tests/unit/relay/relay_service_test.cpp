#include "crypto/random.h"
#include "crypto/sealed_box.h"
#include "proto/envelope.h"
#include "proto/reachability.h"
#include "proto/receipt.h"
#include "proto/sealed_content.h"
#include "relay/relay_service.h"
#include "storage/database.h"
#include "storage/relay_store.h"
#include "support/fake_port.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <memory>

namespace confab::relay {
namespace {

using confab::test::FakePort;
using confab::test::runFor;
using proto::LinkMessageType;

constexpr std::uint32_t kRelay = static_cast<std::uint32_t>(proto::Capability::Relay);
constexpr std::uint32_t kCarrier = kRelay | static_cast<std::uint32_t>(proto::Capability::RelayCarrier);
// A carrier that takes the flood flag (every carrier of today's version).
constexpr std::uint32_t kFloodingCarrier =
    kCarrier | static_cast<std::uint32_t>(proto::Capability::RelayFlooding);
constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kSkewMs = ReachabilityBook::kClockSkewMs;
constexpr std::size_t kPlaintextSize = 512 - crypto::kSealOverhead;

// One RelayService on a fake port, a virtual clock and its own database.
// The test plays every other node by hand: neighbours A, B and D hand it
// relayed envelopes; Alice, Carol and Mallory seal them.
class RelayServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = storage::Database::open(m_dir.path(QStringLiteral("confab.db")));
        ASSERT_TRUE(db) << db.error().toStdString();
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::RelayStore>(*m_db);
    }
    void TearDown() override { m_relay.reset(); }

    // Before start(): a store whose seen-set keeps at most `maxSeen` ids.
    void boundSeenSet(std::int64_t maxSeen)
    {
        m_store = std::make_unique<storage::RelayStore>(*m_db, maxSeen);
    }

    // Carol, the usual recipient, is known here (as if met before): envelopes
    // for someone never heard of are only held (see ARecipientNobodyKnows...).
    RelayService& start(RelaySettings settings = {})
    {
        trust.preset(carol.peerId(), carol.publicKey());
        m_relay = std::make_unique<RelayService>(port, self, trust, *m_store, clock, settings);
        QObject::connect(m_relay.get(), &session::RelayPath::envelopeReceived,
                         [this](const PeerId& from, const proto::Envelope& envelope) {
                             received.emplace_back(from, envelope);
                         });
        QObject::connect(m_relay.get(), &session::RelayPath::custodyTaken,
                         [this](const MessageId& id) { custodyTaken.push_back(id); });
        QObject::connect(m_relay.get(), &RelayService::refused,
                         [this](const QString& reason) { refusals.push_back(reason); });
        return *m_relay;
    }
    RelayService& relay() { return *m_relay; }
    storage::RelayStore& store() { return *m_store; }

    std::int64_t now() const { return clock.wallMs(); }

    proto::Envelope textFrom(const crypto::IdentityKeyPair& from, const PeerId& to,
                             const std::string& text = "hi")
    {
        proto::Envelope envelope;
        envelope.kind = proto::EnvelopeKind::Text;
        envelope.id = crypto::randomMessageId();
        envelope.sender = from.peerId();
        envelope.recipientType = proto::RecipientType::Peer;
        envelope.recipient = to;
        envelope.timestampMs = static_cast<std::uint64_t>(now());
        envelope.body.assign(text.begin(), text.end());
        return envelope;
    }

    proto::RelayHeader headerFor(const PeerId& recipient, std::uint8_t hopLimit = proto::kMaxHopLimit)
    {
        proto::RelayHeader header;
        header.routingId = crypto::randomMessageId();
        header.recipient = recipient;
        header.hopLimit = hopLimit;
        header.expiresMs = static_cast<std::uint64_t>(now() + kDayMs);
        return header;
    }

    // `inner` sealed by `sealer` to `recipientKey`; the content names `claimedKey` as the sender's.
    static proto::RelayEnvelope sealed(const crypto::IdentityKeyPair& sealer,
                                       const crypto::PublicKey& claimedKey, const proto::Envelope& inner,
                                       const crypto::PublicKey& recipientKey,
                                       const proto::RelayHeader& header)
    {
        proto::SealedContent content;
        content.senderIdentityKey = claimedKey;
        content.envelope = proto::encodeEnvelope(inner);
        auto plaintext = proto::encodeSealedContent(content, kPlaintextSize);
        EXPECT_TRUE(plaintext.ok());
        auto box = crypto::seal(sealer, recipientKey, proto::relayPrologue(header), plaintext.value());
        EXPECT_TRUE(box.ok());
        return {header, box.ok() ? box.value() : Bytes{}};
    }
    // A genuine envelope from `from` to this node.
    proto::RelayEnvelope sealedToSelf(const crypto::IdentityKeyPair& from, const proto::Envelope& inner,
                                      std::uint8_t hopLimit = 5)
    {
        return sealed(from, from.publicKey(), inner, self.publicKey(), headerFor(self.peerId(), hopLimit));
    }
    // An envelope for someone else: this node cannot open it, so what is inside does not matter.
    proto::RelayEnvelope opaqueFor(const PeerId& recipient, std::uint8_t hopLimit = 5)
    {
        return {headerFor(recipient, hopLimit), Bytes(512, 0xab)};
    }

    void hand(const PeerId& neighbour, const proto::RelayEnvelope& envelope)
    {
        port.deliver(neighbour, LinkMessageType::RelayEnvelope, proto::encodeRelayEnvelope(envelope));
    }
    void custodyFrom(const PeerId& neighbour, const MessageId& routingId)
    {
        port.deliver(neighbour, LinkMessageType::RelayCustody, proto::encodeRelayCustody({routingId}));
    }
    void statementFrom(const PeerId& neighbour, std::uint8_t hops,
                       const proto::ReachabilityStatement& statement)
    {
        port.deliver(neighbour, LinkMessageType::Reachability,
                     proto::encodeReachability({{hops, statement}}));
    }
    proto::ReachabilityStatement statementOf(const crypto::IdentityKeyPair& subject, const std::string& name)
    {
        ReachabilityBook book(subject);
        return book.own(name, kCarrier, now());
    }

    // Nothing of the envelope was kept: neither stored nor recorded as seen.
    void expectNotKept(const proto::RelayEnvelope& envelope)
    {
        EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
        EXPECT_FALSE(store().seen(envelope.header.routingId).has_value());
    }

    confab::test::VirtualClock clock;
    crypto::IdentityKeyPair self = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair alice = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair carol = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair mallory = crypto::IdentityKeyPair::generate();
    // Neighbours; only their ids matter.
    const PeerId a = crypto::IdentityKeyPair::generate().peerId();
    const PeerId b = crypto::IdentityKeyPair::generate().peerId();
    const PeerId d = crypto::IdentityKeyPair::generate().peerId();
    FakePort port{self.peerId()};
    confab::test::MemoryTrustStore trust;

    std::vector<std::pair<PeerId, proto::Envelope>> received;
    std::vector<MessageId> custodyTaken;
    std::vector<QString> refusals;

private:
    confab::test::TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::RelayStore> m_store;
    std::unique_ptr<RelayService> m_relay;
};

// Carrying for others

TEST_F(RelayServiceTest, StoresAnEnvelopeForAnAbsentRecipientAndConfirmsCustody)
{
    start();
    port.link(a, kCarrier);
    const auto envelope = opaqueFor(carol.peerId());
    hand(a, envelope);

    const auto held = store().held(envelope.header.routingId);
    ASSERT_TRUE(held.has_value());
    EXPECT_EQ(held->recipient, carol.peerId());
    EXPECT_EQ(held->origin, a);
    EXPECT_EQ(held->envelope, proto::encodeRelayEnvelope(envelope));
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>{envelope.header.routingId});
    // Never handed back to the neighbour it came from.
    EXPECT_TRUE(port.envelopesTo(a).empty());
    EXPECT_TRUE(port.dropped.empty());
}

TEST_F(RelayServiceTest, HandsHeldEnvelopesToTheRecipientWhenItLinks)
{
    start();
    port.link(a, kCarrier);
    const auto envelope = opaqueFor(carol.peerId(), 4);
    hand(a, envelope);
    port.link(carol.peerId(), kRelay);
    const auto passed = port.envelopesTo(carol.peerId());
    ASSERT_EQ(passed.size(), 1U);
    EXPECT_EQ(passed[0].header.routingId, envelope.header.routingId);
    EXPECT_EQ(passed[0].header.hopLimit, 3);
    EXPECT_EQ(passed[0].header.expiresMs, envelope.header.expiresMs);
    EXPECT_EQ(passed[0].sealed, envelope.sealed);
    // Custody from the recipient itself releases the stored copy.
    custodyFrom(carol.peerId(), envelope.header.routingId);
    EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
    EXPECT_TRUE(store().seen(envelope.header.routingId).has_value());
}

TEST_F(RelayServiceTest, NeverRaisesAHopLimit)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    port.link(d, kCarrier);
    std::map<MessageId, std::uint8_t> arrived;
    for (std::uint8_t hops = 1; hops <= proto::kMaxHopLimit; ++hops) {
        const auto envelope = opaqueFor(carol.peerId(), hops);
        arrived[envelope.header.routingId] = hops;
        hand(a, envelope);
    }
    // Nobody confirms custody: the envelopes are passed on again, several times.
    runFor(clock, 4 * RelayService::kCustodyTimeoutMs);
    // Carol links: what is held goes to her, one hop lower as well.
    port.link(carol.peerId(), kRelay);

    std::size_t passes = 0;
    for (const PeerId& to : {b, d, carol.peerId()}) {
        for (const auto& passed : port.envelopesTo(to)) {
            ++passes;
            const std::uint8_t before = arrived.at(passed.header.routingId);
            EXPECT_EQ(passed.header.hopLimit, std::max(1, before - 1)) << "arrived with " << int{before};
        }
    }
    EXPECT_TRUE(port.envelopesTo(a).empty());
    // Hop limit 1 goes only to the recipient itself; the rest to B and D at least
    // once, and all 7 to Carol.
    EXPECT_GE(passes, 6U * 2 + 7);
    for (const auto& passed : port.envelopesTo(b)) {
        EXPECT_GT(arrived.at(passed.header.routingId), 1);
    }
}

TEST_F(RelayServiceTest, ARecipientNobodyKnowsIsHeldNotPassedOn)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    const auto stranger = crypto::IdentityKeyPair::generate();
    const auto envelope = opaqueFor(stranger.peerId());
    hand(a, envelope);
    // Taken (on A's quota) but not handed on to fill B's quota for us.
    EXPECT_TRUE(store().held(envelope.header.routingId).has_value());
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>{envelope.header.routingId});
    runFor(clock, 3 * RelayService::kCustodyTimeoutMs);
    EXPECT_TRUE(port.envelopesTo(b).empty());
    // Once the recipient turns up, it gets what was kept for it.
    port.link(stranger.peerId(), kRelay);
    ASSERT_EQ(port.envelopesTo(stranger.peerId()).size(), 1U);
    EXPECT_EQ(port.envelopesTo(stranger.peerId())[0].header.routingId, envelope.header.routingId);
}

TEST_F(RelayServiceTest, HopLimitOneWaitsForTheRecipient)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    const auto envelope = opaqueFor(carol.peerId(), 1);
    hand(a, envelope);
    EXPECT_TRUE(store().held(envelope.header.routingId).has_value());
    EXPECT_TRUE(port.envelopesTo(b).empty());
    runFor(clock, 2 * RelayService::kCustodyTimeoutMs);
    EXPECT_TRUE(port.envelopesTo(b).empty());
}

TEST_F(RelayServiceTest, DuplicateStillHeldIsConfirmedButNotStoredOrPassedOnAgain)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    const auto envelope = opaqueFor(carol.peerId());
    hand(a, envelope);
    custodyFrom(b, envelope.header.routingId);
    ASSERT_EQ(port.envelopesTo(b).size(), 1U);
    // The same routing id again, from elsewhere and with its hop limit reset.
    auto again = envelope;
    again.header.hopLimit = proto::kMaxHopLimit;
    hand(b, again);
    hand(a, envelope);
    EXPECT_EQ(port.envelopesTo(b).size(), 1U);
    EXPECT_TRUE(port.envelopesTo(a).empty());
    EXPECT_EQ(port.custodyTo(b), std::vector<MessageId>{envelope.header.routingId});
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>(2, envelope.header.routingId));
    EXPECT_EQ(relay().stats().held.count, 1);
}

TEST_F(RelayServiceTest, ExpiredEnvelopeIsDroppedAndNeverStored)
{
    start();
    runFor(clock, 1000); // some time after start
    port.link(a, kCarrier);
    for (const std::int64_t expires : {now(), now() - 1, std::int64_t{0}}) {
        auto envelope = opaqueFor(carol.peerId());
        envelope.header.expiresMs = static_cast<std::uint64_t>(expires);
        hand(a, envelope);
        expectNotKept(envelope);
    }
    // Beyond the signed range of a 64-bit clock: also in the past.
    auto far = opaqueFor(carol.peerId());
    far.header.expiresMs = 0xffffffffffffffff;
    hand(a, far);
    expectNotKept(far);

    EXPECT_EQ(relay().stats().refusedExpired, 4U);
    EXPECT_TRUE(port.custodyTo(a).empty());
    EXPECT_EQ(relay().stats().held.count, 0);
    // Refusals are logged, rate limited: one line for the burst.
    EXPECT_EQ(refusals.size(), 1U);
    EXPECT_TRUE(port.dropped.empty()); // a refusal does not close the link
}

TEST_F(RelayServiceTest, ExpiryBeyondADayAndTheSkewIsRefused)
{
    start();
    port.link(a, kCarrier);
    auto envelope = opaqueFor(carol.peerId());
    envelope.header.expiresMs = static_cast<std::uint64_t>(now() + kDayMs + kSkewMs + 1);
    hand(a, envelope);
    expectNotKept(envelope);
    EXPECT_EQ(relay().stats().refusedInvalid, 1U);
    EXPECT_TRUE(port.custodyTo(a).empty());

    // Exactly at the limit is taken.
    auto limit = opaqueFor(carol.peerId());
    limit.header.expiresMs = static_cast<std::uint64_t>(now() + kDayMs + kSkewMs);
    hand(a, limit);
    EXPECT_TRUE(store().held(limit.header.routingId).has_value());
}

TEST_F(RelayServiceTest, AFloodingNeighbourFillsOnlyItsOwnQuota)
{
    RelaySettings settings;
    settings.perOriginMessages = 3;
    start(settings);
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    std::vector<proto::RelayEnvelope> fromA;
    for (int i = 0; i < 10; ++i) {
        fromA.push_back(opaqueFor(carol.peerId(), 1)); // hop limit 1: they stay here
        hand(a, fromA.back());
    }
    for (std::size_t i = 0; i < fromA.size(); ++i) {
        EXPECT_EQ(store().held(fromA[i].header.routingId).has_value(), i < 3) << i;
    }
    for (std::size_t i = 3; i < fromA.size(); ++i) {
        expectNotKept(fromA[i]); // not seen either: A may offer it again later
    }
    EXPECT_EQ(port.custodyTo(a).size(), 3U);
    EXPECT_EQ(relay().stats().refusedQuota, 7U);
    EXPECT_EQ(store().useBy(a).count, 3);

    // B's envelopes still find room.
    const auto fromB = opaqueFor(carol.peerId(), 1);
    hand(b, fromB);
    EXPECT_TRUE(store().held(fromB.header.routingId).has_value());
    EXPECT_EQ(port.custodyTo(b).size(), 1U);
}

TEST_F(RelayServiceTest, ByteQuotaPerNeighbourAndInTotal)
{
    const std::int64_t size =
        static_cast<std::int64_t>(proto::encodeRelayEnvelope(opaqueFor(carol.peerId())).size());
    RelaySettings settings;
    settings.perOriginBytes = 2 * size + size / 2;
    settings.storeLimitBytes = 3 * size;
    start(settings);
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    port.link(d, kCarrier);
    const auto handMany = [&](const PeerId& from, int count) {
        int held = 0;
        for (int i = 0; i < count; ++i) {
            const auto envelope = opaqueFor(carol.peerId(), 1);
            hand(from, envelope);
            held += store().held(envelope.header.routingId).has_value() ? 1 : 0;
        }
        return held;
    };
    EXPECT_EQ(handMany(a, 5), 2); // A's bytes
    EXPECT_EQ(handMany(b, 5), 1); // the total
    EXPECT_EQ(handMany(d, 5), 0);
    EXPECT_EQ(store().totalUse().count, 3);
    EXPECT_LE(store().totalUse().bytes, settings.storeLimitBytes);
    EXPECT_EQ(relay().stats().refusedQuota, 12U);
}

TEST_F(RelayServiceTest, NotACarrierDropsEnvelopesForOthers)
{
    RelaySettings settings;
    settings.carry = false;
    start(settings);
    port.link(a, kCarrier);
    const auto envelope = opaqueFor(carol.peerId());
    hand(a, envelope);
    expectNotKept(envelope);
    EXPECT_TRUE(port.custodyTo(a).empty());
    // It speaks relaying (and takes the flood flag on its own mail), but carries nothing.
    EXPECT_EQ(relay().capabilities(), kRelay | static_cast<std::uint32_t>(proto::Capability::RelayFlooding));
    // Its own mail it still opens.
    const auto mine = sealedToSelf(alice, textFrom(alice, self.peerId()));
    hand(a, mine);
    EXPECT_EQ(received.size(), 1U);
}

TEST_F(RelayServiceTest, RelayMessagesFromAPeerThatNeverAnnouncedRelayingCloseItsLink)
{
    start();
    port.link(a, 0);
    const auto envelope = opaqueFor(carol.peerId());
    hand(a, envelope);
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, a);
    expectNotKept(envelope);
}

TEST_F(RelayServiceTest, MalformedRelayMessagesCloseTheLink)
{
    start();
    port.link(a, kCarrier);
    Bytes bad = proto::encodeRelayEnvelope(opaqueFor(carol.peerId()));
    bad[38] = 8; // hop limit 8
    port.deliver(a, LinkMessageType::RelayEnvelope, bad);
    port.deliver(a, LinkMessageType::RelayCustody, Bytes{0});
    port.deliver(a, LinkMessageType::Reachability, Bytes{0x21});
    ASSERT_EQ(port.dropped.size(), 3U);
    EXPECT_EQ(relay().stats().held.count, 0);
}

// Receiving what is sealed to this node

TEST_F(RelayServiceTest, OpensAGenuineEnvelopeAndPinsTheSender)
{
    start();
    port.link(a, kCarrier);
    const auto inner = textFrom(alice, self.peerId(), "hello through a relay");
    const auto envelope = sealedToSelf(alice, inner);
    hand(a, envelope);
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].first, alice.peerId());
    EXPECT_EQ(received[0].second, inner);
    EXPECT_EQ(trust.pinnedKey(alice.peerId()), alice.publicKey());
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>{envelope.header.routingId});
    const auto seen = store().seen(envelope.header.routingId);
    ASSERT_TRUE(seen.has_value());
    EXPECT_TRUE(seen->delivered);
    // Opened, not stored: nothing of it waits for anyone.
    EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
    EXPECT_EQ(relay().stats().delivered, 1U);
}

TEST_F(RelayServiceTest, CountsTheHopsOfWhatOpensHere)
{
    start();
    port.link(a, kCarrier);
    // Handed over by its sealer itself (one hop), then after 4 relays (5 hops).
    hand(a, sealedToSelf(alice, textFrom(alice, self.peerId()), proto::kMaxHopLimit));
    const auto envelope = sealedToSelf(alice, textFrom(alice, self.peerId()), 3);
    hand(a, envelope);
    ASSERT_EQ(received.size(), 2U);
    // A replay counts nothing.
    hand(a, envelope);
    EXPECT_EQ(relay().stats().delivered, 2U);
    EXPECT_EQ(relay().stats().deliveredHops, 1U + 5U);
    EXPECT_EQ(relay().stats().deliveredHopsMax, 5U);
}

TEST_F(RelayServiceTest, ReplayAfterDeliveryIsRefused)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    const auto envelope = sealedToSelf(alice, textFrom(alice, self.peerId()), 3);
    hand(a, envelope);
    ASSERT_EQ(received.size(), 1U);

    hand(a, envelope);
    auto raised = envelope; // a relay resets the hop limit, which the seal does not cover
    raised.header.hopLimit = proto::kMaxHopLimit;
    hand(b, raised);
    EXPECT_EQ(received.size(), 1U);
    EXPECT_EQ(relay().stats().refusedReplay, 2U);
    EXPECT_EQ(relay().stats().delivered, 1U);
    // The senders may stop trying.
    EXPECT_EQ(port.custodyTo(a).size(), 2U);
    EXPECT_EQ(port.custodyTo(b).size(), 1U);
    EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
}

TEST_F(RelayServiceTest, ReplayIsRecognisedAfterARestart)
{
    start();
    port.link(a, kCarrier);
    const auto envelope = sealedToSelf(alice, textFrom(alice, self.peerId()));
    hand(a, envelope);
    ASSERT_EQ(received.size(), 1U);
    // A new service on the same store: the seen-set is on disk.
    start();
    hand(a, envelope);
    EXPECT_EQ(received.size(), 1U);
    EXPECT_EQ(relay().stats().refusedReplay, 1U);
}

TEST_F(RelayServiceTest, TamperedEnvelopeFailsAuthentication)
{
    start();
    port.link(a, kCarrier);
    const auto genuine = sealedToSelf(alice, textFrom(alice, self.peerId()));
    std::vector<proto::RelayEnvelope> altered;
    for (const std::size_t offset : {std::size_t{0}, std::size_t{40}, std::size_t{100}, std::size_t{511}}) {
        auto envelope = genuine;
        envelope.sealed[offset] ^= 0x01;
        altered.push_back(envelope);
    }
    auto extended = genuine; // a relay stretches its life
    extended.header.expiresMs += 60ULL * 60 * 1000;
    altered.push_back(extended);
    auto shortened = genuine;
    shortened.header.expiresMs -= 1;
    altered.push_back(shortened);
    auto flagged = genuine; // a relay makes it look like a receipt
    flagged.header.acknowledges = crypto::randomMessageId();
    altered.push_back(flagged);
    for (const auto& envelope : altered) {
        hand(a, envelope);
        expectNotKept(envelope);
    }
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(relay().stats().refusedInvalid, altered.size());
    // Each copy refused on opening is confirmed to whoever handed it, so
    // that relay stops offering it; none is marked seen (below: the genuine
    // one still opens).
    EXPECT_FALSE(port.custodyTo(a).empty());
    EXPECT_LE(port.custodyTo(a).size(), altered.size());
    EXPECT_FALSE(trust.pinnedKey(alice.peerId()).has_value());

    // Refused copies do not block the genuine one.
    hand(a, genuine);
    EXPECT_EQ(received.size(), 1U);
}

TEST_F(RelayServiceTest, ForgedSendersAreRefused)
{
    start();
    port.link(a, kCarrier);
    std::vector<proto::RelayEnvelope> forged;
    // Mallory seals, claiming Alice's key and id.
    forged.push_back(sealed(mallory, alice.publicKey(), textFrom(alice, self.peerId()), self.publicKey(),
                            headerFor(self.peerId())));
    // Mallory seals with its own key, but the envelope names Alice as its sender.
    forged.push_back(sealed(mallory, mallory.publicKey(), textFrom(alice, self.peerId()), self.publicKey(),
                            headerFor(self.peerId())));
    // Sealed to this node, but addressed inside to someone else.
    forged.push_back(sealed(alice, alice.publicKey(), textFrom(alice, carol.peerId()), self.publicKey(),
                            headerFor(self.peerId())));
    // To a group, which relaying does not carry.
    auto group = textFrom(alice, self.peerId());
    group.recipientType = proto::RecipientType::Group;
    forged.push_back(sealed(alice, alice.publicKey(), group, self.publicKey(), headerFor(self.peerId())));
    for (const auto& envelope : forged) {
        hand(a, envelope);
        expectNotKept(envelope);
    }
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(relay().stats().refusedInvalid, forged.size());
    // Confirmed to the relay that handed them, so it stops offering them.
    EXPECT_EQ(port.custodyTo(a).size(), forged.size());
    EXPECT_EQ(trust.pinCalls(), 0);
}

TEST_F(RelayServiceTest, SenderWhoseKeyDiffersFromThePinnedOneIsRefused)
{
    // Alice's id is pinned to another key (met earlier, verified): an envelope
    // sealed with a different key for that id is not Alice's.
    trust.preset(alice.peerId(), mallory.publicKey());
    start();
    port.link(a, kCarrier);
    const auto envelope = sealedToSelf(alice, textFrom(alice, self.peerId()));
    hand(a, envelope);
    EXPECT_TRUE(received.empty());
    expectNotKept(envelope);
    EXPECT_EQ(relay().stats().refusedInvalid, 1U);
    EXPECT_EQ(trust.pinnedKey(alice.peerId()), mallory.publicKey());
}

TEST_F(RelayServiceTest, ContentThatDoesNotDecodeIsRefused)
{
    start();
    port.link(a, kCarrier);
    const proto::RelayHeader header = headerFor(self.peerId());
    Bytes plaintext(kPlaintextSize, 0);
    plaintext.back() = 1; // padding that is not zeros
    auto box = crypto::seal(alice, self.publicKey(), proto::relayPrologue(header), plaintext);
    ASSERT_TRUE(box.ok());
    const proto::RelayEnvelope envelope{header, box.value()};
    hand(a, envelope);
    expectNotKept(envelope);
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(relay().stats().refusedInvalid, 1U);
}

// Sending

TEST_F(RelayServiceTest, SealsToTheRecipientWithAFreshRoutingIdPerEnvelope)
{
    start();
    EXPECT_FALSE(relay().send(textFrom(self, carol.peerId()))); // no key, no carrier
    trust.preset(carol.peerId(), carol.publicKey());
    EXPECT_FALSE(relay().canReach(carol.peerId())); // no carrier
    port.link(a, kRelay);
    EXPECT_FALSE(relay().canReach(carol.peerId())); // A does not carry
    port.link(b, kCarrier);
    EXPECT_TRUE(relay().canReach(carol.peerId()));

    const auto first = textFrom(self, carol.peerId(), "one");
    const auto second = textFrom(self, carol.peerId(), "one");
    ASSERT_TRUE(relay().send(first));
    ASSERT_TRUE(relay().send(second));
    const auto sent = port.envelopesTo(b);
    ASSERT_EQ(sent.size(), 2U);
    EXPECT_TRUE(port.envelopesTo(a).empty());
    EXPECT_NE(sent[0].header.routingId, sent[1].header.routingId);
    EXPECT_NE(sent[0].header.routingId, first.id); // the envelope id stays inside
    EXPECT_NE(sent[0].sealed, sent[1].sealed);
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const auto& header = sent[i].header;
        EXPECT_EQ(header.recipient, carol.peerId());
        EXPECT_EQ(header.hopLimit, proto::kMaxHopLimit);
        EXPECT_EQ(header.expiresMs, static_cast<std::uint64_t>(now() + kDayMs));
        EXPECT_FALSE(header.acknowledges.has_value());
        EXPECT_EQ(sent[i].sealed.size(), 512U);
        EXPECT_TRUE(store().seen(header.routingId).has_value());

        const auto opened = crypto::openBox(carol, proto::relayPrologue(header), sent[i].sealed);
        ASSERT_TRUE(opened.ok());
        EXPECT_EQ(opened.value().senderStatic, self.noiseStaticKey().publicKey);
        const auto content = proto::decodeSealedContent(opened.value().plaintext);
        ASSERT_TRUE(content.ok());
        EXPECT_EQ(content.value().senderIdentityKey, self.publicKey());
        EXPECT_EQ(proto::decodeEnvelope(content.value().envelope).value(), i == 0 ? first : second);
    }
    EXPECT_EQ(relay().stats().sent, 2U);

    // The same envelope while the first copy awaits custody: not sealed again.
    ASSERT_TRUE(relay().send(first));
    EXPECT_EQ(port.envelopesTo(b).size(), 2U);
    // Custody moves it on.
    custodyFrom(b, sent[0].header.routingId);
    EXPECT_EQ(custodyTaken, std::vector<MessageId>{first.id});
}

TEST_F(RelayServiceTest, EnvelopeTooLargeForAnySizeClassIsNotSent)
{
    start();
    trust.preset(carol.peerId(), carol.publicKey());
    port.link(b, kCarrier);
    auto envelope = textFrom(self, carol.peerId());
    envelope.body.assign(65280, 'x');
    EXPECT_FALSE(relay().send(envelope));
    EXPECT_TRUE(port.envelopesTo(b).empty());
}

// Reachability and routes

TEST_F(RelayServiceTest, LearnsASignedStatementAndARouteThroughTheNeighbour)
{
    start();
    port.link(b, kCarrier);
    std::vector<PeerId> learned;
    QObject::connect(&relay(), &RelayService::peerLearned,
                     [&](const PeerId& peer, const QString&) { learned.push_back(peer); });
    statementFrom(b, 1, statementOf(carol, "Carol"));
    EXPECT_EQ(learned, std::vector<PeerId>{carol.peerId()});
    EXPECT_EQ(trust.pinnedKey(carol.peerId()), carol.publicKey());
    const RouteView route = relay().route(carol.peerId());
    EXPECT_EQ(route.kind, RouteView::Kind::Relay);
    EXPECT_EQ(route.via, b);
    EXPECT_EQ(route.hops, 2);
    EXPECT_TRUE(relay().canReach(carol.peerId()));
    EXPECT_TRUE(port.dropped.empty());
}

TEST_F(RelayServiceTest, ForgedKeyBindingClosesTheLinkAndPinsNothing)
{
    start();
    port.link(b, kCarrier);
    // Mallory's key bound to Carol's id, signed by Mallory.
    proto::ReachabilityStatement forged = statementOf(mallory, "Carol");
    forged.peer = carol.peerId();
    forged.signature = mallory.sign(proto::reachabilitySignedBytes(forged));
    statementFrom(b, 0, forged);
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, b);
    EXPECT_EQ(trust.pinCalls(), 0);
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::None);

    // An altered name in a genuine statement: the signature no longer holds.
    port.dropped.clear();
    auto renamed = statementOf(carol, "Carol");
    renamed.displayName = "Carol (admin)";
    statementFrom(b, 0, renamed);
    EXPECT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(trust.pinCalls(), 0);
}

TEST_F(RelayServiceTest, SilentRouteIsAvoidedAndTheEnvelopeFloodedAfresh)
{
    start();
    port.link(b, kCarrier);
    port.link(d, kCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol")); // B links to Carol
    ASSERT_EQ(relay().route(carol.peerId()).via, b);

    const auto envelope = textFrom(self, carol.peerId());
    ASSERT_TRUE(relay().send(envelope));
    auto toB = port.envelopesTo(b);
    ASSERT_EQ(toB.size(), 1U); // along the route only
    EXPECT_TRUE(port.envelopesTo(d).empty());
    custodyFrom(b, toB[0].header.routingId); // B takes it, then swallows it

    runFor(clock, RelayService::kDeliveryTimeoutMs + 2LL * RelayService::kMaintenanceMs);
    toB = port.envelopesTo(b);
    const auto toD = port.envelopesTo(d);
    ASSERT_EQ(toD.size(), 1U);
    ASSERT_EQ(toB.size(), 2U);
    // Sealed afresh (a new routing id) and flooded to every carrier.
    EXPECT_EQ(toB[1].header.routingId, toD[0].header.routingId);
    EXPECT_NE(toD[0].header.routingId, toB[0].header.routingId);
    EXPECT_NE(toD[0].sealed, toB[0].sealed);
    // The silent route is not used for a while.
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::None);
    runFor(clock, RelayService::kAvoidRouteMs);
    EXPECT_EQ(relay().route(carol.peerId()).via, b);
}

TEST_F(RelayServiceTest, AMessageWithoutAReceiptIsSealedAfreshOnceAMinuteAfterItsAttempts)
{
    start();
    port.link(b, kCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol"));
    const proto::Envelope text = textFrom(self, carol.peerId());
    ASSERT_TRUE(relay().send(text));
    // Each sealing has a routing id of its own (B is offered each until it takes it).
    const auto sealings = [&] {
        std::vector<MessageId> ids;
        for (const proto::RelayEnvelope& sent : port.envelopesTo(b)) {
            if (std::find(ids.begin(), ids.end(), sent.header.routingId) == ids.end()) {
                ids.push_back(sent.header.routingId);
            }
        }
        return ids;
    };
    // The delivery timeouts: sealed afresh after 8 s, then (the silent
    // route avoided for a while, when no receipt can come) 16 s more.
    runFor(clock, RelayService::kAvoidRouteMs + RelayService::kDeliveryTimeoutMs * 3 +
                      2LL * RelayService::kMaintenanceMs);
    ASSERT_EQ(sealings().size(), 3U);
    // Its receipt may be what got lost: sealed again, but only once a minute.
    runFor(clock, RelayService::kLateResealMs - 4LL * RelayService::kMaintenanceMs);
    EXPECT_EQ(sealings().size(), 3U);
    runFor(clock, 4LL * RelayService::kMaintenanceMs);
    ASSERT_EQ(sealings().size(), 4U);

    // Carol's receipt ends it.
    proto::Envelope receipt = textFrom(carol, self.peerId());
    receipt.kind = proto::EnvelopeKind::Receipt;
    receipt.body = proto::encodeReceipt({proto::ReceiptState::Delivered, {text.id}});
    auto back = sealedToSelf(carol, receipt);
    back.header.acknowledges = sealings().back();
    hand(b, back);
    runFor(clock, 2 * RelayService::kLateResealMs);
    EXPECT_EQ(sealings().size(), 4U);
}

TEST_F(RelayServiceTest, TheFreshCopyAfterASilentRouteIsFlaggedForFlooding)
{
    start();
    port.link(b, kFloodingCarrier);
    port.link(d, kFloodingCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol"));
    ASSERT_TRUE(relay().send(textFrom(self, carol.peerId())));
    const auto first = port.envelopesTo(b);
    ASSERT_EQ(first.size(), 1U);
    EXPECT_FALSE(first[0].header.flood); // along a route that works, as far as anyone knows
    custodyFrom(b, first[0].header.routingId);

    runFor(clock, RelayService::kDeliveryTimeoutMs + 2LL * RelayService::kMaintenanceMs);
    const auto toD = port.envelopesTo(d);
    ASSERT_EQ(toD.size(), 1U);
    // Flagged: the carriers after D flood it on too, so a relay further
    // along that swallows envelopes cannot catch this copy as well.
    EXPECT_TRUE(toD[0].header.flood);
    EXPECT_TRUE(port.envelopesTo(b).back().header.flood);

    // What follows for Carol goes the same way at once, for a while.
    ASSERT_TRUE(relay().send(textFrom(self, carol.peerId(), "next")));
    EXPECT_EQ(port.envelopesTo(d).size(), 2U);
    EXPECT_TRUE(port.envelopesTo(d).back().header.flood);
    runFor(clock, RelayService::kAvoidRouteMs + RelayService::kMaintenanceMs);
    const std::size_t toDBefore = port.envelopesTo(d).size();
    ASSERT_TRUE(relay().send(textFrom(self, carol.peerId(), "later")));
    EXPECT_FALSE(port.envelopesTo(b).back().header.flood);
    EXPECT_EQ(port.envelopesTo(d).size(), toDBefore); // along the route again
}

TEST_F(RelayServiceTest, AFloodedEnvelopeIsPassedOnToEveryCarrierDespiteARoute)
{
    start();
    port.link(a, kFloodingCarrier);
    port.link(b, kFloodingCarrier);
    port.link(d, kFloodingCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol")); // the best route to Carol is B
    ASSERT_EQ(relay().route(carol.peerId()).via, b);

    auto envelope = opaqueFor(carol.peerId(), 5);
    envelope.header.flood = true;
    hand(a, envelope);
    for (const PeerId& neighbour : {b, d}) {
        const auto copies = port.envelopesTo(neighbour);
        ASSERT_EQ(copies.size(), 1U);
        EXPECT_EQ(copies[0].header.routingId, envelope.header.routingId);
        EXPECT_TRUE(copies[0].header.flood);
        EXPECT_EQ(copies[0].header.hopLimit, 4);
    }
    EXPECT_TRUE(port.envelopesTo(a).empty()); // never back where it came from

    // A second copy from another side is confirmed, not passed on again.
    hand(d, envelope);
    EXPECT_EQ(port.envelopesTo(b).size(), 1U);
    EXPECT_TRUE(port.envelopesTo(a).empty());
    EXPECT_EQ(port.custodyTo(d).size(), 1U);

    // Whoever confirms floods it on: the copy here is released at the first
    // custody, and a copy that comes back later is still not passed on again.
    custodyFrom(b, envelope.header.routingId);
    EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
    hand(a, envelope);
    EXPECT_EQ(port.envelopesTo(b).size(), 1U);
    EXPECT_EQ(port.envelopesTo(d).size(), 1U);
    EXPECT_EQ(port.custodyTo(a).size(), 2U);

    // Unflagged, the same situation goes along the route alone.
    hand(a, opaqueFor(carol.peerId(), 5));
    EXPECT_EQ(port.envelopesTo(b).size(), 2U);
    EXPECT_EQ(port.envelopesTo(d).size(), 1U);
}

TEST_F(RelayServiceTest, TheFloodFlagGoesOnlyToCarriersThatAnnouncedIt)
{
    start();
    port.link(a, kFloodingCarrier);
    port.link(b, kCarrier); // an earlier version: the flag would close its link
    port.link(d, kFloodingCarrier);
    auto envelope = opaqueFor(carol.peerId(), 5);
    envelope.header.flood = true;
    hand(a, envelope);
    const auto toB = port.envelopesTo(b);
    const auto toD = port.envelopesTo(d);
    ASSERT_EQ(toB.size(), 1U);
    ASSERT_EQ(toD.size(), 1U);
    EXPECT_FALSE(toB[0].header.flood);
    EXPECT_TRUE(toD[0].header.flood);
    EXPECT_EQ(toB[0].header.routingId, toD[0].header.routingId);
    EXPECT_TRUE(hasCapability(relay().capabilities(), proto::Capability::RelayFlooding));
}

TEST_F(RelayServiceTest, ReceiptsForEnvelopesThatCameFloodedAreFloodedToo)
{
    trust.preset(alice.peerId(), alice.publicKey());
    start();
    port.link(a, kFloodingCarrier);
    port.link(b, kFloodingCarrier);
    statementFrom(b, 0, statementOf(alice, "Alice")); // the route back to Alice is B
    const proto::Envelope text = textFrom(alice, self.peerId());
    auto flooded = sealedToSelf(alice, text);
    flooded.header.flood = true;
    hand(a, flooded);
    ASSERT_EQ(received.size(), 1U);

    // The way back may fail the same way: the receipt goes to every carrier, flagged.
    proto::Envelope receipt = textFrom(self, alice.peerId());
    receipt.kind = proto::EnvelopeKind::Receipt;
    receipt.body = proto::encodeReceipt({proto::ReceiptState::Delivered, {text.id}});
    ASSERT_TRUE(relay().send(receipt));
    ASSERT_EQ(port.envelopesTo(a).size(), 1U);
    ASSERT_EQ(port.envelopesTo(b).size(), 1U);
    EXPECT_TRUE(port.envelopesTo(a)[0].header.flood);
    EXPECT_TRUE(port.envelopesTo(b)[0].header.flood);

    // A message of our own goes along the route: ours to Alice has not failed.
    ASSERT_TRUE(relay().send(textFrom(self, alice.peerId(), "answer")));
    EXPECT_EQ(port.envelopesTo(a).size(), 1U);
    EXPECT_FALSE(port.envelopesTo(b).back().header.flood);
}

TEST_F(RelayServiceTest, AFloodedEnvelopeForAFormerNeighbourWaitsHereForItsReturn)
{
    start();
    port.link(a, kFloodingCarrier);
    port.link(b, kFloodingCarrier);
    port.link(carol.peerId(), kFloodingCarrier);
    port.unlink(carol.peerId()); // Carol was next door and left
    auto envelope = opaqueFor(carol.peerId(), 5);
    envelope.header.flood = true;
    hand(a, envelope);
    EXPECT_TRUE(port.envelopesTo(b).empty()); // this is where she will be back
    EXPECT_TRUE(store().held(envelope.header.routingId).has_value());
    port.link(carol.peerId(), kFloodingCarrier);
    const auto toCarol = port.envelopesTo(carol.peerId());
    ASSERT_EQ(toCarol.size(), 1U);
    EXPECT_EQ(toCarol[0].header.routingId, envelope.header.routingId);
}

TEST_F(RelayServiceTest, NoRouteLeadsThroughANeighbourThatCarriesNothing)
{
    start();
    port.link(b, kRelay); // runs with --relay off, yet tells of Carol (an earlier version did)
    statementFrom(b, 0, statementOf(carol, "Carol"));
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::None);
    EXPECT_FALSE(relay().send(textFrom(self, carol.peerId())));
    EXPECT_TRUE(port.envelopesTo(b).empty());
}

TEST_F(RelayServiceTest, NotCarryingTellsOfOthersOnlyAsOutOfReach)
{
    RelaySettings settings;
    settings.carry = false;
    start(settings);
    port.link(b, kFloodingCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol"));
    port.link(d, kFloodingCarrier);
    runFor(clock, 2LL * RelayService::kAdvertiseDelayMs);
    std::size_t ownStatements = 0;
    std::size_t carols = 0;
    for (const auto& message : port.sent) {
        if (message.to != d || message.type != LinkMessageType::Reachability) {
            continue;
        }
        const auto entries = proto::decodeReachability(message.body);
        ASSERT_TRUE(entries.ok());
        for (const proto::ReachabilityEntry& entry : entries.value()) {
            if (entry.statement.peer == self.peerId()) {
                ++ownStatements;
            } else {
                // Who Carol is (for names and keys), but no way to her through us.
                EXPECT_EQ(entry.statement.peer, carol.peerId());
                EXPECT_EQ(entry.hops, proto::ReachabilityEntry::kWithdrawn);
                ++carols;
            }
        }
    }
    EXPECT_GE(ownStatements, 1U);
    EXPECT_GE(carols, 1U);
}

TEST_F(RelayServiceTest, NeighbourThatNeverConfirmsCustodyIsFloodedAround)
{
    start();
    port.link(b, kCarrier);
    port.link(d, kCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol"));
    ASSERT_TRUE(relay().send(textFrom(self, carol.peerId())));
    ASSERT_EQ(port.envelopesTo(b).size(), 1U);
    ASSERT_TRUE(port.envelopesTo(d).empty());
    // Handed once more along the route (its link may have stalled briefly)...
    runFor(clock, RelayService::kCustodyTimeoutMs + RelayService::kMaintenanceMs);
    ASSERT_EQ(port.envelopesTo(b).size(), 2U);
    EXPECT_TRUE(port.envelopesTo(d).empty());
    // ...then flooded around it (the same sealed envelope, first to reach D).
    runFor(clock, RelayService::kCustodyTimeoutMs + RelayService::kMaintenanceMs);
    const auto toD = port.envelopesTo(d);
    ASSERT_GE(toD.size(), 1U);
    EXPECT_EQ(toD[0].header.routingId, port.envelopesTo(b)[0].header.routingId);
}

TEST_F(RelayServiceTest, LearnsARouteFromTheWayAReceiptCameBack)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    port.link(d, kCarrier);
    // A hands over an envelope for Carol; with no route it is flooded to B and D.
    const auto envelope = opaqueFor(carol.peerId(), 6);
    hand(a, envelope);
    ASSERT_EQ(port.envelopesTo(b).size(), 1U);
    ASSERT_EQ(port.envelopesTo(d).size(), 1U);

    // Carol's receipt comes back through D, having crossed one relay.
    trust.preset(alice.peerId(), alice.publicKey()); // its recipient is known here
    auto receipt = opaqueFor(alice.peerId(), proto::kMaxHopLimit - 1);
    receipt.header.acknowledges = envelope.header.routingId;
    hand(d, receipt);
    const RouteView route = relay().route(carol.peerId());
    EXPECT_EQ(route.kind, RouteView::Kind::Relay);
    EXPECT_EQ(route.via, d);
    EXPECT_EQ(route.hops, 2);
    // The acknowledged copy is settled: released and marked delivered.
    EXPECT_FALSE(store().held(envelope.header.routingId).has_value());
    EXPECT_TRUE(store().seen(envelope.header.routingId)->delivered);

    // The next envelope for Carol goes to D alone.
    const auto next = opaqueFor(carol.peerId(), 6);
    hand(a, next);
    EXPECT_EQ(port.envelopesTo(b).size(), 1U + 1U); // the receipt was flooded to B
    const auto toD = port.envelopesTo(d);
    ASSERT_EQ(toD.size(), 2U);
    EXPECT_EQ(toD[1].header.routingId, next.header.routingId);
}

TEST_F(RelayServiceTest, LosingTheNextHopLosesTheRoute)
{
    start();
    port.link(b, kCarrier);
    statementFrom(b, 0, statementOf(carol, "Carol"));
    ASSERT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::Relay);
    port.unlink(b);
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::None);
    EXPECT_FALSE(relay().canReach(carol.peerId()));
}

TEST_F(RelayServiceTest, ANeighbourCyclingEnvelopesToItselfCannotGrowTheSeenSet)
{
    // Envelopes addressed to the neighbour that hands them over go straight
    // back to it, and its custody frees its quota at once: only the seen-set's
    // own bound limits what it can make this node remember.
    boundSeenSet(50);
    RelaySettings settings;
    settings.perOriginMessages = 3;
    start(settings);
    port.link(a, kCarrier);
    std::vector<MessageId> ids;
    for (int i = 0; i < 200; ++i) {
        const auto envelope = opaqueFor(a);
        hand(a, envelope);
        custodyFrom(a, envelope.header.routingId);
        ids.push_back(envelope.header.routingId);
    }
    EXPECT_EQ(port.envelopesTo(a).size(), 200U);
    EXPECT_EQ(relay().stats().refusedQuota, 0U);
    EXPECT_EQ(relay().stats().held.count, 0);
    const auto remembered = std::count_if(ids.begin(), ids.end(),
                                          [&](const MessageId& id) { return store().seen(id).has_value(); });
    EXPECT_EQ(remembered, 50);
}

// Blocked peers

// The hops this node last told `neighbour` it reaches `subject` in
// (kWithdrawn: that it no longer does); nullopt if it never said.
std::optional<std::uint8_t> lastToldHops(const FakePort& port, const PeerId& neighbour, const PeerId& subject)
{
    std::optional<std::uint8_t> hops;
    for (const FakePort::Sent& message : port.sent) {
        if (message.to != neighbour || message.type != LinkMessageType::Reachability) {
            continue;
        }
        if (auto entries = proto::decodeReachability(message.body)) {
            for (const proto::ReachabilityEntry& entry : entries.value()) {
                if (entry.statement.peer == subject) {
                    hops = entry.hops;
                }
            }
        }
    }
    return hops;
}

TEST_F(RelayServiceTest, AnEnvelopeForABlockedPeerIsConfirmedButNeitherHeldNorPassedOn)
{
    start();
    port.link(a, kCarrier);
    port.block(carol.peerId(), true);
    const auto envelope = opaqueFor(carol.peerId());
    hand(a, envelope);
    expectNotKept(envelope);
    // Confirmed, so that A stops offering it here.
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>{envelope.header.routingId});
    EXPECT_EQ(relay().stats().refusedBlocked, 1U);
    // Carol linking (were she able to) gets nothing from here.
    port.link(carol.peerId(), kCarrier);
    EXPECT_TRUE(port.envelopesTo(carol.peerId()).empty());
    EXPECT_TRUE(port.dropped.empty());
}

TEST_F(RelayServiceTest, AnEnvelopeSealedByABlockedPeerIsNotDeliveredUntilUnblocked)
{
    start();
    port.link(a, kCarrier);
    port.block(alice.peerId(), true);
    const auto inner = textFrom(alice, self.peerId(), "let me in");
    const auto envelope = sealedToSelf(alice, inner);
    hand(a, envelope);
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(port.custodyTo(a), std::vector<MessageId>{envelope.header.routingId});
    expectNotKept(envelope);
    EXPECT_FALSE(trust.pinnedKey(alice.peerId())); // nothing learned from it either
    EXPECT_EQ(relay().stats().refusedBlocked, 1U);
    EXPECT_EQ(relay().stats().delivered, 0U);

    port.block(alice.peerId(), false);
    hand(a, sealedToSelf(alice, inner)); // sent again, sealed afresh
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].first, alice.peerId());
    EXPECT_EQ(received[0].second, inner);
}

TEST_F(RelayServiceTest, BlockingDropsWhatIsHeldForOrFromThePeer)
{
    start();
    port.link(a, kCarrier);
    port.link(d, kCarrier);
    const auto forCarol = opaqueFor(carol.peerId());
    const auto fromD = opaqueFor(alice.peerId());
    const auto forAlice = opaqueFor(alice.peerId());
    hand(a, forCarol);
    hand(d, fromD);
    hand(a, forAlice);
    ASSERT_EQ(store().totalUse().count, 3);
    port.block(carol.peerId(), true);
    port.block(d, true);
    EXPECT_FALSE(store().held(forCarol.header.routingId));
    EXPECT_FALSE(store().held(fromD.header.routingId));
    EXPECT_TRUE(store().held(forAlice.header.routingId)); // neither for nor from them
}

TEST_F(RelayServiceTest, NoRouteToABlockedPeerIsUsedOrAdvertisedUntilUnblocked)
{
    start();
    port.link(a, kCarrier);
    port.link(b, kCarrier);
    statementFrom(b, 1, statementOf(carol, "Carol"));
    runFor(clock, RelayService::kAdvertiseDelayMs);
    ASSERT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::Relay);
    ASSERT_EQ(lastToldHops(port, a, carol.peerId()), std::optional<std::uint8_t>(2));
    // Something on its way to Carol when she is blocked is given up.
    const auto message = textFrom(self, carol.peerId());
    ASSERT_TRUE(relay().send(message));
    const std::size_t toB = port.envelopesTo(b).size();

    port.block(carol.peerId(), true);
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::None);
    EXPECT_FALSE(relay().canReach(carol.peerId()));
    EXPECT_FALSE(relay().send(textFrom(self, carol.peerId())));
    runFor(clock, RelayService::kDeliveryTimeoutMs * RelayService::kMaxAttempts);
    EXPECT_EQ(port.envelopesTo(b).size(), toB); // nothing sent again
    // A hears that the way through here is gone, and is not told of it again.
    EXPECT_EQ(lastToldHops(port, a, carol.peerId()),
              std::optional<std::uint8_t>(proto::ReachabilityEntry::kWithdrawn));
    port.unlink(a);
    port.link(a, kCarrier);
    EXPECT_EQ(lastToldHops(port, a, carol.peerId()),
              std::optional<std::uint8_t>(proto::ReachabilityEntry::kWithdrawn));

    std::vector<PeerId> reachable;
    QObject::connect(&relay(), &session::RelayPath::reachable,
                     [&](const PeerId& peer) { reachable.push_back(peer); });
    port.block(carol.peerId(), false);
    EXPECT_EQ(relay().route(carol.peerId()).kind, RouteView::Kind::Relay);
    EXPECT_EQ(reachable, std::vector<PeerId>{carol.peerId()}); // the chat's queue goes now
    runFor(clock, RelayService::kAdvertiseDelayMs);
    EXPECT_EQ(lastToldHops(port, a, carol.peerId()), std::optional<std::uint8_t>(2));
}

// Version-1 peers

// How many link messages of types 7-9 (relayed envelope, reachability,
// custody) this node sent to `peer`.
std::size_t relayMessagesTo(const FakePort& port, const PeerId& peer)
{
    return static_cast<std::size_t>(
        std::count_if(port.sent.begin(), port.sent.end(), [&](const FakePort::Sent& m) {
            return m.to == peer &&
                   (m.type == LinkMessageType::RelayEnvelope || m.type == LinkMessageType::Reachability ||
                    m.type == LinkMessageType::RelayCustody);
        }));
}

TEST_F(RelayServiceTest, APeerThatAnnouncedNoRelayingIsNeverSentRelayMessages)
{
    start();
    port.link(a, kCarrier);
    // Something for Carol waits here before she links.
    const auto waiting = opaqueFor(carol.peerId());
    hand(a, waiting);
    // Carol and D run version 1: linked, but their handshakes announced nothing.
    port.link(carol.peerId(), 0);
    port.link(d, 0);
    port.link(b, kCarrier);
    // News that goes to every neighbour: Alice is reachable through B.
    statementFrom(b, 1, statementOf(alice, "Alice"));
    runFor(clock, RelayService::kAdvertiseDelayMs);
    // Envelopes for Carol, linked right here: carried for A, and sealed here.
    const auto carried = opaqueFor(carol.peerId(), 1);
    hand(a, carried);
    ASSERT_TRUE(relay().send(textFrom(self, carol.peerId())));
    // D sends what it should not: its link closes and it is confirmed nothing.
    const auto fromD = opaqueFor(alice.peerId());
    hand(d, fromD);
    statementFrom(d, 0, statementOf(mallory, "Mallory"));
    custodyFrom(d, waiting.header.routingId);
    // Custody and delivery timeouts run out; the node renews its own statement.
    runFor(clock, 11LL * 60 * 1000);
    // Carol's link comes again, and a neighbour that carries links again.
    port.unlink(carol.peerId());
    port.link(carol.peerId(), 0);
    port.unlink(a);
    port.link(a, kCarrier);
    runFor(clock, 2 * RelayService::kCustodyTimeoutMs);

    EXPECT_EQ(relayMessagesTo(port, carol.peerId()), 0U);
    EXPECT_EQ(relayMessagesTo(port, d), 0U);
    EXPECT_EQ(std::count_if(port.dropped.begin(), port.dropped.end(),
                            [&](const auto& dropped) { return dropped.first == d; }),
              3);
    expectNotKept(fromD);
    EXPECT_EQ(relay().route(mallory.peerId()).kind, RouteView::Kind::None);
    // The same events do send all three types to the neighbours that speak them.
    EXPECT_FALSE(port.envelopesTo(b).empty());
    EXPECT_EQ(port.custodyTo(a),
              (std::vector<MessageId>{waiting.header.routingId, carried.header.routingId}));
    EXPECT_GT(std::count_if(port.sent.begin(), port.sent.end(),
                            [&](const FakePort::Sent& m) {
                                return m.to == b && m.type == LinkMessageType::Reachability;
                            }),
              1);
    EXPECT_EQ(lastToldHops(port, a, alice.peerId()), std::optional<std::uint8_t>(2));
}

} // namespace
} // namespace confab::relay
