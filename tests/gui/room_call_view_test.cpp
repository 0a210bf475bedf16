// How the window shows a room's call, fed the links a node reports for it
// (the simulated LAN carries no calls, so each link is scripted; the node's
// own part is in room_call_test): the room's Call button and Room menu item
// ask the node, and its refusal is a notice; two members' invites to one
// room call ring as one call naming the room; the room's call panel lists
// the members with their state and who speaks, with Silence, Mute and Leave
// Call, all reachable with Tab and named; the call bar shows the room's call
// as one, whatever invitation each of its links came with (a member who
// rejoined, or two who started it at once), and a declined one stays
// declined until it has ended; a call between two shows its peer, not a room.
#include "call_controller.h"
#include "crypto/sodium_init.h"
#include "dialogs/incoming_call_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "models/room_list_model.h"
#include "widgets/call_bar.h"
#include "widgets/main_window.h"
#include "widgets/room_call_panel.h"
#include "widgets/room_pane.h"
#include "widgets/theme.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>

using namespace confab;
using api::CallEndReason;
using api::CallPhase;

namespace {
const QString kRoomCallId = QStringLiteral("5c0ffee05c0ffee05c0ffee05c0ffee0");
// Other invitations to the same room's call: a member who rejoined, or two who started it at once.
const QString kOtherRoomCallId = QStringLiteral("0ddba11a0ddba11a0ddba11a0ddba11a");
const QString kThirdRoomCallId = QStringLiteral("feedfacefeedfacefeedfacefeedface");
const QString kUnavailable = QStringLiteral("Calls are unavailable on this node.");

// A call between two that `peer` starts, ringing: no room in it.
api::CallView callFrom(const ui::test::SimLan::Peer& peer, const QString& callId)
{
    api::CallView call;
    call.peer = peer.id;
    call.callId = callId;
    call.direction = api::CallDirection::Incoming;
    call.phase = CallPhase::Incoming;
    return call;
}
} // namespace

class RoomCallViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theCallButtonAndRoomMenuCallTheRoomAndARefusalIsANotice();
    void invitesOnTwoLinksRingAsOneCallNamingTheRoom();
    void answeringAsksTheNodeAndTheJoinedCallShowsInThePanel();
    void thePanelShowsWhoSpeaksAndSilencesOneMember();
    void everyControlOfThePanelIsNamedAndOnTheTabChain();
    void aMemberWhoLeavesLeavesTheRestOfTheCall();
    void leaveCallAsksTheNodeAndTheEndShowsInTheCallBar();
    void aRoomCallNobodyAnsweredIsMissed();
    void linksOfOneRoomWithTwoInvitationsAreOneCall();
    void invitesOfOneRoomWithTwoInvitationsRingOnceAndADeclineHoldsUntilTheEnd();
    void aCallBetweenTwoShowsItsPeerNotARoom();
    void answeringACallBetweenTwoHoldsWhileTheNodeCatchesUp();
    void theRoomCallReadsWholeInLightAndDark();
    void cleanupTestCase();

private:
    // Bob's or Carol's link of the room's call, as Alice's node would report it.
    [[nodiscard]] api::CallView link(const ui::test::SimLan::Peer& peer, CallPhase phase,
                                     const QString& roomCallId = kRoomCallId) const;
    void announce(const api::CallView& call) { m_alice.client->announceCall(call); }
    // The ringing dialogs on screen.
    // What the window says in its status bar from now on, one notice after another.
    [[nodiscard]] std::unique_ptr<QSignalSpy> watchNotices() const;
    [[nodiscard]] ui::RoomCallPanel* panel() const { return m_window->roomPane()->callPanel(); }

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_room;
};

api::CallView RoomCallViewTest::link(const ui::test::SimLan::Peer& peer, CallPhase phase,
                                     const QString& roomCallId) const
{
    api::CallView call;
    call.peer = peer.id;
    // One call id per member: the links of one room call differ in nothing else that matters here.
    call.callId = (&peer == &m_bob ? QStringLiteral("b") : QStringLiteral("c")).repeated(32);
    call.direction = api::CallDirection::Incoming;
    call.phase = phase;
    call.room = m_room;
    call.roomCallId = roomCallId;
    call.durationMs = phase == CallPhase::Active ? 7000 : 0;
    return call;
}

