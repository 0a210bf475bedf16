// Renaming, blocking and removing peers in the window, against peers on a
// simulated LAN (virtual clock, no sockets): the same actions in the Peer
// menu and in the peer list's context menu (the Menu key, Shift+F10 or a
// right click), a blocked peer shown as blocked in words with its composer
// off and the way to unblock it beside, and a removal that asks first with
// Cancel as the default.
#include "crypto/sodium_init.h"
#include "dialogs/peer_details_dialog.h"
#include "dialogs/rename_peer_dialog.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "peer_actions.h"
#include "widgets/composer.h"
#include "widgets/conversation_header.h"
#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

using namespace confab;

class PeerManagementTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void thePeerMenuRenamesAPeerAndItsOwnNameStaysInTheDetails();
    void aNicknameTheNodeRefusesKeepsTheDialogOpenWithTheReason();
    void blockingGreysThePeerOutSaysSoAndTurnsTheComposerOff();
    void theMenuKeyAndShiftF10OpenTheMenuOfTheFocusedPeer();
    void aRightClickActsOnThePeerUnderThePointerNotTheOpenOne();
    void removingAsksFirstAndEnterKeepsEverything();
    void removingDeletesTheConversationItShowed();
    void everyNewControlIsNamedForScreenReaders();
    void cleanupTestCase();

private:
    [[nodiscard]] std::optional<QModelIndex> rowOf(const PeerId& peer) const;
    [[nodiscard]] bool isBlocked(const PeerId& peer) const;
    [[nodiscard]] QString nameOf(const PeerId& peer) const;
    // The peer's row in the list as the view shows it (filter included).
    [[nodiscard]] QModelIndex viewIndexOf(const PeerId& peer) const;
    // The open context menu, once it shows.
    static QMenu* openMenu();
    static QAction* actionOf(QMenu* menu, const QString& text);
    bool focusPeerList(const PeerId& peer);
    // Back to Bob and Carol unblocked, with their own names.
    void resetPeers();

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
};

void PeerManagementTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = ui::test::openMainWindow(m_alice);
    QVERIFY(m_window);
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint()}));
    SIM_VERIFY(m_lan, rowOf(m_bob.id) && rowOf(m_carol.id));
    SIM_VERIFY(m_lan, rowOf(m_bob.id)->data(ui::PeerListModel::OnlineRole).toBool() &&
                          rowOf(m_carol.id)->data(ui::PeerListModel::OnlineRole).toBool());
}

void PeerManagementTest::init()
{
    resetPeers();
}

std::optional<QModelIndex> PeerManagementTest::rowOf(const PeerId& peer) const
{
    const auto row = m_window->peerModel()->rowOf(peer);
    if (!row) {
        return std::nullopt;
    }
    return m_window->peerModel()->index(*row);
}

bool PeerManagementTest::isBlocked(const PeerId& peer) const
{
    const auto row = rowOf(peer);
    return row && row->data(ui::PeerListModel::BlockedRole).toBool();
}

QString PeerManagementTest::nameOf(const PeerId& peer) const
{
    const auto row = rowOf(peer);
    return row ? row->data(ui::PeerListModel::NameRole).toString() : QString();
}

QModelIndex PeerManagementTest::viewIndexOf(const PeerId& peer) const
{
    QAbstractItemModel* shown = m_window->peerList()->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, 0);
        if (index.data(ui::PeerListModel::PeerIdRole).toString() == QString::fromStdString(peer.toText())) {
            return index;
        }
    }
    return {};
}

QMenu* PeerManagementTest::openMenu()
{
    QMenu* menu = nullptr;
    const bool shown = QTest::qWaitFor([&menu] {
        menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        return menu != nullptr && menu->isVisible();
    });
    return shown ? menu : nullptr;
}

QAction* PeerManagementTest::actionOf(QMenu* menu, const QString& text)
{
    for (QAction* action : menu->actions()) {
        if (action->text() == text) {
            return action;
        }
    }
    return nullptr;
}

bool PeerManagementTest::focusPeerList(const PeerId& peer)
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        return false;
    }
    m_window->peerList()->setFocus(Qt::OtherFocusReason);
    m_window->peerList()->setCurrentIndex(viewIndexOf(peer));
    return QApplication::focusWidget() == m_window->peerList();
}

