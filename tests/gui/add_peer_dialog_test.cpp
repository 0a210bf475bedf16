// The add-peer dialog refuses addresses the node would reject and says why.
#include "dialogs/add_peer_dialog.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

class AddPeerDialogTest : public QObject {
    Q_OBJECT
private slots:
    void rejectsAnImpossiblePort();
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
