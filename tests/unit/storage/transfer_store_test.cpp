#include "storage/transfer_store.h"
#include "store_fixture.h"

#include <gtest/gtest.h>

namespace confab::storage {
namespace {

class TransferStoreTest : public test::StoreTest {
protected:
    void SetUp() override
    {
        test::StoreTest::SetUp();
        m_store = std::make_unique<TransferStore>(db());
    }
    void TearDown() override { m_store.reset(); }

    TransferStore& store() { return *m_store; }

    static StoredTransfer transfer(std::uint8_t n, bool outgoing)
    {
        StoredTransfer t;
        t.id = Bytes(16, n);
        t.peer = peer(n);
        t.outgoing = outgoing;
        t.state = 1;
        t.offer = Bytes{1, 2, 3, n};
        t.createdMs = 1000 + n;
        t.updatedMs = 1000 + n;
        return t;
    }

private:
    std::unique_ptr<TransferStore> m_store;
};

TEST_F(TransferStoreTest, KeepsEveryField)
{
    StoredTransfer t = transfer(7, true);
    t.sources = {QStringLiteral("/home/a/photos"), QStringLiteral("/home/a/photos/b c.jpg")};
    t.swarm = Bytes{7, 1, 2, 3};
    ASSERT_TRUE(store().insert(t));

    t.state = 3;
    t.reason = 2;
    t.pausedHere = true;
    t.pausedThere = true;
    t.manifest = Bytes(70000, 0xAB); // larger than any page
    t.folder = QStringLiteral("/home/b/Downloads");
    t.topNames = {QStringLiteral("photos/photos (1)")};
    t.problem = QStringLiteral("The disk is full.");
    t.offer = Bytes{9, 9};
    t.fileHash = QStringLiteral("ab12");
    t.savedAs = {QStringLiteral("photos (1)"), QStringLiteral("a.txt")};
    t.bytesDone = 5'000'000'000;
    t.bytesFromOthers = 4'000'000'000;
    t.updatedMs = 9999;
    ASSERT_TRUE(store().update(t));

    const auto found = store().find(t.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->peer, t.peer);
    EXPECT_TRUE(found->outgoing);
    EXPECT_EQ(found->state, 3);
    EXPECT_EQ(found->reason, 2);
    EXPECT_TRUE(found->pausedHere);
    EXPECT_TRUE(found->pausedThere);
    EXPECT_EQ(found->offer, t.offer);
    EXPECT_EQ(found->manifest, t.manifest);
    EXPECT_EQ(found->sources, t.sources);
    EXPECT_EQ(found->folder, t.folder);
    EXPECT_EQ(found->topNames, t.topNames);
    EXPECT_EQ(found->problem, t.problem);
    EXPECT_EQ(found->fileHash, t.fileHash);
    EXPECT_EQ(found->savedAs, t.savedAs);
    EXPECT_EQ(found->bytesDone, t.bytesDone);
    EXPECT_EQ(found->bytesFromOthers, t.bytesFromOthers);
    EXPECT_EQ(found->createdMs, t.createdMs);
    EXPECT_EQ(found->updatedMs, 9999);
    EXPECT_EQ(found->swarm, (Bytes{7, 1, 2, 3})); // set once, when the drop is made
}

TEST_F(TransferStoreTest, UnknownIdIsNotFoundAndNotUpdated)
{
    EXPECT_FALSE(store().find(Bytes(16, 1)));
    EXPECT_FALSE(store().update(transfer(1, false)));
}

TEST_F(TransferStoreTest, SameIdTwiceIsRefused)
{
    ASSERT_TRUE(store().insert(transfer(1, false)));
    EXPECT_FALSE(store().insert(transfer(1, true)));
}

TEST_F(TransferStoreTest, ListsOldestFirst)
{
    ASSERT_TRUE(store().insert(transfer(5, false)));
    ASSERT_TRUE(store().insert(transfer(2, true)));
    const auto all = store().all();
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].id, Bytes(16, 2));
    EXPECT_EQ(all[1].id, Bytes(16, 5));
}

TEST_F(TransferStoreTest, TheOverviewLeavesOutOnlyManifestsSourcesAndSwarms)
{
    StoredTransfer big = transfer(3, true);
    big.sources = {QStringLiteral("/home/a/one"), QStringLiteral("/home/a/two")};
    big.swarm = Bytes{7, 9};
    ASSERT_TRUE(store().insert(big));
    big.manifest = Bytes(70000, 0xCD);
    big.problem = QStringLiteral("Waiting.");
    big.savedAs = {QStringLiteral("one")};
    big.bytesDone = 1234;
    ASSERT_TRUE(store().update(big));
    ASSERT_TRUE(store().insert(transfer(1, false)));

    const auto overview = store().overview();
    const auto all = store().all();
    ASSERT_EQ(overview.size(), 2U);
    ASSERT_EQ(all.size(), 2U);
    for (std::size_t i = 0; i < overview.size(); ++i) {
        EXPECT_TRUE(overview[i].manifest.empty());
        EXPECT_TRUE(overview[i].sources.isEmpty());
        EXPECT_TRUE(overview[i].swarm.empty());
        StoredTransfer expected = all[i];
        expected.manifest.clear();
        expected.sources.clear();
        EXPECT_EQ(overview[i].id, expected.id);
        EXPECT_EQ(overview[i].peer, expected.peer);
        EXPECT_EQ(overview[i].offer, expected.offer);
        EXPECT_EQ(overview[i].problem, expected.problem);
        EXPECT_EQ(overview[i].savedAs, expected.savedAs);
        EXPECT_EQ(overview[i].bytesDone, expected.bytesDone);
        EXPECT_EQ(overview[i].createdMs, expected.createdMs);
    }
    EXPECT_EQ(all[1].manifest, big.manifest);
    EXPECT_EQ(all[1].sources, big.sources);
    EXPECT_EQ(all[1].swarm, big.swarm);
}

TEST_F(TransferStoreTest, ReceivedFilesAreUpsertedAndCleared)
{
    const StoredTransfer t = transfer(3, false);
    ASSERT_TRUE(store().insert(t));
    ASSERT_TRUE(
        store().saveFiles(t.id, {{0, {Bytes{0x01}, std::nullopt}}, {4, {Bytes{0xFF, 0x03}, std::nullopt}}}));
    ASSERT_TRUE(store().saveFiles(t.id, {{0, {Bytes{0x03}, QStringLiteral("a (1).txt")}}}));

    auto files = store().files(t.id);
    ASSERT_EQ(files.size(), 2U);
    EXPECT_EQ(files[0].verified, (Bytes{0x03}));
    EXPECT_EQ(files[0].finalName, QStringLiteral("a (1).txt"));
    EXPECT_EQ(files[4].verified, (Bytes{0xFF, 0x03}));
    EXPECT_FALSE(files[4].finalName);

    ASSERT_TRUE(store().clearFiles(t.id));
    EXPECT_TRUE(store().files(t.id).empty());
}

TEST_F(TransferStoreTest, FilesOfAnUnknownTransferAreRefused)
{
    // The foreign key keeps progress from outliving (or preceding) its drop.
    EXPECT_FALSE(store().saveFiles(Bytes(16, 9), {{0, {Bytes{0x01}, std::nullopt}}}));
}

} // namespace
} // namespace confab::storage