void PeerManagementTest::resetPeers()
{
    for (const PeerId& peer : {m_bob.id, m_carol.id}) {
        m_alice.node().unblock(peer);
        m_alice.node().rename(peer, QString());
    }
    SIM_VERIFY(m_lan, !isBlocked(m_bob.id) && !isBlocked(m_carol.id) &&
                          nameOf(m_bob.id) == QStringLiteral("Bob") &&
                          nameOf(m_carol.id) == QStringLiteral("Carol"));
}

void PeerManagementTest::thePeerMenuRenamesAPeerAndItsOwnNameStaysInTheDetails()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::PeerActions* actions = m_window->peerActions();
    QVERIFY(actions->renameAction()->isEnabled());
    // In the Peer menu of the menu bar.
    QMenu* peerMenu = nullptr;
    for (QAction* menu : m_window->menuBar()->actions()) {
        if (menu->text() == QStringLiteral("&Peer")) {
            peerMenu = menu->menu();
        }
    }
    const QList<QAction*> inPeerMenu = peerMenu != nullptr ? peerMenu->actions() : QList<QAction*>{};
    for (QAction* action : {actions->renameAction(), actions->blockAction(), actions->removeAction()}) {
        QVERIFY2(inPeerMenu.contains(action), qPrintable(action->text()));
    }

    // F2, like renaming anywhere else.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F2);
    ui::RenamePeerDialog* dialog = actions->renameDialog();
    QVERIFY2(dialog != nullptr, "F2 did not open the rename dialog");
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->nicknameEdit()->placeholderText(), QStringLiteral("Bob"));
    dialog->nicknameEdit()->clear();
    QTest::keyClicks(dialog->nicknameEdit(), QStringLiteral("Uncle Bob"));
    QTest::keyClick(dialog->nicknameEdit(), Qt::Key_Return);
    SIM_COMPARE(m_lan, nameOf(m_bob.id), QStringLiteral("Uncle Bob"));
    SIM_VERIFY(m_lan, actions->renameDialog() == nullptr || !actions->renameDialog()->isVisible());
    QCOMPARE(rowOf(m_bob.id)->data(ui::PeerListModel::AnnouncedNameRole).toString(), QStringLiteral("Bob"));
    QVERIFY(rowOf(m_bob.id)
                ->data(Qt::AccessibleTextRole)
                .toString()
                .contains(QStringLiteral("calls themselves Bob")));
    QCOMPARE(m_window->header()->title(), QStringLiteral("Uncle Bob"));
    // The node resolves the nickname too.
    const auto resolved = m_alice.node().resolvePeer(QStringLiteral("uncle bob"));
    QVERIFY(resolved);
    QCOMPARE(resolved.value(), m_bob.id);

    // Peer Details keep what Bob calls himself.
    ui::PeerDetailsDialog details(*m_alice.client, m_bob.id, m_window.get());
    SIM_VERIFY(m_lan, details.isLoaded());
    QCOMPARE(details.announcedNameText(), QStringLiteral("Bob"));
    QVERIFY(details.windowTitle().contains(QStringLiteral("Uncle Bob")));

    // Cleared, the list shows his own name again.
    actions->renameAction()->trigger();
    dialog = actions->renameDialog();
    QVERIFY(dialog != nullptr);
    QCOMPARE(dialog->nicknameEdit()->text(), QStringLiteral("Uncle Bob"));
    dialog->nicknameEdit()->clear();
    QTest::mouseClick(dialog->renameButton(), Qt::LeftButton);
    SIM_COMPARE(m_lan, nameOf(m_bob.id), QStringLiteral("Bob"));
}

void PeerManagementTest::aNicknameTheNodeRefusesKeepsTheDialogOpenWithTheReason()
{
    QVERIFY(m_window->selectPeer(m_carol.id));
    m_window->peerActions()->renameAction()->trigger();
    ui::RenamePeerDialog* dialog = m_window->peerActions()->renameDialog();
    QVERIFY(dialog != nullptr);
    dialog->nicknameEdit()->setText(QString(100, QLatin1Char('x')));
    QTest::mouseClick(dialog->renameButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, !dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("too long")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->renameButton()->isEnabled());
    QCOMPARE(nameOf(m_carol.id), QStringLiteral("Carol"));
    dialog->reject();
}

