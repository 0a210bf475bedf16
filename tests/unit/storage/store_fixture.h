#pragma once

#include "base/message_id.h"
#include "base/peer_id.h"
#include "storage/database.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::storage::test {

// A fresh migrated database in a temporary folder.
class StoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = Database::open(m_dir.path(QStringLiteral("confab.db")));
        ASSERT_TRUE(db) << db.error().toStdString();
        m_db = std::move(db).value();
    }

    Database& db() { return *m_db; }

    // Deterministic ids, distinct per `n`, so failures are readable.
    static PeerId peer(std::uint8_t n)
    {
        std::array<std::uint8_t, PeerId::kSize> bytes{};
        bytes.fill(n);
        return PeerId(bytes);
    }
    static MessageId messageId(std::uint8_t n)
    {
        std::array<std::uint8_t, MessageId::kSize> bytes{};
        bytes.fill(n);
        return MessageId(bytes);
    }

private:
    confab::test::TempDir m_dir;
    std::unique_ptr<Database> m_db;
};

} // namespace confab::storage::test
