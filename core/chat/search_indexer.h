#pragma once

#include "base/clock.h"
#include "storage/message_store.h"

#include <memory>

namespace confab::chat {

// Keeps the message search index up to date away from the busy moments: a
// second after messages were stored, it adds them to the index in chunks,
// each in a transaction of its own, with a pause between chunks so links and
// calls are served in between. A search catches up on whatever is left
// (MessageStore::search), so this only keeps searches quick.
class SearchIndexer {
public:
    static constexpr int kQuietMs = 1000;
    static constexpr int kChunk = 500;
    static constexpr int kBetweenChunksMs = 20;

    SearchIndexer(storage::MessageStore& store, Clock& clock);

    // Messages were stored (or the profile was opened): index them soon.
    void noteStored();

private:
    void indexChunk();

    storage::MessageStore& m_store;
    std::unique_ptr<Timer> m_timer;
};

} // namespace confab::chat
