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

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void PeerDetailsDialogTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id).has_value());
    QVERIFY(m_window->selectPeer(m_bob.id));
}

bool PeerDetailsDialogTest::bobVerifiedInList() const
{
    const auto row = m_window->peerModel()->rowOf(m_bob.id);
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
    const api::PeerDetails fromBob = m_bob.node().peerDetails(m_alice.id);
    QVERIFY(!fromBob.safetyNumber.isEmpty());

    // Alice's side, through the window: Ctrl+I.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(m_window->peerDetailsDialog() != nullptr);
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    SIM_VERIFY(m_lan, dialog->isLoaded());
    QCOMPARE(dialog->peer(), m_bob.id);
    QCOMPARE(dialog->safetyNumber(), fromBob.safetyNumber);
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
    SIM_VERIFY(m_lan, dialog->isVerified());
    SIM_VERIFY(m_lan, bobVerifiedInList());
    QVERIFY(dialog->verifyButton()->text().contains(QStringLiteral("Remove")));
    SIM_COMPARE(m_lan, m_window->header()->badgeText(), QStringLiteral("\u2713 verified"));
    // Stored by the node, not just shown.
    QVERIFY(m_alice.node().peerDetails(m_bob.id).view.record.verified);
    // Only Alice's view of Bob changed; Bob decides for himself.
    QVERIFY(!m_bob.node().peerDetails(m_alice.id).view.record.verified);

    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, !dialog->isVerified());
    SIM_VERIFY(m_lan, !bobVerifiedInList());
    SIM_VERIFY(m_lan, m_window->header()->badgeText().contains(QStringLiteral("not verified")));
    QVERIFY(!m_alice.node().peerDetails(m_bob.id).view.record.verified);
    dialog->close();
}

void PeerDetailsDialogTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(PeerDetailsDialogTest)
#include "peer_details_dialog_test.moc"