std::unique_ptr<QSignalSpy> RoomCallViewTest::watchNotices() const
{
    return std::make_unique<QSignalSpy>(m_window->callController(), &ui::CallController::notice);
}

void RoomCallViewTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint(), m_bob.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 2 && m_window->peerModel()->at(0).view.connected &&
                          m_window->peerModel()->at(1).view.connected);
    const auto room = m_alice.node().createRoom(QStringLiteral("Lab"), {m_bob.id, m_carol.id});
    QVERIFY2(room.ok(), room.ok() ? "" : qPrintable(room.error()));
    m_room = room.value().id;
    SIM_VERIFY(m_lan, m_window->selectRoom(m_room));
    SIM_VERIFY(m_lan, m_window->roomPane()->view().members.size() == 3);
}

void RoomCallViewTest::theCallButtonAndRoomMenuCallTheRoomAndARefusalIsANotice()
{
    QPushButton* call = m_window->roomPane()->callButton();
    QVERIFY(call->isVisible());
    QVERIFY(call->isEnabled());
    QCOMPARE(call->accessibleName(), QStringLiteral("Call everyone in the room"));
    QVERIFY(!panel()->isVisible());

    // The node behind the window has no calls here: what it answers is the notice.
    auto notices = watchNotices();
    QTest::mouseClick(call, Qt::LeftButton);
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Room call: ") + kUnavailable);

    // The Room menu has it, with keys no other command takes.
    QAction* action = m_window->roomPane()->callAction();
    QMenu* roomMenu = nullptr;
    for (QAction* menu : m_window->menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Room")) {
            roomMenu = menu->menu();
        }
    }
    QVERIFY(roomMenu != nullptr);
    QVERIFY(roomMenu->actions().contains(action));
    QCOMPARE(action->text(), QStringLiteral("&Call Room"));
    const QKeySequence keys = action->shortcut();
    QCOMPARE(keys, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    for (const QAction* other : m_window->findChildren<QAction*>()) {
        if (other != action) {
            QVERIFY2(!other->shortcuts().contains(keys), qPrintable(other->text()));
        }
    }
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    SIM_COMPARE(m_lan, notices->size(), 2);
    QCOMPARE(notices->at(1).at(0).toString(), QStringLiteral("Room call: ") + kUnavailable);
}

void RoomCallViewTest::invitesOnTwoLinksRingAsOneCallNamingTheRoom()
{
    announce(link(m_bob, CallPhase::Incoming));
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().front();
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob is calling the room “Lab”"));
    // Carol joined Bob's call, and invites this side too: the same call rings on.
    announce(link(m_carol, CallPhase::Incoming));
    SIM_COMPARE(m_lan, m_window->callController()->roomCallLinks().size(), std::size_t{2});
    QCOMPARE(ui::test::ringingDialogs().size(), 1);
    QCOMPARE(ui::test::ringingDialogs().front(), dialog);
    QCOMPARE(dialog->callId(), kRoomCallId);
    QCOMPARE(dialog->roomName(), QStringLiteral("Lab"));
    QCOMPARE(dialog->headingText(), QStringLiteral("Incoming room call"));
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob and Carol are calling the room “Lab”"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Incoming call — Lab"));
    QVERIFY(m_window->answerAction()->isEnabled());
    QVERIFY(m_window->declineAction()->isEnabled());

    // The room shows it too, with the choice to join there.
    QVERIFY(panel()->isVisible());
    QCOMPARE(panel()->rowCount(), 2);
    QCOMPARE(panel()->stateLabel(m_bob.id)->text(), QStringLiteral("calling you"));
    QVERIFY(panel()->joinButton()->isVisible());
    QVERIFY(panel()->declineButton()->isVisible());
    QVERIFY(!panel()->muteButton()->isVisible());
    QVERIFY(!panel()->leaveButton()->isVisible());
    QVERIFY(!panel()->silenceButton(m_bob.id)->isVisible());
    QVERIFY(m_window->roomPane()->callButton()->isEnabled()); // calling the room now joins
    QVERIFY(m_window->roomPane()->callButton()->toolTip().startsWith(QStringLiteral("Join")));
    QTRY_VERIFY2(ui::test::clippedTexts(m_window.get()).isEmpty(),
                 qPrintable(ui::test::clippedTexts(m_window.get()).join(QLatin1Char('\n'))));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("room-call-ringing.png")));
}

