#include "chat/avatar_service.h"
#include "crypto/identity.h"
#include "storage/database.h"
#include "support/fake_port.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"
#include "support/virtual_clock.h"

#include <gtest/gtest.h>
#include <memory>

namespace confab::chat {
namespace {

using confab::test::FakePort;
using proto::LinkMessageType;

constexpr auto kAvatars = static_cast<std::uint32_t>(proto::Capability::Avatars);

Bytes bytesOf(const QByteArray& image)
{
    return {image.begin(), image.end()};
}

const QByteArray kMine = QByteArrayLiteral("\x89PNG\r\n\x1a\n my picture");
const QByteArray kBobs = QByteArrayLiteral("\xff\xd8\xff Bob's picture");

class AvatarServiceTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto db = storage::Database::open(m_dir.path(QStringLiteral("confab.db")));
        ASSERT_TRUE(db) << db.error().toStdString();
        m_db = std::move(db).value();
        m_store = std::make_unique<storage::AvatarStore>(*m_db);
        restart();
    }

    // A new service on the same database, as after a restart.
    void restart()
    {
        service = std::make_unique<AvatarService>(port, *m_store, clock);
        QObject::connect(service.get(), &AvatarService::changed,
                         [this](const PeerId& peer) { changes.push_back(peer); });
    }

    // The pictures sent to `to`, in order.
    [[nodiscard]] std::vector<QByteArray> sentTo(const PeerId& to) const
    {
        std::vector<QByteArray> pictures;
        for (const FakePort::Sent& message : port.sent) {
            if (message.to == to && message.type == LinkMessageType::Avatar) {
                pictures.emplace_back(reinterpret_cast<const char*>(message.body.data()),
                                      static_cast<qsizetype>(message.body.size()));
            }
        }
        return pictures;
    }

    confab::test::VirtualClock clock;
    const PeerId self = crypto::IdentityKeyPair::generate().peerId();
    const PeerId bob = crypto::IdentityKeyPair::generate().peerId();
    const PeerId carol = crypto::IdentityKeyPair::generate().peerId();
    FakePort port{self};
    std::unique_ptr<AvatarService> service;
    std::vector<PeerId> changes;

private:
    confab::test::TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<storage::AvatarStore> m_store;
};

TEST_F(AvatarServiceTest, SendsThePictureOnEveryLinkAndEveryChange)
{
    port.link(bob, kAvatars);
    EXPECT_EQ(sentTo(bob), std::vector<QByteArray>{QByteArray()}); // none yet, and says so

    ASSERT_TRUE(service->setOwn(kMine));
    ASSERT_TRUE(service->setOwn(kMine)); // the same again goes nowhere
    port.link(carol, kAvatars);
    EXPECT_EQ(sentTo(bob), (std::vector<QByteArray>{QByteArray(), kMine}));
    EXPECT_EQ(sentTo(carol), std::vector<QByteArray>{kMine});

    ASSERT_TRUE(service->setOwn({}));
    EXPECT_EQ(sentTo(bob).back(), QByteArray());
    EXPECT_EQ(service->own(), QByteArray());
}

TEST_F(AvatarServiceTest, SendsNothingToPeersThatDoNotTakePictures)
{
    port.link(bob, 0);
    ASSERT_TRUE(service->setOwn(kMine));
    EXPECT_TRUE(sentTo(bob).empty());

    // And one that sends a picture anyway is misbehaving.
    port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs));
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, bob);
    EXPECT_TRUE(service->of(bob).isEmpty());
}

TEST_F(AvatarServiceTest, KeepsWhatPeersSendAcrossRestarts)
{
    ASSERT_TRUE(service->setOwn(kMine));
    port.link(bob, kAvatars);
    port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs));
    port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs)); // unchanged: no news
    EXPECT_EQ(service->of(bob), kBobs);
    EXPECT_EQ(changes, std::vector<PeerId>{bob});

    port.unlink(bob); // the picture outlives the link
    EXPECT_EQ(service->of(bob), kBobs);
    restart();
    EXPECT_EQ(service->of(bob), kBobs);
    EXPECT_EQ(service->own(), kMine);

    port.link(bob, kAvatars);
    port.deliver(bob, LinkMessageType::Avatar, {}); // Bob removed his
    EXPECT_TRUE(service->of(bob).isEmpty());
    restart();
    EXPECT_TRUE(service->of(bob).isEmpty());
}

TEST_F(AvatarServiceTest, ForgetsARemovedPeer)
{
    port.link(bob, kAvatars);
    port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs));
    changes.clear();
    service->forget(bob);
    EXPECT_TRUE(service->of(bob).isEmpty());
    EXPECT_EQ(changes, std::vector<PeerId>{bob});
}

TEST_F(AvatarServiceTest, ClosesTheLinkOfAPeerThatFloods)
{
    port.link(bob, kAvatars);
    for (int i = 0; i < AvatarService::kMaxPicturesPerWindow; ++i) {
        port.deliver(bob, LinkMessageType::Avatar, bytesOf(i % 2 == 0 ? kBobs : QByteArray()));
    }
    EXPECT_TRUE(port.dropped.empty());
    confab::test::runFor(clock, AvatarService::kFloodWindowMs); // a new window
    for (int i = 0; i < AvatarService::kMaxPicturesPerWindow; ++i) {
        port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs));
    }
    EXPECT_TRUE(port.dropped.empty());
    port.deliver(bob, LinkMessageType::Avatar, bytesOf(kBobs));
    ASSERT_EQ(port.dropped.size(), 1U);
    EXPECT_EQ(port.dropped[0].first, bob);
}

} // namespace
} // namespace confab::chat
