// Settings are loaded from the profile, checked, saved through the node and
// read back; a refused value keeps the dialog open with the reason. The
// sound cards are listed by the node, and a microphone that cannot be opened
// says so instead of hanging. Carrying messages for others and its storage
// limit are saved, reach the node at its next start, and the dialog says
// when an option given at start overrides them. Accepting files from verified
// contacts automatically is saved and in force at once. A picture is chosen
// through a file dialog, shown at once as peers will get it, and stored
// with the other settings on Save (or removed, leaving the initials); a file
// that is no picture is refused in words. The identity key is
// backed up with a passphrase and restored on another profile, which offers
// to restart. The node runs on a simulated host and a
// virtual clock in the test's thread.
#include "api/node_config.h"
#include "api/node_types.h"
#include "crypto/identity.h"
#include "crypto/sodium_init.h"
#include "dialogs/audio_settings_section.h"
#include "dialogs/avatar_settings_section.h"
#include "dialogs/identity_settings_section.h"
#include "dialogs/passphrase_dialog.h"
#include "dialogs/relay_settings_section.h"
#include "dialogs/settings_dialog.h"
#include "gui_harness.h"
#include "support/wait.h"
#include "widgets/avatar_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace confab;

class SettingsDialogTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loadsTheProfilesSettings();
    void refusesAnEmptyNameAndSavesAGoodOne();
    void aPictureIsChosenShownAndSavedWithTheSettings();
    void aFileThatIsNoPictureIsRefusedInWords();
    void removingThePictureLeavesTheInitials();
    void thePictureButtonsAreReachedByTab();
    void microphoneTestSaysWhenTheDeviceCannotBeOpened();
    void discoveryShowsTheModeInForceAndWhatOverridesIt();
    void discoveryFromTheSettingsSaysWhenTheChoiceApplies();
    void relayingIsSavedAndAppliesAtTheNextStart();
    void relayingControlsWorkFromTheKeyboard();
    void relayingShowsWhatAnOptionGivenAtStartOverrides();
    void acceptingFilesAutomaticallyIsSavedAndAppliesAtOnce();
    void echoCancellationIsOnAndTurnedOffFromTheKeyboard();
    void identityIsBackedUpWithAPassphraseAndRestoredElsewhere();
    void cleanupTestCase();

private:
    // Picks `path` in the dialog's "Choose Picture" file dialog, as a user would.
    static bool choosePicture(ui::SettingsDialog& dialog, const QString& path);
    [[nodiscard]] QByteArray evesPicture() const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_eve = m_lan.addPeer(QStringLiteral("Eve"));
    ui::test::SimLan::Peer& m_finn = m_lan.addPeer(QStringLiteral("Finn"));
    QTemporaryDir m_files;
};

