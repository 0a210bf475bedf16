// Peer → Export Conversation… against peers on a simulated LAN: the action
// in the Peer menu and the context menu, the save dialog (a text file or a
// web page, a file name whatever the peer is called), the file it writes
// (whole, for its owner only) and what the status bar says, also when the
// file cannot be written.
#include "conversation_exporter.h"
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/peer_list_model.h"
#include "peer_actions.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>

using namespace confab;

class ConversationExportTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void thePeerMenuAndTheContextMenuOfferIt();
    void theDialogSuggestsAFileNamedAfterThePeer();
    void savingWritesTheWholeConversationForItsOwnerOnly();
    void choosingWebPageWritesHtml();
    void aFileThatCannotBeWrittenIsSaidInWords();
    void fileNamesStayFileNamesWhateverThePeerIsCalled();
    void cleanupTestCase();

private:
    // Opens the export dialog for Bob's conversation with the Peer menu's action.
    QFileDialog* openDialog();
    // The status bar's last notice once it says `what`, or the last one seen.
    QString noticeSaying(QSignalSpy& notices, const QString& what);
    static QByteArray read(const QString& path);

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    std::unique_ptr<ui::MainWindow> m_window;
    QTemporaryDir m_dir;
    QTranslator m_english;
};

void ConversationExportTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(ui::test::installEnglish(m_english)); // plural forms, as in the app
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, m_window->peerModel()->rowOf(m_bob.id).has_value());
    m_bob.client->call(
        [to = m_alice.id](api::Node& node) { node.sendText(to, QStringLiteral("Hi Alice <3")); });
    SIM_VERIFY(m_lan, m_alice.node().history(m_bob.id, 10).size() == 1);
    m_alice.client->call(
        [to = m_bob.id](api::Node& node) { node.sendText(to, QStringLiteral("Hi Bob\nsee you")); });
    SIM_VERIFY(m_lan, m_alice.node().history(m_bob.id, 10).size() == 2);
    QVERIFY(m_window->selectPeer(m_bob.id));
}

QFileDialog* ConversationExportTest::openDialog()
{
    m_window->peerActions()->exportAction()->trigger();
    QFileDialog* dialog = m_window->peerActions()->exporter().fileDialog();
    if (dialog == nullptr || !QTest::qWaitFor([dialog] { return dialog->isVisible(); })) {
        return nullptr;
    }
    return dialog;
}

QString ConversationExportTest::noticeSaying(QSignalSpy& notices, const QString& what)
{
    QString last;
    const auto said = [&] {
        m_lan.runFor(100);
        for (const QList<QVariant>& notice : notices) {
            last = notice.at(0).toString();
            if (last.contains(what)) {
                return true;
            }
        }
        return false;
    };
    // The caller checks what was said: a wrong notice shows in its failure.
    static_cast<void>(QTest::qWaitFor(said));
    return last;
}

QByteArray ConversationExportTest::read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void ConversationExportTest::thePeerMenuAndTheContextMenuOfferIt()
{
    QAction* exportAction = m_window->peerActions()->exportAction();
    QVERIFY(exportAction->isEnabled());
    QCOMPARE(exportAction->text(), QStringLiteral("E&xport Conversation…"));
    QVERIFY(!exportAction->toolTip().isEmpty());
    QMenu* peerMenu = nullptr;
    for (QAction* menu : m_window->menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Peer")) {
            peerMenu = menu->menu();
        }
    }
    const QList<QAction*> inPeerMenu = peerMenu != nullptr ? peerMenu->actions() : QList<QAction*>{};
    QVERIFY(inPeerMenu.contains(exportAction));

    QMenu* context = m_window->peerActions()->popUpMenu(m_bob.id, m_window->mapToGlobal(QPoint(10, 10)));
    QVERIFY(context != nullptr);
    bool offered = false;
    for (QAction* action : context->actions()) {
        offered = offered || action->text() == QStringLiteral("E&xport Conversation…");
    }
    context->close();
    QVERIFY(offered);
}

