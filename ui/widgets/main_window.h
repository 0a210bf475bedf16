#pragma once

#include "api/node_client.h"

#include <QMainWindow>
#include <QPointer>

#include <map>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTimer;
class QToolButton;
class QVBoxLayout;

namespace confab::ui {

class CallBar;
class CallController;
class Composer;
class ConversationHeader;
class ElidingLabel;
class HelpMenu;
class ConversationModel;
class ConversationView;
class EditingBar;
class KeyWarningBanner;
class MessageChanges;
class MessageReactions;
class MessageReplies;
class MyAddressDialog;
class NamesakeNotice;
class WindowMemory;
class PeerDetailsDialog;
class PeerActions;
class PeerListModel;
class RoomActions;
class RoomListModel;
class RoomPane;
class PendingPeersPanel;
class PresenceControl;
class SearchPanel;
class SettingsDialog;
class TransferActions;
class TransferNotifier;
class TrayIcon;

// Peers on the left, and under them the addresses added by hand that no
// peer has answered from yet; on the right the selected conversation under its header
// (name, presence, verification, Call), the bar of the call in progress and,
// while one is pending, the key-change warning that pauses sending; the node's discovery mode, own address
// and network diagnosis in the status bar. Peers are renamed, blocked and
// removed from the Peer menu or the list's context menu (the Menu key or
// Shift+F10 on the keyboard). Files and folders go to the open
// conversation's peer from the Peer menu (Send Files…, Send Folder…) or
// dropped on the conversation, or to any peer dropped on its row in the list;
// the drops show in the conversation. While a room is open, the Room menu
// (Send Files to Members…, Send Folder to Members…) and files dropped on its
// messages offer them to each other member at once, in one drop each that
// shows in the conversation with that member. The user's own messages are edited
// (in the composer) and deleted for everyone from the conversation's context
// menu, or Up in the empty composer edits the newest; any message may be
// replied (quoted by the next one) and reacted to from that menu too. Lives
// in the tray when there is one.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(api::NodeClient& client, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the way `memory` says the window was left (size, place, split,
    // conversation) and keeps it up to date from now on. Before showing.
    void restoreFrom(WindowMemory& memory);
    // The node has started (with notices for the user) or could not.
    void nodeStarted(const QStringList& notices);
    void nodeFailed(const QString& error);
    // Selects a peer as if the user had clicked it; false if it is not listed.
    bool selectPeer(const PeerId& peer);
    void openAddPeerDialog();
    // Own addresses, contact text and its QR code (non-modal, kept current).
    void openMyAddress();
    [[nodiscard]] MyAddressDialog* myAddressDialog() const;
    // The current peer's details and safety number (non-modal).
    void openPeerDetails();
    void openSettings();
    // At start: shown, or (minimised) kept in the tray — or minimised on the
    // desktop's window list where there is no tray.
    void showAtStart(bool minimised);
    void showAndRaise();
    // Brings the window up on the peer's conversation (a notification was clicked).
    void openConversation(const PeerId& peer);
    // Selects the room (its id) as if the user had clicked it; false if it is not listed.
    bool selectRoom(const QString& room);
    // Selects the room and brings the window up on it (a notification was clicked).
    void openRoom(const QString& room);
    // Calls the open conversation's peer.
    void callCurrentPeer();
    // The message search in place of the peers: in every conversation, or
    // (when one is open) only there.
    void beginSearch(bool onlyThisConversation);
    // Visible, not minimised and in front.
    [[nodiscard]] bool isSeenByUser() const;

