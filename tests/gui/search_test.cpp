// Searching messages in the main window, against peers on a simulated LAN
// (virtual clock, no sockets): Ctrl+Shift+F puts the search in place of the
// peers, results follow the typing with the words marked, Enter on a result
// opens its conversation at that message (loading older pages as needed),
// and Escape clears the text and then ends the search.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "models/search_results_model.h"
#include "widgets/conversation_view.h"
#include "widgets/main_window.h"
#include "widgets/search_highlight.h"
#include "widgets/search_panel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTranslator>

using namespace confab;

class SearchTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theWordsSearchedForAreMarkedAsTheSearchMatches();
    void ctrlShiftFSearchesEveryConversationAsYouType();
    void enterOnAResultOpensItsConversationAtTheMessage();
    void searchingOneConversationFindsOnlyItsMessages();
    void textWithNothingToSearchForSaysSo();
    void escapeClearsTheTextThenEndsTheSearch();
    void everyControlIsNamedForScreenReaders();
    void cleanupTestCase();

private:
    void send(ui::test::SimLan::Peer& from, const QString& text);
    bool aliceHas(int messages);
    [[nodiscard]] ui::SearchPanel* panel() const { return m_window->searchPanel(); }
    [[nodiscard]] ui::SearchResultsModel* results() const { return panel()->model(); }
    // Ctrl+Shift+F, then the text typed into the field.
    void searchFor(const QString& text);
    QStringList bodiesFound() const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    QTranslator m_english;
    std::unique_ptr<ui::MainWindow> m_window;
    int m_aliceStored = 0;
};

void SearchTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(ui::test::installEnglish(m_english)); // plural forms, as in the app
    QVERIFY(m_lan.start(m_alice));
    connect(&m_alice.client->events(), &api::NodeEvents::messageStored, this, [this] { ++m_aliceStored; });
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id) && m_window->peerModel()->rowOf(m_carol.id));

    // An old message from Bob under more than a page of newer ones, then a
    // few that the searches below look for.
    send(m_bob, QStringLiteral("The zeppelin lands at noon"));
    QVERIFY(aliceHas(1));
    constexpr int kFiller = ui::ConversationModel::kPageSize + 50;
    for (int i = 0; i < kFiller; ++i) {
        send(m_bob, QStringLiteral("filler %1").arg(i));
        if (i % 10 == 9) {
            QVERIFY(aliceHas(i + 2));
        }
    }
    send(m_bob, QStringLiteral("Lunch at the Café Noir?"));
    QVERIFY(aliceHas(ui::ConversationModel::kPageSize + 52));
    send(m_carol, QStringLiteral("The cafeteria is closed today"));
    QVERIFY(aliceHas(ui::ConversationModel::kPageSize + 53));
}

void SearchTest::send(ui::test::SimLan::Peer& from, const QString& text)
{
    from.client->call([to = m_alice.id, text](api::Node& node) { node.sendText(to, text); });
}

bool SearchTest::aliceHas(int messages)
{
    return m_lan.runUntil([&] { return m_aliceStored >= messages; });
}

void SearchTest::searchFor(const QString& text)
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(panel()->field()));
    panel()->field()->clear();
    QTest::keyClicks(panel()->field(), text);
}

QStringList SearchTest::bodiesFound() const
{
    QStringList bodies;
    for (int row = 0; row < results()->rowCount(); ++row) {
        bodies << results()->index(row).data(Qt::DisplayRole).toString();
    }
    return bodies;
}

void SearchTest::theWordsSearchedForAreMarkedAsTheSearchMatches()
{
    using ui::search_highlight::Range;
    const QString text = QStringLiteral("Lunch at the Café Noir? café-au-lait, not CAFETERIA or decafe");
    const QList<Range> found =
        ui::search_highlight::matches(text, {QStringLiteral("cafe"), QStringLiteral("NO")});
    // Word starts only ("decafe" is not one), in any case, accents ignored;
    // "not" starts with "no" too.
    QCOMPARE(found, (QList<Range>{{13, 4}, {18, 2}, {24, 4}, {38, 2}, {42, 4}}));
    QCOMPARE(ui::search_highlight::excerpt(text, 42, 10), QStringLiteral("…lait, not CAFETERIA or decafe"));
    QCOMPARE(ui::search_highlight::excerpt(text, 4, 10), text);
}

