#include "support/qt_environment.h"
#include "support/virtual_clock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>

#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace confab::test {
namespace {

// What fired, and when in virtual time.
struct Firing {
    std::string name;
    std::int64_t atMs = 0;
    bool operator==(const Firing&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Firing& firing)
{
    return out << firing.name << "@" << firing.atMs;
}

// Posts calls the way Qt posts queued calls and deferred deletes: they run
// when the loop next sends posted events.
class PostedCalls : public QObject {
public:
    void post(std::function<void()> call)
    {
        QCoreApplication::postEvent(this, new CallEvent(std::move(call)));
    }

protected:
    void customEvent(QEvent* event) override { static_cast<CallEvent*>(event)->call(); }

private:
    struct CallEvent : QEvent {
        explicit CallEvent(std::function<void()> f) : QEvent(QEvent::User), call(std::move(f)) {}
        std::function<void()> call;
    };
};

class VirtualClockTest : public ::testing::Test {
protected:
    std::unique_ptr<Timer> recorder(const std::string& name)
    {
        return m_clock.createTimer([this, name] { m_fired.push_back({name, m_clock.monotonicMs()}); });
    }

    VirtualClock m_clock;
    std::vector<Firing> m_fired;
};

TEST_F(VirtualClockTest, TimersFireInDeadlineOrderAtTheirExactTimes)
{
    auto a = recorder("a");
    auto b = recorder("b");
    auto c = recorder("c");
    a->start(300);
    b->start(100);
    c->start(200);
    EXPECT_EQ(m_clock.armedTimers(), 3u);
    EXPECT_EQ(m_clock.nextDeadline(), 100);
    runFor(m_clock, 1000);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"b", 100}, {"c", 200}, {"a", 300}}));
    EXPECT_EQ(m_clock.monotonicMs(), 1000);
    EXPECT_EQ(m_clock.firedTimers(), 3u);
    EXPECT_EQ(m_clock.armedTimers(), 0u);
    EXPECT_FALSE(a->isActive());
}

TEST_F(VirtualClockTest, TimersDueTogetherFireInTheOrderTheyWereArmed)
{
    auto first = recorder("first");
    auto second = recorder("second");
    auto third = recorder("third");
    third->start(50);
    first->start(50);
    second->start(50);
    runFor(m_clock, 50);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"third", 50}, {"first", 50}, {"second", 50}}));

    // Re-arming puts a timer behind the others due at the same moment.
    m_fired.clear();
    first->start(10);
    second->start(10);
    third->start(10);
    first->start(10);
    runFor(m_clock, 10);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"second", 60}, {"third", 60}, {"first", 60}}));
}

TEST_F(VirtualClockTest, ZeroDelayFiresAfterTheCurrentCallbackAtTheSameTime)
{
    auto later = recorder("zero");
    auto now = m_clock.createTimer([&] {
        later->start(0);
        m_fired.push_back({"caller", m_clock.monotonicMs()});
    });
    now->start(25);
    runFor(m_clock, 100);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"caller", 25}, {"zero", 25}}));
}

TEST_F(VirtualClockTest, NegativeDelayCountsAsZero)
{
    auto timer = recorder("t");
    runFor(m_clock, 10);
    timer->start(-500);
    runFor(m_clock, 5);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"t", 10}}));
}

TEST_F(VirtualClockTest, RepeatingTimerFiresEveryIntervalUntilStopped)
{
    auto timer = recorder("tick");
    timer->startRepeating(250);
    runFor(m_clock, 1000);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"tick", 250}, {"tick", 500}, {"tick", 750}, {"tick", 1000}}));
    EXPECT_TRUE(timer->isActive());
    timer->stop();
    EXPECT_FALSE(timer->isActive());
    EXPECT_EQ(m_clock.armedTimers(), 0u);
    runFor(m_clock, 1000);
    EXPECT_EQ(m_fired.size(), 4u);
}

TEST_F(VirtualClockTest, RepeatingTimerStoppedInItsOwnCallbackFiresNoMore)
{
    int count = 0;
    std::unique_ptr<Timer> timer;
    timer = m_clock.createTimer([&] {
        if (++count == 3) {
            timer->stop();
        }
    });
    timer->startRepeating(100);
    runFor(m_clock, 1000);
    EXPECT_EQ(count, 3);
    EXPECT_FALSE(timer->isActive());
}

TEST_F(VirtualClockTest, StartInsideARepeatingCallbackMakesItASingleShot)
{
    std::unique_ptr<Timer> timer;
    timer = m_clock.createTimer([&] {
        m_fired.push_back({"t", m_clock.monotonicMs()});
        if (m_fired.size() == 2) {
            timer->start(30);
        }
    });
    timer->startRepeating(100);
    runFor(m_clock, 1000);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"t", 100}, {"t", 200}, {"t", 230}}));
}

TEST_F(VirtualClockTest, TimerDestroyedInsideItsOwnCallback)
{
    int count = 0;
    std::unique_ptr<Timer> timer;
    timer = m_clock.createTimer([&] {
        ++count;
        timer.reset(); // the callback's owner goes away while it runs
    });
    timer->startRepeating(10);
    runFor(m_clock, 100);
    EXPECT_EQ(count, 1);
    EXPECT_EQ(m_clock.armedTimers(), 0u);
}

TEST_F(VirtualClockTest, TimerDestroyedByAnotherDueAtTheSameTimeNeverFires)
{
    auto victim = recorder("victim");
    auto killer = m_clock.createTimer([&] { victim.reset(); });
    killer->start(10);
    victim->start(10);
    runFor(m_clock, 100);
    EXPECT_TRUE(m_fired.empty());
    EXPECT_EQ(m_clock.armedTimers(), 0u);
}

