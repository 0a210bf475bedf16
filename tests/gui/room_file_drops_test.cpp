// Files sent to a room's members from the window, against three more real
// nodes on 127.0.0.1 (Bob, Carol and Dave, whom Alice has blocked): files
// dropped on the room's messages are offered to every other member but the
// blocked one, a drop each that shows in the conversation with that member,
// and the status bar says to whom; the Room menu's Send Files to Members…
// and Send Folder to Members… (named for screen readers, reached by their
// letters, with the Peer menu's keys, which go to the room while one is
// open) do the same through a file dialog; a refusal, too many members
// included, is said in the room; a room that was left takes no files.
#include "crypto/sodium_init.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "support/wait.h"
#include "transfer_actions.h"
#include "transfer_text.h"
#include "widgets/main_window.h"
#include "widgets/room_pane.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <set>

using namespace confab;

class RoomFileDropsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void filesDroppedOnTheRoomAreOfferedToEachOtherMemberButTheBlocked();
    void theRoomMenuSendsFilesAndAFolderByLetterAndByThePeerMenusKeys();
    void theKeysSendToThePeerWhileAConversationIsOpen();
    void aRefusalIsSaidInTheRoom();
    void theNoticeSaysWhatWentToWhom();
    // Last: the window's node leaves the room.
    void aRoomThatWasLeftTakesNoFiles();
    void cleanupTestCase();

private:
    // A file of `bytes` bytes under the test's folder, by absolute path.
    QString makeFile(const QString& name, qint64 bytes);
    // The drop from Alice named `names` that `node` has been offered, if any.
    static std::optional<api::TransferView> offerTo(ui::test::HostedNode& node, const PeerId& from,
                                                    const QStringList& names);
    // Whom Alice's node sent drops named `names` to.
    std::set<PeerId> recipientsOf(const QStringList& names);
    [[nodiscard]] QMenu* menu(const QString& title) const;
    // The window in front, taking keys.
    [[nodiscard]] bool activateWindow();
    // The file dialog the next command opens gets `choose` (run in the
    // dialog's own loop); false if none opened.
    static bool inFileDialog(const std::function<void()>& command,
                             const std::function<void(QFileDialog*)>& choose);
    static void typeAndAccept(QFileDialog* dialog, const QString& path);
    // Both Bob and Carol (and not Dave) were offered `names` by Alice.
    void expectOfferedToBobAndCarol(const QStringList& names);

    QTemporaryDir m_dir;
    ui::test::HostedNode m_alice;
    ui::test::HostedNode m_bob;
    ui::test::HostedNode m_carol;
    ui::test::HostedNode m_dave;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_room;
};

QString RoomFileDropsTest::makeFile(const QString& name, qint64 bytes)
{
    QString path = m_dir.filePath(QStringLiteral("source/") + name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return QString();
    }
    file.write(QByteArray(static_cast<qsizetype>(bytes), 'x'));
    return path;
}

void RoomFileDropsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    QVERIFY(m_alice.start(
        ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("alice")), QStringLiteral("Alice"))));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.host);
    m_window->nodeStarted({});
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QStringList dialAlice{m_alice.status.listenAddress};
    for (auto [node, name] :
         {std::pair{&m_bob, QStringLiteral("Bob")}, std::pair{&m_carol, QStringLiteral("Carol")},
          std::pair{&m_dave, QStringLiteral("Dave")}}) {
        QVERIFY(node->start(ui::test::HostedNode::config(m_dir.filePath(name.toLower()), name, dialAlice)));
    }
    const auto linked = [this] {
        const auto peers = ui::test::ask(*m_alice.host, [](api::Node& n) { return n.peers(); });
        return peers && std::count_if(peers->begin(), peers->end(),
                                      [](const api::PeerView& peer) { return peer.connected; }) == 3;
    };
    QTRY_VERIFY_WITH_TIMEOUT(linked(), test::kPatienceMs);

    const auto room = ui::test::ask(*m_alice.host, [this](api::Node& node) {
        return node.createRoom(QStringLiteral("Crew"), {m_bob.id(), m_carol.id(), m_dave.id()});
    });
    QVERIFY(room && room->ok());
    m_room = room->value().id;
    for (ui::test::HostedNode* member : {&m_bob, &m_carol, &m_dave}) {
        const auto joined = [&] {
            const auto found = ui::test::ask(*member->host, [this](api::Node& n) { return n.room(m_room); });
            return found && found->ok() && found->value().members.size() == 4;
        };
        QTRY_VERIFY_WITH_TIMEOUT(joined(), test::kPatienceMs);
    }
    // Dave stays in the room, blocked: nothing goes to him.
    QVERIFY(ui::test::ask(*m_alice.host, [dave = m_dave.id()](api::Node& node) { return node.block(dave); }));
    const auto daveBlocked = [this] {
        const auto row = m_window->peerModel()->rowOf(m_dave.id());
        return row && m_window->peerModel()->at(*row).view.blocked;
    };
    QTRY_VERIFY_WITH_TIMEOUT(daveBlocked(), test::kPatienceMs);
}

