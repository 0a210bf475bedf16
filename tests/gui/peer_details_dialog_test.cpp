// The verification flow: the peer details show the pair's safety number (the
// same on both sides); "Mark as verified" asks whether the user compared it,
// then stores it, the list and the header show the badge, and it can be taken
// back (asked again). Enter only closes the dialog.
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>

using namespace confab;

class PeerDetailsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void groupsTheNumberForReadingAloud();
    void showsTheSameSafetyNumberAsThePeer();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void enterClosesTheDialogAndVerifiesNothing_data();
    void enterClosesTheDialogAndVerifiesNothing();
    void verifyingAsksWhetherTheNumberWasCompared();
    void markAsVerifiedShowsTheBadgeAndCanBeUndone();
    void cleanupTestCase();

private:
    bool bobVerifiedInList() const;
    [[nodiscard]] bool bobVerifiedByAlice() const
    {
        return m_alice.node().peerDetails(m_bob.id).view.record.verified;
    }
    // Bob's details as a keyboard user opens them: Ctrl+I in the window.
    ui::PeerDetailsDialog* openDetailsWithCtrlI();
    // The question the details ask before changing the verification; null if none is open.
    static QMessageBox* confirmationOf(const QWidget* dialog);
    static QAbstractButton* acceptButtonOf(const QMessageBox* box);

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

ui::PeerDetailsDialog* PeerDetailsDialogTest::openDetailsWithCtrlI()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        return nullptr;
    }
    QTest::keyClick(m_window.get(), Qt::Key_I, Qt::ControlModifier);
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    if (dialog == nullptr || !m_lan.runUntil([dialog] { return dialog->isLoaded(); }) ||
        !QTest::qWaitForWindowActive(dialog)) {
        return nullptr;
    }
    return dialog;
}

QMessageBox* PeerDetailsDialogTest::confirmationOf(const QWidget* dialog)
{
    for (QMessageBox* box : dialog->findChildren<QMessageBox*>()) {
        if (box->isVisible()) {
            return box;
        }
    }
    return nullptr;
}

QAbstractButton* PeerDetailsDialogTest::acceptButtonOf(const QMessageBox* box)
{
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::AcceptRole) {
            return button;
        }
    }
    return nullptr;
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

void PeerDetailsDialogTest::enterClosesTheDialogAndVerifiesNothing_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("Ctrl+I, Enter") << QStringLiteral("ctrl-i");
    // As on a desktop where the details arrive before the window gets the focus.
    QTest::newRow("shown after the details loaded") << QStringLiteral("loaded-first");
    QTest::newRow("after clicking the safety number") << QStringLiteral("number-clicked");
}

void PeerDetailsDialogTest::enterClosesTheDialogAndVerifiesNothing()
{
    QFETCH(QString, how);
    if (m_window->peerDetailsDialog() != nullptr) {
        m_window->peerDetailsDialog()->close();
    }
    m_alice.node().setVerified(m_bob.id, false); // whatever a row before did
    SIM_VERIFY(m_lan, !bobVerifiedInList());
    std::unique_ptr<ui::PeerDetailsDialog> own;
    QPointer<ui::PeerDetailsDialog> dialog;
    if (how == QStringLiteral("loaded-first")) {
        own = std::make_unique<ui::PeerDetailsDialog>(*m_alice.client, m_bob.id, m_window.get());
        dialog = own.get();
        SIM_VERIFY(m_lan, dialog->isLoaded());
        dialog->show();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
    } else {
        dialog = openDetailsWithCtrlI();
        QVERIFY(dialog);
    }
    if (how == QStringLiteral("number-clicked")) {
        // Selecting the number to read it out: the focus moves onto it.
        QLabel* number = nullptr;
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (label->accessibleName() == QStringLiteral("Safety number")) {
                number = label;
            }
        }
        QVERIFY(number != nullptr);
        QTest::mouseClick(number, Qt::LeftButton);
    }
    QTRY_VERIFY(QApplication::focusWidget() != nullptr &&
                QApplication::focusWidget()->window() == dialog.data());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    m_lan.runFor(1000);
    QVERIFY2(!bobVerifiedByAlice(), "Enter marked Bob as verified");
    QVERIFY(!bobVerifiedInList());
    QVERIFY2(!dialog || !dialog->isVisible(), "Enter did not close the dialog");
}