void RoomCallViewTest::answeringAsksTheNodeAndTheJoinedCallShowsInThePanel()
{
    auto notices = watchNotices();
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().value(0);
    QVERIFY(dialog != nullptr);
    QTest::mouseClick(dialog->answerButton(), Qt::LeftButton);
    // The command reached the node (which has no calls to answer here).
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Call: ") + kUnavailable);
    // Until the node has acted, its invites go on ringing (five reports a
    // second): the dialog the user answered does not come back.
    announce(link(m_bob, CallPhase::Incoming));
    announce(link(m_carol, CallPhase::Incoming));
    m_lan.runFor(500);
    QVERIFY(ui::test::ringingDialogs().isEmpty());

    // As a node that joined reports it: both links connect.
    announce(link(m_bob, CallPhase::Active));
    announce(link(m_carol, CallPhase::Active));
    SIM_COMPARE(m_lan, panel()->stateText(), QStringLiteral("0:07 · 3 in the call"));
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    QCOMPARE(panel()->stateLabel(m_bob.id)->text(), QStringLiteral("in the call"));
    QCOMPARE(panel()->stateLabel(m_carol.id)->text(), QStringLiteral("in the call"));
    QVERIFY(!panel()->joinButton()->isVisible());
    QVERIFY(panel()->muteButton()->isVisible());
    QVERIFY(panel()->leaveButton()->isVisible());
    QVERIFY(panel()->silenceButton(m_carol.id)->isVisible());
    QVERIFY(!m_window->roomPane()->callButton()->isEnabled());
    QCOMPARE(m_window->roomPane()->callButton()->toolTip(), QStringLiteral("You are in this room's call"));
    QVERIFY(m_window->hangUpAction()->isEnabled());
    QVERIFY(m_window->muteAction()->isEnabled());

    // The call bar, for when a conversation is open, shows it as one call.
    ui::CallBar* bar = m_window->callBar();
    QCOMPARE(bar->peerText(), QStringLiteral("Lab"));
    QCOMPARE(bar->stateText(), QStringLiteral("0:07 · 3 in the call"));
    QCOMPARE(bar->hangUpButton()->text(), QStringLiteral("&Leave Call"));
    QCOMPARE(bar->hangUpButton()->accessibleName(), QStringLiteral("Leave the room call"));
}

void RoomCallViewTest::thePanelShowsWhoSpeaksAndSilencesOneMember()
{
    api::CallView bob = link(m_bob, CallPhase::Active);
    bob.playbackLevel = 0.2;
    api::CallView carol = link(m_carol, CallPhase::Active);
    carol.playbackLevel = ui::RoomCallPanel::kSpeakingLevel; // the threshold itself is quiet
    announce(bob);
    announce(carol);
    SIM_COMPARE(m_lan, panel()->row(m_bob.id)->accessibleName(),
                QStringLiteral("Bob, in the call, speaking"));
    QCOMPARE(panel()->row(m_carol.id)->accessibleName(), QStringLiteral("Carol, in the call"));
    QVERIFY(panel()->speakingLabel(m_bob.id)->text().endsWith(QStringLiteral("speaking")));
    QVERIFY(panel()->speakingLabel(m_bob.id)->isVisible());
    QVERIFY(panel()->speakingLabel(m_carol.id)->text().isEmpty());
    // Carol starts to speak, Bob stops.
    carol.playbackLevel = 0.05;
    bob.playbackLevel = 0.0;
    announce(bob);
    announce(carol);
    SIM_COMPARE(m_lan, panel()->row(m_carol.id)->accessibleName(),
                QStringLiteral("Carol, in the call, speaking"));
    QCOMPARE(panel()->row(m_bob.id)->accessibleName(), QStringLiteral("Bob, in the call"));

    QPushButton* silence = panel()->silenceButton(m_bob.id);
    QCOMPARE(silence->text(), QStringLiteral("Silence"));
    QCOMPARE(silence->accessibleName(), QStringLiteral("Stop hearing Bob"));
    auto notices = watchNotices();
    QTest::mouseClick(silence, Qt::LeftButton);
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Call: ") + kUnavailable);
    bob.silenced = true;
    announce(bob);
    SIM_COMPARE(m_lan, silence->text(), QStringLiteral("Hear"));
    QVERIFY(silence->isChecked());
    QCOMPARE(silence->accessibleName(), QStringLiteral("Hear Bob again"));
    QCOMPARE(panel()->row(m_bob.id)->accessibleName(), QStringLiteral("Bob, in the call, silenced"));
    // Someone silenced here does not show as speaking, whatever reaches the mix.
    bob.playbackLevel = 0.5;
    announce(bob);
    m_lan.runFor(200);
    QCOMPARE(panel()->row(m_bob.id)->accessibleName(), QStringLiteral("Bob, in the call, silenced"));
}

