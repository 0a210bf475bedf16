// A room's call in the window against two more real nodes on 127.0.0.1,
// all three with file audio (Bob speaks, the others are silent): the room's
// Call button rings its members and Leave Call hangs up every link; two
// members' invites to one room call ring as one dialog naming the room, and
// Join joins it; the room's call panel shows who speaks from what the node
// plays, and Silence and Mute reach the node; leaving leaves the others
// talking; a member who leaves and calls the room again (a new invitation,
// which those in the call take at once) is back in the same call, which
// neither rings nor splits in two; a call between two rings and shows its
// peer, not a room.
#include "audio/wav_file.h"
#include "call_controller.h"
#include "crypto/sodium_init.h"
#include "dialogs/incoming_call_dialog.h"
#include "gui_harness.h"
#include "support/audio_analysis.h"
#include "support/wait.h"
#include "widgets/call_bar.h"
#include "widgets/main_window.h"
#include "widgets/room_call_panel.h"
#include "widgets/room_pane.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace confab;
using api::CallPhase;

class RoomCallTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theCallButtonRingsTheMembersAndLeaveCallHangsUp();
    void twoInvitesRingAsOneDialogAndJoinJoinsTheCall();
    void thePanelShowsWhoSpeaksAndSilenceAndMuteReachTheNode();
    void leavingLeavesTheOthersTalking();
    void aMemberWhoCallsTheRoomAgainIsBackInTheSameCall();
    void aCallBetweenTwoRingsAndShowsItsPeer();
    void cleanup();
    void cleanupTestCase();

private:
    // The calls a node has that have not ended.
    [[nodiscard]] static std::vector<api::CallView> ongoing(ui::test::HostedNode& node);
    // The call NODE has with PEER, if any is ongoing.
    [[nodiscard]] static std::optional<api::CallView> callWith(ui::test::HostedNode& node,
                                                               const PeerId& peer);
    [[nodiscard]] static bool inPhase(ui::test::HostedNode& node, const PeerId& peer, CallPhase phase);
    [[nodiscard]] ui::RoomCallPanel* panel() const { return m_window->roomPane()->callPanel(); }
    [[nodiscard]] QString rowText(const PeerId& peer) const
    {
        const QWidget* row = panel()->row(peer);
        return row != nullptr ? row->accessibleName() : QString();
    }
    static bool writeWav(const QString& path, const std::vector<float>& sound);
    // Bob calls the room, Carol joins, and so does the window (Join in its dialog).
    void joinBobsRoomCallWithCarol();

    QTemporaryDir m_dir;
    ui::test::HostedNode m_alice; // the window's node
    ui::test::HostedNode m_bob;
    ui::test::HostedNode m_carol;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_room;
};

std::vector<api::CallView> RoomCallTest::ongoing(ui::test::HostedNode& node)
{
    const auto calls = ui::test::ask(*node.host, [](api::Node& n) { return n.calls(); });
    std::vector<api::CallView> result;
    if (calls) {
        std::copy_if(calls->begin(), calls->end(), std::back_inserter(result),
                     [](const api::CallView& call) { return call.phase != CallPhase::Ended; });
    }
    return result;
}

std::optional<api::CallView> RoomCallTest::callWith(ui::test::HostedNode& node, const PeerId& peer)
{
    for (const api::CallView& call : ongoing(node)) {
        if (call.peer == peer) {
            return call;
        }
    }
    return std::nullopt;
}

bool RoomCallTest::inPhase(ui::test::HostedNode& node, const PeerId& peer, CallPhase phase)
{
    const auto call = callWith(node, peer);
    return call && call->phase == phase;
}

bool RoomCallTest::writeWav(const QString& path, const std::vector<float>& sound)
{
    std::vector<audio::Sample> samples(sound.size());
    std::transform(sound.begin(), sound.end(), samples.begin(),
                   [](float value) { return static_cast<audio::Sample>(std::lround(value * 32767.0f)); });
    audio::WavWriter writer;
    return !writer.open(path.toStdString()) && !writer.write(samples.data(), samples.size()) &&
           !writer.close();
}

void RoomCallTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    // A minute of syllables for Bob (a steady tone would be taken for noise
    // and suppressed); silence for the others, so only Bob can be heard speaking.
    const QString speech = m_dir.filePath(QStringLiteral("speech.wav"));
    const QString silence = m_dir.filePath(QStringLiteral("silence.wav"));
    QVERIFY(writeWav(speech, confab::test::makeSpeechLike(audio::framesForMs(60000), 2)));
    QVERIFY(writeWav(silence, std::vector<float>(audio::framesForMs(60000), 0.0f)));

    api::NodeConfig alice =
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"));
    alice.audio.inputFile = silence;
    alice.audio.outputFile = m_dir.filePath(QStringLiteral("alice-out.wav"));
    alice.callSettings.ringOnIncoming = true; // as the desktop app sets it
    QVERIFY(m_alice.start(alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->nodeStarted({});
    m_window->show();

    api::NodeConfig bob = ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("bob")),
                                                       QStringLiteral("Bob"), {m_alice.status.listenAddress});
    bob.audio.inputFile = speech;
    bob.audio.outputFile = m_dir.filePath(QStringLiteral("bob-out.wav"));
    QVERIFY(m_bob.start(bob));
    api::NodeConfig carol =
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("carol")), QStringLiteral("Carol"),
                                     {m_alice.status.listenAddress, m_bob.status.listenAddress});
    carol.audio.inputFile = silence;
    carol.audio.outputFile = m_dir.filePath(QStringLiteral("carol-out.wav"));
    QVERIFY(m_carol.start(carol));

    // Everyone linked with everyone: a room's call is a call with each other member.
    const auto linked = [](ui::test::HostedNode& node, std::vector<PeerId> others) {
        const auto peers = ui::test::ask(*node.host, [](api::Node& n) { return n.peers(); });
        return peers && std::all_of(others.begin(), others.end(), [&](const PeerId& other) {
                   return std::any_of(peers->begin(), peers->end(), [&](const api::PeerView& peer) {
                       return peer.record.id == other && peer.connected;
                   });
               });
    };
    QTRY_VERIFY_WITH_TIMEOUT(linked(m_alice, {m_bob.id(), m_carol.id()}), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(linked(m_bob, {m_alice.id(), m_carol.id()}), test::kPatienceMs);

    const auto room = ui::test::ask(*m_alice.host, [bob = m_bob.id(), carol = m_carol.id()](api::Node& node) {
        return node.createRoom(QStringLiteral("Lab"), {bob, carol});
    });
    QVERIFY(room && room->ok());
    m_room = room->value().id;
    const auto hasRoom = [this](ui::test::HostedNode& node) {
        const auto found = ui::test::ask(*node.host, [room = m_room](api::Node& n) { return n.room(room); });
        return found && found->ok() && found->value().members.size() == 3;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasRoom(m_bob) && hasRoom(m_carol), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->selectRoom(m_room), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->roomPane()->view().members.size() == 3, test::kPatienceMs);
}

void RoomCallTest::joinBobsRoomCallWithCarol()
{
    QVERIFY(ui::test::ask(*m_bob.host, [room = m_room](api::Node& node) { return node.callRoom(room); }));
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_carol, m_bob.id(), CallPhase::Incoming), test::kPatienceMs);
    m_carol.host->call([](api::Node& node) { node.answerCall(std::nullopt); });
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_carol, m_bob.id(), CallPhase::Active), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(ui::test::ringingDialogs().size(), 1, test::kPatienceMs);
    QTest::mouseClick(ui::test::ringingDialogs().front()->answerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_alice, m_bob.id(), CallPhase::Active) &&
                                 inPhase(m_alice, m_carol.id(), CallPhase::Active),
                             test::kPatienceMs);
}