void ConversationExportTest::theDialogSuggestsAFileNamedAfterThePeer()
{
    QFileDialog* dialog = openDialog();
    QVERIFY2(dialog != nullptr, "Export Conversation… opened no dialog");
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("Bob")));
    QCOMPARE(dialog->nameFilters().size(), 2);
    QCOMPARE(QFileInfo(dialog->selectedFiles().value(0)).fileName(),
             QStringLiteral("Conversation with Bob.txt"));
    // Choosing the web page changes the ending of the suggested name.
    dialog->selectNameFilter(dialog->nameFilters().at(1));
    emit dialog->filterSelected(dialog->nameFilters().at(1));
    QCOMPARE(QFileInfo(dialog->selectedFiles().value(0)).fileName(),
             QStringLiteral("Conversation with Bob.html"));
    QCOMPARE(dialog->defaultSuffix(), QStringLiteral("html"));
    // Asking again while it is open brings the same dialog forward.
    m_window->peerActions()->exportAction()->trigger();
    QCOMPARE(m_window->peerActions()->exporter().fileDialog(), dialog);
    dialog->reject();
    QTRY_VERIFY(m_window->peerActions()->exporter().fileDialog() == nullptr);
}

void ConversationExportTest::savingWritesTheWholeConversationForItsOwnerOnly()
{
    QSignalSpy notices(m_window->peerActions(), &ui::PeerActions::notice);
    QFileDialog* dialog = openDialog();
    QVERIFY(dialog != nullptr);
    const QString path = m_dir.filePath(QStringLiteral("bob.txt"));
    dialog->selectFile(path);
    static_cast<QDialog*>(dialog)->accept(); // what the Save button does
    const QString said = noticeSaying(notices, QStringLiteral("Saved"));
    QVERIFY2(said.contains(QStringLiteral("Saved 2 messages with Bob to")) && said.contains(path),
             qPrintable(said));

    const QString text = QString::fromUtf8(read(path));
    QVERIFY2(text.startsWith(QStringLiteral("Conversation between Alice and Bob\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  Bob: Hi Alice <3\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  Alice: Hi Bob\n    see you\n")), qPrintable(text));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                         QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
}

void ConversationExportTest::choosingWebPageWritesHtml()
{
    QSignalSpy notices(m_window->peerActions(), &ui::PeerActions::notice);
    QFileDialog* dialog = openDialog();
    QVERIFY(dialog != nullptr);
    const QString path = m_dir.filePath(QStringLiteral("bob.html"));
    dialog->selectFile(path);
    static_cast<QDialog*>(dialog)->accept(); // what the Save button does
    QVERIFY(noticeSaying(notices, QStringLiteral("Saved")).contains(path));
    const QString page = QString::fromUtf8(read(path));
    QVERIFY2(page.startsWith(QStringLiteral("<!DOCTYPE html>")), qPrintable(page.left(200)));
    QVERIFY(page.contains(QStringLiteral("Hi Alice &lt;3")));
}

void ConversationExportTest::aFileThatCannotBeWrittenIsSaidInWords()
{
    QSignalSpy notices(m_window->peerActions(), &ui::PeerActions::notice);
    const QString path = m_dir.filePath(QStringLiteral("no such folder/bob.txt"));
    m_window->peerActions()->exporter().saveTo(m_bob.id, QStringLiteral("Bob"), path);
    const QString said = noticeSaying(notices, QStringLiteral("not saved"));
    QVERIFY2(said.startsWith(QStringLiteral("The conversation with Bob was not saved to")) &&
                 said.contains(path),
             qPrintable(said));
    QVERIFY(!QFile::exists(path));
}

void ConversationExportTest::fileNamesStayFileNamesWhateverThePeerIsCalled()
{
    using ui::ConversationExporter;
    QCOMPARE(ConversationExporter::suggestedFileName(QStringLiteral("../../etc/passwd")),
             QStringLiteral("Conversation with .._.._etc_passwd.txt"));
    QCOMPARE(ConversationExporter::suggestedFileName(QStringLiteral("Zoë: \"the boss\"")),
             QStringLiteral("Conversation with Zoë_ _the boss_.txt"));
    QCOMPARE(ConversationExporter::suggestedFileName(QString(200, QLatin1Char('x'))).size(),
             QStringLiteral("Conversation with .txt").size() + 64);
}

void ConversationExportTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(ConversationExportTest)
#include "conversation_export_test.moc"
