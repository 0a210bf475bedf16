// A long conversation opens in one page and loads older pages on demand.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "storage/database.h"
#include "storage/message_store.h"
#include "storage/profile.h"
#include "widgets/conversation_view.h"

#include <QElapsedTimer>
#include <QScrollBar>

using namespace confab;

class ConversationModelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void opensAHundredThousandMessagesInPages();
    void scrollingToTheTopLoadsTheNextOlderPage();
    void manyNewMessagesOpenAtTheFirstOfThem();

private:
    static constexpr int kMessages = 100'000;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_reader = m_lan.addPeer(QStringLiteral("Reader"));
    PeerId m_peer;
};

void ConversationModelTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    std::array<std::uint8_t, PeerId::kSize> peerBytes{};
    peerBytes.fill(0x42);
    m_peer = PeerId(peerBytes);

    {
        // Filled straight through the store: sending 100,000 messages would test the network instead.
        auto profile = storage::Profile::open(m_reader.profileDir);
        QVERIFY(profile);
        auto db = storage::Database::open(profile.value()->databasePath());
        QVERIFY(db);
        storage::MessageStore store(*db.value());
        std::vector<storage::MessageStore::NewIncoming> batch;
        batch.reserve(kMessages);
        for (int i = 0; i < kMessages; ++i) {
            std::array<std::uint8_t, MessageId::kSize> idBytes{};
            for (std::size_t b = 0; b < 4; ++b) {
                idBytes[b] = static_cast<std::uint8_t>(static_cast<unsigned>(i) >> (8 * b));
            }
            batch.push_back({MessageId(idBytes), m_peer, QStringLiteral("message %1").arg(i), 1000 + i});
        }
        auto stored = store.storeIncoming(batch, 5000);
        QVERIFY(stored);
        QCOMPARE(static_cast<int>(stored->size()), kMessages);
    } // the profile is closed again: the node opens it
    QVERIFY(m_lan.start(m_reader));
}

void ConversationModelTest::opensAHundredThousandMessagesInPages()
{
    ui::ConversationModel model(*m_reader.client);
    QSignalSpy pages(&model, &ui::ConversationModel::pageLoaded);

    QElapsedTimer timer;
    timer.start();
    model.setPeer(m_peer);
    SIM_COMPARE(m_lan, pages.count(), 1);
    const double openMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    // The figure is for the log; conversation_open_bench measures it properly.
    qInfo("opening a %d-message conversation took %.2f ms", kMessages, openMs);
    // Bounded: one page in memory, however long the conversation.
    QCOMPARE(model.rowCount(), ui::ConversationModel::kPageSize);
    QCOMPARE(model.index(model.rowCount() - 1).data().toString(),
             QStringLiteral("message %1").arg(kMessages - 1));

    // One older page at a time, oldest first, no gaps.
    QVERIFY(model.canLoadOlder());
    model.loadOlder();
    QVERIFY(!model.canLoadOlder()); // one request at a time
    SIM_COMPARE(m_lan, pages.count(), 2);
    QCOMPARE(model.rowCount(), 2 * ui::ConversationModel::kPageSize);
    QCOMPARE(model.index(0).data().toString(),
             QStringLiteral("message %1").arg(kMessages - 2 * ui::ConversationModel::kPageSize));
    QCOMPARE(model.index(ui::ConversationModel::kPageSize).data().toString(),
             QStringLiteral("message %1").arg(kMessages - ui::ConversationModel::kPageSize));
    QVERIFY(model.rowCount() < kMessages);
}

void ConversationModelTest::scrollingToTheTopLoadsTheNextOlderPage()
{
    ui::ConversationModel model(*m_reader.client);
    ui::ConversationView view;
    view.setConversation(&model);
    view.resize(600, 400);
    view.show();
    QSignalSpy pages(&model, &ui::ConversationModel::pageLoaded);
    model.setPeer(m_peer);
    SIM_COMPARE(m_lan, pages.count(), 1);
    // Opens at the newest message.
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    QTRY_COMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
    // Sitting at the newest message loads nothing more: older pages come
    // when the user scrolls up for them.
    m_lan.runFor(1000);
    QCOMPARE(pages.count(), 1);
    QCOMPARE(model.rowCount(), ui::ConversationModel::kPageSize);

    view.verticalScrollBar()->setValue(0);
    SIM_COMPARE(m_lan, model.rowCount(), 2 * ui::ConversationModel::kPageSize);
    // What was on screen stays there: the older page goes above it.
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    const QModelIndex wasOnTop = model.index(ui::ConversationModel::kPageSize);
    QCOMPARE(wasOnTop.data().toString(),
             QStringLiteral("message %1").arg(kMessages - ui::ConversationModel::kPageSize));
    QVERIFY(view.viewport()->rect().intersects(view.visualRect(wasOnTop)));
}

void ConversationModelTest::manyNewMessagesOpenAtTheFirstOfThem()
{
    ui::ConversationModel model(*m_reader.client);
    ui::ConversationView view;
    view.setConversation(&model);
    view.resize(600, 400);
    view.show();
    QSignalSpy pages(&model, &ui::ConversationModel::pageLoaded);
    constexpr int kUnread = 150; // far more than 400 pixels hold
    model.setPeer(m_peer, kUnread);
    SIM_COMPARE(m_lan, pages.count(), 1);
    const int marked = ui::ConversationModel::kPageSize - kUnread;
    QCOMPARE(model.newMarkerRow(), std::optional<int>(marked));
    // Not the newest at the bottom: the first new one at the top, its line in sight.
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    QTRY_VERIFY(std::abs(view.visualRect(model.index(marked)).top()) <= 1);
    QVERIFY(view.verticalScrollBar()->value() < view.verticalScrollBar()->maximum());
}

QTEST_MAIN(ConversationModelTest)
#include "conversation_model_test.moc"