void PeerManagementTest::blockingGreysThePeerOutSaysSoAndTurnsTheComposerOff()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    ui::PeerActions* actions = m_window->peerActions();
    QCOMPARE(actions->blockAction()->text(), QStringLiteral("&Block"));
    QVERIFY(m_window->composer()->isEnabled());
    actions->blockAction()->trigger();
    SIM_VERIFY(m_lan, isBlocked(m_bob.id));
    SIM_VERIFY(m_lan, !rowOf(m_bob.id)->data(ui::PeerListModel::OnlineRole).toBool());

    // In words, not in colour alone: the list, the header and the screen reader's text.
    QVERIFY(rowOf(m_bob.id)->data(Qt::DisplayRole).toString().contains(QStringLiteral("blocked")));
    QVERIFY(rowOf(m_bob.id)->data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("blocked")));
    QVERIFY2(m_window->header()->presenceText().contains(QStringLiteral("blocked")),
             qPrintable(m_window->header()->presenceText()));
    QCOMPARE(actions->blockAction()->text(), QStringLiteral("Un&block"));
    // No writing, and the line under the conversation says why and how to undo it.
    QVERIFY(!m_window->composer()->isEnabled());
    QVERIFY(!m_window->sendButton()->isEnabled());
    QVERIFY(m_window->blockedNotice()->isVisibleTo(m_window.get()));
    QVERIFY2(m_window->blockedNotice()->text().contains(QStringLiteral("blocked")) &&
                 m_window->blockedNotice()->text().contains(QStringLiteral("Unblock")),
             qPrintable(m_window->blockedNotice()->text()));
    QVERIFY(m_window->unblockButton()->isVisibleTo(m_window.get()));
    QVERIFY(!m_window->callAction()->isEnabled());
    const QStringList clipped = ui::test::clippedTexts(m_window.get());
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));

    // Carol renamed as well, for the picture of the list.
    QVERIFY(m_alice.node().rename(m_carol.id, QStringLiteral("Caz")));
    SIM_COMPARE(m_lan, nameOf(m_carol.id), QStringLiteral("Caz"));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("peer-blocked-conversation.png")));
    // The list as it shows a blocked peer that is not the open one.
    QVERIFY(m_window->selectPeer(m_carol.id));
    QVERIFY(ui::test::saveScreenshot(m_window.get(), QStringLiteral("peer-list-blocked-and-renamed.png")));
    QVERIFY(m_window->selectPeer(m_bob.id));

    // Unblock, from the line under the conversation.
    QTest::mouseClick(m_window->unblockButton(), Qt::LeftButton);
    SIM_VERIFY(m_lan, !isBlocked(m_bob.id));
    SIM_VERIFY(m_lan, rowOf(m_bob.id)->data(ui::PeerListModel::OnlineRole).toBool());
    QVERIFY(m_window->composer()->isEnabled());
    QVERIFY(m_window->blockedNotice()->isHidden() || !m_window->blockedNotice()->isVisibleTo(m_window.get()));
    QCOMPARE(actions->blockAction()->text(), QStringLiteral("&Block"));
}

