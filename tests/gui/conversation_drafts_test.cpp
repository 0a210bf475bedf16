// What is written and not sent stays with its conversation: each peer has a
// draft of its own, back (with the cursor at its end) when the user comes
// back, also from a room. A message still on its way when the user moves on
// does not come back as a draft once stored, nor goes twice; one the node
// refuses stays as the draft of the peer it was for. Against peers on a
// simulated LAN.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "models/room_list_model.h"
#include "proto/limits.h"
#include "widgets/composer.h"
#include "widgets/main_window.h"
#include "widgets/room_pane.h"

#include <QLabel>

#include <algorithm>

using namespace confab;

class ConversationDraftsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void eachConversationKeepsItsOwnDraft();
    void theDraftWaitsWhileARoomIsOpen();
    void aMessageSentWhileSwitchingAwayIsNoDraft();
    void aMessageOnItsWayWhenComingBackGoesOnce();
    void aRefusedMessageStaysAsItsPeersDraft();
    void cleanupTestCase();

private:
    // How many messages with `text` Alice's node stored as sent to `peer`.
    [[nodiscard]] int storedTo(const PeerId& peer, const QString& text) const;
    // Empties both conversations' drafts, for the next case.
    void clearDrafts();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_room;
};

void ConversationDraftsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 2);
    SIM_VERIFY(m_lan,
               m_window->peerModel()->at(0).view.connected && m_window->peerModel()->at(1).view.connected);
    const api::RoomResult room = m_alice.node().createRoom(QStringLiteral("Plans"), {m_bob.id});
    QVERIFY2(room, qPrintable(room ? QString() : room.error()));
    m_room = room.value().id;
    SIM_VERIFY(m_lan, m_window->roomModel()->rowOf(m_room).has_value());
}

int ConversationDraftsTest::storedTo(const PeerId& peer, const QString& text) const
{
    const api::StoredMessages history = m_alice.node().history(peer, 100);
    return static_cast<int>(
        std::count_if(history.begin(), history.end(), [&](const api::StoredMessage& message) {
            return message.outgoing && message.body == text;
        }));
}

void ConversationDraftsTest::clearDrafts()
{
    for (const PeerId& peer : {m_bob.id, m_carol.id}) {
        QVERIFY(m_window->selectPeer(peer));
        m_window->composer()->clear();
    }
}

void ConversationDraftsTest::eachConversationKeepsItsOwnDraft()
{
    ui::Composer* composer = m_window->composer();
    QVERIFY(m_window->selectPeer(m_bob.id));
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("Bob, about Friday"));

    // Carol's conversation has nothing written yet.
    QVERIFY(m_window->selectPeer(m_carol.id));
    QCOMPARE(composer->toPlainText(), QString());
    QVERIFY(composer->isEnabled());
    QTest::keyClicks(composer, QStringLiteral("Carol: the slides"));

    // Back to Bob: his draft, and typing goes on at its end.
    QVERIFY(m_window->selectPeer(m_bob.id));
    QCOMPARE(composer->toPlainText(), QStringLiteral("Bob, about Friday"));
    QVERIFY(composer->textCursor().atEnd());
    QTest::keyClicks(composer, QStringLiteral(" and Saturday"));
    QCOMPARE(composer->toPlainText(), QStringLiteral("Bob, about Friday and Saturday"));

    QVERIFY(m_window->selectPeer(m_carol.id));
    QCOMPARE(composer->toPlainText(), QStringLiteral("Carol: the slides"));
    QVERIFY(composer->textCursor().atEnd());

    // Drafts are not sent.
    m_lan.runFor(1000);
    QVERIFY(m_alice.node().history(m_bob.id, 10).empty());
    QVERIFY(m_alice.node().history(m_carol.id, 10).empty());
    clearDrafts();
}

void ConversationDraftsTest::theDraftWaitsWhileARoomIsOpen()
{
    ui::Composer* composer = m_window->composer();
    QVERIFY(m_window->selectPeer(m_bob.id));
    QTest::keyClicks(composer, QStringLiteral("before the meeting"));
    QVERIFY(m_window->selectRoom(m_room));
    QCOMPARE(m_window->currentRoom(), m_room);
    QCOMPARE(m_window->roomPane()->composer()->toPlainText(), QString());

    QVERIFY(m_window->selectPeer(m_bob.id));
    QCOMPARE(m_window->currentRoom(), QString());
    QCOMPARE(composer->toPlainText(), QStringLiteral("before the meeting"));
    QVERIFY(composer->textCursor().atEnd());
    clearDrafts();
}

