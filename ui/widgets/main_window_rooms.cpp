// MainWindow's rooms: the list under the peers, the room shown in place of
// a conversation, files sent to its members, and notifications for room
// messages.
#include "file_drop.h"
#include "main_window.h"
#include "models/peer_list_model.h"
#include "models/room_list_model.h"
#include "room_actions.h"
#include "room_delegate.h"
#include "room_pane.h"
#include "transfer_actions.h"
#include "tray_icon.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

namespace {
constexpr int kRoomNotificationChars = 200;
} // namespace

void MainWindow::addRoomList(QVBoxLayout& layout, QWidget* parent)
{
    auto* title = new QLabel(tr("Rooms"), parent);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_newRoomButton = new QToolButton(parent);
    m_newRoomButton->setText(tr("+"));
    m_newRoomButton->setToolTip(tr("New room (Ctrl+Shift+N)"));
    m_newRoomButton->setAccessibleName(tr("New room"));
    m_newRoomButton->setAutoRaise(true);
    connect(m_newRoomButton, &QToolButton::clicked, m_roomActions, &RoomActions::createRoom);

    m_roomList = new QListView(parent);
    m_roomList->setModel(m_roomFilter);
    m_roomList->setItemDelegate(new RoomDelegate(m_roomList));
    m_roomList->setAccessibleName(tr("Rooms"));
    m_roomList->setAccessibleDescription(
        tr("Enter opens the room. New Room is in the Room menu (Ctrl+Shift+N)."));
    m_roomList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomList->setUniformItemSizes(true);
    connect(m_roomList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentRoomChanged(current); });

    auto* header = new QHBoxLayout;
    header->setContentsMargins(0, 6, 0, 0);
    header->addWidget(title, 1);
    header->addWidget(m_newRoomButton);
    layout.addLayout(header);
    layout.addWidget(m_roomList, 2);
    m_roomList->hide(); // until there is a room: the heading and its + say where rooms will be
}

void MainWindow::connectRooms()
{
    // Made here, not with the list: the room pane is built after it.
    connect(m_roomList, &QListView::activated, m_roomPane, &RoomPane::focusComposer);
    connect(m_roomActions, &RoomActions::notice, this, &MainWindow::showNotice);
    connect(m_roomActions, &RoomActions::changed, this, &MainWindow::refreshRooms);
    connect(m_roomActions, &RoomActions::changed, m_roomPane, &RoomPane::refresh);
    connect(m_roomActions, &RoomActions::created, this, &MainWindow::onRoomCreated);
    connect(&m_node.events(), &api::NodeEvents::roomsChanged, this, &MainWindow::refreshRooms);
    connect(&m_node.events(), &api::NodeEvents::roomsChanged, m_roomPane, &RoomPane::refresh);
    connect(&m_node.events(), &api::NodeEvents::roomMessageStored, this, &MainWindow::onRoomMessageStored);
    connect(m_tray, &TrayIcon::roomRequested, this, &MainWindow::openRoom);

    // Files dropped on the room's messages go to its other members; the
    // drag shows whether anyone would get them.
    auto* roomDrop = new FileDropTarget(*m_roomPane->messageList()->viewport(),
                                        [this](const QPoint&) { return !roomFileRecipients().empty(); });
    connect(roomDrop, &FileDropTarget::dropped, this,
            [this](const QStringList& paths) { sendFilesToRoom(paths); });
    connect(m_transfers, &TransferActions::manyFailed, m_roomPane, &RoomPane::showError);
    connect(m_roomPane, &RoomPane::viewChanged, this, &MainWindow::updateRoomFileActions);
}

void MainWindow::addRoomFileActions(QMenu& roomMenu)
{
    m_sendFilesToRoomAction = roomMenu.addAction(tr("Send &Files to Members…"), this, [this] {
        if (const std::vector<PeerId> to = roomFileRecipients(); !to.empty()) {
            m_roomPane->clearError();
            m_transfers->chooseAndSendFilesToMany(to, m_roomPane->view().name);
        }
    });
    m_sendFolderToRoomAction = roomMenu.addAction(tr("Send F&older to Members…"), this, [this] {
        if (const std::vector<PeerId> to = roomFileRecipients(); !to.empty()) {
            m_roomPane->clearError();
            m_transfers->chooseAndSendFolderToMany(to, m_roomPane->view().name);
        }
    });
    // The Peer menu's keys for the same commands, rather than keys of their
    // own. Those actions are enabled only while a conversation is open and
    // these only while a room is, and a room opens in place of the
    // conversation, so never both; Qt gives a key to the one enabled action
    // that has it. Ctrl+Shift+O thus sends files to whatever is open, a peer
    // or a room's members, and the menu letters (F, O) match too.
    m_sendFilesToRoomAction->setShortcut(m_sendFilesAction->shortcut());
    m_sendFolderToRoomAction->setShortcut(m_sendFolderAction->shortcut());
    m_sendFilesToRoomAction->setToolTip(
        tr("Offer files to every other member of the room, each in your conversation with them (or drop "
           "them on the room's messages)"));
    m_sendFolderToRoomAction->setToolTip(
        tr("Offer a folder to every other member of the room, each in your conversation with them"));
    updateRoomFileActions();
}