void RoomFileDropsTest::init()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_window->selectRoom(m_room), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->roomPane()->view().members.size() == 4, test::kPatienceMs);
    m_window->showAndRaise();
}

void RoomFileDropsTest::cleanupTestCase()
{
    m_window.reset();
}

std::optional<api::TransferView> RoomFileDropsTest::offerTo(ui::test::HostedNode& node, const PeerId& from,
                                                            const QStringList& names)
{
    const auto all = ui::test::ask(*node.host, [](api::Node& n) { return n.transfers(); });
    if (!all) {
        return std::nullopt;
    }
    const auto found = std::find_if(all->begin(), all->end(), [&](const api::TransferView& drop) {
        return !drop.outgoing && drop.peer == from && drop.names == names &&
               drop.state == QStringLiteral("offered");
    });
    return found == all->end() ? std::nullopt : std::optional(*found);
}

std::set<PeerId> RoomFileDropsTest::recipientsOf(const QStringList& names)
{
    std::set<PeerId> peers;
    const auto all = ui::test::ask(*m_alice.host, [](api::Node& n) { return n.transfers(); });
    for (const api::TransferView& drop : all.value_or(std::vector<api::TransferView>{})) {
        if (drop.outgoing && drop.names == names) {
            peers.insert(drop.peer);
        }
    }
    return peers;
}

void RoomFileDropsTest::expectOfferedToBobAndCarol(const QStringList& names)
{
    QTRY_VERIFY_WITH_TIMEOUT(offerTo(m_bob, m_alice.id(), names).has_value(), test::kPatienceMs);
    QTRY_VERIFY_WITH_TIMEOUT(offerTo(m_carol, m_alice.id(), names).has_value(), test::kPatienceMs);
    QCOMPARE(recipientsOf(names), (std::set<PeerId>{m_bob.id(), m_carol.id()}));
    QVERIFY(!offerTo(m_dave, m_alice.id(), names).has_value());
}

QMenu* RoomFileDropsTest::menu(const QString& title) const
{
    for (QAction* menu : m_window->menuBar()->actions()) {
        if (menu->text() == title) {
            return menu->menu();
        }
    }
    return nullptr;
}

bool RoomFileDropsTest::activateWindow()
{
    m_window->activateWindow();
    return QTest::qWaitForWindowActive(m_window.get());
}

bool RoomFileDropsTest::inFileDialog(const std::function<void()>& command,
                                     const std::function<void(QFileDialog*)>& choose)
{
    bool opened = false;
    bool stuck = false;
    QPointer<QFileDialog> chosenIn;
    QTimer chooser;
    QObject::connect(&chooser, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr || !dialog->isVisible()) {
            return;
        }
        if (dialog == chosenIn) {
            stuck = true; // the choice did not close it: no waiting forever
            dialog->reject();
            return;
        }
        opened = true;
        chosenIn = dialog;
        choose(dialog);
    });
    chooser.start(20);
    command();
    // A command that opened nothing leaves the timer waiting: give it a moment.
    QTest::qWait(100);
    if (stuck) {
        qWarning("the file dialog stayed open after the choice");
    }
    return opened && !stuck;
}

// Types the absolute path into the dialog's file name box, as a user may, and
// accepts: selectFile() leaves the box alone while it has the keyboard.
void RoomFileDropsTest::typeAndAccept(QFileDialog* dialog, const QString& path)
{
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
    QVERIFY(name != nullptr);
    name->setText(path);
    static_cast<QDialog*>(dialog)->accept(); // a public slot of QDialog
}

