// Voice calls in the window against a second real node on 127.0.0.1, both
// with file audio (speech-like sound as the microphone, recordings as the
// speakers): the call button, the in-call bar (state, moving duration, level,
// Mute, Push-to-talk, Hang Up), the incoming-call dialog (Answer, Decline, a
// caller who gives up; it never takes keys typed elsewhere) and the ring the
// window's node plays meanwhile.
#include "audio/ring_tone.h"
#include "audio/wav_file.h"
#include "call_controller.h"
#include "crypto/sodium_init.h"
#include "dialogs/audio_settings_section.h"
#include "dialogs/incoming_call_dialog.h"
#include "dialogs/settings_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "support/audio_analysis.h"
#include "support/wait.h"
#include "widgets/call_bar.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/conversation_view.h"
#include "widgets/level_meter_widget.h"
#include "widgets/main_window.h"
#include "widgets/tray_icon.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>

#include <algorithm>
#include <cmath>

using namespace confab;
using api::CallEndReason;
using api::CallPhase;

class CallTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void callButtonStartsACallThatConnectsMutesAndHangsUp();
    void pushToTalkOpensTheMicrophoneOnlyWhileSpaceIsHeld();
    void anIncomingCallLeavesTheKeyboardWhereTheUserIsTyping();
    void theRingingDialogAnswersOnlyADeliberateKey();
    void incomingCallRingsAndCtrlShiftAAnswersIt();
    void escapeDeclinesAndTheCallerHearsDeclined();
    void ctrlShiftDDeclinesFromTheWindow();
    void aCallerWhoGivesUpLeavesAMissedCallAndANotification();
    void aSoundCardThatCannotOpenStillRingsSilentlyAndSaysSo();
    void lowLatencyChosenInTheSettingsAppliesToTheNextCall();
    void cleanup();
    void cleanupTestCase();

private:
    // The window's own view of its call, as last reported.
    [[nodiscard]] std::optional<api::CallView> aliceCall() const
    {
        return m_window->callController()->currentCall();
    }
    [[nodiscard]] bool bobIn(CallPhase phase) const { return m_bobCall && m_bobCall->phase == phase; }
    bool writeSpeech(const QString& path, std::uint64_t seed);
    // Where a key the user presses now goes: the focused widget, else the active window.
    [[nodiscard]] static QWidget* keyboard()
    {
        return QApplication::focusWidget() != nullptr ? QApplication::focusWidget()
                                                      : QApplication::activeWindow();
    }
    void startAnsweredCallFromTheWindow();

    QTemporaryDir m_dir;
    ui::test::HostedNode m_alice;
    ui::test::HostedNode m_bob;
    std::unique_ptr<ui::MainWindow> m_window;
    std::optional<api::CallView> m_bobCall;
    QString m_aliceOut;
};

bool CallTest::writeSpeech(const QString& path, std::uint64_t seed)
{
    // Twenty seconds of syllables: a steady tone would be taken for noise (or,
    // the same on both sides, for echo) and suppressed by the voice engine.
    const std::vector<float> speech = confab::test::makeSpeechLike(audio::framesForMs(20000), seed);
    std::vector<audio::Sample> samples(speech.size());
    std::transform(speech.begin(), speech.end(), samples.begin(),
                   [](float value) { return static_cast<audio::Sample>(std::lround(value * 32767.0f)); });
    audio::WavWriter writer;
    return !writer.open(path.toStdString()) && !writer.write(samples.data(), samples.size()) &&
           !writer.close();
}

void CallTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    const QString aliceVoice = m_dir.filePath(QStringLiteral("alice-voice.wav"));
    const QString bobVoice = m_dir.filePath(QStringLiteral("bob-voice.wav"));
    QVERIFY(writeSpeech(aliceVoice, 1));
    QVERIFY(writeSpeech(bobVoice, 2));
    m_aliceOut = m_dir.filePath(QStringLiteral("alice-out.wav"));

    api::NodeConfig alice =
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"));
    alice.audio.inputFile = aliceVoice;
    alice.audio.outputFile = m_aliceOut;
    alice.callSettings.ringOnIncoming = true; // as the desktop app sets it
    alice.frameMsFromSettings = true;         // ... and low latency, without --frame-ms
    QVERIFY(m_alice.start(alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->nodeStarted({});
    m_window->show();

    api::NodeConfig bob = ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("bob")),
                                                       QStringLiteral("Bob"), {m_alice.status.listenAddress});
    bob.audio.inputFile = bobVoice;
    bob.audio.outputFile = m_dir.filePath(QStringLiteral("bob-out.wav"));
    QVERIFY(m_bob.start(bob));
    connect(&m_bob.host->events(), &api::NodeEvents::callChanged, this,
            [this](const api::CallView& call) { m_bobCall = call; });

    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->rowOf(m_bob.id()).has_value(), test::kPatienceMs);
    const int row = *m_window->peerModel()->rowOf(m_bob.id());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool(),
                             test::kPatienceMs);
    QVERIFY(m_window->selectPeer(m_bob.id()));
}

void CallTest::cleanup()
{
    // No call outlives its test.
    if (aliceCall()) {
        m_alice.host->call([peer = aliceCall()->peer](api::Node& node) {
            node.hangUpCall(peer);
            node.declineCall(peer);
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(!aliceCall().has_value(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_bobCall || m_bobCall->phase == CallPhase::Ended, test::kPatienceMs);
    m_window->callController()->setPushToTalk(false);
}

void CallTest::callButtonStartsACallThatConnectsMutesAndHangsUp()
{
    ui::ConversationHeader* header = m_window->header();
    ui::CallBar* bar = m_window->callBar();
    QVERIFY(header->callButton()->isEnabled());
    QVERIFY(header->callButton()->toolTip().contains(QStringLiteral("Call Bob")));
    QVERIFY(!bar->isVisible());

    QTest::mouseClick(header->callButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), test::kPatienceMs);
    QCOMPARE(bar->peerText(), QStringLiteral("Bob"));
    QVERIFY2(bar->stateText() == QStringLiteral("Calling…") || bar->stateText() == QStringLiteral("Ringing…"),
             qPrintable(bar->stateText()));
    QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QStringLiteral("Ringing…"), test::kPatienceMs);
    QVERIFY(bobIn(CallPhase::Incoming));
    // One call at a time: the button says why it is off.
    QVERIFY(!header->callButton()->isEnabled());
    QVERIFY(header->callButton()->toolTip().contains(QStringLiteral("Another call")));
    QVERIFY(!m_window->callAction()->isEnabled());

    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.answerCall(peer); });
    const QRegularExpression duration(QStringLiteral("^\\d+:\\d\\d$"));
    QTRY_VERIFY_WITH_TIMEOUT(duration.match(bar->stateText()).hasMatch(), test::kPatienceMs);
    const QString first = bar->stateText();
    QTRY_VERIFY_WITH_TIMEOUT(bar->stateText() != first && duration.match(bar->stateText()).hasMatch(),
                             test::kPatienceMs);
    // The voice the window's node "hears" moves the meter.
    QTRY_VERIFY_WITH_TIMEOUT(bar->levelMeter()->level() > 0.1, test::kPatienceMs);
    QVERIFY(bar->levelMeter()->fill() > 0.5);
    const QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    QTest::mouseClick(bar->muteButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->muted, test::kPatienceMs);
    QVERIFY(bar->muteButton()->isChecked());
    QVERIFY(bar->noticeText().contains(QStringLiteral("muted")));
    QVERIFY(m_window->muteAction()->isChecked());
    // Ctrl+M unmutes again.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_M, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && !aliceCall()->muted, test::kPatienceMs);
    QVERIFY(!bar->muteButton()->isChecked());

    QTest::mouseClick(bar->hangUpButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(bar->stateText(), QStringLiteral("Call ended"), test::kPatienceMs);
    QVERIFY(bar->isEnded());
    QVERIFY(!aliceCall().has_value());
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Ended), test::kPatienceMs);
    QCOMPARE(m_bobCall->endReason, CallEndReason::RemoteHungUp);
    QVERIFY(header->callButton()->isEnabled());
    // The end stays readable for a few seconds, then the bar goes away.
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isVisible(), ui::CallBar::kEndedShownMs + test::kPatienceMs);
}