std::vector<PeerId> MainWindow::roomFileRecipients() const
{
    std::vector<PeerId> to;
    const api::RoomView& room = m_roomPane->view();
    if (currentRoom().isEmpty() || room.id.isEmpty() || room.left) {
        return to;
    }
    for (const api::RoomMemberView& member : room.members) {
        // A member not in the peer list (not met here yet) gets it like any
        // peer that is away: the node sends it when it can.
        const auto row = m_peerModel->rowOf(member.peer);
        if (!member.self && (!row || canSendTo(&m_peerModel->at(*row)))) {
            to.push_back(member.peer);
        }
    }
    return to;
}

void MainWindow::updateRoomFileActions()
{
    if (m_sendFilesToRoomAction == nullptr) {
        return; // still building
    }
    const bool someone = !roomFileRecipients().empty();
    m_sendFilesToRoomAction->setEnabled(someone);
    m_sendFolderToRoomAction->setEnabled(someone);
}

void MainWindow::sendFilesToRoom(const QStringList& paths)
{
    const std::vector<PeerId> to = roomFileRecipients();
    if (to.empty()) {
        return; // the room was left, or its last other member blocked, during the drag
    }
    m_roomPane->clearError();
    m_transfers->sendFilesToMany(to, paths);
}

void MainWindow::onRoomCreated(const QString& room)
{
    // Opened once the list has it, ready for the first message.
    m_node.call(
        this, [](api::Node& node) { return node.rooms(); },
        [this, room](const std::vector<api::RoomView>& rooms) {
            onRoomsChanged(rooms);
            openRoom(room);
            m_roomPane->focusComposer();
        });
}

QString MainWindow::currentRoom() const
{
    return m_roomPane ? m_roomPane->room() : QString();
}

void MainWindow::refreshRooms()
{
    m_node.call(
        this, [](api::Node& node) { return node.rooms(); },
        [this](const std::vector<api::RoomView>& rooms) { onRoomsChanged(rooms); });
}

void MainWindow::onRoomsChanged(const std::vector<api::RoomView>& rooms)
{
    m_roomModel->setRooms(rooms);
    m_roomList->setVisible(!rooms.empty());
    const QString room = currentRoom();
    if (!room.isEmpty() && !m_roomList->currentIndex().isValid()) {
        selectRoom(room); // a reset lost the selection
    }
    updateUnread();
}

bool MainWindow::selectRoom(const QString& room)
{
    const auto row = m_roomModel->rowOf(room);
    if (!row) {
        return false;
    }
    const QModelIndex index = m_roomFilter->mapFromSource(m_roomModel->index(*row));
    if (!index.isValid()) {
        return false;
    }
    m_roomList->setCurrentIndex(index);
    return true;
}

void MainWindow::openRoom(const QString& room)
{
    if (!selectRoom(room) && !m_filter->text().isEmpty()) {
        m_filter->clear(); // the filter hid it
        selectRoom(room);
    }
    showAndRaise();
}

void MainWindow::onCurrentRoomChanged(const QModelIndex& current)
{
    if (m_filtering) {
        return; // the filter moved the row, not the user
    }
    const QModelIndex source = m_roomFilter->mapToSource(current);
    if (!source.isValid()) {
        return; // keep the open room while the filter hides it
    }
    const QString room = m_roomModel->at(source.row()).id;
    if (m_currentPeer) {
        closeConversation(); // a room in place of the conversation
    }
    m_rightPane->setCurrentWidget(m_roomPane);
    if (room == currentRoom()) {
        return;
    }
    m_roomPane->setRoom(room);
    markRoomReadIfSeen();
}

void MainWindow::markRoomReadIfSeen()
{
    const QString room = currentRoom();
    const auto row = m_roomModel->rowOf(room);
    if (room.isEmpty() || !isSeenByUser() || !row || m_roomModel->at(*row).unread == 0) {
        return;
    }
    m_node.call([room](api::Node& node) { node.markRoomRead(room); });
}

void MainWindow::onRoomMessageStored(const api::RoomMessageView& message)
{
    if (message.outgoing) {
        return;
    }
    const bool open = currentRoom() == message.room;
    if (open && isSeenByUser()) {
        m_node.call([room = message.room](api::Node& node) { node.markRoomRead(room); });
        return;
    }
    // The room list shows the rest while the window is in front; a mention
    // of the user is worth a notification even then.
    if (isSeenByUser() && !message.mentionsYou) {
        return;
    }
    const auto row = m_roomModel->rowOf(message.room);
    const QString roomName = row ? m_roomModel->at(*row).name : tr("a room");
    const QString sender = message.senderName.isEmpty() ? tr("Someone") : message.senderName;
    const QString title = message.mentionsYou ? tr("%1 mentioned you in %2").arg(sender, roomName)
                                              : tr("%1 in %2").arg(sender, roomName);
    QString body = message.text.simplified();
    if (body.size() > kRoomNotificationChars) {
        body = body.left(kRoomNotificationChars) + QChar(0x2026);
    }
    m_tray->notifyAboutRoom(title, body, message.room);
    if (!m_tray->isShown()) {
        QApplication::alert(this);
    }
}

} // namespace confab::ui
