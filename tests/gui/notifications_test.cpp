// Notifications through the desktop's notification service: what is asked
// for (text, buttons, sound), what its buttons do, the tray's balloon where
// no service runs, and nothing while quiet. On a private session bus with a
// notification service of the test's own; the window against peers on a
// simulated LAN.
#include "crypto/sodium_init.h"
#include "fake_notification_service.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "support/wait.h"
#include "widgets/main_window.h"
#include "widgets/tray_icon.h"

#include <QSignalSpy>

using namespace confab;

class NotificationsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aMessageAsksForTextReplyAndASound();
    void aCallHasAnswerAndDecline();
    void aClickOpensWhatItIsAbout();
    void withoutSoundItAsksForSilence();
    void quietShowsNothing();
    void withoutAServiceTheTrayStandsIn();
    void aReplyTypedIntoTheNotificationIsSent();
    void cleanupTestCase();

private:
    [[nodiscard]] const ui::test::FakeNotificationService::Shown& last() const
    {
        return m_service.shown.back();
    }
    bool waitForShown(std::size_t count);

    std::unique_ptr<ui::test::PrivateBus> m_bus;
    ui::test::FakeNotificationService m_service;
    std::unique_ptr<ui::TrayIcon> m_tray;
    PeerId m_peer;
};

void NotificationsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    m_bus = std::make_unique<ui::test::PrivateBus>();
    if (m_bus->address().isEmpty()) {
        QSKIP("dbus-daemon could not start: no session bus to test on");
    }
    QVERIFY(m_service.serveOn(m_bus->connect(QStringLiteral("service"))));
    m_tray = std::make_unique<ui::TrayIcon>(m_bus->connect(QStringLiteral("app")), nullptr);
    m_peer = *PeerId::fromBytes(std::vector<std::uint8_t>(20, 7));
}

bool NotificationsTest::waitForShown(std::size_t count)
{
    return QTest::qWaitFor([&] { return m_service.shown.size() >= count; }, test::kPatienceMs);
}

void NotificationsTest::aMessageAsksForTextReplyAndASound()
{
    m_tray->notifyMessage(QStringLiteral("Bob"), QStringLiteral("Lunch?"), m_peer);
    QVERIFY(waitForShown(1));
    QCOMPARE(last().title, QStringLiteral("Bob"));
    QCOMPARE(last().body, QStringLiteral("Lunch?"));
    QCOMPARE(last().actions, (QStringList{QStringLiteral("default"), QStringLiteral("Open"),
                                          QStringLiteral("reply"), QStringLiteral("Reply")}));
    QCOMPARE(last().hints.value(QStringLiteral("category")).toString(), QStringLiteral("im.received"));
    QCOMPARE(last().hints.value(QStringLiteral("sound-name")).toString(),
             QStringLiteral("message-new-instant"));
    QCOMPARE(last().hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("confab"));

    // Reply without a reply field: the conversation is to open, ready to write.
    QSignalSpy reply(m_tray.get(), &ui::TrayIcon::replyRequested);
    emit m_service.ActionInvoked(last().id, QStringLiteral("reply"));
    QVERIFY(reply.wait(test::kPatienceMs));
    QCOMPARE(reply.first().at(0).value<PeerId>(), m_peer);
    QVERIFY(reply.first().at(1).toString().isEmpty());
}

void NotificationsTest::aCallHasAnswerAndDecline()
{
    const std::size_t before = m_service.shown.size();
    m_tray->notifyIncomingCall(QStringLiteral("Incoming call"), QStringLiteral("Bob is calling you."),
                               m_peer);
    QVERIFY(waitForShown(before + 1));
    QCOMPARE(last().actions,
             (QStringList{QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("answer"),
                          QStringLiteral("Answer"), QStringLiteral("decline"), QStringLiteral("Decline")}));
    QCOMPARE(last().hints.value(QStringLiteral("category")).toString(), QStringLiteral("call.incoming"));
    QCOMPARE(last().replacesId, m_service.shown.at(before - 1).id); // it takes the last one's place

    QSignalSpy answer(m_tray.get(), &ui::TrayIcon::answerRequested);
    QSignalSpy decline(m_tray.get(), &ui::TrayIcon::declineRequested);
    emit m_service.ActionInvoked(last().id, QStringLiteral("answer"));
    QVERIFY(answer.wait(test::kPatienceMs));
    QCOMPARE(answer.first().at(0).value<PeerId>(), m_peer);
    emit m_service.ActionInvoked(last().id, QStringLiteral("decline"));
    QVERIFY(decline.wait(test::kPatienceMs));
    // Another application's notification is none of ours.
    emit m_service.ActionInvoked(last().id + 100, QStringLiteral("answer"));
    QTest::qWait(100);
    QCOMPARE(answer.size(), 1);
}