void RoomCallViewTest::everyControlOfThePanelIsNamedAndOnTheTabChain()
{
    const QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    const QStringList shared = ui::test::sharedMnemonics(m_window.get());
    QVERIFY2(shared.isEmpty(), qPrintable(shared.join(QStringLiteral("; "))));
    QTRY_VERIFY2(ui::test::clippedTexts(m_window->roomPane()).isEmpty(),
                 qPrintable(ui::test::clippedTexts(m_window->roomPane()).join(QLatin1Char('\n'))));

    // Tab from the room's Call button reaches every button of the call, in order.
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QWidget* start = m_window->roomPane()->inviteButton();
    start->setFocus(Qt::TabFocusReason);
    QCOMPARE(QApplication::focusWidget(), start);
    QWidget* lastButton = panel()->silenceButton(m_carol.id);
    QList<QWidget*> reached;
    // Up to the last row's button (further on, Tab would come to the peer list and open a conversation).
    for (int step = 0; step < 12 && QApplication::focusWidget() != lastButton; ++step) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget();
    }
    const QList<QWidget*> wanted{panel()->muteButton(), panel()->leaveButton(),
                                 panel()->silenceButton(m_bob.id), panel()->silenceButton(m_carol.id)};
    qsizetype last = -1;
    for (QWidget* button : wanted) {
        const qsizetype at = reached.indexOf(button);
        QVERIFY2(at > last, qPrintable(button->accessibleName()));
        last = at;
    }
    // Space on a focused button works it, as a click does.
    QWidget* mute = panel()->muteButton();
    mute->setFocus(Qt::TabFocusReason);
    auto notices = watchNotices();
    QTest::keyClick(mute, Qt::Key_Space);
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Call: ") + kUnavailable);
}

void RoomCallViewTest::aMemberWhoLeavesLeavesTheRestOfTheCall()
{
    api::CallView carol = link(m_carol, CallPhase::Ended);
    carol.endReason = CallEndReason::RemoteHungUp;
    announce(carol);
    SIM_COMPARE(m_lan, panel()->rowCount(), 1);
    QVERIFY(panel()->isVisible());
    QCOMPARE(panel()->stateText(), QStringLiteral("0:07 · 2 in the call"));
    QVERIFY(m_window->callController()->hasCall());
    QCOMPARE(m_window->callBar()->stateText(), QStringLiteral("0:07 · 2 in the call"));
}

void RoomCallViewTest::leaveCallAsksTheNodeAndTheEndShowsInTheCallBar()
{
    auto notices = watchNotices();
    QTest::mouseClick(panel()->leaveButton(), Qt::LeftButton);
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Call: ") + kUnavailable);

    api::CallView bob = link(m_bob, CallPhase::Ended);
    bob.endReason = CallEndReason::HungUp;
    announce(bob);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
    QVERIFY(!panel()->isVisible());
    QVERIFY(m_window->roomPane()->callButton()->isEnabled());
    QCOMPARE(m_window->callBar()->stateText(), QStringLiteral("You left the call"));
    QCOMPARE(m_window->callBar()->peerText(), QStringLiteral("Lab"));
    QVERIFY(!m_window->hangUpAction()->isEnabled());
}