namespace {

// The passphrase is stretched on a thread of its own, in real time: waits
// for it while the simulated nodes run without moving their clock.
bool waitForTheNode(ui::test::SimLan& lan, const std::function<bool()>& done)
{
    QDeadlineTimer patience(confab::test::kPatienceMs);
    while (!lan.runUntil(done, 0)) {
        if (patience.hasExpired()) {
            return false;
        }
        QTest::qWait(5);
    }
    return true;
}

// The identity a profile starts with next: the ID of its key file.
QString keyFileId(const QString& profileDir)
{
    QFile file(profileDir + QStringLiteral("/identity.key"));
    crypto::Secret<32> seed;
    if (!file.open(QIODevice::ReadOnly) ||
        file.read(reinterpret_cast<char*>(seed.data()), static_cast<qint64>(seed.size())) != 32) {
        return {};
    }
    return QString::fromStdString(crypto::IdentityKeyPair::fromSeed(seed).peerId().toText());
}

} // namespace

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
    QVERIFY(!dialog.autoAcceptBox()->isChecked()); // off unless the user turns it on
    QCOMPARE(dialog.awayAfterBox()->value(), api::kDefaultAwayAfterMinutes);
    QVERIFY(dialog.notificationsBox()->isChecked());
    QVERIFY(dialog.notificationSoundBox()->isChecked());
    // Eve's node was started with discovery off: that is what is in force.
    QCOMPARE(dialog.discoveryBox()->currentData().toString(), QStringLiteral("off"));
    QCOMPARE(dialog.discoveryBox()->count(), 4);
    const QStringList unnamed = ui::test::unnamedControls(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    // Each Alt+letter leads to one control.
    const QStringList shared = ui::test::sharedMnemonics(&dialog);
    QVERIFY2(shared.isEmpty(), qPrintable(shared.join(QStringLiteral("; "))));
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
    dialog.awayAfterBox()->setValue(0);
    dialog.notificationSoundBox()->setChecked(false);
    dialog.notificationsBox()->setChecked(false);
    QVERIFY(!dialog.notificationSoundBox()->isEnabled()); // no sound without notifications
    QCOMPARE(dialog.awayAfterBox()->text(), QStringLiteral("Never"));
    dialog.discoveryBox()->setCurrentIndex(dialog.discoveryBox()->findData(QStringLiteral("embedded")));
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);

    // Read back from the profile by a fresh dialog.
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QCOMPARE(again.nameEdit()->text(), QStringLiteral("Eve Online"));
    QCOMPARE(again.folderEdit()->text(), folder);
    QVERIFY(again.startMinimisedBox()->isChecked());
    QCOMPARE(again.awayAfterBox()->value(), 0); // never: a choice, not the default
    QVERIFY(!again.notificationsBox()->isChecked());
    QVERIFY(!again.notificationSoundBox()->isChecked());
    // Saved, but discovery stays off in this run; the dialog says which applies when.
    QCOMPARE(again.settings().discoveryMode, QStringLiteral("embedded"));
    QVERIFY2(again.discoveryNote().contains(QStringLiteral("Built-in mDNS")),
             qPrintable(again.discoveryNote()));
}

bool SettingsDialogTest::choosePicture(ui::SettingsDialog& dialog, const QString& path)
{
    ui::AvatarSettingsSection* section = dialog.avatarSection();
    section->chooseButton()->click();
    QFileDialog* files = section->fileDialog();
    if (files == nullptr || !QTest::qWaitFor([files] { return files->isVisible(); })) {
        return false;
    }
    files->selectFile(path);
    static_cast<QDialog*>(files)->accept(); // what the Open button does
    return true;
}

QByteArray SettingsDialogTest::evesPicture() const
{
    return m_eve.node().status().avatar;
}

void SettingsDialogTest::aPictureIsChosenShownAndSavedWithTheSettings()
{
    // A photo far larger than what peers take.
    QImage photo(1600, 1000, QImage::Format_RGB32);
    for (int y = 0; y < photo.height(); ++y) {
        for (int x = 0; x < photo.width(); ++x) {
            photo.setPixel(x, y, qRgb((x * 7 + y) % 256, (y * 3) % 256, (x ^ y) % 256));
        }
    }
    const QString path = m_files.filePath(QStringLiteral("portrait.jpg"));
    QVERIFY(photo.save(path, "jpeg", 95));
    QVERIFY(QFileInfo(path).size() > api::kMaxAvatarBytes);
    QVERIFY(evesPicture().isEmpty());

    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    ui::AvatarSettingsSection* section = dialog.avatarSection();
    // No picture yet: the initials of the name as it is typed.
    QVERIFY(!section->avatarView()->showsPicture());
    QVERIFY(!section->removeButton()->isEnabled());
    QCOMPARE(section->avatarView()->subject().name, dialog.nameEdit()->text());
    QCOMPARE(section->avatarView()->subject().id, QString::fromStdString(m_eve.id.toText()));
    const QString name = dialog.nameEdit()->text();
    dialog.nameEdit()->setText(QStringLiteral("Villanelle"));
    QCOMPARE(section->avatarView()->subject().name, QStringLiteral("Villanelle"));
    dialog.nameEdit()->setText(name);

    QVERIFY(choosePicture(dialog, path));
    QVERIFY(section->avatarView()->showsPicture());
    QVERIFY(section->removeButton()->isEnabled());
    QVERIFY(section->avatarView()->accessibleName().startsWith(QStringLiteral("Picture of")));
    const QByteArray chosen = section->picture();
    QVERIFY(!chosen.isEmpty());
    QVERIFY(chosen.size() <= api::kMaxAvatarBytes);
    QCOMPARE(QImage::fromData(chosen).size(), QSize(api::kAvatarSidePixels, api::kAvatarSidePixels));
    QVERIFY(dialog.errorText().isEmpty());
    // Like every other setting, it is stored on Save, not before.
    m_lan.runFor(100);
    QVERIFY(evesPicture().isEmpty());
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    QCOMPARE(evesPicture(), chosen);

    // A dialog opened again shows it.
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QCOMPARE(again.avatarSection()->picture(), chosen);
    QVERIFY(again.avatarSection()->avatarView()->showsPicture());
    QVERIFY(again.avatarSection()->removeButton()->isEnabled());
}