void NotificationsTest::aClickOpensWhatItIsAbout()
{
    const std::size_t before = m_service.shown.size();
    QSignalSpy conversation(m_tray.get(), &ui::TrayIcon::conversationRequested);
    QSignalSpy room(m_tray.get(), &ui::TrayIcon::roomRequested);
    m_tray->notify(QStringLiteral("Files from Bob"), QStringLiteral("2 files"), m_peer);
    QVERIFY(waitForShown(before + 1));
    emit m_service.ActionInvoked(last().id, QStringLiteral("default"));
    QVERIFY(conversation.wait(test::kPatienceMs));
    QCOMPARE(conversation.first().at(0).value<PeerId>(), m_peer);

    m_tray->notifyAboutRoom(QStringLiteral("Design review"), QStringLiteral("Carol: hi"),
                            QStringLiteral("ab12"));
    QVERIFY(waitForShown(before + 2));
    emit m_service.ActionInvoked(last().id, QStringLiteral("default"));
    QVERIFY(room.wait(test::kPatienceMs));
    QCOMPARE(room.first().at(0).toString(), QStringLiteral("ab12"));
}

void NotificationsTest::withoutSoundItAsksForSilence()
{
    const std::size_t before = m_service.shown.size();
    m_tray->setSound(false);
    m_tray->notifyMessage(QStringLiteral("Bob"), QStringLiteral("psst"), m_peer);
    QVERIFY(waitForShown(before + 1));
    QVERIFY(last().hints.value(QStringLiteral("suppress-sound")).toBool());
    QVERIFY(!last().hints.contains(QStringLiteral("sound-name")));
    m_tray->setSound(true);
}

void NotificationsTest::quietShowsNothing()
{
    const std::size_t before = m_service.shown.size();
    QSignalSpy notified(m_tray.get(), &ui::TrayIcon::notified);
    m_tray->setQuiet(true);
    m_tray->notifyMessage(QStringLiteral("Bob"), QStringLiteral("are you there?"), m_peer);
    m_tray->notifyIncomingCall(QStringLiteral("Incoming call"), QStringLiteral("Bob"), m_peer);
    QTest::qWait(200);
    QCOMPARE(m_service.shown.size(), before);
    QCOMPARE(notified.size(), 0);
    m_tray->setQuiet(false);
}

void NotificationsTest::withoutAServiceTheTrayStandsIn()
{
    // A bus with no notification service: the tray's balloon (here, where
    // no tray shows, only the signal) stands in, and nothing is lost.
    ui::test::PrivateBus emptyBus;
    QVERIFY(!emptyBus.address().isEmpty());
    ui::TrayIcon tray(emptyBus.connect(QStringLiteral("lonely")), nullptr);
    QSignalSpy notified(&tray, &ui::TrayIcon::notified);
    tray.notifyMessage(QStringLiteral("Bob"), QStringLiteral("hello"), m_peer);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(1).toString(), QStringLiteral("hello"));
}

void NotificationsTest::aReplyTypedIntoTheNotificationIsSent()
{
    // The whole window, its notifications on the private bus, against a
    // simulated Bob; the service offers a reply field.
    m_service.capabilities << QStringLiteral("inline-reply");
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus->address().toUtf8());
    ui::test::SimLan lan;
    ui::test::SimLan::Peer& alice = lan.addPeer(QStringLiteral("Alice"));
    ui::test::SimLan::Peer& bob = lan.addPeer(QStringLiteral("Bob"));
    QVERIFY(lan.start(alice));
    auto window = ui::test::openMainWindow(alice);
    QVERIFY(window);
    QVERIFY(lan.start(bob, {alice.endpoint()}));
    SIM_VERIFY(lan, window->peerModel()->rowCount() == 1);
    window->hide(); // not looking: a message notifies

    const std::size_t before = m_service.shown.size();
    bob.client->call([to = alice.id](api::Node& node) { node.sendText(to, QStringLiteral("Coffee?")); });
    SIM_VERIFY(lan, m_service.shown.size() == before + 1);
    QCOMPARE(last().body, QStringLiteral("Coffee?"));
    QVERIFY(last().actions.contains(QStringLiteral("inline-reply")));

    emit m_service.NotificationReplied(last().id, QStringLiteral("Yes, in five"));
    SIM_VERIFY(lan, bob.node().history(alice.id, 10).size() == 2);
    QCOMPARE(bob.node().history(alice.id, 10).back().body, QStringLiteral("Yes, in five"));
    // Answered: read, and the window did not have to open.
    SIM_VERIFY(lan, alice.node().history(bob.id, 10).front().state == api::MessageState::ReadIncoming);
    QVERIFY(!window->isVisible());
    window.reset();
}

void NotificationsTest::cleanupTestCase()
{
    m_tray.reset();
}

QTEST_MAIN(NotificationsTest)
#include "notifications_test.moc"
