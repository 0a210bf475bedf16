#include "storage/event_log.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

class EventLogTest : public test::StoreTest {};

TEST_F(EventLogTest, AppendReturnsTheStoredEvent)
{
    EventLog log(db());
    const EventRecord first =
        log.append(QStringLiteral("peer-connected"), peer(7), QStringLiteral("10.0.0.1:1"), 42);
    const EventRecord second =
        log.append(QStringLiteral("security"), std::nullopt, QStringLiteral("bad key"), 43);
    EXPECT_GT(first.seq, 0);
    EXPECT_GT(second.seq, first.seq);

    const auto events = log.recent(10);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].seq, first.seq);
    EXPECT_EQ(events[0].kind, QStringLiteral("peer-connected"));
    ASSERT_TRUE(events[0].peer);
    EXPECT_EQ(*events[0].peer, peer(7));
    EXPECT_EQ(events[0].detail, QStringLiteral("10.0.0.1:1"));
    EXPECT_EQ(events[0].atMs, 42);
    EXPECT_FALSE(events[1].peer);
    EXPECT_EQ(events[1].kind, QStringLiteral("security"));
}

TEST_F(EventLogTest, EventWithoutDetailIsKept)
{
    EventLog log(db());
    const EventRecord event = log.append(QStringLiteral("peer-connected"), peer(1), QString(), 5);
    EXPECT_GT(event.seq, 0);
    const auto events = log.recent(10);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_TRUE(events[0].detail.isEmpty());
}

TEST_F(EventLogTest, RecentIsTheNewestOldestFirst)
{
    EventLog log(db());
    for (int i = 0; i < 5; ++i) {
        log.append(QStringLiteral("e%1").arg(i), std::nullopt, QString(), i);
    }
    const auto events = log.recent(2);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, QStringLiteral("e3"));
    EXPECT_EQ(events[1].kind, QStringLiteral("e4"));
}

TEST_F(EventLogTest, PrunesToTheNewestKKeep)
{
    EventLog log(db());
    constexpr int kExtra = 25;
    for (int i = 0; i < EventLog::kKeep + kExtra; ++i) {
        log.append(QStringLiteral("event"), std::nullopt, QString::number(i), i);
    }
    const auto events = log.recent(EventLog::kKeep * 2);
    ASSERT_EQ(events.size(), static_cast<std::size_t>(EventLog::kKeep));
    EXPECT_EQ(events.front().detail, QString::number(kExtra));
    EXPECT_EQ(events.back().detail, QString::number(EventLog::kKeep + kExtra - 1));
}

} // namespace
} // namespace confab::storage
