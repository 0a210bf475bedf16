// A known peer presenting another key: the node's real refusal path raises
// the warning, the banner explains it and sending stays paused until the
// user acknowledges; a new refusal brings the banner back.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/key_warning_banner.h"
#include "widgets/main_window.h"

#include <QLabel>
#include <QPushButton>

using namespace confab;

class KeyWarningTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void bannerBlocksSendingUntilAcknowledged();
    void aNewRefusalBringsTheBannerBack();
    void cleanupTestCase();

private:
    bool warningShownFor(const proto::PeerId& peer) const;
    void startBob();

    QTemporaryDir m_dir;
    proto::PeerId m_bobId;
    ui::test::HostedNode m_alice;
    ui::test::HostedNode m_bob;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<storage::StoredMessage> m_aliceStored;
};

void KeyWarningTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    const QString aliceDir = m_dir.filePath(QStringLiteral("alice"));
    m_bobId = ui::test::identityOf(m_dir.filePath(QStringLiteral("bob")));
    QVERIFY(!m_bobId.isNull());
    QVERIFY(ui::test::pinForeignKey(aliceDir, m_bobId, QStringLiteral("Bob")));

    QVERIFY(m_alice.start(ui::test::HostedNode::config(aliceDir, QStringLiteral("Alice"))));
    connect(m_alice.host.get(), &api::NodeHost::messageStored, this,
            [this](const storage::StoredMessage& message) { m_aliceStored.push_back(message); });
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->rowOf(m_bobId).has_value(), 10000);
    QVERIFY(m_window->selectPeer(m_bobId));
    // Known, no warning yet: Alice could write to Bob.
    QVERIFY(m_window->keyWarningBanner()->isHidden());
    QVERIFY(m_window->composer()->isEnabled());
}

bool KeyWarningTest::warningShownFor(const proto::PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    return row && m_window->peerModel()->index(*row).data(ui::PeerListModel::KeyWarningRole).toBool() &&
           m_window->keyWarningBanner()->isVisible();
}

void KeyWarningTest::startBob()
{
    QVERIFY(m_bob.start(ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("bob")),
                                                     QStringLiteral("Bob"), {m_alice.status.listenAddress})));
    QCOMPARE(m_bob.id(), m_bobId);
}

void KeyWarningTest::bannerBlocksSendingUntilAcknowledged()
{
    startBob();
    QTRY_VERIFY_WITH_TIMEOUT(warningShownFor(m_bobId), 10000);
    m_bob.host.reset(); // no further attempts while we look

    ui::KeyWarningBanner* banner = m_window->keyWarningBanner();
    QVERIFY(banner->text().contains(QStringLiteral("Bob")));
    QVERIFY(banner->text().contains(QStringLiteral("different identity key")));
    QVERIFY(banner->text().contains(QStringLiteral("refused")));
    const QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    // Keyboard users reach the acknowledgement by Tab from the peer list.
    QVERIFY(banner->acknowledgeButton()->focusPolicy() & Qt::TabFocus);
    QVERIFY(m_window->header()->badgeText().contains(QStringLiteral("key warning")));
    const int row = *m_window->peerModel()->rowOf(m_bobId);
    QVERIFY(!m_window->peerModel()->index(row).data(ui::PeerListModel::OnlineRole).toBool());

    // Sending is blocked: the composer and the button are disabled, and keys do nothing.
    ui::Composer* composer = m_window->composer();
    QVERIFY(!composer->isEnabled());
    QVERIFY(!m_window->sendButton()->isEnabled());
    QTest::keyClicks(composer, QStringLiteral("are you there?"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTest::mouseClick(m_window->sendButton(), Qt::LeftButton);
    QTest::qWait(300);
    QVERIFY(m_aliceStored.empty());

    // "I understand": stored by the node, then the banner goes and writing works.
    QTest::mouseClick(banner->acknowledgeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 10000);
    QVERIFY(!m_window->peerModel()->index(row).data(ui::PeerListModel::KeyWarningRole).toBool());
    QTRY_VERIFY(composer->isEnabled());
    QVERIFY(m_window->sendButton()->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("are you there?"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_aliceStored.size(), std::size_t{1}, 10000);
    QCOMPARE(m_aliceStored.front().body, QStringLiteral("are you there?"));
    QCOMPARE(m_aliceStored.front().state, storage::MessageState::Queued); // Bob is refused, so it waits
    // The window says that it waits.
    QVERIFY(m_window->queuedNotice()->isVisible());
    QVERIFY(m_window->queuedNotice()->text().contains(QStringLiteral("queued")));
}

void KeyWarningTest::aNewRefusalBringsTheBannerBack()
{
    QVERIFY(m_window->keyWarningBanner()->isHidden());
    startBob();
    QTRY_VERIFY_WITH_TIMEOUT(warningShownFor(m_bobId), 10000);
    QVERIFY(!m_window->composer()->isEnabled());
    m_bob.host.reset();
}

void KeyWarningTest::cleanupTestCase()
{
    m_window.reset();
    m_bob.host.reset();
    m_alice.host.reset();
}

QTEST_MAIN(KeyWarningTest)
#include "key_warning_test.moc"