TEST_F(VirtualClockTest, StopDisarmsAndStartCountsFromNow)
{
    auto timer = recorder("t");
    timer->start(100);
    runFor(m_clock, 40);
    EXPECT_TRUE(timer->isActive());
    timer->stop();
    timer->stop(); // harmless twice
    EXPECT_FALSE(timer->isActive());
    runFor(m_clock, 200);
    EXPECT_TRUE(m_fired.empty());

    timer->start(100); // at 240
    runFor(m_clock, 50);
    timer->start(100); // restarting an active timer moves its deadline
    EXPECT_EQ(m_clock.armedTimers(), 1u);
    runFor(m_clock, 500);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"t", 390}}));
}

TEST_F(VirtualClockTest, DestroyingAnArmedTimerDisarmsIt)
{
    {
        auto timer = recorder("t");
        timer->start(10);
        EXPECT_EQ(m_clock.armedTimers(), 1u);
    }
    EXPECT_EQ(m_clock.armedTimers(), 0u);
    EXPECT_FALSE(m_clock.nextDeadline());
    runFor(m_clock, 100);
    EXPECT_TRUE(m_fired.empty());
}

TEST(VirtualClock, WallTimeMovesWithMonotonicTime)
{
    VirtualClock clock(5000);
    EXPECT_EQ(clock.wallMs(), 5000);
    EXPECT_EQ(clock.monotonicMs(), 0);
    runFor(clock, 1234);
    EXPECT_EQ(clock.wallMs(), 6234);
    EXPECT_EQ(clock.monotonicMs(), 1234);
    EXPECT_EQ(VirtualClock().wallMs(), VirtualClock::kDefaultWallStartMs);

    const Stopwatch stopwatch(clock);
    runFor(clock, 66);
    EXPECT_EQ(stopwatch.elapsedMs(), 66);
}

TEST(VirtualClock, FireNextStopsAtItsLimitAndTimeNeverGoesBack)
{
    VirtualClock clock;
    int fired = 0;
    auto timer = clock.createTimer([&] { ++fired; });
    timer->start(100);
    EXPECT_FALSE(clock.fireNext(99));
    EXPECT_EQ(clock.monotonicMs(), 0);
    EXPECT_TRUE(clock.fireNext(100));
    EXPECT_EQ(clock.monotonicMs(), 100);
    EXPECT_EQ(fired, 1);
    EXPECT_FALSE(clock.fireNext(1'000'000));
    EXPECT_EQ(clock.monotonicMs(), 100);

    clock.advanceTo(50);
    EXPECT_EQ(clock.monotonicMs(), 100);
    clock.advanceTo(150);
    EXPECT_EQ(clock.monotonicMs(), 150);
    EXPECT_EQ(fired, 1); // advancing fires nothing by itself
}

TEST_F(VirtualClockTest, RunUntilStopsWhenTheConditionHoldsAtThatMoment)
{
    bool done = false;
    auto timer = m_clock.createTimer([&] { done = true; });
    timer->start(300);
    auto after = recorder("after");
    after->start(301);
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return done; }, 1000));
    EXPECT_EQ(m_clock.monotonicMs(), 300); // not the limit
    EXPECT_TRUE(m_fired.empty());
}

TEST_F(VirtualClockTest, RunUntilGivesUpAtExactlyTheLimit)
{
    auto atLimit = recorder("at limit");
    auto beyond = recorder("beyond");
    runFor(m_clock, 500);
    atLimit->start(1000);
    beyond->start(1001);
    EXPECT_FALSE(runUntil(
        m_clock, [] { return false; }, 1000)); // the limit counts from now
    EXPECT_EQ(m_clock.monotonicMs(), 1500);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"at limit", 1500}})); // due at the limit: fired
    EXPECT_TRUE(beyond->isActive());
}

TEST_F(VirtualClockTest, RunUntilFiresNothingWhenTheConditionAlreadyHolds)
{
    auto timer = recorder("t");
    timer->start(0);
    EXPECT_TRUE(runUntil(
        m_clock, [] { return true; }, 1000));
    EXPECT_EQ(m_clock.monotonicMs(), 0);
    EXPECT_TRUE(m_fired.empty());
}

TEST_F(VirtualClockTest, PostedEventsRunBeforeTimeMoves)
{
    PostedCalls calls;
    auto timer = recorder("timer");
    timer->start(1);
    // A posted call that posts another, which deletes an object later: all
    // of it belongs to time 0, before the timer due at 1 ms.
    auto* doomed = new QObject;
    std::int64_t deletedAt = -1;
    QObject::connect(doomed, &QObject::destroyed, [&] { deletedAt = m_clock.monotonicMs(); });
    calls.post([&] {
        m_fired.push_back({"first call", m_clock.monotonicMs()});
        calls.post([&] {
            m_fired.push_back({"second call", m_clock.monotonicMs()});
            doomed->deleteLater();
        });
    });
    runFor(m_clock, 10);
    EXPECT_EQ(m_fired, (std::vector<Firing>{{"first call", 0}, {"second call", 0}, {"timer", 1}}));
    EXPECT_EQ(deletedAt, 0);
}

TEST_F(VirtualClockTest, ConditionMetByAPostedEventStopsBeforeTheNextTimer)
{
    PostedCalls calls;
    bool done = false;
    auto timer = recorder("timer");
    timer->start(0);
    calls.post([&] { calls.post([&] { done = true; }); });
    EXPECT_TRUE(runUntil(
        m_clock, [&] { return done; }, 100));
    EXPECT_TRUE(m_fired.empty());
}

} // namespace
} // namespace confab::test