void CallTest::startAnsweredCallFromTheWindow()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Incoming), test::kPatienceMs);
    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.answerCall(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->phase == CallPhase::Active, test::kPatienceMs);
}

void CallTest::lowLatencyChosenInTheSettingsAppliesToTheNextCall()
{
    {
        ui::SettingsDialog dialog(*m_alice.host);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), test::kPatienceMs);
        QCheckBox* lowLatency = dialog.audioSection()->lowLatencyBox();
        QVERIFY(!lowLatency->isChecked());
        QVERIFY(!lowLatency->accessibleName().isEmpty() && !lowLatency->toolTip().isEmpty());
        QTest::keyClick(&dialog, Qt::Key_W, Qt::AltModifier); // its mnemonic clicks, with a short animation
        QTRY_VERIFY(lowLatency->isChecked());
        dialog.accept();
    }
    QVERIFY(ui::test::ask(*m_alice.host, [](api::Node& node) {
                return node.settings().lowLatencyCalls;
            }).value_or(false));
    // No restart: the next call Alice starts has 5 ms frames, on both sides.
    startAnsweredCallFromTheWindow();
    QCOMPARE(aliceCall()->frameMs, 5);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Active), test::kPatienceMs);
    QCOMPARE(m_bobCall->frameMs, 5);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() &&
                                 aliceCall()->stats.value(QStringLiteral("frames_played")).toInt() > 100,
                             test::kPatienceMs);

    const auto off = ui::test::ask(*m_alice.host, [](api::Node& node) {
        api::ProfileSettings settings = node.settings();
        settings.lowLatencyCalls = false;
        return node.saveSettings(settings).ok();
    });
    QVERIFY(off.value_or(false));
}