    // For tests and screenshots.
    PeerListModel* peerModel() const { return m_peerModel; }
    RoomListModel* roomModel() const { return m_roomModel; }
    QListView* roomList() const { return m_roomList; }
    RoomPane* roomPane() const { return m_roomPane; }
    RoomActions* roomActions() const { return m_roomActions; }
    QAction* newRoomAction() const { return m_newRoomAction; }
    QToolButton* newRoomButton() const { return m_newRoomButton; }
    // The id of the room shown in place of a conversation; empty for none.
    [[nodiscard]] QString currentRoom() const;
    ConversationModel* conversationModel() const { return m_conversationModel; }
    QListView* peerList() const { return m_peerList; }
    ConversationView* conversationView() const { return m_conversationView; }
    ConversationHeader* header() const { return m_header; }
    KeyWarningBanner* keyWarningBanner() const { return m_banner; }
    NamesakeNotice* namesakeNotice() const { return m_namesakeNotice; }
    QLabel* queuedNotice() const { return m_queuedNotice; }
    QLabel* sendError() const { return m_sendError; }
    Composer* composer() const { return m_composer; }
    // Over the composer while it edits a sent message.
    EditingBar* editingBar() const { return m_editingBar; }
    MessageChanges* messageChanges() const { return m_messageChanges; }
    MessageReplies* messageReplies() const { return m_messageReplies; }
    QPushButton* sendButton() const { return m_sendButton; }
    PeerActions* peerActions() const { return m_peerActions; }
    HelpMenu* helpMenu() const { return m_helpMenu; }
    // Shown instead of the composer's use while the open conversation's peer is blocked.
    QLabel* blockedNotice() const { return m_blockedNotice; }
    QPushButton* unblockButton() const { return m_unblockButton; }
    QLineEdit* filterBox() const { return m_filter; }
    PendingPeersPanel* pendingPeersPanel() const { return m_pending; }
    SearchPanel* searchPanel() const { return m_search; }
    QAction* searchHereAction() const { return m_searchHereAction; }
    TrayIcon* trayIcon() const { return m_tray; }
    CallBar* callBar() const { return m_callBar; }
    CallController* callController() const { return m_calls; }
    QAction* callAction() const { return m_callAction; }
    QAction* answerAction() const { return m_answerAction; }
    QAction* declineAction() const { return m_declineAction; }
    QAction* muteAction() const { return m_muteAction; }
    QAction* pushToTalkAction() const { return m_pushToTalkAction; }
    QAction* hangUpAction() const { return m_hangUpAction; }
    QAction* sendFilesAction() const { return m_sendFilesAction; }
    QAction* sendFolderAction() const { return m_sendFolderAction; }
    QAction* sendFilesToRoomAction() const { return m_sendFilesToRoomAction; }
    QAction* sendFolderToRoomAction() const { return m_sendFolderToRoomAction; }
    TransferActions* transferActions() const { return m_transfers; }
    PresenceControl* presenceControl() const { return m_presence; }
    PeerDetailsDialog* peerDetailsDialog() const;
    SettingsDialog* settingsDialog() const;
    [[nodiscard]] std::optional<PeerId> currentPeer() const { return m_currentPeer; }

signals:
    // Quit was chosen (menu, tray), or the window was closed with no tray to live in.
    void quitRequested();
    // As quitRequested, then Confab is to start again (a restored identity
    // is used from the next start).
    void restartRequested();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    // Escape in the filter clears it (or, when empty, goes back to the peers);
    // the keyboard coming into the peer list lands on a peer.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Saves the size, place and split for the next start (restoreFrom()).
    void rememberLayout();
    void quit();
    void buildActions();
    QWidget* buildPeerPane();
    QWidget* buildConversationPane();
    void onStatus(const api::NodeStatus& status);
    void onCurrentPeerChanged(const QModelIndex& current);
    void applyFilter(const QString& text);
    void endSearch();
    void refreshStatus();
    void refreshPeers();
    void onPeersChanged(const api::PeerSummaries& peers, const api::PendingPeers& pending);
    void onMessageStored(const api::StoredMessage& message);
    // The context menu of the peer at `index`, at `globalPos`.
    void showPeerMenu(const QModelIndex& index, const QPoint& globalPos);
    // The removed peer's conversation is no longer shown.
    void onPeerRemoved(const PeerId& peer);
    // No conversation with a peer is open any more (its peer went, or a room opened).
    void closeConversation();
    // Room actions, node events about rooms and room notifications.
    void connectRooms();
    void onRoomCreated(const QString& room);
    void refreshRooms();
    void onRoomsChanged(const std::vector<api::RoomView>& rooms);
    void onCurrentRoomChanged(const QModelIndex& current);
    void onRoomMessageStored(const api::RoomMessageView& message);
    // The open room, while the user sees it, is read.
    void markRoomReadIfSeen();
    // The rooms' heading (with New Room's +) and list, under the peers.
    void addRoomList(QVBoxLayout& layout, QWidget* parent);
    // Send Files to Members… and Send Folder to Members… in the Room menu.
    void addRoomFileActions(QMenu& roomMenu);
    // Who files sent in the open room go to: its other members, less those
    // canSendTo() refuses; none for a room left or when none is open.
    [[nodiscard]] std::vector<PeerId> roomFileRecipients() const;
    void updateRoomFileActions();
    // Files dropped on the open room's messages: to roomFileRecipients().
    void sendFilesToRoom(const QStringList& paths);
    void markRead(const PeerId& peer);
    void send(const QString& text);
    // Edit and Delete for Everyone on the user's own messages.
    void connectMessageChanges();
    // Reply (in the composer) and React on any message of the conversation.
    void connectRepliesAndReactions();
    void showSendError(const QString& error);
    // What was written to the open conversation's peer and not sent stays
    // with that peer, for when the user comes back; the composer empties.
    void putDraftAway();
    // The settings the window applies itself: idle time, notifications.
    void applySettings();
    // Reply on a notification: `text` sent to `peer`, or (empty) the
    // conversation opened, ready to write.
    void replyFromNotification(const PeerId& peer, const QString& text);
    // Tells the peer whether the user is typing to it (the node throttles).
    void tellTyping(const PeerId& peer, bool typing);
    // The composer shows what was written to `peer` and not sent, the cursor at its end.
    void bringBackDraft(const PeerId& peer);
    // Files dropped on the peer list's viewport at `position`: to that peer.
    void sendDroppedOnPeer(const QStringList& paths, const QPoint& position);
    [[nodiscard]] bool canSendTo(const api::PeerSummary* peer) const;
    // Header, warning banner, queued notice and composer for the current peer.
    void updateConversationChrome();
    void updateUnread();
    // A notice in the status bar for a while; the network diagnosis otherwise.
    void showNotice(const QString& text, int ms);
    void showDiagnosisOrNotice();
    [[nodiscard]] const api::PeerSummary* currentSummary() const;
    // Call button and Call menu for the current peer and call.
    void updateCallControls();