void RoomFileDropsTest::filesDroppedOnTheRoomAreOfferedToEachOtherMemberButTheBlocked()
{
    QSignalSpy notices(m_window->transferActions(), &ui::TransferActions::notice);
    const QString iso = makeFile(QStringLiteral("big.iso"), qint64{64} * 1024);
    QWidget* messages = m_window->roomPane()->messageList()->viewport();
    ui::test::dropFiles(messages, messages->rect().center(), {iso});
    expectOfferedToBobAndCarol({QStringLiteral("big.iso")});
    QTRY_COMPARE(notices.size(), 1);
    QCOMPARE(notices.at(0).at(0).toString(),
             QStringLiteral("Offered “big.iso” to 2 members; each sees it in your conversation with them."));
    QVERIFY(!m_window->roomPane()->errorLabel()->isVisible());
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("room-files-offered.png")));

    // Each drop is a card in the conversation with its member, like any other.
    QVERIFY(m_window->selectPeer(m_bob.id()));
    const auto shown = [this] {
        const ui::ConversationModel* model = m_window->conversationModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const api::TransferView* drop = model->transferAt(row);
            if (drop && drop->outgoing && drop->names == QStringList{QStringLiteral("big.iso")}) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown(), test::kPatienceMs);
}

void RoomFileDropsTest::theRoomMenuSendsFilesAndAFolderByLetterAndByThePeerMenusKeys()
{
    QAction* files = m_window->sendFilesToRoomAction();
    QAction* folder = m_window->sendFolderToRoomAction();
    QMenu* rooms = menu(QStringLiteral("&Room"));
    if (rooms == nullptr || files == nullptr || folder == nullptr) {
        QFAIL("the Room menu or its file commands are missing");
    }
    QVERIFY(rooms->actions().contains(files));
    QVERIFY(rooms->actions().contains(folder));
    QCOMPARE(files->text(), QStringLiteral("Send &Files to Members…"));
    QCOMPARE(folder->text(), QStringLiteral("Send F&older to Members…"));
    QTRY_VERIFY(files->isEnabled() && folder->isEnabled());
    // What a screen reader says for each item of the menu.
    QStringList spoken;
    QAccessibleInterface* menuAccess = QAccessible::queryAccessibleInterface(rooms);
    QVERIFY(menuAccess != nullptr);
    for (int i = 0; i < menuAccess->childCount(); ++i) {
        spoken << menuAccess->child(i)->text(QAccessible::Name);
    }
    QVERIFY2(spoken.contains(QStringLiteral("Send Files to Members…")), qPrintable(spoken.join(u'|')));
    QVERIFY2(spoken.contains(QStringLiteral("Send Folder to Members…")), qPrintable(spoken.join(u'|')));
    // The Peer menu's keys; its own commands rest while no conversation is open.
    QCOMPARE(files->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QCOMPARE(folder->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    QCOMPARE(files->shortcut(), m_window->sendFilesAction()->shortcut());
    QCOMPARE(folder->shortcut(), m_window->sendFolderAction()->shortcut());
    QVERIFY(!m_window->sendFilesAction()->isEnabled());
    QVERIFY(!m_window->sendFolderAction()->isEnabled());
    // Their letters lead nowhere else in the Room menu.
    for (const QAction* other : rooms->actions()) {
        if (other != files && other != folder) {
            QVERIFY2(!other->text().contains(QStringLiteral("&F"), Qt::CaseInsensitive) &&
                         !other->text().contains(QStringLiteral("&O"), Qt::CaseInsensitive),
                     qPrintable(other->text()));
        }
    }

    QVERIFY(activateWindow());
    // Alt+R, then F: the dialog for the members; cancelling it sends nothing.
    QString title;
    const bool byLetter = inFileDialog(
        [this] {
            QTest::keyClick(m_window.get(), Qt::Key_R, Qt::AltModifier);
            QTRY_VERIFY(QApplication::activePopupWidget() != nullptr);
            QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_F);
        },
        [&title](QFileDialog* dialog) {
            title = dialog->windowTitle();
            dialog->reject();
        });
    QVERIFY(byLetter);
    QCOMPARE(title, QStringLiteral("Send Files to the Members of “Crew”"));

    // Ctrl+Shift+O: files chosen in the dialog go to the members.
    const QString plan = makeFile(QStringLiteral("menu/plan.pdf"), 5000);
    QVERIFY(activateWindow()); // a dialog had it
    QVERIFY(inFileDialog(
        [this] { QTest::keyClick(m_window.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier); },
        [&plan](QFileDialog* dialog) { typeAndAccept(dialog, plan); }));
    expectOfferedToBobAndCarol({QStringLiteral("plan.pdf")});

    // Ctrl+Alt+O: a folder.
    const QString album = QFileInfo(makeFile(QStringLiteral("menu/album/one.jpg"), 100)).absolutePath();
    QVERIFY(activateWindow()); // a dialog had it
    QVERIFY(inFileDialog(
        [this] { QTest::keyClick(m_window.get(), Qt::Key_O, Qt::ControlModifier | Qt::AltModifier); },
        [&album, &title](QFileDialog* dialog) {
            title = dialog->windowTitle();
            dialog->setDirectory(album); // with nothing selected, the folder shown
            static_cast<QDialog*>(dialog)->accept();
        }));
    QCOMPARE(title, QStringLiteral("Send a Folder to the Members of “Crew”"));
    expectOfferedToBobAndCarol({QStringLiteral("album")});
}

void RoomFileDropsTest::theKeysSendToThePeerWhileAConversationIsOpen()
{
    QVERIFY(m_window->selectPeer(m_bob.id()));
    QVERIFY(!m_window->sendFilesToRoomAction()->isEnabled());
    QVERIFY(!m_window->sendFolderToRoomAction()->isEnabled());
    QVERIFY(m_window->sendFilesAction()->isEnabled());
    QVERIFY(activateWindow());
    QString title;
    QVERIFY(inFileDialog(
        [this] { QTest::keyClick(m_window.get(), Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier); },
        [&title](QFileDialog* dialog) {
            title = dialog->windowTitle();
            dialog->reject();
        }));
    QCOMPARE(title, QStringLiteral("Send Files to Bob"));
}

void RoomFileDropsTest::aRefusalIsSaidInTheRoom()
{
    QLabel* error = m_window->roomPane()->errorLabel();
    const QString missing = m_dir.filePath(QStringLiteral("source/not-there.txt"));
    QWidget* messages = m_window->roomPane()->messageList()->viewport();
    ui::test::dropFiles(messages, messages->rect().center(), {missing});
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), test::kPatienceMs);
    QVERIFY2(error->text().startsWith(QStringLiteral("Not sent: ")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QStringLiteral("not-there.txt")), qPrintable(error->text()));
    QVERIFY(ui::test::clippedTexts(m_window.get()).isEmpty());

    // More members than one drop takes: the node says how many it does.
    std::vector<PeerId> crowd;
    for (std::uint8_t i = 1; i <= 17; ++i) {
        std::array<std::uint8_t, PeerId::kSize> bytes{};
        bytes.fill(i);
        crowd.emplace_back(bytes);
    }
    m_window->roomPane()->clearError();
    m_window->transferActions()->sendFilesToMany(crowd, {makeFile(QStringLiteral("crowd.txt"), 10)});
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), test::kPatienceMs);
    QVERIFY2(error->text().startsWith(QStringLiteral("Not sent: ")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QStringLiteral("16")), qPrintable(error->text()));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("room-files-refused.png")));
}