void RoomCallViewTest::aRoomCallNobodyAnsweredIsMissed()
{
    auto notices = watchNotices();
    announce(link(m_carol, CallPhase::Incoming));
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    api::CallView carol = link(m_carol, CallPhase::Ended);
    carol.endReason = CallEndReason::Missed;
    announce(carol);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    QCOMPARE(notices->size(), 1);
    QVERIFY2(notices->at(0).at(0).toString().startsWith(QStringLiteral("Missed call in the room “Lab” at ")),
             qPrintable(notices->at(0).at(0).toString()));
    QVERIFY(!panel()->isVisible());
}

void RoomCallViewTest::linksOfOneRoomWithTwoInvitationsAreOneCall()
{
    // Bob and this side started the room's call at the same moment: Bob's
    // link came with his invitation, Carol's with this side's.
    const api::CallView bob = link(m_bob, CallPhase::Active);
    api::CallView carol = link(m_carol, CallPhase::Active, kOtherRoomCallId);
    carol.direction = api::CallDirection::Outgoing;
    announce(bob);
    announce(carol);
    SIM_COMPARE(m_lan, m_window->callController()->roomCallLinks().size(), std::size_t{2});
    QVERIFY(panel()->isVisible());
    QCOMPARE(panel()->rowCount(), 2);
    QCOMPARE(panel()->stateLabel(m_bob.id)->text(), QStringLiteral("in the call"));
    QCOMPARE(panel()->stateLabel(m_carol.id)->text(), QStringLiteral("in the call"));
    QCOMPARE(panel()->stateText(), QStringLiteral("0:07 · 3 in the call"));
    ui::CallBar* bar = m_window->callBar();
    QCOMPARE(bar->peerText(), QStringLiteral("Lab"));
    QCOMPARE(bar->stateText(), QStringLiteral("0:07 · 3 in the call"));
    QVERIFY(ui::test::ringingDialogs().isEmpty());

    // Reported again and again (five times a second), it stays the same one call.
    QSignalSpy changes(m_window->callController(), &ui::CallController::changed);
    for (int round = 0; round < 5; ++round) {
        announce(bob);
        announce(carol);
        m_lan.runFor(200);
        QCOMPARE(panel()->rowCount(), 2);
        QCOMPARE(panel()->stateText(), QStringLiteral("0:07 · 3 in the call"));
    }
    QCOMPARE(changes.size(), 0);

    // Carol leaves and calls the room again: a new invitation, which this
    // side's node takes at once. It does not ring: this side is in that call.
    carol.phase = CallPhase::Ended;
    carol.endReason = CallEndReason::RemoteHungUp;
    announce(carol);
    SIM_COMPARE(m_lan, panel()->rowCount(), 1);
    QCOMPARE(panel()->stateText(), QStringLiteral("0:07 · 2 in the call"));
    api::CallView back = link(m_carol, CallPhase::Incoming, kThirdRoomCallId);
    back.callId = QStringLiteral("d").repeated(32);
    announce(back);
    SIM_COMPARE(m_lan, panel()->rowCount(), 2);
    back.phase = CallPhase::Active;
    back.durationMs = 7000;
    announce(back);
    announce(bob);
    SIM_COMPARE(m_lan, panel()->stateText(), QStringLiteral("0:07 · 3 in the call"));
    m_lan.runFor(200);
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    QCOMPARE(bar->stateText(), QStringLiteral("0:07 · 3 in the call"));
    QVERIFY(!panel()->joinButton()->isVisible());
    QVERIFY(panel()->leaveButton()->isVisible());

    // Bob, on the first invitation, leaves: the call goes on with Carol.
    api::CallView bobLeft = bob;
    bobLeft.phase = CallPhase::Ended;
    bobLeft.endReason = CallEndReason::RemoteHungUp;
    announce(bobLeft);
    announce(back);
    SIM_COMPARE(m_lan, panel()->rowCount(), 1);
    QVERIFY(panel()->isVisible());
    QVERIFY(panel()->row(m_carol.id) != nullptr);
    QCOMPARE(panel()->stateText(), QStringLiteral("0:07 · 2 in the call"));
    QVERIFY(m_window->callController()->hasCall());
    QCOMPARE(bar->stateText(), QStringLiteral("0:07 · 2 in the call"));

    back.phase = CallPhase::Ended;
    back.endReason = CallEndReason::HungUp;
    announce(back);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
    QVERIFY(!panel()->isVisible());
    QCOMPARE(bar->stateText(), QStringLiteral("You left the call"));
}

