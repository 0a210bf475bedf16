// The call bar in the window, fed the calls a node reports (no real call, no
// real time): what it says when the sound card fails — one sentence naming
// what does not work, shown whole — and what is left of it after the call.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "support/wait.h"
#include "widgets/call_bar.h"
#include "widgets/main_window.h"

#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>

using namespace confab;

class CallBarTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void aFailedSoundCardIsOneSentenceNamingWhatFailed_data();
    void aFailedSoundCardIsOneSentenceNamingWhatFailed();
    void anEndedCallLeavesNoControlsBehind();
    void cleanupTestCase();

private:
    [[nodiscard]] static api::CallView activeCall();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void CallBarTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get(), confab::test::kPatienceMs));
}

api::CallView CallBarTest::activeCall()
{
    api::CallView call;
    call.callId = QStringLiteral("00112233445566778899aabbccddeeff");
    call.phase = api::CallPhase::Active;
    call.durationMs = 7000;
    return call;
}

void CallBarTest::aFailedSoundCardIsOneSentenceNamingWhatFailed_data()
{
    QTest::addColumn<bool>("microphoneWorks");
    QTest::addColumn<bool>("speakerWorks");
    QTest::newRow("neither") << false << false;
    QTest::newRow("no microphone") << false << true;
    QTest::newRow("no speaker") << true << false;
}

void CallBarTest::aFailedSoundCardIsOneSentenceNamingWhatFailed()
{
    QFETCH(bool, microphoneWorks);
    QFETCH(bool, speakerWorks);
    // What the node says about it: long, technical, several sentences.
    const QString detail = QStringLiteral(
        "Could not open the audio device (sound card (input 'No Such Sound Card', output 'No Such Sound "
        "Card')): There is no audio input device named 'No Such Sound Card'. Devices with inputs: none. "
        "The call continues without sound.");
    api::CallView call = activeCall();
    call.audioNotice = detail;
    call.microphoneWorks = microphoneWorks;
    call.speakerWorks = speakerWorks;
    ui::CallBar* bar = m_window->callBar();
    bar->showCall(call, QStringLiteral("Bob"));

    const QString text = bar->noticeText();
    QVERIFY(!text.isEmpty());
    QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(text));
    static const QRegularExpression sentenceEnd(QStringLiteral("[.!?](\\s|$)"));
    QVERIFY2(text.count(sentenceEnd) == 1 && text.endsWith(QLatin1Char('.')), qPrintable(text));
    QCOMPARE(text.contains(QStringLiteral("microphone")), !microphoneWorks);
    QCOMPARE(text.contains(QStringLiteral("speaker")), !speakerWorks);
    QVERIFY2(text.contains(QStringLiteral("could not be opened")), qPrintable(text));
    // The details stay at hand, not on screen.
    QLabel* notice = nullptr;
    for (QLabel* label : bar->findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Call notice")) {
            notice = label;
        }
    }
    QVERIFY(notice != nullptr);
    QCOMPARE(notice->toolTip(), detail);
    QCOMPARE(notice->accessibleDescription(), detail);
    // Nothing overlaps or is cut off.
    QTRY_VERIFY2_WITH_TIMEOUT(ui::test::clippedTexts(m_window.get()).isEmpty(),
                              qPrintable(ui::test::clippedTexts(m_window.get()).join(QLatin1Char('\n'))),
                              confab::test::kPatienceMs);
    QVERIFY(notice->geometry().top() >= bar->hangUpButton()->geometry().bottom());
}

void CallBarTest::anEndedCallLeavesNoControlsBehind()
{
    ui::CallBar* bar = m_window->callBar();
    api::CallView call = activeCall();
    call.muted = true;
    bar->showCall(call, QStringLiteral("Bob"));
    QVERIFY(bar->muteButton()->isVisible());
    QCOMPARE(bar->muteButton()->text(), QStringLiteral("Unmute"));
    QVERIFY(bar->hangUpButton()->isVisible());

    call.phase = api::CallPhase::Ended;
    call.endReason = api::CallEndReason::HungUp;
    bar->showEnded(call, QStringLiteral("Bob"));
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->stateText(), QStringLiteral("Call ended"));
    // No disabled Unmute (or any other control of the call) stays on show.
    for (const QAbstractButton* button : bar->findChildren<QAbstractButton*>()) {
        QVERIFY2(!button->isVisible(), qPrintable(button->text()));
    }
    QVERIFY(!bar->muteButton()->isChecked());
    QVERIFY(bar->noticeText().isEmpty());

    // The next call brings them back, not muted.
    call = activeCall();
    bar->showCall(call, QStringLiteral("Bob"));
    QVERIFY(bar->muteButton()->isVisible());
    QVERIFY(bar->muteButton()->isEnabled());
    QCOMPARE(bar->muteButton()->text(), QStringLiteral("Mute"));
    QVERIFY(bar->hangUpButton()->isVisible());
    QVERIFY(!bar->talkButton()->isVisible()); // push-to-talk is off
}

void CallBarTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(CallBarTest)
#include "call_bar_test.moc"