void SettingsDialogTest::aFileThatIsNoPictureIsRefusedInWords()
{
    const QString path = m_files.filePath(QStringLiteral("letter.txt"));
    QFile text(path);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("Dear Eve,\nthis is not a picture.\n");
    text.close();
    const QByteArray before = evesPicture();

    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QVERIFY(choosePicture(dialog, path));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("“letter.txt” is not a picture")),
             qPrintable(dialog.errorText()));
    QCOMPARE(dialog.avatarSection()->picture(), before);
    QVERIFY(!dialog.avatarSection()->isChanged());
    // Saving keeps the picture there was.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    QCOMPARE(evesPicture(), before);
}

void SettingsDialogTest::removingThePictureLeavesTheInitials()
{
    const QByteArray before = evesPicture();
    QVERIFY(!before.isEmpty()); // chosen above
    {
        // Removed, then cancelled: nothing changes.
        ui::SettingsDialog dialog(*m_eve.client);
        dialog.show();
        SIM_VERIFY(m_lan, dialog.isLoaded());
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        ui::AvatarSettingsSection* section = dialog.avatarSection();
        section->removeButton()->setFocus();
        QTest::keyClick(section->removeButton(), Qt::Key_Space);
        QVERIFY(section->picture().isEmpty());
        QVERIFY(!section->avatarView()->showsPicture());
        QVERIFY(section->avatarView()->accessibleName().contains(QStringLiteral("initials")));
        QVERIFY(!section->removeButton()->isEnabled());
        // The keyboard stays by the picture.
        QCOMPARE(QApplication::focusWidget(), section->chooseButton());
        dialog.reject();
        m_lan.runFor(100);
        QCOMPARE(evesPicture(), before);
    }
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    dialog.avatarSection()->removeButton()->click();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    QVERIFY(evesPicture().isEmpty());
}

void SettingsDialogTest::thePictureButtonsAreReachedByTab()
{
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    ui::AvatarSettingsSection* section = dialog.avatarSection();
    QVERIFY(!section->chooseButton()->accessibleName().isEmpty());
    QVERIFY(!section->removeButton()->accessibleName().isEmpty());
    // In the order shown: the name, then the picture's buttons, then the download folder.
    QImage square(120, 120, QImage::Format_RGB32);
    square.fill(Qt::darkMagenta);
    const QString path = m_files.filePath(QStringLiteral("square.png"));
    QVERIFY(square.save(path, "png"));
    section->usePictureFile(path); // Remove takes part only when there is a picture
    QVERIFY(section->removeButton()->isEnabled());
    dialog.nameEdit()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), section->chooseButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), section->removeButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), dialog.folderEdit());
    // Alt+H chooses a picture: the file dialog opens.
    QTest::keyClick(&dialog, Qt::Key_H, Qt::AltModifier);
    QTRY_VERIFY(section->fileDialog() != nullptr && section->fileDialog()->isVisible());
    section->fileDialog()->reject();
    QTRY_VERIFY(section->fileDialog() == nullptr);
}