void PeerManagementTest::theMenuKeyAndShiftF10OpenTheMenuOfTheFocusedPeer()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    QVERIFY(focusPeerList(m_carol.id)); // the keyboard moves from Bob to Carol
    QTest::keyClick(m_window->peerList(), Qt::Key_Menu);
    QMenu* menu = openMenu();
    QVERIFY2(menu != nullptr, "the Menu key opened no menu");
    QCOMPARE(menu->accessibleName(), QStringLiteral("Actions for Carol"));
    QVERIFY(actionOf(menu, QStringLiteral("Send &Files…")) != nullptr);
    QVERIFY(actionOf(menu, QStringLiteral("Send F&older…")) != nullptr);
    QVERIFY(actionOf(menu, QStringLiteral("&Rename…")) != nullptr);
    QVERIFY(actionOf(menu, QStringLiteral("Re&move…")) != nullptr);
    // Escape closes it and gives the keyboard back to the list.
    QTest::keyClick(menu, Qt::Key_Escape);
    QTRY_VERIFY(QApplication::activePopupWidget() == nullptr);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(m_window->peerList()));

    // Shift+F10, then B (the accelerator of Block): the peer with the focus.
    QTest::keyClick(m_window->peerList(), Qt::Key_F10, Qt::ShiftModifier);
    menu = openMenu();
    QVERIFY2(menu != nullptr, "Shift+F10 opened no menu");
    QTest::keyClick(menu, Qt::Key_B);
    SIM_VERIFY(m_lan, isBlocked(m_carol.id));
    QVERIFY(!isBlocked(m_bob.id));

    // Her menu now offers Unblock.
    QTRY_VERIFY(QApplication::activePopupWidget() == nullptr);
    QVERIFY(focusPeerList(m_carol.id));
    QTest::keyClick(m_window->peerList(), Qt::Key_Menu);
    menu = openMenu();
    QVERIFY(menu != nullptr);
    QVERIFY(actionOf(menu, QStringLiteral("Un&block")) != nullptr);
    QVERIFY(actionOf(menu, QStringLiteral("Send &Files…")) == nullptr); // nothing goes to a blocked peer
    QTest::keyClick(menu, Qt::Key_B);
    SIM_VERIFY(m_lan, !isBlocked(m_carol.id));
}

void PeerManagementTest::aRightClickActsOnThePeerUnderThePointerNotTheOpenOne()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    QListView* list = m_window->peerList();
    const QRect carolRow = list->visualRect(viewIndexOf(m_carol.id));
    QVERIFY(carolRow.isValid());
    QContextMenuEvent click(QContextMenuEvent::Mouse, carolRow.center(),
                            list->viewport()->mapToGlobal(carolRow.center()));
    QApplication::sendEvent(list->viewport(), &click);
    QMenu* menu = openMenu();
    QVERIFY2(menu != nullptr, "a right click opened no menu");
    QCOMPARE(menu->accessibleName(), QStringLiteral("Actions for Carol"));
    QAction* rename = actionOf(menu, QStringLiteral("&Rename…"));
    QVERIFY(rename != nullptr);
    menu->close();
    rename->trigger();
    ui::RenamePeerDialog* dialog = m_window->peerActions()->renameDialog();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("Carol")));
    dialog->nicknameEdit()->setText(QStringLiteral("Caz"));
    dialog->accept();
    SIM_COMPARE(m_lan, nameOf(m_carol.id), QStringLiteral("Caz"));
    QCOMPARE(nameOf(m_bob.id), QStringLiteral("Bob"));
    // Opening the menu chose nothing: Bob's conversation is still the open one.
    QCOMPARE(m_window->currentPeer(), std::optional<PeerId>(m_bob.id));
}

void PeerManagementTest::removingAsksFirstAndEnterKeepsEverything()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_bob.client->call([to = m_alice.id](api::Node& node) { node.sendText(to, QStringLiteral("keep me")); });
    SIM_VERIFY(m_lan, m_window->conversationModel()->rowCount() >= 1);
    const int messages = m_window->conversationModel()->rowCount();

    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->peerActions()->removeAction()->trigger();
    QMessageBox* question = m_window->peerActions()->removeConfirmation();
    QVERIFY2(question != nullptr, "Remove did not ask first");
    QVERIFY(QTest::qWaitForWindowActive(question));
    QVERIFY2(question->text().contains(QStringLiteral("Bob")) &&
                 question->text().contains(QStringLiteral("conversation")),
             qPrintable(question->text()));
    QVERIFY2(question->informativeText().contains(QStringLiteral("deleted")),
             qPrintable(question->informativeText()));
    QCOMPARE(question->defaultButton(), question->button(QMessageBox::Cancel));
    QCOMPARE(question->escapeButton(), static_cast<QAbstractButton*>(question->button(QMessageBox::Cancel)));

    // Enter takes the default: nothing goes.
    QTRY_VERIFY(QApplication::focusWidget() != nullptr && QApplication::focusWidget()->window() == question);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    m_lan.runFor(1000);
    QTRY_VERIFY(m_window->peerActions()->removeConfirmation() == nullptr);
    QVERIFY(rowOf(m_bob.id).has_value());
    QCOMPARE(m_window->conversationModel()->rowCount(), messages);
    QCOMPARE(m_alice.node().history(m_bob.id, 100).size(), static_cast<std::size_t>(messages));

    // Escape too.
    m_window->peerActions()->removeAction()->trigger();
    question = m_window->peerActions()->removeConfirmation();
    QVERIFY(question != nullptr);
    QVERIFY(QTest::qWaitForWindowActive(question));
    QTest::keyClick(question, Qt::Key_Escape);
    m_lan.runFor(1000);
    QCOMPARE(m_alice.node().history(m_bob.id, 100).size(), static_cast<std::size_t>(messages));
}

