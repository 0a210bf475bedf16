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
    bool warningShownFor(const PeerId& peer) const;
    void startBob();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    PeerId m_bobId;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<api::StoredMessage> m_aliceStored;
};

void KeyWarningTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    m_bobId = ui::test::identityOf(m_bob.profileDir);
    QVERIFY(!m_bobId.isNull());
    QVERIFY(ui::test::pinForeignKey(m_alice.profileDir, m_bobId, QStringLiteral("Bob")));

    QVERIFY(m_lan.start(m_alice));
    connect(&m_alice.client->events(), &api::NodeEvents::messageStored, this,
            [this](const api::StoredMessage& message) { m_aliceStored.push_back(message); });
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bobId).has_value());
    QVERIFY(m_window->selectPeer(m_bobId));
    // Known, no warning yet: Alice could write to Bob.
    QVERIFY(m_window->keyWarningBanner()->isHidden());
    QVERIFY(m_window->composer()->isEnabled());
}

bool KeyWarningTest::warningShownFor(const PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    return row && m_window->peerModel()->index(*row).data(ui::PeerListModel::KeyWarningRole).toBool() &&
           m_window->keyWarningBanner()->isVisible();
}

void KeyWarningTest::startBob()
{
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QCOMPARE(m_bob.id, m_bobId);
}

void KeyWarningTest::bannerBlocksSendingUntilAcknowledged()
{
    startBob();
    SIM_VERIFY(m_lan, warningShownFor(m_bobId));
    ui::test::SimLan::stop(m_bob); // no further attempts while we look

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
    m_lan.runFor(1000);
    QVERIFY(m_aliceStored.empty());

    // "I understand": stored by the node, then the banner goes and writing works.
    QTest::mouseClick(banner->acknowledgeButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, banner->isHidden());
    QVERIFY(!m_window->peerModel()->index(row).data(ui::PeerListModel::KeyWarningRole).toBool());
    QVERIFY(composer->isEnabled());
    QVERIFY(m_window->sendButton()->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("are you there?"));
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_COMPARE(m_lan, m_aliceStored.size(), std::size_t{1});
    QCOMPARE(m_aliceStored.front().body, QStringLiteral("are you there?"));
    QCOMPARE(m_aliceStored.front().state, api::MessageState::Queued); // Bob is refused, so it waits
    // The window says that it waits.
    QVERIFY(m_window->queuedNotice()->isVisible());
    QVERIFY(m_window->queuedNotice()->text().contains(QStringLiteral("queued")));
}

void KeyWarningTest::aNewRefusalBringsTheBannerBack()
{
    QVERIFY(m_window->keyWarningBanner()->isHidden());
    startBob();
    SIM_VERIFY(m_lan, warningShownFor(m_bobId));
    QVERIFY(!m_window->composer()->isEnabled());
    ui::test::SimLan::stop(m_bob);
}

void KeyWarningTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(KeyWarningTest)
#include "key_warning_test.moc"