void CallTest::pushToTalkOpensTheMicrophoneOnlyWhileSpaceIsHeld()
{
    startAnsweredCallFromTheWindow();
    ui::CallBar* bar = m_window->callBar();
    QVERIFY(aliceCall()->transmitting);

    QTest::mouseClick(bar->pushToTalkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && !aliceCall()->transmitting, test::kPatienceMs);
    QVERIFY(bar->talkButton()->isVisible());
    QVERIFY(bar->noticeText().contains(QStringLiteral("hold Space")));
    QVERIFY(m_window->pushToTalkAction()->isChecked());

    // Space held outside the message box opens the microphone until released.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->conversationView()->setFocus();
    QTest::keyPress(m_window->conversationView(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->transmitting, test::kPatienceMs);
    QVERIFY(m_window->callController()->isTalking());
    QTest::keyRelease(m_window->conversationView(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && !aliceCall()->transmitting, test::kPatienceMs);

    // In the message box Space types a space and leaves the microphone closed.
    ui::Composer* composer = m_window->composer();
    composer->setFocus();
    composer->clear();
    QTest::keyClick(composer, Qt::Key_Space);
    QCOMPARE(composer->toPlainText(), QStringLiteral(" "));
    QVERIFY(!m_window->callController()->isTalking());
    composer->clear();

    // The Talk button does the same for the mouse.
    QTest::mousePress(bar->talkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->transmitting, test::kPatienceMs);
    QTest::mouseRelease(bar->talkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && !aliceCall()->transmitting, test::kPatienceMs);

    // Off again: the microphone stays open.
    QTest::mouseClick(bar->pushToTalkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->transmitting, test::kPatienceMs);
    QVERIFY(!bar->talkButton()->isVisible());

    // Ctrl+Shift+H hangs up.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Ended), test::kPatienceMs);
    QCOMPARE(m_bobCall->endReason, CallEndReason::RemoteHungUp);
}

void CallTest::anIncomingCallLeavesTheKeyboardWhereTheUserIsTyping()
{
    // Alice is writing to Bob when he calls.
    std::vector<QString> stored;
    QObject context;
    connect(&m_alice.host->events(), &api::NodeEvents::messageStored, &context,
            [&stored](const api::StoredMessage& message) { stored.push_back(message.body); });
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    ui::Composer* composer = m_window->composer();
    composer->clear();
    composer->setFocus();
    QTRY_VERIFY(composer->hasFocus());
    QTest::keyClicks(composer, QStringLiteral("See you at"));
    // Space goes down before the call arrives and comes up after it.
    QTest::keyPress(composer, Qt::Key_Space);

    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() != nullptr &&
                                 m_window->callController()->incomingDialog()->isVisible(),
                             test::kPatienceMs);
    ui::IncomingCallDialog* dialog = m_window->callController()->incomingDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));

    // The user types on where the keyboard is, and presses Enter.
    QVERIFY(keyboard() != nullptr);
    QTest::keyRelease(keyboard(), Qt::Key_Space);
    QTest::keyClicks(keyboard(), QStringLiteral("three"));
    QTest::keyClick(keyboard(), Qt::Key_Return);
    const QString sentence = QStringLiteral("See you at three");
    const auto sent = [&stored, &sentence] {
        return std::find(stored.begin(), stored.end(), sentence) != stored.end();
    };
    QTRY_VERIFY_WITH_TIMEOUT(sent() || (aliceCall() && aliceCall()->phase != CallPhase::Incoming),
                             test::kPatienceMs);
    QVERIFY2(aliceCall() && aliceCall()->phase == CallPhase::Incoming, "the keys typed answered the call");
    QVERIFY2(sent(),
             qPrintable(QStringLiteral("not sent; the message box holds '%1'").arg(composer->toPlainText())));
    // The node agrees: the call still rings, and the message box still has the keyboard.
    const auto calls = ui::test::ask(*m_alice.host, [](api::Node& node) { return node.calls(); });
    QVERIFY(calls && !calls->empty());
    QCOMPARE(calls->front().phase, CallPhase::Incoming);
    QVERIFY(dialog->isVisible());
    QCOMPARE(QApplication::focusWidget(), composer);
    QTRY_VERIFY(composer->toPlainText().isEmpty()); // cleared once stored

    // A deliberate click answers.
    QTest::mouseClick(dialog->answerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Active), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->phase == CallPhase::Active, test::kPatienceMs);
}

