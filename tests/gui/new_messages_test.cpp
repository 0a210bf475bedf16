// The "New messages" line: above the oldest message the user had not seen
// when they opened the conversation, kept while it stays open, gone once
// they answer; screen readers hear it with that message. Against peers on a
// simulated LAN.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "widgets/conversation_view.h"
#include "widgets/main_window.h"

using namespace confab;

class NewMessagesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theLineGoesAboveTheOldestUnreadAndStays();
    void answeringTakesItAway();
    void aConversationWithNothingNewHasNoLine();
    void cleanupTestCase();

private:
    [[nodiscard]] int unreadFromBob() const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void NewMessagesTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowCount() == 2);
    QVERIFY(m_window->selectPeer(m_carol.id)); // Alice reads Carol while Bob writes
    for (const QString& text : {QStringLiteral("Earlier: are you coming?"), QStringLiteral("I'll wait")}) {
        m_bob.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
    }
    SIM_VERIFY(m_lan, m_alice.node().history(m_bob.id, 10).size() == 2);
    m_alice.node().markConversationRead(m_bob.id); // those two were read before
    for (const QString& text : {QStringLiteral("Are you there?"), QStringLiteral("Call me"),
                                QStringLiteral("It's about the review")}) {
        m_bob.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
    }
    SIM_VERIFY(m_lan, unreadFromBob() == 3);
}

int NewMessagesTest::unreadFromBob() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
    return row ? m_window->peerModel()->at(*row).view.unread : -1;
}

void NewMessagesTest::theLineGoesAboveTheOldestUnreadAndStays()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::ConversationModel* model = m_window->conversationModel();
    SIM_VERIFY(m_lan, !model->isLoading() && model->rowCount() == 5);
    QCOMPARE(model->newMarkerRow(), std::optional<int>(2));
    QCOMPARE(model->index(2).data().toString(), QStringLiteral("Are you there?"));
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->index(row).data(ui::ConversationModel::NewMarkerRole).toBool(), row == 2);
    }
    QVERIFY(
        model->index(2).data(Qt::AccessibleTextRole).toString().startsWith(QStringLiteral("New messages. ")));
    // Opening it read them; the line stays while the conversation is open.
    SIM_VERIFY(m_lan, unreadFromBob() == 0);
    QCOMPARE(model->newMarkerRow(), std::optional<int>(2));
    // It takes a row's height of its own.
    QStyleOptionViewItem option;
    option.initFrom(m_window->conversationView());
    option.rect = QRect(0, 0, m_window->conversationView()->viewport()->width(), 0);
    auto* delegate = m_window->conversationView()->itemDelegate();
    QVERIFY(delegate->sizeHint(option, model->index(2)).height() >
            delegate->sizeHint(option, model->index(3)).height());
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("new-messages.png")));

    // A later message does not move it down.
    m_bob.client->call([to = m_alice.id](api::Node& node) { node.sendText(to, QStringLiteral("Hello?")); });
    SIM_VERIFY(m_lan, model->rowCount() == 6);
    model->markNewFrom(model->index(5).data(ui::ConversationModel::SeqRole).toLongLong());
    QCOMPARE(model->newMarkerRow(), std::optional<int>(2));
}

void NewMessagesTest::answeringTakesItAway()
{
    ui::ConversationModel* model = m_window->conversationModel();
    QVERIFY(model->newMarkerRow());
    m_alice.client->call(
        [to = m_bob.id](api::Node& node) { node.sendText(to, QStringLiteral("Calling now")); });
    SIM_VERIFY(m_lan, model->rowCount() == 7);
    QCOMPARE(model->newMarkerRow(), std::nullopt);
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(!model->index(row).data(ui::ConversationModel::NewMarkerRole).toBool());
    }
}

void NewMessagesTest::aConversationWithNothingNewHasNoLine()
{
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(m_window->selectPeer(m_bob.id)); // back: all read now
    ui::ConversationModel* model = m_window->conversationModel();
    SIM_VERIFY(m_lan, !model->isLoading() && model->rowCount() == 7);
    QCOMPARE(model->newMarkerRow(), std::nullopt);
}

void NewMessagesTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(NewMessagesTest)
#include "new_messages_test.moc"
