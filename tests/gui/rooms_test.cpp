// Rooms in the window, with Alice's node behind it and Bob and Carol on the
// simulated LAN: a room is made from the New Room dialog and opens in place
// of a conversation, with the system lines of its log; messages go both ways
// with their senders' names and receipts; a message that mentions Alice
// notifies her while another conversation is open, an unread room says so in
// the list; the member list shows roles and presence; removing a member is
// asked first, and a member leaving shows as a line.
#include "crypto/sodium_init.h"
#include "dialogs/create_room_dialog.h"
#include "gui_harness.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "models/room_conversation_model.h"
#include "models/room_list_model.h"
#include "room_actions.h"
#include "widgets/composer.h"
#include "widgets/main_window.h"
#include "widgets/peer_checklist.h"
#include "widgets/room_member_list.h"
#include "widgets/room_pane.h"
#include "widgets/tray_icon.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>

using namespace confab;

class RoomsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aRoomIsMadeFromTheDialogAndOpens();
    void messagesGoBothWaysWithSendersAndReceipts();
    void aMentionNotifiesWhileAnotherConversationIsOpen();
    void anUnreadRoomSaysSoUntilOpened();
    void theMemberListShowsRolesAndPresence();
    void removingIsAskedFirstAndLeavingShowsAsALine();
    void everyControlIsNamed();
    void cleanupTestCase();

private:
    [[nodiscard]] QStringList roomLines() const;
    [[nodiscard]] std::optional<int> rowShowing(const QString& text) const;
    [[nodiscard]] bool received(const ui::test::SimLan::Peer& peer, const QString& text) const;
    [[nodiscard]] int unreadInList() const;

    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_alice = m_lan.addPeer(QStringLiteral("Alice")); // the window's node
    ui::test::SimLan::Peer& m_bob = m_lan.addPeer(QStringLiteral("Bob"));
    ui::test::SimLan::Peer& m_carol = m_lan.addPeer(QStringLiteral("Carol"));
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_room;
};

void RoomsTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_lan.start(m_alice));
    m_window = std::make_unique<ui::MainWindow>(*m_alice.client);
    m_window->nodeStarted({});
    m_window->show();
    m_window->activateWindow();
    QVERIFY(m_lan.start(m_bob, {m_alice.endpoint()}));
    QVERIFY(m_lan.start(m_carol, {m_alice.endpoint(), m_bob.endpoint()}));
    SIM_COMPARE(m_lan, m_window->peerModel()->rowCount(), 2);
    SIM_VERIFY(m_lan,
               m_window->peerModel()->at(0).view.connected && m_window->peerModel()->at(1).view.connected);
}

QStringList RoomsTest::roomLines() const
{
    QStringList lines;
    const ui::RoomConversationModel* model = m_window->roomPane()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        const QString system = index.data(ui::ConversationModel::SystemLineRole).toString();
        lines << (system.isEmpty() ? index.data(ui::ConversationModel::SenderRole).toString() +
                                         QLatin1Char('|') + index.data().toString()
                                   : system);
    }
    return lines;
}

std::optional<int> RoomsTest::rowShowing(const QString& text) const
{
    const QStringList lines = roomLines();
    const auto at = lines.indexOf(text);
    return at < 0 ? std::nullopt : std::optional<int>(static_cast<int>(at));
}

bool RoomsTest::received(const ui::test::SimLan::Peer& peer, const QString& text) const
{
    const auto history = peer.node().roomHistory(m_room, 50);
    return history && std::any_of(history.value().begin(), history.value().end(),
                                  [&](const api::RoomMessageView& m) { return m.text == text; });
}

int RoomsTest::unreadInList() const
{
    const auto row = m_window->roomModel()->rowOf(m_room);
    return row ? m_window->roomModel()->at(*row).unread : -1;
}

