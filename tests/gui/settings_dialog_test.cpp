// Settings are loaded from the profile, checked, saved through the node and
// read back; a refused value keeps the dialog open with the reason. The
// sound cards are listed by the node, and a microphone that cannot be opened
// says so instead of hanging. The node runs on a simulated host and a
// virtual clock in the test's thread.
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
    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_eve = m_lan.addPeer(QStringLiteral("Eve"));
};

void SettingsDialogTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_eve));
}

void SettingsDialogTest::loadsTheProfilesSettings()
{
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
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
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QSignalSpy accepted(&dialog, &QDialog::accepted);

    dialog.nameEdit()->clear();
    dialog.accept();
    QVERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(accepted.count(), 0);

    // A relative folder passes the dialog but not the node: the node's reason shows.
    dialog.nameEdit()->setText(QStringLiteral("Eve Online"));
    dialog.folderEdit()->setText(QStringLiteral("relative/folder"));
    dialog.accept();
    SIM_VERIFY(m_lan, dialog.errorText().contains(QStringLiteral("full path")));
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());

    const QString folder = QDir(m_eve.profileDir).filePath(QStringLiteral("downloads"));
    dialog.folderEdit()->setText(folder);
    dialog.startMinimisedBox()->setChecked(true);
    dialog.discoveryBox()->setCurrentIndex(dialog.discoveryBox()->findData(QStringLiteral("embedded")));
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);

    // Read back from the profile by a fresh dialog.
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QCOMPARE(again.nameEdit()->text(), QStringLiteral("Eve Online"));
    QCOMPARE(again.folderEdit()->text(), folder);
    QVERIFY(again.startMinimisedBox()->isChecked());
    QCOMPARE(again.discoveryBox()->currentData().toString(), QStringLiteral("embedded"));
}

void SettingsDialogTest::microphoneTestSaysWhenTheDeviceCannotBeOpened()
{
    // A long name makes the reason take several lines.
    const QString missing =
        QStringLiteral("USB Headset Microphone, Analog Stereo, Rear Panel (No Such Device)");
    {
        ui::SettingsDialog dialog(*m_eve.client);
        dialog.show();
        SIM_VERIFY(m_lan, dialog.isLoaded());
        ui::AudioSettingsSection* audio = dialog.audioSection();
        // Listed by the node, whether or not this machine has a sound card.
        SIM_VERIFY(m_lan, audio->isListed());
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
        SIM_VERIFY(m_lan, !audio->isTesting());
        QVERIFY2(audio->testResult().contains(QStringLiteral("could not be opened")),
                 qPrintable(audio->testResult()));
        QVERIFY(audio->testResult().contains(missing));
        QCOMPARE(audio->testButton()->text(), QStringLiteral("&Test Microphone"));
        // Every line of the reason shows: the dialog grows to fit it.
        SIM_VERIFY(m_lan, ui::test::clippedTexts(&dialog).isEmpty());

        QCOMPARE(dialog.settings().audioInputDevice, missing);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        SIM_COMPARE(m_lan, accepted.count(), 1);
    }
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QCOMPARE(again.settings().audioInputDevice, missing);
    QCOMPARE(again.settings().audioOutputDevice, QString());
}

void SettingsDialogTest::cleanupTestCase()
{
    ui::test::SimLan::stop(m_eve);
}

QTEST_MAIN(SettingsDialogTest)
#include "settings_dialog_test.moc"