void CallTest::theRingingDialogAnswersOnlyADeliberateKey()
{
    // Even where the desktop gives the ringing dialog the focus, only a
    // button the user moved to answers or declines.
    ui::IncomingCallDialog dialog(m_bob.id(), QStringLiteral("00112233445566778899aabbccddeeff"),
                                  QStringLiteral("Bob"), false);
    QSignalSpy answered(&dialog, &ui::IncomingCallDialog::answered);
    QSignalSpy declined(&dialog, &ui::IncomingCallDialog::declined);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTRY_VERIFY(QApplication::focusWidget() != nullptr && QApplication::focusWidget()->window() == &dialog);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(answered.count(), 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(answered.count(), 0);
    QCOMPARE(declined.count(), 0);
    QVERIFY(!dialog.answerButton()->isDefault());
    QVERIFY(!dialog.declineButton()->isDefault());

    // Enter or Space held down since before it rang (auto-repeating), or
    // let go on it, do nothing even on Answer.
    dialog.answerButton()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(dialog.answerButton()->hasFocus());
    for (const int key : {int(Qt::Key_Return), int(Qt::Key_Enter), int(Qt::Key_Space)}) {
        QKeyEvent repeated(QEvent::KeyPress, key, Qt::NoModifier, QString(), true);
        QApplication::sendEvent(dialog.answerButton(), &repeated);
        QKeyEvent released(QEvent::KeyRelease, key, Qt::NoModifier);
        QApplication::sendEvent(dialog.answerButton(), &released);
    }
    QCOMPARE(answered.count(), 0);

    // Moved onto Answer, a fresh Enter answers.
    QTest::keyClick(dialog.answerButton(), Qt::Key_Return);
    QCOMPARE(answered.count(), 1);
    QCOMPARE(declined.count(), 0);
}

void CallTest::incomingCallRingsAndCtrlShiftAAnswersIt()
{
    QVERIFY(!m_window->answerAction()->isEnabled()); // nothing rings
    // What the window's node has recorded so far; the ring is appended to it.
    auto before = audio::readWav(m_aliceOut.toStdString());
    const std::size_t recorded = before ? before.value().frames() : 0;

    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() != nullptr, test::kPatienceMs);
    ui::IncomingCallDialog* dialog = m_window->callController()->incomingDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), test::kPatienceMs);
    QCOMPARE(dialog->peerName(), QStringLiteral("Bob"));
    QVERIFY(dialog->badgeText().contains(QStringLiteral("not verified")));
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("Bob")));
    const QStringList unnamed = ui::test::unnamedControls(dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    QVERIFY(!m_window->callBar()->isVisible() || m_window->callBar()->isEnded());
    // Let it ring until a second of it is in the recording (its header is
    // brought up to date once a second).
    const auto recordedNow = [this] {
        auto wav = audio::readWav(m_aliceOut.toStdString());
        return wav ? wav.value().frames() : std::size_t{0};
    };
    QTRY_VERIFY_WITH_TIMEOUT(recordedNow() >= recorded + static_cast<std::size_t>(audio::kSampleRate),
                             test::kPatienceMs);

    // Ctrl+Shift+A in the window (the dialog does not take the keyboard).
    QVERIFY(m_window->answerAction()->isEnabled());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() == nullptr, test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Active), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->phase == CallPhase::Active, test::kPatienceMs);
    QVERIFY(m_window->callBar()->isVisible());
    QCOMPARE(m_window->callBar()->peerText(), QStringLiteral("Bob"));

    // The ring went out through the call's device, from the start of a burst,
    // and stopped (the device's recording was closed) before the call began.
    auto after = audio::readWav(m_aliceOut.toStdString());
    QVERIFY(after);
    const std::vector<audio::Sample>& samples = after.value().samples;
    const std::vector<audio::Sample> ring = audio::makeRingPeriod();
    const std::size_t checked = audio::framesForMs(300);
    QVERIFY(samples.size() >= recorded + checked);
    QVERIFY(std::equal(ring.begin(), ring.begin() + static_cast<std::ptrdiff_t>(checked),
                       samples.begin() + static_cast<std::ptrdiff_t>(recorded)));

    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.hangUpCall(peer); });
    QTRY_COMPARE_WITH_TIMEOUT(m_window->callBar()->stateText(), QStringLiteral("Bob hung up"),
                              test::kPatienceMs);
}

void CallTest::escapeDeclinesAndTheCallerHearsDeclined()
{
    // The user is in the message box when Bob calls, and turns to the dialog with a click.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->composer()->setFocus();
    QTRY_VERIFY(m_window->composer()->hasFocus());
    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() != nullptr &&
                                 m_window->callController()->incomingDialog()->isVisible(),
                             test::kPatienceMs);
    ui::IncomingCallDialog* dialog = m_window->callController()->incomingDialog();
    QTest::mouseClick(dialog, Qt::LeftButton);
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Ended), test::kPatienceMs);
    QCOMPARE(m_bobCall->endReason, CallEndReason::RemoteDeclined);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() == nullptr, test::kPatienceMs);
    QVERIFY(!aliceCall().has_value());
}

void CallTest::ctrlShiftDDeclinesFromTheWindow()
{
    QVERIFY(!m_window->declineAction()->isEnabled());
    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() != nullptr &&
                                 m_window->callController()->incomingDialog()->isVisible(),
                             test::kPatienceMs);
    QVERIFY(m_window->declineAction()->isEnabled());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(bobIn(CallPhase::Ended), test::kPatienceMs);
    QCOMPARE(m_bobCall->endReason, CallEndReason::RemoteDeclined);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() == nullptr, test::kPatienceMs);
    QVERIFY(!m_window->declineAction()->isEnabled());
}

