#include "chat/search_indexer.h"
#include "storage/database.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

namespace confab::chat {
namespace {

class SearchIndexerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = storage::Database::open(m_dir.path(QStringLiteral("confab.db")));
        ASSERT_TRUE(db) << db.error().toStdString();
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::MessageStore>(*m_db);
        m_indexer = std::make_unique<SearchIndexer>(*m_store, m_clock);
    }

    void store(int count)
    {
        std::vector<storage::MessageStore::NewIncoming> batch;
        for (int i = 0; i < count; ++i) {
            std::array<std::uint8_t, MessageId::kSize> id{};
            const int n = m_stored++;
            id[0] = static_cast<std::uint8_t>(n);
            id[1] = static_cast<std::uint8_t>(n >> 8);
            batch.push_back({MessageId(id), m_peer, QStringLiteral("note %1").arg(n), 0});
        }
        ASSERT_TRUE(m_store->storeIncoming(batch, 0));
    }

    // The newest seq in the index, read the way the store keeps it.
    std::int64_t indexedThrough()
    {
        QSqlQuery query = m_db->prepare(QStringLiteral("SELECT indexed_through FROM search_index"));
        EXPECT_TRUE(m_db->exec(query) && query.next());
        return query.value(0).toLongLong();
    }

    void runUntil(std::int64_t ms)
    {
        while (m_clock.fireNext(ms)) {
        }
        m_clock.advanceTo(ms);
    }

    test::TempDir m_dir;
    test::VirtualClock m_clock;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::MessageStore> m_store;
    std::unique_ptr<SearchIndexer> m_indexer;
    PeerId m_peer = PeerId(std::array<std::uint8_t, PeerId::kSize>{1});
    int m_stored = 0;
};

TEST_F(SearchIndexerTest, IndexesInChunksOnceStoringHasPaused)
{
    store(SearchIndexer::kChunk * 2 + 10);
    m_indexer->noteStored();
    runUntil(SearchIndexer::kQuietMs - 1);
    EXPECT_EQ(indexedThrough(), 0) << "nothing while messages may still be coming";
    m_indexer->noteStored(); // more stored: the first deadline stands
    runUntil(SearchIndexer::kQuietMs);
    EXPECT_EQ(indexedThrough(), SearchIndexer::kChunk);
    runUntil(SearchIndexer::kQuietMs + SearchIndexer::kBetweenChunksMs);
    EXPECT_EQ(indexedThrough(), SearchIndexer::kChunk * 2);
    runUntil(SearchIndexer::kQuietMs + 10 * SearchIndexer::kBetweenChunksMs);
    EXPECT_EQ(indexedThrough(), SearchIndexer::kChunk * 2 + 10);
    EXPECT_EQ(m_clock.armedTimers(), 0U) << "idle once all is indexed";
}

TEST_F(SearchIndexerTest, ASearchFindsWhatIsNotIndexedYet)
{
    store(3);
    m_indexer->noteStored();
    const auto found = m_store->search(QStringLiteral("\"note\"*"), std::nullopt, 10);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->size(), 3U);
    EXPECT_EQ(indexedThrough(), 3);
    runUntil(std::int64_t{SearchIndexer::kQuietMs} * 2); // the indexer then finds nothing left to do
    EXPECT_EQ(m_store->indexForSearch(10), std::optional<int>(0));
}

} // namespace
} // namespace confab::chat