void SearchTest::ctrlShiftFSearchesEveryConversationAsYouType()
{
    searchFor(QStringLiteral("caf"));
    QVERIFY(panel()->isVisible());
    QVERIFY(!m_window->peerList()->isVisible());
    SIM_COMPARE(m_lan, bodiesFound(),
                (QStringList{QStringLiteral("The cafeteria is closed today"),
                             QStringLiteral("Lunch at the Café Noir?")}));
    QCOMPARE(results()->index(0).data(ui::SearchResultsModel::PeerNameRole).toString(),
             QStringLiteral("Carol"));
    QCOMPARE(panel()->statusLabel()->text(), QStringLiteral("2 messages found."));

    QTest::keyClicks(panel()->field(), QStringLiteral("e no"));
    SIM_COMPARE(m_lan, bodiesFound(), QStringList{QStringLiteral("Lunch at the Café Noir?")});
    QCOMPARE(panel()->statusLabel()->text(), QStringLiteral("1 message found."));
}

void SearchTest::enterOnAResultOpensItsConversationAtTheMessage()
{
    searchFor(QStringLiteral("zeppelin"));
    SIM_COMPARE(m_lan, bodiesFound(), QStringList{QStringLiteral("The zeppelin lands at noon")});
    const qint64 seq = results()->message(0).seq;
    QTest::keyClick(panel()->field(), Qt::Key_Down);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(panel()->results()));
    QTest::keyClick(panel()->results(), Qt::Key_Return);

    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(m_bob.id));
    // The message is older than the first page: the conversation loads back to it.
    ui::ConversationView* view = m_window->conversationView();
    SIM_VERIFY(m_lan, view->currentIndex().data(ui::ConversationModel::SeqRole).toLongLong() == seq);
    QVERIFY(m_window->conversationModel()->rowCount() > ui::ConversationModel::kPageSize);
    QTRY_VERIFY(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
    // The search stays, for the next result.
    QVERIFY(panel()->isVisible());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(panel()->results()));
}

void SearchTest::searchingOneConversationFindsOnlyItsMessages()
{
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(m_window->searchHereAction()->isEnabled());
    m_window->searchHereAction()->trigger();
    QCOMPARE(panel()->scope()->currentText(), QStringLiteral("Conversation with Carol"));
    panel()->field()->setText(QStringLiteral("the"));
    SIM_COMPARE(m_lan, bodiesFound(), QStringList{QStringLiteral("The cafeteria is closed today")});

    panel()->scope()->setCurrentIndex(0); // all conversations again
    SIM_COMPARE(m_lan, bodiesFound().size(), 3);
}

void SearchTest::textWithNothingToSearchForSaysSo()
{
    searchFor(QStringLiteral("?!"));
    SIM_COMPARE(m_lan, panel()->statusLabel()->text(), QStringLiteral("Type a word to search for."));
    QCOMPARE(results()->rowCount(), 0);
    searchFor(QStringLiteral("xylophone"));
    SIM_COMPARE(m_lan, panel()->statusLabel()->text(), QStringLiteral("No messages found."));
}

void SearchTest::escapeClearsTheTextThenEndsTheSearch()
{
    searchFor(QStringLiteral("noon"));
    QTest::keyClick(panel()->field(), Qt::Key_Escape);
    QVERIFY(panel()->field()->text().isEmpty());
    QVERIFY(panel()->isVisible());
    QCOMPARE(panel()->statusLabel()->text(), QString());
    QTest::keyClick(panel()->field(), Qt::Key_Escape);
    QVERIFY(!panel()->isVisible());
    QVERIFY(m_window->peerList()->isVisible());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->peerList()));
}

void SearchTest::everyControlIsNamedForScreenReaders()
{
    searchFor(QStringLiteral("noon"));
    QCOMPARE(ui::test::unnamedControls(panel()), QStringList());
    QTest::keyClick(panel()->field(), Qt::Key_Escape);
    QTest::keyClick(panel()->field(), Qt::Key_Escape);
}

void SearchTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(SearchTest)
#include "search_test.moc"
