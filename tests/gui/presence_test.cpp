// Presence and typing in the window: the status button and menu, what peers
// say of themselves in the list and the header, "busy" keeping
// notifications away, "away" after idle time, and the composer telling the
// peer that the user types. Against peers on a simulated LAN.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "presence_control.h"
#include "support/wait.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"
#include "widgets/tray_icon.h"

#include <QMenu>
#include <QSignalSpy>
#include <QToolButton>

using namespace confab;

class PresenceTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aPeerSaysBusyAndTheListAndHeaderSayIt();
    void choosingBusyTellsPeersAndKeepsNotificationsAway();
    void idleTimeTurnsAvailableIntoAwayUntilTheUserIsBack();
    void idleTimeLeavesAChosenStatusAlone();
    void typingInTheComposerTellsThePeerAndSendingStopsIt();
    void aPeerTypingShowsInTheListAndHeader();
    void cleanupTestCase();

private:
    [[nodiscard]] QString bobAsListed() const;
    [[nodiscard]] std::optional<api::Presence> aliceAsBobSeesHer() const;
    [[nodiscard]] bool bobSeesAliceTyping() const;
    void sendFromBob(const QString& text);

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
    ui::PresenceControl* m_presence = nullptr;
};

void PresenceTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    m_presence = m_window->presenceControl();
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 1 && bobAsListed() == QStringLiteral("online"));
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Available);
}

QString PresenceTest::bobAsListed() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
    return row ? m_window->peerModel()->presenceText(m_window->peerModel()->at(*row)) : QString();
}

std::optional<api::Presence> PresenceTest::aliceAsBobSeesHer() const
{
    for (const api::PeerView& view : m_bob.node().peers()) {
        if (view.record.id == m_alice.id) {
            return view.presence;
        }
    }
    return std::nullopt;
}

bool PresenceTest::bobSeesAliceTyping() const
{
    for (const api::PeerView& view : m_bob.node().peers()) {
        if (view.record.id == m_alice.id) {
            return view.typing;
        }
    }
    return false;
}

void PresenceTest::sendFromBob(const QString& text)
{
    m_bob.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
}

void PresenceTest::aPeerSaysBusyAndTheListAndHeaderSayIt()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_bob.client->call(
        [](api::Node& node) { node.setPresence(api::Presence::Busy, api::Node::PresenceOrigin::Chosen); });
    SIM_COMPARE(m_lan, bobAsListed(), QStringLiteral("busy"));
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
    QVERIFY(row);
    const QModelIndex index = m_window->peerModel()->index(*row);
    QCOMPARE(index.data(ui::PeerListModel::PresenceRole).toInt(), static_cast<int>(api::Presence::Busy));
    QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("busy")));
    SIM_VERIFY(m_lan, m_window->header()->presenceText().contains(QStringLiteral("busy")));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("presence-busy-peer.png")));

    m_bob.client->call([](api::Node& node) {
        node.setPresence(api::Presence::Available, api::Node::PresenceOrigin::Chosen);
    });
    SIM_COMPARE(m_lan, bobAsListed(), QStringLiteral("online"));
}

void PresenceTest::choosingBusyTellsPeersAndKeepsNotificationsAway()
{
    QToolButton* button = m_presence->button();
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Available"));
    QVERIFY(!button->accessibleName().isEmpty());
    // The File menu holds the same choices, for the keyboard.
    QMenu* menu = m_presence->menu();
    QVERIFY(menu->menuAction()->isVisible());
    QAction* busy = menu->actions().at(2);
    QVERIFY(busy->text().contains(QStringLiteral("Busy")));

    busy->trigger();
    QCOMPARE(button->text(), QStringLiteral("Busy"));
    QVERIFY(m_window->trayIcon()->isQuiet());
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Busy);
    SIM_VERIFY(m_lan, m_alice.node().presence() == api::Presence::Busy);

    // A message while busy: stored and listed, but no notification.
    m_window->hide(); // not looking: a notification would be due
    QSignalSpy notified(m_window->trayIcon(), &ui::TrayIcon::notified);
    sendFromBob(QStringLiteral("are you free?"));
    SIM_VERIFY(m_lan, m_alice.node().history(m_bob.id, 10).size() == 1);
    m_lan.runFor(1000);
    QCOMPARE(notified.size(), 0);

    // Available again: the next one notifies.
    menu->actions().at(0)->trigger();
    QVERIFY(!m_window->trayIcon()->isQuiet());
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Available);
    sendFromBob(QStringLiteral("hello?"));
    SIM_VERIFY(m_lan, notified.size() == 1);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void PresenceTest::idleTimeTurnsAvailableIntoAwayUntilTheUserIsBack()
{
    QCOMPARE(m_presence->current(), api::Presence::Available);
    m_presence->setIdleLimitMs(50); // real time: the idle timer is the window's own
    QTRY_VERIFY_WITH_TIMEOUT(m_presence->isAwayForIdle(), test::kPatienceMs);
    QCOMPARE(m_presence->button()->text(), QStringLiteral("Away"));
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Away);

    m_presence->setIdleLimitMs(0); // no second idle while the test types
    QTest::mouseMove(m_window.get(), QPoint(10, 10));
    QTest::keyClick(m_window.get(), Qt::Key_Shift);
    QVERIFY(!m_presence->isAwayForIdle());
    QCOMPARE(m_presence->current(), api::Presence::Available);
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Available);
    // Idle is for this run: the profile keeps the choice made before it.
    SIM_VERIFY(m_lan, m_alice.node().presence() == api::Presence::Available);
}

void PresenceTest::idleTimeLeavesAChosenStatusAlone()
{
    m_presence->choose(api::Presence::Busy);
    m_presence->setIdleLimitMs(50);
    QTest::qWait(300); // several idle times
    QVERIFY(!m_presence->isAwayForIdle());
    QCOMPARE(m_presence->current(), api::Presence::Busy);
    m_presence->setIdleLimitMs(0);
    m_presence->choose(api::Presence::Available);
    SIM_VERIFY(m_lan, aliceAsBobSeesHer() == api::Presence::Available);
}

void PresenceTest::typingInTheComposerTellsThePeerAndSendingStopsIt()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::Composer* composer = m_window->composer();
    SIM_VERIFY(m_lan, composer->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("on my way"));
    SIM_VERIFY(m_lan, bobSeesAliceTyping());
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, !bobSeesAliceTyping());
    SIM_VERIFY(m_lan, m_bob.node().history(m_alice.id, 10).size() == 3);

    // Typed, then deleted: stopped at once, not after the idle time.
    QTest::keyClicks(composer, QStringLiteral("x"));
    SIM_VERIFY(m_lan, bobSeesAliceTyping());
    QTest::keyClick(composer, Qt::Key_Backspace);
    SIM_VERIFY(m_lan, !bobSeesAliceTyping());
}

void PresenceTest::aPeerTypingShowsInTheListAndHeader()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_bob.client->call([alice = m_alice.id](api::Node& node) { node.setTyping(alice, true); });
    SIM_COMPARE(m_lan, bobAsListed(), QStringLiteral("typing…"));
    SIM_VERIFY(m_lan, m_window->header()->presenceText().contains(QStringLiteral("typing…")));
    // The peer stops; the indicator goes.
    m_bob.client->call([alice = m_alice.id](api::Node& node) { node.setTyping(alice, false); });
    SIM_COMPARE(m_lan, bobAsListed(), QStringLiteral("online"));
}

void PresenceTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(PresenceTest)
#include "presence_test.moc"