void SettingsDialogTest::acceptingFilesAutomaticallyIsSavedAndAppliesAtOnce()
{
    {
        ui::SettingsDialog dialog(*m_eve.client);
        dialog.show();
        SIM_VERIFY(m_lan, dialog.isLoaded());
        QVERIFY(!dialog.autoAcceptBox()->isChecked());
        QVERIFY(!m_eve.node().settings().autoAcceptVerified);
        // Alt+A, as a keyboard user turns it on.
        QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier);
        QTRY_VERIFY(dialog.autoAcceptBox()->isChecked());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        SIM_COMPARE(m_lan, accepted.count(), 1);
    }
    // In force in the running node (its settings report the transfer service's).
    QVERIFY(m_eve.node().settings().autoAcceptVerified);
    // And kept in the profile for the next start.
    const QSettings saved(QDir(m_eve.profileDir).filePath(QStringLiteral("settings.ini")),
                          QSettings::IniFormat);
    QVERIFY(saved.value(QStringLiteral("files/autoAcceptVerified")).toBool());
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QVERIFY(again.autoAcceptBox()->isChecked());
    again.autoAcceptBox()->setChecked(false);
    QSignalSpy accepted(&again, &QDialog::accepted);
    again.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    QVERIFY(!m_eve.node().settings().autoAcceptVerified);
}

