// Settings are loaded from the profile, checked, saved through the node and
// read back; a refused value keeps the dialog open with the reason.
#include "crypto/sodium_init.h"
#include "dialogs/settings_dialog.h"
#include "gui_harness.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>

using namespace confab;

class SettingsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsTheProfilesSettings();
    void refusesAnEmptyNameAndSavesAGoodOne();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    ui::test::HostedNode m_node;
};

void SettingsDialogTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(m_node.start(
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("p")), QStringLiteral("Eve"))));
}

void SettingsDialogTest::loadsTheProfilesSettings()
{
    ui::SettingsDialog dialog(*m_node.host);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Eve"));
    QVERIFY(!dialog.folderEdit()->text().isEmpty());
    QVERIFY(!dialog.startMinimisedBox()->isChecked());
    QCOMPARE(dialog.discoveryBox()->currentData().toString(), QStringLiteral("auto"));
    QCOMPARE(dialog.discoveryBox()->count(), 4);
    const QStringList unnamed = ui::test::unnamedControls(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void SettingsDialogTest::refusesAnEmptyNameAndSavesAGoodOne()
{
    ui::SettingsDialog dialog(*m_node.host);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    dialog.nameEdit()->clear();
    dialog.accept();
    QVERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(accepted.count(), 0);

    // A relative folder passes the dialog but not the node: the node's reason shows.
    dialog.nameEdit()->setText(QStringLiteral("Eve Online"));
    dialog.folderEdit()->setText(QStringLiteral("relative/folder"));
    dialog.accept();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.errorText().contains(QStringLiteral("full path")), 10000);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());

    const QString folder = m_dir.filePath(QStringLiteral("downloads"));
    dialog.folderEdit()->setText(folder);
    dialog.startMinimisedBox()->setChecked(true);
    dialog.discoveryBox()->setCurrentIndex(dialog.discoveryBox()->findData(QStringLiteral("embedded")));
    dialog.accept();
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 10000);

    // Read back from the profile by a fresh dialog.
    ui::SettingsDialog again(*m_node.host);
    QTRY_VERIFY_WITH_TIMEOUT(again.isLoaded(), 10000);
    QCOMPARE(again.nameEdit()->text(), QStringLiteral("Eve Online"));
    QCOMPARE(again.folderEdit()->text(), folder);
    QVERIFY(again.startMinimisedBox()->isChecked());
    QCOMPARE(again.discoveryBox()->currentData().toString(), QStringLiteral("embedded"));
}

void SettingsDialogTest::cleanupTestCase()
{
    m_node.host.reset();
}

QTEST_MAIN(SettingsDialogTest)
#include "settings_dialog_test.moc"