    api::NodeClient& m_node;
    PeerListModel* m_peerModel;
    QSortFilterProxyModel* m_peerFilter;
    PeerActions* m_peerActions;
    HelpMenu* m_helpMenu;
    ConversationModel* m_conversationModel;
    TrayIcon* m_tray;
    PresenceControl* m_presence;
    bool m_busy = false;           // do not disturb (PresenceControl)
    bool m_notificationsOn = true; // the settings'
    QLineEdit* m_filter = nullptr;
    QListView* m_peerList = nullptr;
    RoomListModel* m_roomModel;
    QSortFilterProxyModel* m_roomFilter;
    RoomActions* m_roomActions;
    QListView* m_roomList = nullptr;
    RoomPane* m_roomPane = nullptr;
    // The conversation with a peer, or a room.
    QStackedWidget* m_rightPane = nullptr;
    QAction* m_newRoomAction = nullptr;
    QToolButton* m_newRoomButton = nullptr;
    PendingPeersPanel* m_pending = nullptr;
    QStackedWidget* m_peerPane = nullptr;
    SearchPanel* m_search = nullptr;
    QAction* m_searchHereAction = nullptr;
    ConversationHeader* m_header = nullptr;
    KeyWarningBanner* m_banner = nullptr;
    NamesakeNotice* m_namesakeNotice = nullptr;
    CallBar* m_callBar = nullptr;
    CallController* m_calls = nullptr;
    QAction* m_callAction = nullptr;
    QAction* m_answerAction = nullptr;
    QAction* m_declineAction = nullptr;
    QAction* m_muteAction = nullptr;
    QAction* m_pushToTalkAction = nullptr;
    QAction* m_hangUpAction = nullptr;
    TransferActions* m_transfers = nullptr;
    TransferNotifier* m_transferNotifier = nullptr;
    QAction* m_sendFilesAction = nullptr;
    QAction* m_sendFolderAction = nullptr;
    QAction* m_sendFilesToRoomAction = nullptr;
    QAction* m_sendFolderToRoomAction = nullptr;
    ConversationView* m_conversationView = nullptr;
    QLabel* m_queuedNotice = nullptr;
    QLabel* m_sendError = nullptr;
    QWidget* m_blockedRow = nullptr;
    QLabel* m_blockedNotice = nullptr;
    QPushButton* m_unblockButton = nullptr;
    Composer* m_composer = nullptr;
    EditingBar* m_editingBar = nullptr;
    MessageChanges* m_messageChanges = nullptr;
    MessageReplies* m_messageReplies = nullptr;
    MessageReactions* m_messageReactions = nullptr;
    QPushButton* m_sendButton = nullptr;
    QLabel* m_discoveryLabel = nullptr;
    QLabel* m_addressLabel = nullptr;
    ElidingLabel* m_statusText = nullptr;
    QString m_diagnosis;
    QString m_notice;
    QTimer* m_noticeTimer = nullptr;
    // Presence and discovery health change without a message; a slow poll catches them.
    QTimer* m_statusPoll = nullptr;
    QPointer<PeerDetailsDialog> m_details;
    QPointer<SettingsDialog> m_settings;
    QPointer<MyAddressDialog> m_myAddress;
    api::NodeStatus m_status; // as last reported
    std::optional<PeerId> m_currentPeer;
    // Unsent text of the conversations not open, by peer.
    std::map<PeerId, QString> m_drafts;
    // Why a message was refused while its conversation was not open: said
    // when the user comes back to it.
    std::map<PeerId, QString> m_unsentReasons;
    // Text sent to a peer that the node has not answered for yet (one at a
    // time for each peer: its composer stays pending meanwhile).
    std::map<PeerId, QString> m_sending;
    QString m_ownName;
    bool m_quitting = false;
    WindowMemory* m_memory = nullptr;
    // The conversation to open once the peers are listed (restoreFrom()).
    std::optional<PeerId> m_peerToRestore;
    QSplitter* m_splitter = nullptr;
    bool m_filtering = false;
    bool m_toldAboutTray = false;
};

} // namespace confab::ui
