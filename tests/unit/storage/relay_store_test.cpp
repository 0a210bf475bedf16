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

} // namespace
} // namespace confab::storage
