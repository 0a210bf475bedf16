#include "search_indexer.h"

namespace confab::chat {

SearchIndexer::SearchIndexer(storage::MessageStore& store, Clock& clock)
    : m_store(store), m_timer(clock.createTimer([this] { indexChunk(); }))
{
}

void SearchIndexer::noteStored()
{
    if (!m_timer->isActive()) {
        m_timer->start(kQuietMs);
    }
}

void SearchIndexer::indexChunk()
{
    if (m_store.indexForSearch(kChunk) == kChunk) {
        m_timer->start(kBetweenChunksMs); // more waiting
    }
}

} // namespace confab::chat