void CallTest::aCallerWhoGivesUpLeavesAMissedCallAndANotification()
{
    QSignalSpy notified(m_window->trayIcon(), &ui::TrayIcon::notified);
    QSignalSpy notices(m_window->callController(), &ui::CallController::notice);
    m_window->hide(); // away: the dialog still comes up, and the tray says who calls
    m_bob.host->call([peer = m_alice.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() != nullptr &&
                                 m_window->callController()->incomingDialog()->isVisible(),
                             test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), test::kPatienceMs);
    QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Incoming call"));
    QVERIFY(notified.first().at(1).toString().contains(QStringLiteral("Bob")));

    m_bob.host->call(
        [peer = m_alice.id()](api::Node& node) { node.hangUpCall(peer); }); // Bob gives up before the answer
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callController()->incomingDialog() == nullptr, test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), test::kPatienceMs);
    QVERIFY2(notices.last().at(0).toString().startsWith(QStringLiteral("Missed call from Bob")),
             qPrintable(notices.last().at(0).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, test::kPatienceMs);
    QCOMPARE(notified.last().at(0).toString(), QStringLiteral("Missed call"));
    QVERIFY(!aliceCall().has_value());
    m_window->showAndRaise();
}

void CallTest::aSoundCardThatCannotOpenStillRingsSilentlyAndSaysSo()
{
    // Carol's window uses a sound card that does not exist: the ring cannot
    // play and the call's audio cannot open, yet the call rings, connects and
    // says what is wrong.
    api::NodeConfig config = ui::test::HostedNode::config(
        m_dir.filePath(QStringLiteral("carol")), QStringLiteral("Carol"), {m_alice.status.listenAddress});
    config.audio.inputDevice = QStringLiteral("No Such Sound Card");
    config.audio.outputDevice = QStringLiteral("No Such Sound Card");
    config.callSettings.ringOnIncoming = true;
    ui::test::HostedNode carol;
    QVERIFY(carol.start(config));
    ui::MainWindow window(*carol.host);
    window.nodeStarted({});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.peerModel()->rowOf(m_alice.id()).has_value(), test::kPatienceMs);
    const int row = *window.peerModel()->rowOf(m_alice.id());
    QTRY_VERIFY_WITH_TIMEOUT(window.peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool(),
                             test::kPatienceMs);

    m_alice.host->call([peer = carol.id()](api::Node& node) { node.call(peer); });
    QTRY_VERIFY_WITH_TIMEOUT(window.callController()->incomingDialog() != nullptr &&
                                 window.callController()->incomingDialog()->isVisible(),
                             test::kPatienceMs);
    QTest::mouseClick(window.callController()->incomingDialog()->answerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(aliceCall() && aliceCall()->phase == CallPhase::Active, test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.callBar()->noticeText().contains(QStringLiteral("could not be opened")),
                             test::kPatienceMs);
    QVERIFY(window.callBar()->noticeText().contains(QStringLiteral("without sound")));
    QVERIFY(
        window.callController()->currentCall()->audioNotice.contains(QStringLiteral("No Such Sound Card")));
    // The call itself runs: its time counts up.
    const QRegularExpression duration(QStringLiteral("^\\d+:\\d\\d$"));
    QTRY_VERIFY_WITH_TIMEOUT(duration.match(window.callBar()->stateText()).hasMatch(), test::kPatienceMs);

    QTest::mouseClick(window.callBar()->hangUpButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!aliceCall().has_value(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(!window.callController()->hasCall(), test::kPatienceMs);
}

void CallTest::cleanupTestCase()
{
    m_window.reset();
    m_bob.host.reset();
    m_alice.host.reset();
}

QTEST_MAIN(CallTest)
#include "call_test.moc"