void RoomCallTest::cleanup()
{
    // No call outlives its test.
    for (ui::test::HostedNode* node : {&m_alice, &m_bob, &m_carol}) {
        node->host->call([](api::Node& n) {
            for (const api::CallView& call : n.calls()) {
                if (call.phase != CallPhase::Ended) {
                    n.hangUpCall(call.peer);
                    n.declineCall(call.peer);
                }
            }
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(ongoing(m_alice).empty() && ongoing(m_bob).empty() && ongoing(m_carol).empty(),
                             test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->callController()->hasCall(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(ui::test::ringingDialogs().isEmpty(), test::kPatienceMs);
}

void RoomCallTest::theCallButtonRingsTheMembersAndLeaveCallHangsUp()
{
    QPushButton* call = m_window->roomPane()->callButton();
    QVERIFY(call->isEnabled());
    QTest::mouseClick(call, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_bob, m_alice.id(), CallPhase::Incoming) &&
                                 inPhase(m_carol, m_alice.id(), CallPhase::Incoming),
                             test::kPatienceMs);
    QCOMPARE(callWith(m_bob, m_alice.id())->room, m_room);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->isVisible() && panel()->rowCount() == 2, test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->stateLabel(m_bob.id())->text(), QStringLiteral("ringing"),
                              test::kPatienceMs);
    QVERIFY(panel()->leaveButton()->isVisible());
    QVERIFY(!call->isEnabled()); // this side is in the room's call

    // Bob joins; Carol does not want to.
    m_bob.host->call([](api::Node& node) { node.answerCall(std::nullopt); });
    QTRY_COMPARE_WITH_TIMEOUT(panel()->stateLabel(m_bob.id())->text(), QStringLiteral("in the call"),
                              test::kPatienceMs);
    QVERIFY(panel()->stateText().endsWith(QStringLiteral("2 in the call")));
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_carol, m_alice.id(), CallPhase::Incoming), test::kPatienceMs);
    m_carol.host->call([](api::Node& node) { node.declineCall(std::nullopt); });
    QTRY_COMPARE_WITH_TIMEOUT(panel()->rowCount(), 1, test::kPatienceMs);
    QVERIFY(panel()->isVisible());

    QTest::mouseClick(panel()->leaveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->callController()->hasCall(), test::kPatienceMs);
    QVERIFY(!panel()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(ongoing(m_alice).empty() && ongoing(m_bob).empty(), test::kPatienceMs);
    QCOMPARE(m_window->callBar()->stateText(), QStringLiteral("You left the call"));
    QVERIFY(call->isEnabled());
}

void RoomCallTest::twoInvitesRingAsOneDialogAndJoinJoinsTheCall()
{
    const auto started =
        ui::test::ask(*m_bob.host, [room = m_room](api::Node& node) { return node.callRoom(room); });
    QVERIFY(started && started->ok());
    QCOMPARE(started->value(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(ui::test::ringingDialogs().size(), 1, test::kPatienceMs);
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().front();
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob is calling the room “Lab”"));

    // Carol joins Bob's call and invites Alice too: still one call ringing here.
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_carol, m_bob.id(), CallPhase::Incoming), test::kPatienceMs);
    m_carol.host->call([](api::Node& node) { node.answerCall(std::nullopt); });
    QTRY_COMPARE_WITH_TIMEOUT(m_window->callController()->roomCall().callers().size(), std::size_t{2},
                              test::kPatienceMs);
    QCOMPARE(ui::test::ringingDialogs().size(), 1);
    QCOMPARE(ui::test::ringingDialogs().front(), dialog);
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob and Carol are calling the room “Lab”"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Incoming call — Lab"));
    QVERIFY(panel()->isVisible());
    QVERIFY(panel()->joinButton()->isVisible());

    QTest::mouseClick(dialog->answerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_alice, m_bob.id(), CallPhase::Active) &&
                                 inPhase(m_alice, m_carol.id(), CallPhase::Active),
                             test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->stateText().endsWith(QStringLiteral("3 in the call")),
                             test::kPatienceMs);
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    QCOMPARE(panel()->stateLabel(m_bob.id())->text(), QStringLiteral("in the call"));
    QCOMPARE(panel()->stateLabel(m_carol.id())->text(), QStringLiteral("in the call"));
    QVERIFY(panel()->muteButton()->isVisible());
    QVERIFY(!panel()->joinButton()->isVisible());
}