void RoomsTest::aRoomIsMadeFromTheDialogAndOpens()
{
    // Ctrl+Shift+N, as a keyboard user would.
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    ui::CreateRoomDialog* dialog = m_window->roomActions()->createDialog();
    QVERIFY(dialog != nullptr);
    QVERIFY(!dialog->createButton()->isEnabled()); // no name, no members yet
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Launch"));
    QListWidget* people = dialog->checklist()->list();
    QCOMPARE(people->count(), 2);
    for (int row = 0; row < people->count(); ++row) {
        people->item(row)->setCheckState(Qt::Checked);
    }
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);

    SIM_COMPARE(m_lan, m_window->roomModel()->rowCount(), 1);
    m_room = m_window->roomModel()->at(0).id;
    SIM_COMPARE(m_lan, m_window->currentRoom(), m_room);
    QCOMPARE(m_window->roomPane()->nameLabel()->text(), QStringLiteral("Launch"));
    SIM_VERIFY(m_lan, rowShowing(QStringLiteral("You added Carol")).has_value());
    const QStringList lines = roomLines();
    QCOMPARE(lines.value(0), QStringLiteral("You created the room “Launch”"));
    QVERIFY(lines.contains(QStringLiteral("You added Bob")));
    // The room, not a conversation, is what the right side shows, and the composer is ready.
    QVERIFY(m_window->roomPane()->isVisible());
    QVERIFY(!m_window->currentPeer().has_value());
    QVERIFY(m_window->roomPane()->composer()->isEnabled());
    SIM_VERIFY(m_lan, m_bob.node().room(m_room).ok() && m_carol.node().room(m_room).ok());
}

void RoomsTest::messagesGoBothWaysWithSendersAndReceipts()
{
    ui::Composer* composer = m_window->roomPane()->composer();
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("hello team"));
    QTest::keyClick(composer, Qt::Key_Return);
    SIM_VERIFY(m_lan, received(m_bob, QStringLiteral("hello team")) &&
                          received(m_carol, QStringLiteral("hello team")));
    QCOMPARE(composer->toPlainText(), QString());
    SIM_VERIFY(m_lan, rowShowing(QStringLiteral("|hello team")).has_value());
    const auto stateOf = [this] {
        const auto row = rowShowing(QStringLiteral("|hello team"));
        return row ? m_window->roomPane()
                         ->model()
                         ->index(*row)
                         .data(ui::ConversationModel::StateTextRole)
                         .toString()
                   : QString();
    };
    SIM_COMPARE(m_lan, stateOf(), QStringLiteral("delivered to 2 of 2"));
    QVERIFY(m_bob.node().markRoomRead(m_room));
    SIM_COMPARE(m_lan, stateOf(), QStringLiteral("read by 1 of 2"));
    QVERIFY(m_carol.node().markRoomRead(m_room));
    SIM_COMPARE(m_lan, stateOf(), QStringLiteral("read by all"));

    QVERIFY(m_bob.node().sendRoomText(m_room, QStringLiteral("hi Alice")));
    SIM_VERIFY(m_lan, rowShowing(QStringLiteral("Bob|hi Alice")).has_value());
    // Open and in front: read at once, so the list shows nothing unread.
    SIM_COMPARE(m_lan, unreadInList(), 0);
}

void RoomsTest::aMentionNotifiesWhileAnotherConversationIsOpen()
{
    // Half a message, left for a conversation, waits in the room's box.
    QTest::keyClicks(m_window->roomPane()->composer(), QStringLiteral("draft for later"));
    QVERIFY(m_window->selectPeer(m_bob.id));
    QVERIFY(m_window->currentRoom().isEmpty());
    QVERIFY(!m_window->roomPane()->isVisible());
    QSignalSpy notified(m_window->trayIcon(), &ui::TrayIcon::notified);
    QVERIFY(m_carol.node().sendRoomText(m_room, QStringLiteral("lunch?")));
    QVERIFY(m_carol.node().sendRoomText(m_room, QStringLiteral("@alice are you coming?")));
    SIM_VERIFY(m_lan, !notified.isEmpty());
    // Only the mention: the window is in front, and the list shows the rest.
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("Carol mentioned you in Launch"));
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("@alice are you coming?"));
}

