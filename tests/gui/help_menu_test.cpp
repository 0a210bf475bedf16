// The Help menu: Keyboard Shortcuts (F1 or Ctrl+/), listed from the menus
// themselves, and About Confab with the version, the protocol, the profile
// folder (copied with one button) and the libraries with their licences.
#include "base/software_version.h"
#include "crypto/sodium_init.h"
#include "dialogs/about_dialog.h"
#include "dialogs/shortcuts_dialog.h"
#include "gui_harness.h"
#include "help_menu.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>

#include <algorithm>

using namespace confab;

class HelpMenuTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void f1ListsEveryMenuShortcutAndTheKeysWithoutAMenu();
    void ctrlSlashOpensTheSameListOnce();
    void aboutSaysTheVersionTheProfileAndTheLicences();
    void mnemonicsAreNotShownInTheList();
    void cleanupTestCase();

private:
    bool activateWindow();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    std::unique_ptr<ui::MainWindow> m_window;
};

void HelpMenuTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
}

bool HelpMenuTest::activateWindow()
{
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window.get());
}

void HelpMenuTest::f1ListsEveryMenuShortcutAndTheKeysWithoutAMenu()
{
    QVERIFY(activateWindow());
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    ui::ShortcutsDialog* dialog = m_window->helpMenu()->shortcutsDialog();
    QVERIFY2(dialog != nullptr, "F1 opened no list of shortcuts");
    QTRY_VERIFY(dialog->isVisible());
    const QStringList rows = dialog->rows();
    const QString all = rows.join(u'\n');
    // Taken from the menus: each menu command with keys is listed with them.
    int withKeys = 0;
    for (QAction* menu : m_window->menuBar()->actions()) {
        for (QAction* action : menu->menu()->actions()) {
            const QList<QKeySequence> keys = action->shortcuts();
            if (std::all_of(keys.begin(), keys.end(),
                            [](const QKeySequence& key) { return key.isEmpty(); })) {
                continue;
            }
            ++withKeys;
            const QString row = QStringLiteral("%1 menu: %2 = ")
                                    .arg(ui::ShortcutsDialog::withoutMnemonic(menu->text()),
                                         ui::ShortcutsDialog::withoutMnemonic(action->text()));
            QVERIFY2(all.contains(row), qPrintable(row + QStringLiteral(" is missing from\n") + all));
        }
    }
    QVERIFY(withKeys >= 10);
    QVERIFY2(all.contains(QStringLiteral("Edit menu: Search Messages… = Ctrl+Shift+F")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Peer menu: Rename… = F2")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Help menu: Keyboard Shortcuts = F1 or Ctrl+/")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Anywhere else: Send the message = Enter")), qPrintable(all));
    // A standard key the platform leaves unbound is not listed as an empty one.
    QVERIFY2(!all.contains(QStringLiteral("=  or ")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Anywhere else: Start a new line in the message = Shift+Enter")),
             qPrintable(all));
    for (const QString& row : rows) {
        QVERIFY2(!row.endsWith(QStringLiteral(" = ")), qPrintable(row));
    }
    // The keyboard starts in the table, on a command rather than a heading.
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog->table()));
    QVERIFY(dialog->table()->item(dialog->table()->currentRow(), 1) != nullptr);
    QVERIFY(!dialog->table()->accessibleName().isEmpty());
    const QStringList clipped = ui::test::clippedTexts(dialog);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    QVERIFY(ui::test::saveScreenshot(dialog, QStringLiteral("shortcuts.png")));
    QTest::keyClick(dialog->table(), Qt::Key_Escape);
    QTRY_VERIFY(m_window->helpMenu()->shortcutsDialog() == nullptr);
}

void HelpMenuTest::ctrlSlashOpensTheSameListOnce()
{
    QVERIFY(activateWindow());
    QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
    ui::ShortcutsDialog* dialog = m_window->helpMenu()->shortcutsDialog();
    QVERIFY2(dialog != nullptr, "Ctrl+/ opened no list of shortcuts");
    m_window->helpMenu()->showShortcuts();
    QCOMPARE(m_window->helpMenu()->shortcutsDialog(), dialog);
    dialog->close();
    QTRY_VERIFY(m_window->helpMenu()->shortcutsDialog() == nullptr);
}

void HelpMenuTest::aboutSaysTheVersionTheProfileAndTheLicences()
{
    m_window->helpMenu()->showAbout();
    SIM_VERIFY(m_lan, m_window->helpMenu()->aboutDialog() != nullptr);
    ui::AboutDialog* about = m_window->helpMenu()->aboutDialog();
    QTRY_VERIFY(about->isVisible());
    QVERIFY2(
        about->versionText().contains(QStringLiteral("Confab ") + QString::fromLatin1(softwareVersion())),
        qPrintable(about->versionText()));
    QVERIFY2(about->versionText().contains(
                 QStringLiteral("Protocol version %1").arg(m_alice.node().version().protocol)),
             qPrintable(about->versionText()));
    QCOMPARE(about->profileLabel()->text(), QDir::toNativeSeparators(m_alice.profileDir));
    // Close has the keyboard: Enter closes, nothing else happens by accident.
    QTRY_VERIFY(QApplication::activeWindow() == about);
    QTRY_VERIFY(QApplication::focusWidget() != nullptr);
    QCOMPARE(QApplication::focusWidget()->accessibleName(), QStringLiteral("Close"));
    QTest::mouseClick(about->copyPathButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QDir::toNativeSeparators(m_alice.profileDir));
    const QString credits = about->creditsLabel()->text();
    for (const char* library : {"Qt", "libsodium (ISC)", "Opus", "PortAudio (MIT)", "SQLite"}) {
        QVERIFY2(credits.contains(QLatin1String(library)), qPrintable(credits));
    }
    for (QPushButton* button : about->findChildren<QPushButton*>()) {
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->text()));
    }
    const QStringList clipped = ui::test::clippedTexts(about);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    QVERIFY(ui::test::saveScreenshot(about, QStringLiteral("about.png")));
    QTest::keyClick(about, Qt::Key_Escape);
    QTRY_VERIFY(m_window->helpMenu()->aboutDialog() == nullptr);
}

void HelpMenuTest::mnemonicsAreNotShownInTheList()
{
    QCOMPARE(ui::ShortcutsDialog::withoutMnemonic(QStringLiteral("Save && &Quit")),
             QStringLiteral("Save & Quit"));
    QCOMPARE(ui::ShortcutsDialog::withoutMnemonic(QStringLiteral("Re&move…")), QStringLiteral("Remove…"));
}

void HelpMenuTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(HelpMenuTest)
#include "help_menu_test.moc"
