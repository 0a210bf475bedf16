#include "storage/database.h"
#include "storage/relay_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kHour = 60LL * 60 * 1000;

class RelayStoreTest : public test::StoreTest {
protected:
    void SetUp() override
    {
        test::StoreTest::SetUp();
        m_store = std::make_unique<RelayStore>(db());
    }
    void TearDown() override { m_store.reset(); }

    RelayStore& store() { return *m_store; }

    static HeldEnvelope envelope(std::uint8_t id, const PeerId& recipient, const PeerId& origin,
                                 std::size_t size = 563, std::int64_t expiresMs = kNow + kHour)
    {
        return {messageId(id), recipient, origin, expiresMs, kNow + id, Bytes(size, id)};
    }

    const PeerId m_carol = peer(0xC0);
    const PeerId m_dave = peer(0xD0);
    const PeerId m_neighbourA = peer(0x0A);
    const PeerId m_neighbourB = peer(0x0B);

private:
    std::unique_ptr<RelayStore> m_store;
};

TEST_F(RelayStoreTest, HoldsAndReleases)
{
    const HeldEnvelope held = envelope(1, m_carol, m_neighbourA);
    ASSERT_TRUE(store().hold(held));
    const auto read = store().held(messageId(1));
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->routingId, held.routingId);
    EXPECT_EQ(read->recipient, m_carol);
    EXPECT_EQ(read->origin, m_neighbourA);
    EXPECT_EQ(read->expiresMs, held.expiresMs);
    EXPECT_EQ(read->storedMs, held.storedMs);
    EXPECT_EQ(read->envelope, held.envelope);

    EXPECT_TRUE(store().release(messageId(1)));
    EXPECT_FALSE(store().held(messageId(1)).has_value());
    EXPECT_FALSE(store().release(messageId(1)));
    EXPECT_FALSE(store().held(messageId(2)).has_value());
}

TEST_F(RelayStoreTest, ReleasingAPeerDropsWhatIsHeldForItAndWhatItHandedOver)
{
    ASSERT_TRUE(store().hold(envelope(1, m_carol, m_neighbourA)));
    ASSERT_TRUE(store().hold(envelope(2, m_dave, m_carol)));
    ASSERT_TRUE(store().hold(envelope(3, m_dave, m_neighbourA)));
    EXPECT_EQ(store().releaseInvolving(m_carol), 2);
    EXPECT_FALSE(store().held(messageId(1)));
    EXPECT_FALSE(store().held(messageId(2)));
    ASSERT_TRUE(store().held(messageId(3))); // neither for Carol nor from her
    EXPECT_EQ(store().totalUse().count, 1);
    EXPECT_EQ(store().releaseInvolving(m_carol), 0);
}

TEST_F(RelayStoreTest, AHeldRoutingIdIsNotReplaced)
{
    ASSERT_TRUE(store().hold(envelope(1, m_carol, m_neighbourA, 100)));
    store().hold(envelope(1, m_dave, m_neighbourB, 900));
    const auto read = store().held(messageId(1));
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->recipient, m_carol);
    EXPECT_EQ(read->envelope.size(), 100U);
    EXPECT_EQ(store().totalUse().count, 1);
}

TEST_F(RelayStoreTest, ListsByRecipientInTheOrderStored)
{
    store().hold(envelope(3, m_carol, m_neighbourA));
    store().hold(envelope(1, m_carol, m_neighbourB));
    store().hold(envelope(2, m_dave, m_neighbourA));
    std::vector<MessageId> forCarol;
    for (const HeldEnvelope& held : store().heldFor(m_carol)) {
        forCarol.push_back(held.routingId);
    }
    EXPECT_EQ(forCarol, (std::vector<MessageId>{messageId(1), messageId(3)}));
    EXPECT_EQ(store().heldFor(m_dave).size(), 1U);
    EXPECT_TRUE(store().heldFor(m_neighbourA).empty());
    EXPECT_EQ(store().allHeld().size(), 3U);
}

TEST_F(RelayStoreTest, CountsUsePerHandingNeighbourAndInTotal)
{
    EXPECT_EQ(store().totalUse().count, 0);
    EXPECT_EQ(store().totalUse().bytes, 0);
    EXPECT_EQ(store().useBy(m_neighbourA).count, 0);
    store().hold(envelope(1, m_carol, m_neighbourA, 100));
    store().hold(envelope(2, m_dave, m_neighbourA, 200));
    store().hold(envelope(3, m_carol, m_neighbourB, 1000));
    EXPECT_EQ(store().useBy(m_neighbourA).count, 2);
    EXPECT_EQ(store().useBy(m_neighbourA).bytes, 300);
    EXPECT_EQ(store().useBy(m_neighbourB).count, 1);
    EXPECT_EQ(store().useBy(m_neighbourB).bytes, 1000);
    EXPECT_EQ(store().totalUse().count, 3);
    EXPECT_EQ(store().totalUse().bytes, 1300);

    const auto byOrigin = store().useByOrigin();
    ASSERT_EQ(byOrigin.size(), 2U);
    EXPECT_EQ(byOrigin[0].first, m_neighbourA);
    EXPECT_EQ(byOrigin[0].second.bytes, 300);
    EXPECT_EQ(byOrigin[1].first, m_neighbourB);
    EXPECT_EQ(byOrigin[1].second.count, 1);

    store().release(messageId(2));
    EXPECT_EQ(store().useBy(m_neighbourA).bytes, 100);
}