void SettingsDialogTest::echoCancellationIsOnAndTurnedOffFromTheKeyboard()
{
    {
        ui::SettingsDialog dialog(*m_eve.client);
        dialog.show();
        SIM_VERIFY(m_lan, dialog.isLoaded());
        QCheckBox* echo = dialog.audioSection()->echoCancellationBox();
        QVERIFY(echo->isChecked()); // on unless the user turns it off
        QVERIFY(!echo->toolTip().isEmpty());
        QVERIFY(m_eve.node().settings().echoCancellation);
        QTest::keyClick(&dialog, Qt::Key_C, Qt::AltModifier);
        QTRY_VERIFY(!echo->isChecked());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        SIM_COMPARE(m_lan, accepted.count(), 1);
    }
    QVERIFY(!m_eve.node().settings().echoCancellation);
    const QSettings saved(QDir(m_eve.profileDir).filePath(QStringLiteral("settings.ini")),
                          QSettings::IniFormat);
    QVERIFY(!saved.value(QStringLiteral("audio/echoCancellation"), true).toBool());
    ui::SettingsDialog again(*m_eve.client);
    SIM_VERIFY(m_lan, again.isLoaded());
    QVERIFY(!again.audioSection()->echoCancellationBox()->isChecked());
    again.audioSection()->echoCancellationBox()->setChecked(true);
    QSignalSpy accepted(&again, &QDialog::accepted);
    again.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    QVERIFY(m_eve.node().settings().echoCancellation);
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

void SettingsDialogTest::discoveryShowsTheModeInForceAndWhatOverridesIt()
{
    // Eve's node was started with discovery off (--discovery off in the app),
    // while her profile saves another mode.
    const auto saved = ui::test::ask(*m_eve.client, [](api::Node& node) {
        api::ProfileSettings settings = node.settings();
        settings.discoveryMode = QStringLiteral("auto");
        return node.saveSettings(settings);
    });
    QVERIFY(saved && *saved);
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QCOMPARE(dialog.discoveryBox()->currentData().toString(), QStringLiteral("off"));
    QCOMPARE(dialog.discoveryBox()->currentText(), QStringLiteral("Off (addresses only)"));
    const QString note = dialog.discoveryNote();
    QVERIFY2(note.contains(QStringLiteral("--discovery off")) && note.contains(QStringLiteral("overrides")) &&
                 note.contains(QStringLiteral("Automatic")),
             qPrintable(note));
    // The box shows its choice whole, and so does the note.
    QVERIFY(dialog.discoveryBox()->width() >= dialog.discoveryBox()->sizeHint().width());
    SIM_VERIFY(m_lan, ui::test::clippedTexts(&dialog).isEmpty());
    const QStringList unnamed = ui::test::unnamedControls(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    // Saving without touching discovery keeps the saved mode, not the one in force.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    auto stored = ui::test::ask(*m_eve.client, [](api::Node& node) { return node.settings(); });
    QVERIFY(stored.has_value());
    QCOMPARE(stored->discoveryMode, QStringLiteral("auto"));

    // Choosing another mode saves it, for starts without the option.
    ui::SettingsDialog again(*m_eve.client);
    again.show();
    SIM_VERIFY(m_lan, again.isLoaded());
    again.discoveryBox()->setCurrentIndex(again.discoveryBox()->findData(QStringLiteral("embedded")));
    QVERIFY2(again.discoveryNote().contains(QStringLiteral("without that option")),
             qPrintable(again.discoveryNote()));
    QSignalSpy againAccepted(&again, &QDialog::accepted);
    again.accept();
    SIM_COMPARE(m_lan, againAccepted.count(), 1);
    stored = ui::test::ask(*m_eve.client, [](api::Node& node) { return node.settings(); });
    QVERIFY(stored.has_value());
    QCOMPARE(stored->discoveryMode, QStringLiteral("embedded"));
}

void SettingsDialogTest::discoveryFromTheSettingsSaysWhenTheChoiceApplies()
{
    // Fay's node takes its mode from the settings, as the app does when no
    // option is given (it is opened, not started: no real discovery runs).
    ui::test::SimLan::Peer& fay = m_lan.addPeer(QStringLiteral("Fay"));
    api::NodeConfig config = ui::test::SimLan::config(fay);
    config.discovery = net::DiscoveryMode::Auto;
    config.discoveryFromSettings = true;
    confab::test::SimNodeClient client(config, m_lan.environment(fay));
    QVERIFY(client.node().open());
    {
        ui::SettingsDialog dialog(client);
        SIM_VERIFY(m_lan, dialog.isLoaded());
        QCOMPARE(dialog.discoveryBox()->currentData().toString(), QStringLiteral("auto"));
        QCOMPARE(dialog.discoveryNote(), QString()); // saved and in force alike
    }
    // Saved now, in force from the next start.
    api::ProfileSettings settings = client.node().settings();
    settings.discoveryMode = QStringLiteral("embedded");
    QVERIFY(client.node().saveSettings(settings));
    ui::SettingsDialog dialog(client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QCOMPARE(dialog.discoveryBox()->currentData().toString(), QStringLiteral("embedded"));
    QVERIFY2(dialog.discoveryNote().contains(QStringLiteral("This run uses “Automatic”")) &&
                 dialog.discoveryNote().contains(QStringLiteral("next start")),
             qPrintable(dialog.discoveryNote()));
    QVERIFY(!dialog.discoveryNote().contains(QStringLiteral("--discovery")));
    dialog.discoveryBox()->setCurrentIndex(dialog.discoveryBox()->findData(QStringLiteral("auto")));
    QCOMPARE(dialog.discoveryNote(), QString()); // the choice is the one in force
    QCOMPARE(dialog.settings().discoveryMode, QStringLiteral("auto"));
}

void SettingsDialogTest::relayingIsSavedAndAppliesAtTheNextStart()
{
    // Gus's node takes relaying from the settings, as the app does when
    // neither --relay nor --relay-store-mb is given.
    ui::test::SimLan::Peer& gus = m_lan.addPeer(QStringLiteral("Gus"));
    api::NodeConfig config = ui::test::SimLan::config(gus);
    config.relayCarryFromSettings = true;
    config.relayStoreFromSettings = true;
    config.relayRateFromSettings = true;
    const std::int64_t defaultLimit = relay::RelaySettings{}.storeLimitBytes;
    {
        confab::test::SimNodeClient client(config, m_lan.environment(gus));
        QVERIFY(client.node().open());
        {
            ui::SettingsDialog dialog(client);
            dialog.show();
            SIM_VERIFY(m_lan, dialog.isLoaded());
            // The defaults are confabd's: carrying, with its storage limit.
            QVERIFY(dialog.relaySection()->carryBox()->isChecked());
            QCOMPARE(std::int64_t{dialog.relaySection()->storeBox()->value()} * api::kBytesPerMiB,
                     defaultLimit);
            QCOMPARE(dialog.relaySection()->storeBox()->suffix(), QStringLiteral(" MiB"));
            QCOMPARE(static_cast<std::uint64_t>(dialog.relaySection()->rateBox()->value()) * 1024,
                     relay::RelaySettings{}.forwardBytesPerSecond);
            QCOMPARE(dialog.relaySection()->note(), QString()); // saved and in force alike

            dialog.relaySection()->carryBox()->setChecked(false);
            QVERIFY(!dialog.relaySection()->storeBox()->isEnabled()); // nothing to limit while not carrying
            QVERIFY(!dialog.relaySection()->rateBox()->isEnabled());
            // The relay keeps what it started with: the dialog says so.
            QVERIFY2(dialog.relaySection()->note().contains(
                         QStringLiteral("carries messages for others in this run")) &&
                         dialog.relaySection()->note().contains(QStringLiteral("next start")),
                     qPrintable(dialog.relaySection()->note()));
            SIM_VERIFY(m_lan, ui::test::clippedTexts(&dialog).isEmpty());
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.accept();
            SIM_COMPARE(m_lan, accepted.count(), 1);
        }
        ui::SettingsDialog again(client);
        again.show();
        SIM_VERIFY(m_lan, again.isLoaded());
        QVERIFY(!again.relaySection()->carryBox()->isChecked());
        QVERIFY(!again.relaySection()->storeBox()->isEnabled());
        QVERIFY(!again.relaySection()->note().isEmpty()); // this run still carries
        again.relaySection()->carryBox()->setChecked(true);
        QCOMPARE(again.relaySection()->note(), QString()); // back to what is in force
        again.relaySection()->rateBox()->setValue(512);
        QVERIFY2(again.relaySection()->note().contains(QStringLiteral("next start")),
                 qPrintable(again.relaySection()->note()));
        again.relaySection()->storeBox()->setValue(10);
        QSignalSpy accepted(&again, &QDialog::accepted);
        again.accept();
        SIM_COMPARE(m_lan, accepted.count(), 1);
        const api::ProfileSettings saved = client.node().settings();
        QVERIFY(saved.relayCarry);
        QCOMPARE(saved.relayStoreMb, 10);
        QCOMPARE(saved.relayRateKib, 512);
        QCOMPARE(client.node().relayStatus().storeLimitBytes, defaultLimit); // this run keeps its own
    }
    // The next start carries with the new limit.
    confab::test::SimNodeClient restarted(config, m_lan.environment(gus));
    QVERIFY(restarted.node().open());
    QVERIFY(restarted.node().relayStatus().carrying);
    QCOMPARE(restarted.node().relayStatus().storeLimitBytes, 10 * api::kBytesPerMiB);
    QCOMPARE(restarted.node().relayStatus().files.bytesPerSecond, std::uint64_t{512} * 1024);
    ui::SettingsDialog dialog(restarted);
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QCOMPARE(dialog.relaySection()->storeBox()->value(), 10);
    QCOMPARE(dialog.relaySection()->rateBox()->value(), 512);
    QCOMPARE(dialog.relaySection()->note(), QString());
}

void SettingsDialogTest::relayingControlsWorkFromTheKeyboard()
{
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QVERIFY(!dialog.relaySection()->carryBox()->toolTip().isEmpty());
    QVERIFY(!dialog.relaySection()->storeBox()->toolTip().isEmpty());
    QVERIFY(!dialog.relaySection()->carryBox()->accessibleName().isEmpty());
    QVERIFY(!dialog.relaySection()->storeBox()->accessibleName().isEmpty());
    QVERIFY(dialog.relaySection()->carryBox()->isChecked());
    // Alt+R toggles carrying (a mnemonic clicks with a short animation);
    // Alt+L goes to the storage limit, typed in.
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(!dialog.relaySection()->carryBox()->isChecked());
    QVERIFY(!dialog.relaySection()->storeBox()->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(dialog.relaySection()->carryBox()->isChecked());
    QVERIFY(dialog.relaySection()->storeBox()->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_L, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), dialog.relaySection()->storeBox());
    dialog.relaySection()->storeBox()->selectAll();
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("128"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(dialog.relaySection()->storeBox()->value(), 128);
    QCOMPARE(dialog.settings().relayStoreMb, 128);
    // Alt+E goes to the speed for others' files, after the limit in the Tab order.
    QTest::keyClick(&dialog, Qt::Key_E, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), dialog.relaySection()->rateBox());
    dialog.relaySection()->rateBox()->selectAll();
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1024"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(dialog.settings().relayRateKib, 1024);
    dialog.relaySection()->storeBox()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), dialog.relaySection()->rateBox());
    // Tab goes from the check box to the limit, in the order they are shown.
    dialog.relaySection()->carryBox()->setFocus();
    QCOMPARE(dialog.relaySection()->carryBox()->nextInFocusChain(),
             static_cast<QWidget*>(dialog.relaySection()->storeBox()));
    const QStringList unnamed = ui::test::unnamedControls(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void SettingsDialogTest::relayingShowsWhatAnOptionGivenAtStartOverrides()
{
    // Eve's node was started with the relay options' defaults set (as
    // confabd, or confab --relay on --relay-store-mb 64), while her profile
    // saves another choice.
    const auto saved = ui::test::ask(*m_eve.client, [](api::Node& node) {
        api::ProfileSettings settings = node.settings();
        settings.relayCarry = false;
        settings.relayStoreMb = 5;
        settings.relayRateKib = 100;
        return node.saveSettings(settings);
    });
    QVERIFY(saved && *saved);
    const int inForce = static_cast<int>(relay::RelaySettings{}.storeLimitBytes / api::kBytesPerMiB);
    ui::SettingsDialog dialog(*m_eve.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    // The boxes show what is in force, and the note why.
    QVERIFY(dialog.relaySection()->carryBox()->isChecked());
    QCOMPARE(dialog.relaySection()->storeBox()->value(), inForce);
    const QString note = dialog.relaySection()->note();
    QVERIFY2(note.contains(QStringLiteral("--relay on")) &&
                 note.contains(QStringLiteral("--relay-store-mb %1").arg(inForce)) &&
                 note.contains(QStringLiteral("--relay-rate-kib %1")
                                   .arg(relay::RelaySettings{}.forwardBytesPerSecond / 1024)) &&
                 note.contains(QStringLiteral("overrides")),
             qPrintable(note));
    SIM_VERIFY(m_lan, ui::test::clippedTexts(&dialog).isEmpty());
    // Saving without touching them keeps the saved choice, not the one in force.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    SIM_COMPARE(m_lan, accepted.count(), 1);
    auto stored = ui::test::ask(*m_eve.client, [](api::Node& node) { return node.settings(); });
    QVERIFY(stored.has_value());
    QVERIFY(!stored->relayCarry);
    QCOMPARE(stored->relayStoreMb, 5);
    QCOMPARE(stored->relayRateKib, 100);
}

void SettingsDialogTest::identityIsBackedUpWithAPassphraseAndRestoredElsewhere()
{
    QVERIFY(m_lan.start(m_finn));
    const QString eveId = QString::fromStdString(m_eve.id.toText());
    const QString backupPath = m_files.filePath(QStringLiteral("eve.backup"));
    const QString passphrase = QStringLiteral("tea kettle moonlight");
    {
        ui::SettingsDialog dialog(*m_eve.client);
        dialog.show();
        SIM_VERIFY(m_lan, dialog.isLoaded());
        ui::IdentitySettingsSection* section = dialog.identitySection();
        section->backUpTo(backupPath);
        ui::PassphraseDialog* ask = section->passphraseDialog();
        QVERIFY(ask != nullptr && ask->isVisible());
        QVERIFY(ask->repeatEdit() != nullptr);
        // Too short, then two that differ: the dialog says what is wrong and will not go on.
        QTest::keyClicks(ask->passphraseEdit(), QStringLiteral("tea"));
        QVERIFY(ask->hintText().contains(QStringLiteral("At least 8")));
        QVERIFY(!ask->goButton()->isEnabled());
        ask->passphraseEdit()->setText(passphrase);
        QTest::keyClicks(ask->repeatEdit(), QStringLiteral("tea kettle"));
        QVERIFY(ask->hintText().contains(QStringLiteral("same passphrase")));
        QVERIFY(!ask->goButton()->isEnabled());
        QTest::keyClicks(ask->repeatEdit(), QStringLiteral(" moonlight"));
        QVERIFY(ask->goButton()->isEnabled());
        const QStringList unnamed = ui::test::unnamedControls(ask);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        QTest::keyClick(ask->repeatEdit(), Qt::Key_Return);
        QVERIFY(ask->isWorking());
        QVERIFY(waitForTheNode(m_lan, [&] { return section->passphraseDialog() == nullptr; }));
        QVERIFY2(section->statusText().contains(QStringLiteral("Saved your identity")),
                 qPrintable(section->statusText()));
    }
    QFile saved(backupPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QVERIFY(saved.readAll().startsWith((QStringLiteral("Confab identity backup 1\nID: ") + eveId).toUtf8()));

    const QString finnBefore = keyFileId(m_finn.profileDir);
    ui::SettingsDialog dialog(*m_finn.client);
    dialog.show();
    SIM_VERIFY(m_lan, dialog.isLoaded());
    QSignalSpy restart(&dialog, &ui::SettingsDialog::restartRequested);
    ui::IdentitySettingsSection* section = dialog.identitySection();
    section->restoreFrom(backupPath);
    ui::PassphraseDialog* ask = section->passphraseDialog();
    QVERIFY(ask != nullptr && ask->repeatEdit() == nullptr);
    // A wrong passphrase keeps the dialog open, says so and changes nothing.
    QTest::keyClicks(ask->passphraseEdit(), QStringLiteral("tea kettle sunlight"));
    QTest::keyClick(ask->passphraseEdit(), Qt::Key_Return);
    QVERIFY(waitForTheNode(m_lan, [&] { return !ask->errorText().isEmpty(); }));
    QVERIFY2(ask->errorText().contains(QStringLiteral("does not open")), qPrintable(ask->errorText()));
    QVERIFY(ask->isVisible());
    QCOMPARE(keyFileId(m_finn.profileDir), finnBefore);
    // The right one restores it, and Confab offers to start again with it.
    ask->passphraseEdit()->setText(passphrase);
    QTest::keyClick(ask->passphraseEdit(), Qt::Key_Return);
    QVERIFY(waitForTheNode(m_lan, [&] { return section->passphraseDialog() == nullptr; }));
    QCOMPARE(keyFileId(m_finn.profileDir), eveId);
    QVERIFY2(section->statusText().contains(eveId), qPrintable(section->statusText()));
    auto* question = section->findChild<QMessageBox*>();
    QVERIFY(question != nullptr && question->isVisible());
    QCOMPARE(restart.count(), 0);
    QTest::keyClick(question, Qt::Key_Return); // Restart Now is the default
    QCOMPARE(restart.count(), 1);
    // The running node is still Finn until it starts again.
    QCOMPARE(m_finn.node().id(), m_finn.id);
}

void SettingsDialogTest::cleanupTestCase()
{
    ui::test::SimLan::stop(m_eve);
}

QTEST_MAIN(SettingsDialogTest)
#include "settings_dialog_test.moc"