void RoomCallTest::thePanelShowsWhoSpeaksAndSilenceAndMuteReachTheNode()
{
    joinBobsRoomCallWithCarol();
    // Bob's voice as played here makes him the one speaking; Carol is silent.
    QTRY_COMPARE_WITH_TIMEOUT(rowText(m_bob.id()), QStringLiteral("Bob, in the call, speaking"),
                              test::kPatienceMs);
    QCOMPARE(rowText(m_carol.id()), QStringLiteral("Carol, in the call"));
    QVERIFY(panel()->speakingLabel(m_bob.id())->text().endsWith(QStringLiteral("speaking")));

    QPushButton* silence = panel()->silenceButton(m_bob.id());
    QCOMPARE(silence->accessibleName(), QStringLiteral("Stop hearing Bob"));
    QTest::mouseClick(silence, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(callWith(m_alice, m_bob.id()) && callWith(m_alice, m_bob.id())->silenced,
                             test::kPatienceMs);
    QVERIFY(!callWith(m_alice, m_carol.id())->silenced);
    QTRY_COMPARE_WITH_TIMEOUT(silence->text(), QStringLiteral("Hear"), test::kPatienceMs);
    QCOMPARE(silence->accessibleName(), QStringLiteral("Hear Bob again"));
    // Bob goes on speaking to Carol; here he is silent.
    QTRY_COMPARE_WITH_TIMEOUT(rowText(m_bob.id()), QStringLiteral("Bob, in the call, silenced"),
                              test::kPatienceMs);
    test::spinFor(1000);
    QCOMPARE(rowText(m_bob.id()), QStringLiteral("Bob, in the call, silenced"));
    QVERIFY(inPhase(m_carol, m_bob.id(), CallPhase::Active));

    QTest::mouseClick(silence, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(callWith(m_alice, m_bob.id()) && !callWith(m_alice, m_bob.id())->silenced,
                             test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(silence->text(), QStringLiteral("Silence"), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(m_bob.id()), QStringLiteral("Bob, in the call, speaking"),
                              test::kPatienceMs);

    // Mute is one microphone for the whole call.
    QTest::mouseClick(panel()->muteButton(), Qt::LeftButton);
    const auto allMuted = [this](bool muted) {
        const auto calls = ongoing(m_alice);
        return calls.size() == 2 && std::all_of(calls.begin(), calls.end(),
                                                [muted](const api::CallView& c) { return c.muted == muted; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allMuted(true), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->muteButton()->text(), QStringLiteral("Unmute"), test::kPatienceMs);
    QVERIFY(panel()->noticeText().contains(QStringLiteral("muted")));
    QTest::mouseClick(panel()->muteButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(allMuted(false), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->muteButton()->text(), QStringLiteral("Mute"), test::kPatienceMs);
}

void RoomCallTest::leavingLeavesTheOthersTalking()
{
    joinBobsRoomCallWithCarol();
    QTest::mouseClick(panel()->leaveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ongoing(m_alice).empty(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isVisible(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!callWith(m_bob, m_alice.id()) && !callWith(m_carol, m_alice.id()),
                             test::kPatienceMs);
    // Bob and Carol talk on without this side.
    QVERIFY(inPhase(m_bob, m_carol.id(), CallPhase::Active));
    QVERIFY(inPhase(m_carol, m_bob.id(), CallPhase::Active));
    QCOMPARE(m_window->callBar()->stateText(), QStringLiteral("You left the call"));
}

void RoomCallTest::aMemberWhoCallsTheRoomAgainIsBackInTheSameCall()
{
    joinBobsRoomCallWithCarol();
    QTRY_VERIFY_WITH_TIMEOUT(panel()->rowCount() == 2 &&
                                 panel()->stateText().endsWith(QStringLiteral("3 in the call")),
                             test::kPatienceMs);
    const QString invitation = callWith(m_alice, m_carol.id())->roomCallId;
    QCOMPARE(callWith(m_alice, m_bob.id())->roomCallId, invitation);

    // Carol leaves; Bob and this side talk on.
    m_carol.host->call([](api::Node& node) { node.hangUpCall(std::nullopt); });
    QTRY_VERIFY_WITH_TIMEOUT(!callWith(m_alice, m_carol.id()), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(panel()->rowCount(), 1, test::kPatienceMs);

    // Whatever the window shows from now on is the one call Bob is in, and nothing rings.
    ui::CallController* calls = m_window->callController();
    bool rang = false;
    bool withoutBob = false;
    QObject watcher;
    connect(calls, &ui::CallController::roomCallChanged, &watcher, [&] {
        rang = rang || calls->incomingDialog() != nullptr;
        withoutBob = withoutBob || calls->roomCall().link(m_bob.id()) == nullptr;
    });
    // She calls the room again: a new invitation, which Bob and this side take at once.
    const auto again =
        ui::test::ask(*m_carol.host, [room = m_room](api::Node& node) { return node.callRoom(room); });
    QVERIFY(again && again->ok());
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_alice, m_carol.id(), CallPhase::Active), test::kPatienceMs);
    QVERIFY(callWith(m_alice, m_carol.id())->roomCallId != invitation);
    QCOMPARE(callWith(m_alice, m_bob.id())->roomCallId, invitation);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->rowCount() == 2 &&
                                 panel()->stateText().endsWith(QStringLiteral("3 in the call")),
                             test::kPatienceMs);
    // Each link reports five times a second: the two invitations stay one call.
    test::spinFor(1000);
    QVERIFY(!rang);
    QVERIFY(!withoutBob);
    QVERIFY(ui::test::ringingDialogs().isEmpty());
    QCOMPARE(panel()->rowCount(), 2);
    QCOMPARE(panel()->stateLabel(m_carol.id())->text(), QStringLiteral("in the call"));
    QVERIFY(panel()->stateText().endsWith(QStringLiteral("3 in the call")));
    QVERIFY(m_window->callBar()->stateText().endsWith(QStringLiteral("3 in the call")));
    QVERIFY(calls->roomCall().isJoined());
}

void RoomCallTest::aCallBetweenTwoRingsAndShowsItsPeer()
{
    m_bob.host->call([alice = m_alice.id()](api::Node& node) { node.call(alice); });
    QTRY_COMPARE_WITH_TIMEOUT(ui::test::ringingDialogs().size(), 1, test::kPatienceMs);
    ui::IncomingCallDialog* dialog = ui::test::ringingDialogs().front();
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob"));
    QCOMPARE(dialog->headingText(), QStringLiteral("Incoming call"));
    QCOMPARE(dialog->answerButton()->text(), QStringLiteral("&Answer"));
    QVERIFY(dialog->roomName().isEmpty());
    QVERIFY(!panel()->isVisible());

    QTest::mouseClick(dialog->answerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inPhase(m_alice, m_bob.id(), CallPhase::Active), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->currentCall() &&
                                 m_window->callController()->currentCall()->phase == CallPhase::Active,
                             test::kPatienceMs);
    ui::CallBar* bar = m_window->callBar();
    QCOMPARE(bar->peerText(), QStringLiteral("Bob"));
    QCOMPARE(bar->hangUpButton()->text(), QStringLiteral("&Hang Up"));
    QVERIFY(!panel()->isVisible());
    QVERIFY(m_window->callController()->roomOfCall().isEmpty());

    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!callWith(m_bob, m_alice.id()), test::kPatienceMs);
    QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QStringLiteral("Call ended"), test::kPatienceMs);
}

void RoomCallTest::cleanupTestCase()
{
    m_window.reset();
    m_carol.host.reset();
    m_bob.host.reset();
    m_alice.host.reset();
}

QTEST_MAIN(RoomCallTest)
#include "room_call_test.moc"
