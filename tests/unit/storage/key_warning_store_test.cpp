#include "storage/database.h"
#include "storage/key_warning_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

class KeyWarningStoreTest : public test::StoreTest {};

TEST_F(KeyWarningStoreTest, RaisedWarningIsPendingUntilAcknowledged)
{
    KeyWarningStore warnings(db());
    const PeerId alice = peer(0xA1);
    EXPECT_FALSE(warnings.pending(alice));
    EXPECT_FALSE(warnings.acknowledge(alice, 50)); // nothing to acknowledge

    ASSERT_TRUE(warnings.raise(alice, QStringLiteral("presented a different identity key"), 100));
    const auto pending = warnings.pending(alice);
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->peer, alice);
    EXPECT_EQ(pending->raisedMs, 100);
    EXPECT_EQ(pending->detail, QStringLiteral("presented a different identity key"));
    EXPECT_FALSE(warnings.pending(peer(0xB0))); // only the peer it concerns

    EXPECT_TRUE(warnings.acknowledge(alice, 200));
    EXPECT_FALSE(warnings.pending(alice));
    EXPECT_FALSE(warnings.acknowledge(alice, 300)); // already acknowledged
}

TEST_F(KeyWarningStoreTest, ANewEventReArmsAnAcknowledgedWarning)
{
    KeyWarningStore warnings(db());
    const PeerId alice = peer(0xA1);
    ASSERT_TRUE(warnings.raise(alice, QStringLiteral("first"), 100));
    ASSERT_TRUE(warnings.acknowledge(alice, 150));

    ASSERT_TRUE(warnings.raise(alice, QStringLiteral("second"), 400));
    const auto pending = warnings.pending(alice);
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->raisedMs, 400);
    EXPECT_EQ(pending->detail, QStringLiteral("second"));
}

TEST_F(KeyWarningStoreTest, RaisingTwiceKeepsOneWarningWithTheNewestEvent)
{
    KeyWarningStore warnings(db());
    ASSERT_TRUE(warnings.raise(peer(0xA1), QStringLiteral("one"), 100));
    ASSERT_TRUE(warnings.raise(peer(0xA1), QStringLiteral("two"), 200));
    ASSERT_TRUE(warnings.raise(peer(0xB0), QString(), 150)); // a null detail is stored as ''
    const auto all = warnings.allPending();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].peer, peer(0xB0)); // oldest first
    EXPECT_EQ(all[0].detail, QString());
    EXPECT_EQ(all[1].peer, peer(0xA1));
    EXPECT_EQ(all[1].detail, QStringLiteral("two"));
}

TEST(KeyWarningStoreRestart, AcknowledgementSurvivesReopening)
{
    confab::test::TempDir dir;
    const QString path = dir.path(QStringLiteral("confab.db"));
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(0xC3);
    const PeerId carol(bytes);
    {
        auto db = Database::open(path);
        ASSERT_TRUE(db);
        KeyWarningStore warnings(*db.value());
        ASSERT_TRUE(warnings.raise(carol, QStringLiteral("x"), 1));
        ASSERT_TRUE(
            warnings.raise(PeerId(std::array<std::uint8_t, PeerId::kSize>{}), QStringLiteral("y"), 2));
        ASSERT_TRUE(warnings.acknowledge(carol, 3));
    }
    auto db = Database::open(path);
    ASSERT_TRUE(db);
    KeyWarningStore warnings(*db.value());
    EXPECT_FALSE(warnings.pending(carol));
    EXPECT_EQ(warnings.allPending().size(), 1u);
}

} // namespace
} // namespace confab::storage