void PeerManagementTest::removingDeletesTheConversationItShowed()
{
    QVERIFY(m_window->selectPeer(m_carol.id));
    m_carol.client->call(
        [to = m_alice.id](api::Node& node) { node.sendText(to, QStringLiteral("forget me")); });
    SIM_VERIFY(m_lan, m_window->conversationModel()->rowCount() >= 1);
    // Confirmed, so that Carol has nothing to send again once she is back.
    const auto carolsAreDelivered = [this] {
        const api::StoredMessages sent = m_carol.node().history(m_alice.id, 100);
        return std::all_of(sent.begin(), sent.end(), [](const api::StoredMessage& message) {
            return message.state == api::MessageState::Delivered || message.state == api::MessageState::Read;
        });
    };
    SIM_VERIFY(m_lan, carolsAreDelivered());

    m_window->peerActions()->removeAction()->trigger();
    QMessageBox* question = m_window->peerActions()->removeConfirmation();
    QVERIFY(question != nullptr);
    QAbstractButton* remove = nullptr;
    for (QAbstractButton* button : question->buttons()) {
        if (question->buttonRole(button) == QMessageBox::DestructiveRole) {
            remove = button;
        }
    }
    QVERIFY(remove != nullptr);
    QTest::mouseClick(remove, Qt::LeftButton);
    SIM_VERIFY(m_lan, m_alice.node().history(m_carol.id, 100).empty());
    // The window no longer shows what was deleted.
    SIM_COMPARE(m_lan, m_window->conversationModel()->rowCount(), 0);
    QVERIFY(m_window->currentPeer() != std::optional<PeerId>(m_carol.id) ||
            m_window->conversationModel()->rowCount() == 0);
    // Carol is still on the network: she links again and is listed afresh.
    SIM_VERIFY(m_lan, rowOf(m_carol.id).has_value() &&
                          rowOf(m_carol.id)->data(ui::PeerListModel::OnlineRole).toBool());
    QCOMPARE(rowOf(m_carol.id)->data(ui::PeerListModel::PreviewRole).toString(), QString());
}

void PeerManagementTest::everyNewControlIsNamedForScreenReaders()
{
    QVERIFY(m_window->selectPeer(m_bob.id));
    m_window->peerActions()->blockAction()->trigger();
    SIM_VERIFY(m_lan, isBlocked(m_bob.id));
    QStringList unnamed = ui::test::unnamedControls(m_window.get());
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

    m_window->peerActions()->renameAction()->trigger();
    ui::RenamePeerDialog* dialog = m_window->peerActions()->renameDialog();
    QVERIFY(dialog != nullptr);
    unnamed = ui::test::unnamedControls(dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    dialog->reject();

    m_window->peerActions()->removeAction()->trigger();
    QMessageBox* question = m_window->peerActions()->removeConfirmation();
    QVERIFY(question != nullptr);
    // A blocked peer stays blocked: the question says so.
    QVERIFY2(question->informativeText().contains(QStringLiteral("stays blocked")),
             qPrintable(question->informativeText()));
    for (QAbstractButton* button : question->buttons()) {
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->text()));
    }
    question->reject();
}

void PeerManagementTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(PeerManagementTest)
#include "peer_management_test.moc"