TEST_F(RelayStoreTest, RecordsEachRoutingIdOnce)
{
    EXPECT_FALSE(store().seen(messageId(1)).has_value());
    EXPECT_TRUE(store().markSeen(messageId(1), m_carol, kNow, kNow + kHour));
    EXPECT_FALSE(store().markSeen(messageId(1), m_dave, kNow + 5, kNow + 2 * kHour));
    const auto seen = store().seen(messageId(1));
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->recipient, m_carol);
    EXPECT_EQ(seen->firstSeenMs, kNow);
    EXPECT_FALSE(seen->delivered);

    EXPECT_TRUE(store().markDelivered(messageId(1)));
    EXPECT_TRUE(store().seen(messageId(1))->delivered);
    EXPECT_FALSE(store().markDelivered(messageId(2))); // never seen
    EXPECT_FALSE(store().seen(messageId(2)).has_value());
}

TEST_F(RelayStoreTest, PruneForgetsWhatExpired)
{
    store().hold(envelope(1, m_carol, m_neighbourA, 100, kNow + 1000));
    store().hold(envelope(2, m_carol, m_neighbourA, 100, kNow + 2000));
    store().markSeen(messageId(1), m_carol, kNow, kNow + 1000);
    store().markSeen(messageId(2), m_carol, kNow, kNow + 2000);
    store().markSeen(messageId(3), m_dave, kNow, kNow + 1000);

    EXPECT_EQ(store().prune(kNow + 999), 0);
    EXPECT_EQ(store().totalUse().count, 2);
    EXPECT_EQ(store().prune(kNow + 1000), 1);
    EXPECT_FALSE(store().held(messageId(1)).has_value());
    EXPECT_TRUE(store().held(messageId(2)).has_value());
    EXPECT_FALSE(store().seen(messageId(1)).has_value());
    EXPECT_FALSE(store().seen(messageId(3)).has_value());
    EXPECT_TRUE(store().seen(messageId(2)).has_value());
    EXPECT_EQ(store().useBy(m_neighbourA).bytes, 100);

    EXPECT_EQ(store().prune(kNow + 2000), 1);
    EXPECT_EQ(store().totalUse().count, 0);
    EXPECT_FALSE(store().seen(messageId(2)).has_value());
}

TEST_F(RelayStoreTest, SeenSetIsBounded)
{
    RelayStore bounded(db(), 8);
    // Inserted out of expiry order: those that expire soonest go first.
    for (std::uint8_t i = 1; i <= 20; ++i) {
        const std::int64_t expires = kNow + kHour + ((i * 7) % 20) * 1000LL;
        EXPECT_TRUE(bounded.markSeen(messageId(i), m_carol, kNow + i, expires));
    }
    int kept = 0;
    for (std::uint8_t i = 1; i <= 20; ++i) {
        const bool latest = (i * 7) % 20 >= 12;
        EXPECT_EQ(bounded.seen(messageId(i)).has_value(), latest) << int{i};
        kept += bounded.seen(messageId(i)).has_value() ? 1 : 0;
    }
    EXPECT_EQ(kept, 8);
    // A repeat is still recognised and takes no room.
    EXPECT_FALSE(bounded.markSeen(messageId(16), m_carol, kNow, kNow + 2 * kHour));
    EXPECT_TRUE(bounded.seen(messageId(2)).has_value());
}

TEST_F(RelayStoreTest, SeenSetBoundHoldsAcrossPrunesAndRestarts)
{
    {
        RelayStore bounded(db(), 4);
        for (std::uint8_t i = 1; i <= 6; ++i) {
            bounded.markSeen(messageId(i), m_carol, kNow, kNow + i * 1000LL);
        }
        EXPECT_EQ(bounded.prune(kNow + 3000), 0); // 1 and 2 went to the bound, 3 to expiry
    }
    RelayStore reopened(db(), 4);
    for (std::uint8_t i = 7; i <= 9; ++i) {
        reopened.markSeen(messageId(i), m_carol, kNow, kNow + i * 1000LL);
    }
    int kept = 0;
    for (std::uint8_t i = 1; i <= 9; ++i) {
        kept += reopened.seen(messageId(i)).has_value() ? 1 : 0;
    }
    EXPECT_EQ(kept, 4);
    for (std::uint8_t i = 6; i <= 9; ++i) {
        EXPECT_TRUE(reopened.seen(messageId(i)).has_value()) << int{i};
    }
}

TEST_F(RelayStoreTest, EverythingSurvivesReopeningTheDatabase)
{
    confab::test::TempDir dir;
    const QString path = dir.path(QStringLiteral("relay.db"));
    {
        auto opened = Database::open(path);
        ASSERT_TRUE(opened);
        RelayStore first(*opened.value());
        ASSERT_TRUE(first.hold(envelope(1, m_carol, m_neighbourA)));
        ASSERT_TRUE(first.markSeen(messageId(1), m_carol, kNow, kNow + kHour));
        ASSERT_TRUE(first.markSeen(messageId(2), m_dave, kNow, kNow + kHour));
        ASSERT_TRUE(first.markDelivered(messageId(2)));
    }
    auto reopened = Database::open(path);
    ASSERT_TRUE(reopened);
    RelayStore second(*reopened.value());
    EXPECT_EQ(second.held(messageId(1))->envelope, envelope(1, m_carol, m_neighbourA).envelope);
    EXPECT_FALSE(second.markSeen(messageId(1), m_carol, kNow, kNow + kHour));
    ASSERT_TRUE(second.seen(messageId(2)).has_value());
    EXPECT_TRUE(second.seen(messageId(2))->delivered);
}

} // namespace
} // namespace confab::storage
