// Settings are loaded from the profile, checked, saved through the node and
// read back; a refused value keeps the dialog open with the reason. The
// sound cards are listed by the node, and a microphone that cannot be opened
// says so instead of hanging.
#include "crypto/sodium_init.h"
#include "dialogs/audio_settings_section.h"
#include "dialogs/settings_dialog.h"
#include "gui_harness.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>

using namespace confab;

class SettingsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsTheProfilesSettings();
    void refusesAnEmptyNameAndSavesAGoodOne();
    void microphoneTestSaysWhenTheDeviceCannotBeOpened();
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

void SettingsDialogTest::microphoneTestSaysWhenTheDeviceCannotBeOpened()
{
    const QString missing = QStringLiteral("No Such Microphone");
    {
        ui::SettingsDialog dialog(*m_node.host);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        ui::AudioSettingsSection* audio = dialog.audioSection();
        // Listed off the GUI thread, whether or not this machine has a sound card.
        QTRY_VERIFY_WITH_TIMEOUT(audio->isListed(), 20000);
        QVERIFY(audio->inputBox()->isEnabled());
        QCOMPARE(audio->inputBox()->itemData(0).toString(), QString()); // the system's default
        QVERIFY(audio->statusText().contains(QStringLiteral("next start")));
        const QStringList unnamed = ui::test::unnamedControls(&dialog);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

        // A saved device that is not connected stays chosen, and says so.
        audio->setChoice(missing, QString());
        QCOMPARE(audio->inputDevice(), missing);
        QVERIFY(audio->inputBox()->currentText().contains(QStringLiteral("not connected")));
        QTest::mouseClick(audio->testButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!audio->isTesting(), 15000);
        QVERIFY2(audio->testResult().contains(QStringLiteral("could not be opened")),
                 qPrintable(audio->testResult()));
        QVERIFY(audio->testResult().contains(missing));
        QCOMPARE(audio->testButton()->text(), QStringLiteral("&Test Microphone"));

        QCOMPARE(dialog.settings().audioInputDevice, missing);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 10000);
    }
    ui::SettingsDialog again(*m_node.host);
    QTRY_VERIFY_WITH_TIMEOUT(again.isLoaded(), 10000);
    QCOMPARE(again.settings().audioInputDevice, missing);
    QCOMPARE(again.settings().audioOutputDevice, QString());
}

void SettingsDialogTest::cleanupTestCase()
{
    m_node.host.reset();
}

QTEST_MAIN(SettingsDialogTest)
#include "settings_dialog_test.moc"