void ConversationDraftsTest::aMessageSentWhileSwitchingAwayIsNoDraft()
{
    ui::Composer* composer = m_window->composer();
    const QString text = QStringLiteral("See you at noon");
    QVERIFY(m_window->selectPeer(m_bob.id));
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
    // On its way when the user moves on to Carol.
    QVERIFY(m_window->selectPeer(m_carol.id));
    QCOMPARE(storedTo(m_bob.id, text), 0);
    QCOMPARE(composer->toPlainText(), QString());

    SIM_COMPARE(m_lan, storedTo(m_bob.id, text), 1);
    m_lan.runFor(1000);
    QCOMPARE(composer->toPlainText(), QString()); // Carol's conversation is left alone
    QVERIFY(m_window->sendError()->isHidden());
    // Sent, so it is no draft of Bob's.
    QVERIFY(m_window->selectPeer(m_bob.id));
    QCOMPARE(composer->toPlainText(), QString());
    QVERIFY(m_window->sendError()->isHidden());

    // Written on after sending, it is another text: kept, as in the open conversation.
    const QString more = QStringLiteral("Shall I bring the plans?");
    QTest::keyClicks(composer, more);
    QTest::keyClick(composer, Qt::Key_Return);
    QTest::keyClicks(composer, QStringLiteral(" Both sets?"));
    QVERIFY(m_window->selectPeer(m_carol.id));
    SIM_COMPARE(m_lan, storedTo(m_bob.id, more), 1);
    m_lan.runFor(1000);
    QVERIFY(m_window->selectPeer(m_bob.id));
    QCOMPARE(composer->toPlainText(), QStringLiteral("Shall I bring the plans? Both sets?"));
    clearDrafts();
}

void ConversationDraftsTest::aMessageOnItsWayWhenComingBackGoesOnce()
{
    ui::Composer* composer = m_window->composer();
    const QString text = QStringLiteral("Lunch?");
    QVERIFY(m_window->selectPeer(m_bob.id));
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(m_window->selectPeer(m_bob.id));
    // Still on its way: shown until stored, and Enter does not send it again.
    QCOMPARE(storedTo(m_bob.id, text), 0);
    QCOMPARE(composer->toPlainText(), text);
    QTest::keyClick(composer, Qt::Key_Return);

    SIM_COMPARE(m_lan, composer->toPlainText(), QString());
    m_lan.runFor(1000);
    QCOMPARE(storedTo(m_bob.id, text), 1);
    QVERIFY(m_window->sendError()->isHidden());
    clearDrafts();
}

void ConversationDraftsTest::aRefusedMessageStaysAsItsPeersDraft()
{
    ui::Composer* composer = m_window->composer();
    QLabel* error = m_window->sendError();
    // 33 KiB: over the 32 KiB a message may carry.
    const QString tooLong = QString(qsizetype{33} * 1024, QLatin1Char('x'));
    QVERIFY(static_cast<std::size_t>(tooLong.toUtf8().size()) > proto::kMaxTextBytes);
    QVERIFY(m_window->selectPeer(m_bob.id));
    composer->setFocus();
    composer->setPlainText(tooLong);
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(m_window->selectPeer(m_carol.id));
    QCOMPARE(composer->toPlainText(), QString());

    // Refused while Carol's conversation is open: nothing shows there.
    m_lan.runFor(1000);
    QCOMPARE(storedTo(m_bob.id, tooLong), 0);
    QCOMPARE(composer->toPlainText(), QString());
    QVERIFY(error->isHidden());
    // Nothing typed is lost: it waits in Bob's conversation, to be shortened,
    // and says why it was not sent.
    QVERIFY(m_window->selectPeer(m_bob.id));
    QCOMPARE(composer->toPlainText(), tooLong);
    QVERIFY(composer->textCursor().atEnd());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("too long")), qPrintable(error->text()));
    // Said once: not again on the next visit.
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(m_window->selectPeer(m_bob.id));
    QVERIFY(error->isHidden());
    const QString fits = tooLong.left(static_cast<qsizetype>(proto::kMaxTextBytes));
    composer->setPlainText(fits);
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_COMPARE(m_lan, composer->toPlainText(), QString());
    QCOMPARE(storedTo(m_bob.id, fits), 1);

    // Refused after coming back: the reason shows, and the text stays.
    composer->setPlainText(tooLong);
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(m_window->selectPeer(m_bob.id));
    SIM_VERIFY(m_lan, error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("too long")), qPrintable(error->text()));
    QCOMPARE(composer->toPlainText(), tooLong);
    QCOMPARE(storedTo(m_bob.id, tooLong), 0);
    clearDrafts();
}

void ConversationDraftsTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(ConversationDraftsTest)
#include "conversation_drafts_test.moc"