void RoomCallViewTest::invitesOfOneRoomWithTwoInvitationsRingOnceAndADeclineHoldsUntilTheEnd()
{
    // Bob and Carol started the room's call at the same moment: each one's invitation rings here.
    api::CallView bob = link(m_bob, CallPhase::Incoming);
    api::CallView carol = link(m_carol, CallPhase::Incoming, kOtherRoomCallId);
    announce(bob);
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().front();
    announce(carol);
    SIM_COMPARE(m_lan, m_window->callController()->roomCallLinks().size(), std::size_t{2});
    for (int round = 0; round < 5; ++round) {
        announce(bob);
        announce(carol);
        m_lan.runFor(200);
        QCOMPARE(ui::test::ringingDialogs().size(), 1);
        QCOMPARE(ui::test::ringingDialogs().front(), dialog);
    }
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob and Carol are calling the room “Lab”"));
    QCOMPARE(panel()->rowCount(), 2);

    auto notices = watchNotices();
    QTest::mouseClick(dialog->declineButton(), Qt::LeftButton);
    SIM_COMPARE(m_lan, notices->size(), 1);
    QCOMPARE(notices->at(0).at(0).toString(), QStringLiteral("Call: ") + kUnavailable);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    // Until the node has acted, both invitations go on ringing: neither brings the dialog back.
    for (int round = 0; round < 3; ++round) {
        announce(carol);
        announce(bob);
        m_lan.runFor(200);
        QVERIFY(ui::test::ringingDialogs().isEmpty());
    }
    bob.phase = CallPhase::Ended;
    bob.endReason = CallEndReason::Declined;
    announce(bob);
    SIM_COMPARE(m_lan, m_window->callController()->roomCallLinks().size(), std::size_t{1});
    announce(carol);
    m_lan.runFor(500);
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    QVERIFY(m_window->callController()->hasCall());

    // Once the room's call has ended here, a later call of the room rings again.
    carol.phase = CallPhase::Ended;
    carol.endReason = CallEndReason::Declined;
    announce(carol);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
    QVERIFY(!panel()->isVisible());
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    api::CallView again = link(m_carol, CallPhase::Incoming, kThirdRoomCallId);
    again.callId = QStringLiteral("e").repeated(32);
    announce(again);
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    QCOMPARE(ui::test::ringingDialogs().front()->peerName(),
             QStringLiteral("Carol is calling the room “Lab”"));

    again.phase = CallPhase::Ended;
    again.endReason = CallEndReason::Missed;
    announce(again);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    QVERIFY(!m_window->callController()->hasCall());
}

