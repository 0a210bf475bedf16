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

private:
    static constexpr int kMessages = 100'000;

    QTemporaryDir m_dir;
    proto::PeerId m_peer;
};

void ConversationModelTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    std::array<std::uint8_t, proto::PeerId::kSize> peerBytes{};
    peerBytes.fill(0x42);
    m_peer = proto::PeerId(peerBytes);

    // Filled straight through the store: sending 100,000 messages would test the network instead.
    auto profile = storage::Profile::open(m_dir.path());
    QVERIFY(profile);
    auto db = storage::Database::open(profile.value()->databasePath());
    QVERIFY(db);
    storage::MessageStore store(*db.value());
    std::vector<storage::MessageStore::NewIncoming> batch;
    batch.reserve(kMessages);
    for (int i = 0; i < kMessages; ++i) {
        std::array<std::uint8_t, proto::MessageId::kSize> idBytes{};
        for (std::size_t b = 0; b < 4; ++b) {
            idBytes[b] = static_cast<std::uint8_t>(static_cast<unsigned>(i) >> (8 * b));
        }
        batch.push_back({proto::MessageId(idBytes), m_peer, QStringLiteral("message %1").arg(i), 1000 + i});
    }
    auto stored = store.storeIncoming(batch, 5000);
    QVERIFY(stored);
    QCOMPARE(static_cast<int>(stored->size()), kMessages);
}

void ConversationModelTest::opensAHundredThousandMessagesInPages()
{
    ui::test::HostedNode node;
    QVERIFY(node.start(ui::test::HostedNode::config(m_dir.path(), QStringLiteral("Reader"))));
    ui::ConversationModel model(*node.host);
    QSignalSpy pages(&model, &ui::ConversationModel::pageLoaded);

    QElapsedTimer timer;
    timer.start();
    model.setPeer(m_peer);
    QVERIFY(pages.wait(10000));
    const double openMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    // The figure is for the log; conversation_open_bench measures it properly.
    qInfo("opening a %d-message conversation took %.2f ms", kMessages, openMs);
    // Bounded: one page in memory, however long the conversation.
    QCOMPARE(model.rowCount(), ui::ConversationModel::kPageSize);
    QCOMPARE(model.index(model.rowCount() - 1).data().toString(),
             QStringLiteral("message %1").arg(kMessages - 1));

    // One older page at a time, oldest first, no gaps.
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one request at a time
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 2 * ui::ConversationModel::kPageSize);
    QCOMPARE(model.index(0).data().toString(),
             QStringLiteral("message %1").arg(kMessages - 2 * ui::ConversationModel::kPageSize));
    QCOMPARE(model.index(ui::ConversationModel::kPageSize).data().toString(),
             QStringLiteral("message %1").arg(kMessages - ui::ConversationModel::kPageSize));
    QVERIFY(model.rowCount() < kMessages);
}

void ConversationModelTest::scrollingToTheTopLoadsTheNextOlderPage()
{
    ui::test::HostedNode node;
    QVERIFY(node.start(ui::test::HostedNode::config(m_dir.path(), QStringLiteral("Reader"))));
    ui::ConversationModel model(*node.host);
    ui::ConversationView view;
    view.setConversation(&model);
    view.resize(600, 400);
    view.show();
    QSignalSpy pages(&model, &ui::ConversationModel::pageLoaded);
    model.setPeer(m_peer);
    QVERIFY(pages.wait(10000));
    // Opens at the newest message.
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
    QTRY_COMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());

    view.verticalScrollBar()->setValue(0);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2 * ui::ConversationModel::kPageSize, 10000);
    // What was on screen stays there: the older page goes above it.
    QTRY_VERIFY(view.verticalScrollBar()->value() > 0);
}

QTEST_MAIN(ConversationModelTest)
#include "conversation_model_test.moc"
