// MainWindow's rooms: the list under the peers, the room shown in place of
// a conversation, and notifications for room messages.
#include "main_window.h"
#include "models/room_list_model.h"
#include "room_actions.h"
#include "room_delegate.h"
#include "room_pane.h"
#include "tray_icon.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
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