void PeerDetailsDialogTest::verifyingAsksWhetherTheNumberWasCompared()
{
    m_alice.node().setVerified(m_bob.id, false); // whatever a test before did
    SIM_VERIFY(m_lan, !bobVerifiedInList());
    ui::PeerDetailsDialog* dialog = openDetailsWithCtrlI();
    QVERIFY(dialog);

    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    m_lan.runFor(1000);
    QMessageBox* question = confirmationOf(dialog);
    QVERIFY2(question != nullptr, "Mark as Verified did not ask first");
    QVERIFY2(!bobVerifiedByAlice(), "Bob was marked verified before the answer");
    QVERIFY2(question->text().contains(QStringLiteral("compare")) &&
                 question->text().contains(QStringLiteral("Bob")),
             qPrintable(question->text()));
    QVERIFY(acceptButtonOf(question) != nullptr);
    // Enter (and Escape) take the safe answer: nothing changes.
    QVERIFY(QTest::qWaitForWindowActive(question));
    QTRY_VERIFY(QApplication::focusWidget() != nullptr && QApplication::focusWidget()->window() == question);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    m_lan.runFor(1000);
    QVERIFY2(!bobVerifiedByAlice(), "Enter confirmed the verification");
    QVERIFY(confirmationOf(dialog) == nullptr);

    // Cancel: nothing changes.
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    question = confirmationOf(dialog);
    QVERIFY(question != nullptr);
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    m_lan.runFor(1000);
    QVERIFY(!bobVerifiedByAlice());
    QVERIFY(!dialog->isVerified());
    QVERIFY(dialog->verifyButton()->isEnabled());
}

void PeerDetailsDialogTest::markAsVerifiedShowsTheBadgeAndCanBeUndone()
{
    ui::PeerDetailsDialog* dialog = m_window->peerDetailsDialog();
    QVERIFY(dialog);
    QVERIFY(!bobVerifiedInList());
    QVERIFY(m_window->header()->badgeText().contains(QStringLiteral("not verified")));

    // Confirmed: stored.
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    QMessageBox* question = confirmationOf(dialog);
    QVERIFY(question != nullptr);
    QTest::mouseClick(acceptButtonOf(question), Qt::LeftButton);
    SIM_VERIFY(m_lan, dialog->isVerified());
    SIM_VERIFY(m_lan, bobVerifiedInList());
    QVERIFY(dialog->verifyButton()->text().contains(QStringLiteral("Remove")));
    SIM_COMPARE(m_lan, m_window->header()->badgeText(), QStringLiteral("\u2713 verified"));
    // Stored by the node, not just shown.
    QVERIFY(m_alice.node().peerDetails(m_bob.id).view.record.verified);
    // Only Alice's view of Bob changed; Bob decides for himself.
    QVERIFY(!m_bob.node().peerDetails(m_alice.id).view.record.verified);

    // Taking it back asks too; cancelled, it stays.
    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    question = confirmationOf(dialog);
    QVERIFY2(question != nullptr, "Remove Verification did not ask first");
    QVERIFY(question->text().contains(QStringLiteral("Bob")));
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    m_lan.runFor(1000);
    QVERIFY(bobVerifiedByAlice());
    QVERIFY(dialog->isVerified());

    QTest::mouseClick(dialog->verifyButton(), Qt::LeftButton);
    question = confirmationOf(dialog);
    QVERIFY(question != nullptr);
    QTest::mouseClick(acceptButtonOf(question), Qt::LeftButton);
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