void RoomsTest::anUnreadRoomSaysSoUntilOpened()
{
    SIM_COMPARE(m_lan, unreadInList(), 2);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("(2)")));
    const auto row = m_window->roomModel()->rowOf(m_room);
    QVERIFY(row);
    QVERIFY(m_window->roomModel()
                ->index(*row)
                .data(Qt::AccessibleTextRole)
                .toString()
                .contains(QStringLiteral("2")));
    QVERIFY(m_window->selectRoom(m_room));
    SIM_COMPARE(m_lan, unreadInList(), 0);
    QCOMPARE(m_window->roomPane()->composer()->toPlainText(), QStringLiteral("draft for later"));
    m_window->roomPane()->composer()->clear();
    QVERIFY(m_window->roomPane()->isVisible());
    const auto mention = rowShowing(QStringLiteral("Carol|@alice are you coming?"));
    QVERIFY(mention.has_value());
    const QModelIndex mentioned = m_window->roomPane()->model()->index(*mention);
    QVERIFY(mentioned.data(ui::ConversationModel::MentionRole).toBool());
    QVERIFY(mentioned.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("mentions you")));
    QVERIFY(!m_window->roomPane()
                 ->model()
                 ->index(*mention - 1)
                 .data(ui::ConversationModel::MentionRole)
                 .toBool());
}

void RoomsTest::theMemberListShowsRolesAndPresence()
{
    const QListWidget* members = m_window->roomPane()->memberList();
    SIM_COMPARE(m_lan, members->count(), 3);
    QCOMPARE(members->item(0)->text(), QStringLiteral("You (admin)"));
    QCOMPARE(members->item(1)->text(), QStringLiteral("Bob"));
    QCOMPARE(members->item(1)->data(Qt::AccessibleTextRole).toString(), QStringLiteral("Bob, online"));
    QCOMPARE(members->item(2)->data(Qt::AccessibleTextRole).toString(), QStringLiteral("Carol, online"));
    QVERIFY(!members->item(2)->icon().isNull()); // the presence dot
    QCOMPARE(m_window->roomPane()->summaryLabel()->text(),
             ui::RoomListModel::membersText(m_window->roomPane()->view()));
    QVERIFY(m_window->roomPane()->inviteButton()->isVisible()); // Alice is an admin
}

void RoomsTest::removingIsAskedFirstAndLeavingShowsAsALine()
{
    const api::RoomView room = m_window->roomPane()->view();
    m_window->roomActions()->remove(room, m_carol.id, QStringLiteral("Carol"));
    QMessageBox* box = m_window->roomActions()->confirmation();
    QVERIFY(box != nullptr);
    // Enter keeps everything: Cancel is the default.
    QTest::keyClick(box, Qt::Key_Return);
    m_lan.runFor(2000);
    QVERIFY(!rowShowing(QStringLiteral("You removed Carol")));
    QVERIFY(m_carol.node().room(m_room).value().members.size() == 3);

    m_window->roomActions()->remove(room, m_carol.id, QStringLiteral("Carol"));
    box = m_window->roomActions()->confirmation();
    QVERIFY(box != nullptr);
    QAbstractButton* removeButton = nullptr;
    for (QAbstractButton* button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
            removeButton = button;
        }
    }
    QVERIFY(removeButton != nullptr);
    QTest::mouseClick(removeButton, Qt::LeftButton);
    SIM_VERIFY(m_lan, rowShowing(QStringLiteral("You removed Carol")).has_value());
    SIM_COMPARE(m_lan, m_window->roomPane()->memberList()->count(), 2);

    QVERIFY(m_bob.node().leaveRoom(m_room));
    SIM_VERIFY(m_lan, rowShowing(QStringLiteral("Bob left")).has_value());
    SIM_COMPARE(m_lan, m_window->roomPane()->memberList()->count(), 1);
}

void RoomsTest::everyControlIsNamed()
{
    QCOMPARE(ui::test::unnamedControls(m_window->roomPane()), QStringList());
    QCOMPARE(ui::test::sharedMnemonics(m_window.get()), QStringList());
}

void RoomsTest::cleanupTestCase()
{
    m_window.reset();
}

QTEST_MAIN(RoomsTest)
#include "rooms_test.moc"
