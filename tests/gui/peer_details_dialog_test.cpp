// The verification flow: the peer details show the pair's safety number (the
// same on both sides); "Mark as verified" stores it, the list and the header
// show the badge, and it can be taken back.
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"

#include <QApplication>
#include <QPushButton>
#include <QRegularExpression>

using namespace confab;

class PeerDetailsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void groupsTheNumberForReadingAloud();
    void showsTheSameSafetyNumberAsThePeer();
    void markAsVerifiedShowsTheBadgeAndCanBeUndone();
    void cleanupTestCase();

private:
    bool bobVerifiedInList() const;

    QTemporaryDir m_dir;
    ui::test::HostedNode m_alice;
    ui::test::HostedNode m_bob;
    std::unique_ptr<ui::MainWindow> m_window;
};

void PeerDetailsDialogTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(m_alice.start(
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"))));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->show();
    QVERIFY(m_bob.start(ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("bob")),
                                                     QStringLiteral("Bob"), {m_alice.status.listenAddress})));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->peerModel()->rowOf(m_bob.id()).has_value(), 10000);
    QVERIFY(m_window->selectPeer(m_bob.id()));
}

bool PeerDetailsDialogTest::bobVerifiedInList() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id());
    return row && m_window->peerModel()->index(*row).data(ui::PeerListModel::VerifiedRole).toBool();
}

void PeerDetailsDialogTest::groupsTheNumberForReadingAloud()
{
    QCOMPARE(ui::PeerDetailsDialog::groupedForReading(QStringLiteral("11111 22222 33333 44444 55555 66666")),
             QStringLiteral("11111 22222 33333\n44444 55555 66666"));
}

void PeerDetailsDialogTest::showsTheSameSafetyNumberAsThePeer()
{
    // Bob's side, straight from his node.
    std::optional<api::PeerDetails> fromBob;
    connect(m_bob.host.get(), &api::NodeHost::peerDetailsLoaded, this,
            [&fromBob](const api::PeerDetails& details) { fromBob = details; });
    m_bob.host->loadPeerDetails(m_alice.id());
    QTRY_VERIFY_WITH_TIMEOUT(fromBob.has_value(), 10000);
    QVERIFY(!fromBob->safetyNumber.isEmpty());

    // Alice's side, through the window: Ctrl+I.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(m_window->peerDetailsDialog() != nullptr);
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
    QCOMPARE(dialog->peer(), m_bob.id());
    QCOMPARE(dialog->safetyNumber(), fromBob->safetyNumber);
    QVERIFY(
        QRegularExpression(QStringLiteral("^(\\d{5} ){5}\\d{5}$")).match(dialog->safetyNumber()).hasMatch());
    QVERIFY(!dialog->isVerified());
    QVERIFY(dialog->verifyButton()->isEnabled());
    QVERIFY(dialog->verifyButton()->text().contains(QStringLiteral("Verified")));
    const QStringList unnamed = ui::test::unnamedControls(dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void PeerDetailsDialogTest::markAsVerifiedShowsTheBadgeAndCanBeUndone()
{
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    QVERIFY(dialog);
    QVERIFY(!bobVerifiedInList());
    QVERIFY(m_window->header()->badgeText().contains(QStringLiteral("not verified")));

    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVerified(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(bobVerifiedInList(), 10000);
    QVERIFY(dialog->verifyButton()->text().contains(QStringLiteral("Remove")));
    QTRY_COMPARE(m_window->header()->badgeText(), QStringLiteral("\u2713 verified"));
    // Only Alice's view of Bob changed; Bob decides for himself.
    std::optional<api::PeerDetails> fromBob;
    connect(m_bob.host.get(), &api::NodeHost::peerDetailsLoaded, this,
            [&fromBob](const api::PeerDetails& details) { fromBob = details; });
    m_bob.host->loadPeerDetails(m_alice.id());
    QTRY_VERIFY_WITH_TIMEOUT(fromBob.has_value(), 10000);
    QVERIFY(!fromBob->view.record.verified);

    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVerified(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!bobVerifiedInList(), 10000);
    QTRY_VERIFY(m_window->header()->badgeText().contains(QStringLiteral("not verified")));
    dialog->close();
}

void PeerDetailsDialogTest::cleanupTestCase()
{
    m_window.reset();
    m_bob.host.reset();
    m_alice.host.reset();
}

QTEST_MAIN(PeerDetailsDialogTest)
#include "peer_details_dialog_test.moc"