void RoomFileDropsTest::aRoomThatWasLeftTakesNoFiles()
{
    QVERIFY(ui::test::ask(*m_alice.host, [this](api::Node& node) { return node.leaveRoom(m_room); }));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->roomPane()->view().left, test::kPatienceMs);
    QVERIFY(!m_window->sendFilesToRoomAction()->isEnabled());
    QVERIFY(!m_window->sendFolderToRoomAction()->isEnabled());
    // The drag says nobody would get them.
    QWidget* messages = m_window->roomPane()->messageList()->viewport();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(makeFile(QStringLiteral("late.txt"), 10))});
    const QPoint at = messages->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(messages, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(messages, &move);
    QVERIFY(!move.isAccepted());
    QCOMPARE(ui::test::unnamedControls(m_window->roomPane()), QStringList());
}

void RoomFileDropsTest::theNoticeSaysWhatWentToWhom()
{
    api::TransferView drop;
    drop.outgoing = true;
    drop.peerName = QStringLiteral("Bob");
    drop.names = QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("c.txt"),
                             QStringLiteral("d.txt")};
    // One member left to send to: named.
    QCOMPARE(ui::TransferText::offeredToMany({drop}),
             QStringLiteral(
                 "Offered a.txt, b.txt, c.txt and 1 more to Bob; it shows in your conversation with them."));
    std::vector<api::TransferView> drops(5, drop);
    drops.front().names = QStringList{QStringLiteral("big.iso")};
    QCOMPARE(ui::TransferText::offeredToMany(drops),
             QStringLiteral("Offered “big.iso” to 5 members; each sees it in your conversation with them."));
}

QTEST_MAIN(RoomFileDropsTest)
#include "room_file_drops_test.moc"
