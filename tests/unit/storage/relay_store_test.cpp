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

} // namespace
} // namespace confab::storage