void RoomCallViewTest::aCallBetweenTwoShowsItsPeerNotARoom()
{
    api::CallView call = callFrom(m_bob, QStringLiteral("0123456789abcdef0123456789abcdef"));
    announce(call);
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().front();
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob"));
    QCOMPARE(dialog->headingText(), QStringLiteral("Incoming call"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Incoming call — Bob"));
    QVERIFY(dialog->roomName().isEmpty());
    QCOMPARE(dialog->answerButton()->text(), QStringLiteral("&Answer"));
    QVERIFY(!panel()->isVisible()); // not the room's call
    QVERIFY(m_window->callController()->roomOfCall().isEmpty());

    call.phase = CallPhase::Active;
    call.durationMs = 3000;
    announce(call);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    ui::CallBar* bar = m_window->callBar();
    QCOMPARE(bar->peerText(), QStringLiteral("Bob"));
    QCOMPARE(bar->stateText(), QStringLiteral("0:03"));
    QCOMPARE(bar->hangUpButton()->text(), QStringLiteral("&Hang Up"));
    QCOMPARE(bar->hangUpButton()->accessibleName(), QStringLiteral("Hang up"));
    QVERIFY(!panel()->isVisible());
    QVERIFY(!m_window->roomPane()->callButton()->isEnabled()); // one call at a time

    call.phase = CallPhase::Ended;
    call.endReason = CallEndReason::RemoteHungUp;
    announce(call);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
    QCOMPARE(bar->stateText(), QStringLiteral("Bob hung up"));
    QVERIFY(m_window->roomPane()->callButton()->isEnabled());
}

void RoomCallViewTest::answeringACallBetweenTwoHoldsWhileTheNodeCatchesUp()
{
    api::CallView call = callFrom(m_bob, QStringLiteral("fedcba9876543210fedcba9876543210"));
    announce(call);
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    QTest::mouseClick(ui::test::ringingDialogs().front()->answerButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    // Reports sent before the node answered still say it rings: the dialog
    // does not come back for them.
    for (int report = 0; report < 3; ++report) {
        announce(call);
        m_lan.runFor(200);
        QVERIFY(ui::test::ringingDialogs().isEmpty());
    }
    call.phase = CallPhase::Active;
    announce(call);
    SIM_COMPARE(m_lan, m_window->callBar()->peerText(), QStringLiteral("Bob"));
    call.phase = CallPhase::Ended;
    call.endReason = CallEndReason::HungUp;
    announce(call);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());

    // Bob's next call rings.
    call.callId = QStringLiteral("0f1e2d3c4b5a69780f1e2d3c4b5a6978");
    call.phase = CallPhase::Incoming;
    call.endReason = CallEndReason::None;
    announce(call);
    SIM_COMPARE(m_lan, ui::test::ringingDialogs().size(), 1);
    QTest::mouseClick(ui::test::ringingDialogs().front()->declineButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, ui::test::ringingDialogs().isEmpty());
    call.phase = CallPhase::Ended;
    call.endReason = CallEndReason::Declined;
    announce(call);
    SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
}

void RoomCallViewTest::theRoomCallReadsWholeInLightAndDark()
{
    const QPalette original = QApplication::palette();
    for (const bool dark : {false, true}) {
        // A window made in the palette, as the app makes it (--palette dark).
        m_window.reset();
        QApplication::setPalette(dark ? ui::theme::darkPalette() : original);
        m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
        m_window->nodeStarted({});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        SIM_VERIFY(m_lan, m_window->selectRoom(m_room));
        SIM_VERIFY(m_lan, m_window->roomPane()->view().members.size() == 3);
        api::CallView bob = link(m_bob, CallPhase::Active);
        bob.durationMs = 83000;
        bob.playbackLevel = 0.4;
        api::CallView carol = link(m_carol, CallPhase::Active);
        carol.silenced = true;
        announce(bob);
        announce(carol);
        SIM_VERIFY(m_lan, panel()->isVisible() && panel()->rowCount() == 2);
        QCOMPARE(panel()->stateText(), QStringLiteral("1:23 · 3 in the call"));
        QTRY_VERIFY2(ui::test::clippedTexts(m_window.get()).isEmpty(),
                     qPrintable(ui::test::clippedTexts(m_window.get()).join(QLatin1Char('\n'))));
        // The rows' columns line up.
        for (const auto part : {&ui::RoomCallPanel::stateLabel, &ui::RoomCallPanel::speakingLabel}) {
            QCOMPARE((panel()->*part)(m_bob.id)->mapTo(panel(), QPoint(0, 0)).x(),
                     (panel()->*part)(m_carol.id)->mapTo(panel(), QPoint(0, 0)).x());
        }
        QVERIFY(ui::test::saveScreenshot(m_window.get(), dark ? QStringLiteral("room-call-dark.png")
                                                              : QStringLiteral("room-call.png")));
        bob.phase = carol.phase = CallPhase::Ended;
        bob.endReason = carol.endReason = CallEndReason::HungUp;
        announce(bob);
        announce(carol);
        SIM_VERIFY(m_lan, !m_window->callController()->hasCall());
    }
    QApplication::setPalette(original);
}

void RoomCallViewTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(RoomCallViewTest)
#include "room_call_view_test.moc"
