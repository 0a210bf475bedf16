// The add-peer dialog refuses addresses the node would reject and says why,
// in full: the dialog grows to show every line of the reason.
#include "dialogs/add_peer_dialog.h"
#include "gui_harness.h"
#include "support/wait.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

class AddPeerDialogTest : public QObject {
    Q_OBJECT
private slots:
    void rejectsAnImpossiblePort();
    void theReasonIsShownWhole();
    void acceptsHostAndPort();
};

void AddPeerDialogTest::rejectsAnImpossiblePort()
{
    confab::ui::AddPeerDialog dialog;
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClicks(dialog.addressEdit(), QStringLiteral("nonsense:99999"));
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.errorText().isEmpty());
    qInfo() << "message shown:" << dialog.errorText();
}

void AddPeerDialogTest::theReasonIsShownWhole()
{
    confab::ui::AddPeerDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog, confab::test::kPatienceMs));
    QTest::keyClicks(dialog.addressEdit(), QStringLiteral("nonsense:99999"));
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
    QVERIFY(!dialog.errorText().isEmpty());
    // The reason takes several lines at the dialog's width: every one shows.
    QTRY_VERIFY2_WITH_TIMEOUT(confab::ui::test::clippedTexts(&dialog).isEmpty(),
                              qPrintable(confab::ui::test::clippedTexts(&dialog).join(QLatin1Char('\n'))),
                              confab::test::kPatienceMs);
    // A second, different mistake is shown whole too.
    dialog.addressEdit()->clear();
    QTest::keyClicks(dialog.addressEdit(), QStringLiteral("[::1"));
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
    QVERIFY(!dialog.errorText().isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(confab::ui::test::clippedTexts(&dialog).isEmpty(),
                              qPrintable(confab::ui::test::clippedTexts(&dialog).join(QLatin1Char('\n'))),
                              confab::test::kPatienceMs);
}

void AddPeerDialogTest::acceptsHostAndPort()
{
    confab::ui::AddPeerDialog dialog;
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClicks(dialog.addressEdit(), QStringLiteral("127.0.0.1:42042"));
    QTest::keyClick(dialog.addressEdit(), Qt::Key_Return);
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.address(), QStringLiteral("127.0.0.1:42042"));
    QVERIFY(dialog.errorText().isEmpty());
}

QTEST_MAIN(AddPeerDialogTest)
#include "add_peer_dialog_test.moc"
