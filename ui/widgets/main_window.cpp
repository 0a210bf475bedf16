#include "main_window.h"

#include "api/contact_card.h"
#include "app_icon.h"
#include "call_bar.h"
#include "call_controller.h"
#include "composer.h"
#include "conversation_header.h"
#include "conversation_view.h"
#include "dialogs/add_peer_dialog.h"
#include "dialogs/my_address_dialog.h"
#include "dialogs/peer_details_dialog.h"
#include "dialogs/settings_dialog.h"
#include "editing_bar.h"
#include "eliding_label.h"
#include "file_drop.h"
#include "help_menu.h"
#include "key_warning_banner.h"
#include "message_changes.h"
#include "message_reactions.h"
#include "message_replies.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "models/room_list_model.h"
#include "namesake_notice.h"
#include "peer_actions.h"
#include "peer_delegate.h"
#include "pending_peers_panel.h"
#include "presence_control.h"
#include "room_actions.h"
#include "room_pane.h"
#include "search_panel.h"
#include "theme.h"
#include "transfer_actions.h"
#include "transfer_notifier.h"
#include "tray_icon.h"
#include "window_memory.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWindow>

#include <utility>

namespace confab::ui {

namespace {
constexpr int kNoticeMs = 10000;
// The settings dialog waits at most this long for the saved settings before it shows.
constexpr int kSettingsShowAnywayMs = 1000;
constexpr int kStatusPollMs = 3000;
constexpr int kNotificationChars = 200;

QString discoveryText(const QString& mode)
{
    if (mode == QLatin1String("avahi")) {
        return MainWindow::tr("Discovery: Avahi (system mDNS)");
    }
    if (mode == QLatin1String("embedded")) {
        return MainWindow::tr("Discovery: built-in mDNS");
    }
    if (mode == QLatin1String("static")) {
        return MainWindow::tr("Discovery: off (addresses only)");
    }
    return MainWindow::tr("Discovery: %1").arg(mode);
}
} // namespace

MainWindow::MainWindow(api::NodeClient& client, QWidget* parent)
    : QMainWindow(parent), m_node(client), m_peerModel(new PeerListModel(this)),
      m_peerFilter(new QSortFilterProxyModel(this)),
      m_peerActions(new PeerActions(client, *m_peerModel, *this, this)),
      m_helpMenu(new HelpMenu(client, *this, this)), m_conversationModel(new ConversationModel(client, this)),
      m_tray(new TrayIcon(this)), m_presence(new PresenceControl(client, *this, this)),
      m_roomModel(new RoomListModel(this)), m_roomFilter(new QSortFilterProxyModel(this)),
      m_roomActions(new RoomActions(client, *m_peerModel, *this, this)),
      m_transfers(new TransferActions(client, *this, this))
{
    setWindowTitle(tr("Confab"));
    setWindowIcon(appIcon());
    m_peerFilter->setSourceModel(m_peerModel);
    m_peerFilter->setFilterRole(PeerListModel::NameRole);
    m_peerFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_roomFilter->setSourceModel(m_roomModel);
    m_roomFilter->setFilterRole(RoomListModel::NameRole);
    m_roomFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_splitter = new QSplitter(this);
    m_splitter->addWidget(buildPeerPane());
    m_rightPane = new QStackedWidget(this);
    m_rightPane->addWidget(buildConversationPane());
    m_calls = new CallController(m_node, *this, *m_peerModel, *m_roomModel, *m_callBar, *m_tray, this);
    m_roomPane = new RoomPane(m_node, *m_roomActions, *m_calls, m_rightPane);
    m_rightPane->addWidget(m_roomPane);
    m_splitter->addWidget(m_rightPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().height();
    m_splitter->setSizes({em * 17, em * 40});
    setCentralWidget(m_splitter);

    connect(m_calls, &CallController::notice, this, &MainWindow::showNotice);
    connect(m_calls, &CallController::changed, this, &MainWindow::updateCallControls);
    connect(m_peerActions, &PeerActions::notice, this, &MainWindow::showNotice);
    connect(m_peerActions, &PeerActions::changed, this, &MainWindow::refreshPeers);
    connect(m_peerActions, &PeerActions::removed, this, &MainWindow::onPeerRemoved);
    m_transferNotifier = new TransferNotifier(
        m_node, *m_tray, *this, [this] { return isSeenByUser(); }, this);
    connect(m_transfers, &TransferActions::changed, m_conversationModel,
            &ConversationModel::onTransferChanged);
    connect(m_transfers, &TransferActions::notice, this, &MainWindow::showNotice);
    connectRooms();
    connect(m_transfers, &TransferActions::failed, this, [this](const QString& error) {
        m_sendError->setText(error);
        m_sendError->show();
    });

    m_discoveryLabel = new QLabel(this);
    m_discoveryLabel->setAccessibleName(tr("Discovery mode"));
    m_addressLabel = new QLabel(this);
    m_addressLabel->setAccessibleName(tr("Own address"));
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusText = new ElidingLabel(this);
    m_statusText->setAccessibleName(tr("Network diagnosis and notices"));
    m_noticeTimer = new QTimer(this);
    m_noticeTimer->setSingleShot(true);
    connect(m_noticeTimer, &QTimer::timeout, this, [this] {
        m_notice.clear();
        showDiagnosisOrNotice();
    });
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_presence->button());
    statusBar()->addPermanentWidget(m_discoveryLabel);
    statusBar()->addPermanentWidget(m_addressLabel);
    m_addressLabel->setText(tr("Starting…"));

    buildActions();
    setTabOrder(m_filter, m_peerList);
    setTabOrder(m_peerList, m_newRoomButton);
    setTabOrder(m_newRoomButton, m_roomList);
    setTabOrder(m_roomList, m_header->callButton());
    setTabOrder(m_header->callButton(), m_header->detailsButton());
    setTabOrder(m_header->detailsButton(), m_callBar->muteButton());
    setTabOrder(m_callBar->muteButton(), m_callBar->pushToTalkButton());
    setTabOrder(m_callBar->pushToTalkButton(), m_callBar->talkButton());
    setTabOrder(m_callBar->talkButton(), m_callBar->hangUpButton());
    setTabOrder(m_callBar->hangUpButton(), m_banner->safetyNumberButton());
    setTabOrder(m_banner->safetyNumberButton(), m_banner->acknowledgeButton());
    setTabOrder(m_banner->acknowledgeButton(), m_conversationView);
    setTabOrder(m_conversationView, m_unblockButton);
    setTabOrder(m_unblockButton, m_editingBar->cancelButton());
    setTabOrder(m_editingBar->cancelButton(), m_composer);
    setTabOrder(m_composer, m_sendButton);

    connect(&m_node.events(), &api::NodeEvents::peersChanged, this, &MainWindow::refreshPeers);
    connect(&m_node.events(), &api::NodeEvents::messageStored, this, &MainWindow::onMessageStored);
    // A new drop becomes the newest line of its peer's row.
    connect(&m_node.events(), &api::NodeEvents::transferChanged, this, [this](const api::TransferView& drop) {
        if (m_peerModel->isUnshownDrop(drop)) {
            refreshPeers();
        }
    });
    m_statusPoll = new QTimer(this);
    m_statusPoll->setInterval(kStatusPollMs);
    connect(m_statusPoll, &QTimer::timeout, this, &MainWindow::refreshStatus);
    connect(m_tray, &TrayIcon::showWindowRequested, this, &MainWindow::showAndRaise);
    connect(m_tray, &TrayIcon::conversationRequested, this, &MainWindow::openConversation);
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
    connect(m_tray, &TrayIcon::replyRequested, this, &MainWindow::replyFromNotification);
    connect(m_presence, &PresenceControl::quietChanged, this, [this](bool busy) {
        m_busy = busy;
        m_tray->setQuiet(m_busy || !m_notificationsOn);
    });
    m_tray->addMenu(m_presence->menu());
    m_tray->showIfAvailable();
    resize(em * 72, em * 46);
}

MainWindow::~MainWindow() = default;

void MainWindow::restoreFrom(WindowMemory& memory)
{
    m_memory = &memory;
    restoreGeometry(memory.geometry());
    m_splitter->restoreState(memory.splitter());
    m_peerToRestore = memory.lastPeer();
}

void MainWindow::rememberLayout()
{
    if (m_memory != nullptr) {
        m_memory->setLayout(saveGeometry(), m_splitter->saveState());
    }
}

void MainWindow::quit()
{
    rememberLayout();
    m_quitting = true;
    emit quitRequested();
}

void MainWindow::nodeStarted(const QStringList& notices)
{
    if (!notices.isEmpty()) {
        showNotice(notices.join(QStringLiteral(" — ")), kNoticeMs);
    }
    refreshStatus();
    refreshPeers();
    refreshRooms();
    applySettings();
    m_statusPoll->start();
}

void MainWindow::nodeFailed(const QString& error)
{
    m_addressLabel->setText(tr("Not running: %1").arg(error));
}

void MainWindow::refreshStatus()
{
    m_node.call(
        this, [](api::Node& node) { return node.status(); },
        [this](const api::NodeStatus& status) { onStatus(status); });
}

void MainWindow::refreshPeers()
{
    using Peers = std::pair<api::PeerSummaries, api::PendingPeers>;
    m_node.call(
        this,
        [](api::Node& node) {
            return Peers{node.peerSummaries(), node.pendingPeers()};
        },
        [this](const Peers& peers) { onPeersChanged(peers.first, peers.second); });
}

void MainWindow::markRead(const PeerId& peer)
{
    m_node.call([peer](api::Node& node) { node.markConversationRead(peer); });
}

PeerDetailsDialog* MainWindow::peerDetailsDialog() const
{
    return m_details;
}

SettingsDialog* MainWindow::settingsDialog() const
{
    return m_settings;
}

void MainWindow::buildActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* addPeer = fileMenu->addAction(tr("&Add Peer…"), this, &MainWindow::openAddPeerDialog);
    addPeer->setShortcut(QKeySequence::New);
    fileMenu->addAction(tr("&My Address…"), this, &MainWindow::openMyAddress);
    fileMenu->addMenu(m_presence->menu());
    QAction* settings = fileMenu->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcuts({QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    fileMenu->addSeparator();
    QAction* close = fileMenu->addAction(tr("&Close Window"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &MainWindow::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* find = editMenu->addAction(tr("&Find Peer"), this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* write = editMenu->addAction(tr("&Write Message"), this, [this] {
        if (m_composer->isEnabled()) {
            m_composer->setFocus(Qt::ShortcutFocusReason);
        }
    });
    write->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    editMenu->addSeparator();
    QAction* search = editMenu->addAction(tr("&Search Messages…"), this, [this] { beginSearch(false); });
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));

    QMenu* peerMenu = menuBar()->addMenu(tr("&Peer"));
    QAction* details =
        peerMenu->addAction(tr("Peer &Details and Safety Number…"), this, &MainWindow::openPeerDetails);
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_searchHereAction =
        peerMenu->addAction(tr("&Search in This Conversation…"), this, [this] { beginSearch(true); });
    m_searchHereAction->setEnabled(false); // until a conversation is open
    peerMenu->addAction(m_peerActions->exportAction());
    peerMenu->addSeparator();
    m_sendFilesAction = peerMenu->addAction(tr("Send &Files…"), this, [this] {
        if (const api::PeerSummary* peer = currentSummary(); canSendTo(peer)) {
            m_transfers->chooseAndSendFiles(*m_currentPeer, PeerListModel::nameOf(*peer));
        }
    });
    m_sendFilesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_sendFilesAction->setToolTip(tr("Send files to this peer (or drop them on the conversation)"));
    m_sendFolderAction = peerMenu->addAction(tr("Send F&older…"), this, [this] {
        if (const api::PeerSummary* peer = currentSummary(); canSendTo(peer)) {
            m_transfers->chooseAndSendFolder(*m_currentPeer, PeerListModel::nameOf(*peer));
        }
    });
    m_sendFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    for (QAction* action : {m_sendFilesAction, m_sendFolderAction}) {
        action->setEnabled(false); // until a conversation is open
    }
    peerMenu->addSeparator();
    peerMenu->addAction(m_peerActions->renameAction());
    peerMenu->addAction(m_peerActions->blockAction());
    peerMenu->addAction(m_peerActions->removeAction());

    QMenu* roomMenu = menuBar()->addMenu(tr("&Room"));
    m_newRoomAction = roomMenu->addAction(tr("&New Room…"), m_roomActions, &RoomActions::createRoom);
    m_newRoomAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    roomMenu->addSeparator();
    roomMenu->addAction(m_roomPane->callAction());
    roomMenu->addSeparator();
    addRoomFileActions(*roomMenu);
    roomMenu->addSeparator();
    roomMenu->addAction(m_roomPane->inviteAction());
    roomMenu->addAction(m_roomPane->renameAction());
    roomMenu->addAction(m_roomPane->leaveAction());

    QMenu* callMenu = menuBar()->addMenu(tr("&Call"));
    m_callAction = callMenu->addAction(tr("&Call Peer"), this, &MainWindow::callCurrentPeer);
    m_callAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    // Answering takes a chord pressed on purpose, while the call rings: a key
    // held down from before does not repeat into it. It works from the
    // ringing dialog too.
    m_answerAction = callMenu->addAction(tr("&Answer Call"), m_calls, &CallController::answer);
    m_answerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_declineAction = callMenu->addAction(tr("&Decline Call"), m_calls, &CallController::decline);
    m_declineAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    for (QAction* action : {m_answerAction, m_declineAction}) {
        action->setAutoRepeat(false);
        action->setShortcutContext(Qt::ApplicationShortcut);
    }
    m_muteAction = callMenu->addAction(tr("&Mute Microphone"));
    m_muteAction->setCheckable(true);
    m_muteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_muteAction, &QAction::triggered, m_calls, &CallController::setMuted);
    m_pushToTalkAction = callMenu->addAction(tr("&Push to Talk (Hold Space)"));
    m_pushToTalkAction->setCheckable(true);
    m_pushToTalkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_pushToTalkAction, &QAction::triggered, m_calls, &CallController::setPushToTalk);
    callMenu->addSeparator();
    m_hangUpAction = callMenu->addAction(tr("&Hang Up"), m_calls, &CallController::hangUp);
    m_hangUpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    updateCallControls();

    m_helpMenu->addTo(menuBar());
}

QWidget* MainWindow::buildPeerPane()
{
    // The peers, or while a search runs, the messages found.
    m_peerPane = new QStackedWidget(this);
    m_peerPane->setContentsMargins(6, 6, 0, 6);
    auto* pane = new QWidget(m_peerPane);
    m_filter = new QLineEdit(pane);
    m_filter->setPlaceholderText(tr("Filter peers (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter peers"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleDescription(tr(
        "Shows only the peers whose name contains the text. Enter opens the first one, Escape clears it."));
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::applyFilter);
    // Enter opens the first peer shown, as a click on it would.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_peerFilter->rowCount() > 0) {
            m_peerList->setCurrentIndex(m_peerFilter->index(0, 0));
            m_peerList->setFocus(Qt::OtherFocusReason);
        } else if (m_roomFilter->rowCount() > 0) {
            m_roomList->setCurrentIndex(m_roomFilter->index(0, 0));
            m_roomList->setFocus(Qt::OtherFocusReason);
        }
    });

    m_peerList = new QListView(pane);
    m_peerList->setModel(m_peerFilter);
    m_peerList->setItemDelegate(new PeerDelegate(m_peerList));
    m_peerList->setAccessibleName(tr("Peers"));
    m_peerList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peerList->setUniformItemSizes(true);
    m_peerList->installEventFilter(this);
    m_peerList->setAccessibleDescription(tr("Enter opens the conversation; the Menu key or Shift+F10 offers "
                                            "Send Files, Rename, Block and Remove."));
    // A right click: the menu of the peer under the pointer (it need not be
    // the open one). The keyboard's way is in eventFilter().
    m_peerList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_peerList, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        showPeerMenu(m_peerList->indexAt(pos), m_peerList->viewport()->mapToGlobal(pos));
    });
    connect(m_peerList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentPeerChanged(current); });
    // Enter on a peer moves on to writing, as a click does for the mouse.
    connect(m_peerList, &QListView::activated, this, [this] {
        if (m_composer->isEnabled()) {
            m_composer->setFocus(Qt::OtherFocusReason);
        }
    });
    // Files dropped on a peer go to that peer (not between peers, nor to a blocked one).
    auto* peerDrop = new FileDropTarget(*m_peerList->viewport(), [this](const QPoint& position) {
        const QModelIndex source = m_peerFilter->mapToSource(m_peerList->indexAt(position));
        return source.isValid() && canSendTo(&m_peerModel->at(source.row()));
    });
    connect(peerDrop, &FileDropTarget::dropped, this, &MainWindow::sendDroppedOnPeer);

    m_pending = new PendingPeersPanel(pane);
    m_pending->setTabPredecessor(m_peerList);
    connect(m_pending, &PendingPeersPanel::cancelRequested, this, [this](const QString& address) {
        m_node.call(
            this, [address](api::Node& node) { return node.cancelPendingPeer(address); },
            [this, address](bool cancelled) {
                if (cancelled) {
                    showNotice(tr("Stopped trying %1.").arg(address), kNoticeMs / 2);
                }
                refreshPeers();
            });
    });

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_peerList, 3);
    layout->addWidget(m_pending);
    addRoomList(*layout, pane);

    m_search = new SearchPanel(m_node, m_peerPane);
    connect(m_search, &SearchPanel::closeRequested, this, &MainWindow::endSearch);
    connect(m_search, &SearchPanel::resultChosen, this, [this](const PeerId& peer, qint64 seq) {
        openConversation(peer);
        if (m_currentPeer == peer) {
            m_conversationModel->reveal(seq);
        }
    });
    m_peerPane->addWidget(pane);
    m_peerPane->addWidget(m_search);
    return m_peerPane;
}

void MainWindow::beginSearch(bool onlyThisConversation)
{
    const api::PeerSummary* peer = currentSummary();
    m_peerPane->setCurrentWidget(m_search);
    m_search->begin(m_currentPeer, peer ? PeerListModel::nameOf(*peer) : QString(), onlyThisConversation);
}

void MainWindow::endSearch()
{
    m_peerPane->setCurrentIndex(0);
    m_peerList->setFocus(Qt::OtherFocusReason);
}

void MainWindow::applyFilter(const QString& text)
{
    // Filtering only shows and hides: the list's current row moves when its
    // peer is hidden, but that must not open (and mark read) another peer.
    m_filtering = true;
    m_peerFilter->setFilterFixedString(text);
    m_roomFilter->setFilterFixedString(text);
    m_filtering = false;
    if (!currentRoom().isEmpty()) {
        if (!selectRoom(currentRoom())) {
            m_roomList->selectionModel()->clear(); // hidden: no other room looks open
        }
        return;
    }
    if (m_currentPeer && selectPeer(*m_currentPeer)) {
        return; // the open conversation's peer is still shown, and marked
    }
    m_peerList->selectionModel()->clear(); // no other peer looks open
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_peerList && event->type() == QEvent::FocusIn &&
        static_cast<QFocusEvent*>(event)->reason() != Qt::MouseFocusReason &&
        !m_peerList->currentIndex().isValid() && m_peerFilter->rowCount() > 0) {
        // Tabbing into the list (after filtering, say) lands on its first peer.
        m_peerList->setCurrentIndex(m_peerFilter->index(0, 0));
    }
    // The Menu key and Shift+F10: the menu of the peer with the keyboard focus.
    const bool menuKey = watched == m_peerList && event->type() == QEvent::KeyPress &&
                         (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Menu ||
                          (static_cast<QKeyEvent*>(event)->key() == Qt::Key_F10 &&
                           static_cast<QKeyEvent*>(event)->modifiers() == Qt::ShiftModifier));
    const bool keyboardMenu = watched == m_peerList && event->type() == QEvent::ContextMenu &&
                              static_cast<QContextMenuEvent*>(event)->reason() == QContextMenuEvent::Keyboard;
    if (menuKey || keyboardMenu) {
        const QModelIndex current = m_peerList->currentIndex();
        const QRect row = m_peerList->visualRect(current);
        showPeerMenu(current, m_peerList->viewport()->mapToGlobal(row.isValid() ? row.center() : QPoint()));
        return true;
    }
    if (watched == m_filter && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        if (m_filter->text().isEmpty()) {
            m_peerList->setFocus(Qt::OtherFocusReason); // nothing to clear: back to the peers
        } else {
            m_filter->clear();
        }
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

QWidget* MainWindow::buildConversationPane()
{
    auto* pane = new QWidget(this);
    m_header = new ConversationHeader(pane);
    connect(m_header, &ConversationHeader::detailsRequested, this, &MainWindow::openPeerDetails);
    connect(m_header, &ConversationHeader::callRequested, this, &MainWindow::callCurrentPeer);

    m_banner = new KeyWarningBanner(pane);
    m_banner->hide();
    m_callBar = new CallBar(pane);
    m_callBar->hide();
    connect(m_banner, &KeyWarningBanner::safetyNumberRequested, this, &MainWindow::openPeerDetails);
    connect(m_banner, &KeyWarningBanner::acknowledged, this, [this] {
        if (m_currentPeer) {
            m_banner->acknowledgeButton()->setEnabled(false); // until the node has stored it
            m_node.call([peer = *m_currentPeer](api::Node& node) { node.acknowledgeKeyWarning(peer); });
        }
    });

    m_namesakeNotice = new NamesakeNotice(pane);
    connect(m_namesakeNotice, &NamesakeNotice::compareRequested, this, &MainWindow::openPeerDetails);

    m_conversationView = new ConversationView(pane);
    m_conversationView->setConversation(m_conversationModel);
    connect(m_conversationView, &ConversationView::transferActionRequested, m_transfers,
            &TransferActions::run);
    auto* conversationDrop = new FileDropTarget(
        *m_conversationView->viewport(), [this](const QPoint&) { return canSendTo(currentSummary()); });
    connect(conversationDrop, &FileDropTarget::dropped, this, [this](const QStringList& paths) {
        if (canSendTo(currentSummary())) {
            m_sendError->hide();
            m_transfers->sendFiles(*m_currentPeer, paths);
        }
    });

    m_queuedNotice = new QLabel(pane);
    m_queuedNotice->setWordWrap(true);
    m_queuedNotice->setAccessibleName(tr("Delivery notice"));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(muted));
    m_queuedNotice->setPalette(muted);
    m_queuedNotice->hide();

    m_sendError = new QLabel(pane);
    m_sendError->setWordWrap(true);
    m_sendError->setAccessibleName(tr("Why the message was not sent"));
    m_sendError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette danger = palette();
    danger.setColor(QPalette::WindowText, theme::danger(danger));
    m_sendError->setPalette(danger);
    m_sendError->hide();

    m_blockedRow = new QWidget(pane);
    m_blockedNotice = new QLabel(m_blockedRow);
    m_blockedNotice->setWordWrap(true);
    m_blockedNotice->setAccessibleName(tr("Blocked notice"));
    m_unblockButton = new QPushButton(tr("&Unblock"), m_blockedRow);
    m_unblockButton->setAccessibleName(tr("Unblock this peer"));
    connect(m_unblockButton, &QPushButton::clicked, this, [this] {
        if (m_currentPeer) {
            m_peerActions->toggleBlock(*m_currentPeer);
        }
    });
    auto* blockedLayout = new QHBoxLayout(m_blockedRow);
    blockedLayout->setContentsMargins(0, 0, 0, 0);
    blockedLayout->addWidget(m_blockedNotice, 1);
    blockedLayout->addWidget(m_unblockButton, 0, Qt::AlignVCenter);
    m_blockedRow->hide();

    m_composer = new Composer(pane);
    m_composer->setEnabled(false);
    connect(m_composer, &QPlainTextEdit::textChanged, m_sendError, &QWidget::hide);
    connect(m_composer, &Composer::submitted, this, &MainWindow::send);
    // Only what the user types tells the peer, not a draft brought back.
    connect(m_composer, &Composer::typed, this, [this] {
        if (m_currentPeer) {
            tellTyping(*m_currentPeer, !m_composer->toPlainText().isEmpty());
        }
    });
    m_sendButton = new QPushButton(tr("&Send"), pane);
    m_sendButton->setAccessibleName(tr("Send message"));
    m_sendButton->setEnabled(false);
    connect(m_sendButton, &QPushButton::clicked, m_composer, &Composer::submit);
    m_editingBar = new EditingBar(pane);
    connectMessageChanges();
    connectRepliesAndReactions();

    auto* composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_sendButton, 0, Qt::AlignBottom);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addWidget(m_header);
    layout->addWidget(m_callBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_namesakeNotice);
    layout->addWidget(m_conversationView, 1);
    layout->addWidget(m_queuedNotice);
    layout->addWidget(m_blockedRow);
    layout->addWidget(m_sendError);
    layout->addWidget(m_editingBar);
    layout->addLayout(composerRow);
    return pane;
}

void MainWindow::onStatus(const api::NodeStatus& status)
{
    m_status = status;
    if (m_myAddress) {
        m_myAddress->setStatus(status);
    }
    m_ownName = status.displayName;
    // An address others can type: the bound one may be 0.0.0.0, which
    // reaches nobody; the node lists the interfaces' addresses instead.
    const QStringList addresses = status.reachableAt;
    if (addresses.isEmpty()) {
        m_addressLabel->setText(tr("Not listening yet"));
        m_addressLabel->setToolTip(QString());
    } else {
        m_addressLabel->setText(addresses.size() == 1 ? tr("Your address: %1").arg(addresses.constFirst())
                                                      : tr("Your address: %1 (+%n more)", nullptr,
                                                           static_cast<int>(addresses.size() - 1))
                                                            .arg(addresses.constFirst()));
        m_addressLabel->setToolTip(
            tr("Others can add you with any of these addresses:\n%1\nFile > My Address shows them with your "
               "contact text and its QR code.")
                .arg(addresses.join(QLatin1Char('\n'))));
    }
    m_addressLabel->setAccessibleDescription(m_addressLabel->toolTip());
    m_discoveryLabel->setText(discoveryText(status.discoveryMode));
    m_presence->showNodePresence(status.presence);
    m_diagnosis = status.networkDiagnosis;
    showDiagnosisOrNotice();
    updateUnread();
}

void MainWindow::showNotice(const QString& text, int ms)
{
    m_notice = text;
    m_noticeTimer->start(ms);
    showDiagnosisOrNotice();
}

void MainWindow::showDiagnosisOrNotice()
{
    m_statusText->setFullText(m_notice.isEmpty() ? m_diagnosis : m_notice);
}

bool MainWindow::selectPeer(const PeerId& peer)
{
    const auto row = m_peerModel->rowOf(peer);
    if (!row) {
        return false;
    }
    const QModelIndex index = m_peerFilter->mapFromSource(m_peerModel->index(*row));
    if (!index.isValid()) {
        return false;
    }
    m_peerList->setCurrentIndex(index);
    return true;
}

const api::PeerSummary* MainWindow::currentSummary() const
{
    if (!m_currentPeer) {
        return nullptr;
    }
    const auto row = m_peerModel->rowOf(*m_currentPeer);
    return row ? &m_peerModel->at(*row) : nullptr;
}

bool MainWindow::isSeenByUser() const
{
    // The platform window's own state as well: QApplication's idea of the
    // active window can lag behind after the window comes back from hiding.
    const bool active = isActiveWindow() || (windowHandle() && windowHandle()->isActive());
    return isVisible() && !isMinimized() && active;
}

void MainWindow::onCurrentPeerChanged(const QModelIndex& current)
{
    if (m_filtering) {
        return; // the filter moved the row, not the user
    }
    const QModelIndex source = m_peerFilter->mapToSource(current);
    if (!source.isValid()) {
        return; // keep the open conversation while the filter hides its peer
    }
    const api::PeerSummary& peer = m_peerModel->at(source.row());
    if (!currentRoom().isEmpty()) {
        // From a room back to a conversation.
        m_roomPane->setRoom(QString());
        m_roomList->selectionModel()->clear();
        m_rightPane->setCurrentIndex(0);
    }
    if (m_currentPeer == peer.view.record.id) {
        return;
    }
    putDraftAway();
    m_currentPeer = peer.view.record.id;
    if (m_memory != nullptr) {
        m_memory->setLastPeer(*m_currentPeer);
    }
    m_conversationModel->setPeer(*m_currentPeer, peer.view.unread);
    m_sendError->hide();
    bringBackDraft(*m_currentPeer);
    if (const auto reason = m_unsentReasons.extract(*m_currentPeer)) {
        showSendError(reason.mapped());
    }
    updateConversationChrome();
    markRead(*m_currentPeer);
}

void MainWindow::updateConversationChrome()
{
    const api::PeerSummary* peer = currentSummary();
    m_header->setPeer(peer, peer ? m_peerModel->presenceText(*peer) : QString());
    const bool warning = peer && peer->view.keyWarning;
    if (warning) {
        m_banner->setWarning(PeerListModel::nameOf(*peer), *peer->view.keyWarning);
        m_banner->acknowledgeButton()->setEnabled(true);
    }
    m_banner->setVisible(warning);
    // Under a key warning, which says more already.
    m_namesakeNotice->setText(peer && !warning ? m_peerModel->namesakeWarning(*peer) : QString());
    const bool blocked = peer && peer->view.blocked;
    if (blocked) {
        m_blockedNotice->setText(tr("You blocked %1: nothing from them reaches you, and you cannot write to "
                                    "them. Unblock them to talk again (also in the Peer menu).")
                                     .arg(PeerListModel::nameOf(*peer)));
    }
    m_blockedRow->setVisible(blocked);
    m_conversationView->setEmptyText(blocked ? tr("No messages.") : QString());
    const bool canSend = peer && !warning && !blocked;
    if (!canSend) {
        m_composer->endEditing(); // an edit goes to the peer like a message
        m_composer->endReplying();
    }
    if (peer) {
        m_conversationModel->setPeerName(PeerListModel::nameOf(*peer)); // quotes and reactions name them
    }
    m_conversationView->setChangesAllowed(canSend);
    m_composer->setEnabled(canSend);
    m_sendButton->setEnabled(canSend);
    m_composer->setPlaceholderText(
        blocked   ? tr("Sending is off: this peer is blocked.")
        : warning ? tr("Sending is paused: read the warning above and press “I Understand”.")
                  : tr("Write a message — Enter sends, Shift+Enter starts a new line"));
    m_peerActions->setTarget(m_currentPeer);
    // A peer reached through relays gets what is sent now: nothing waits.
    const bool offline = peer && !blocked && !peer->view.connected && m_peerModel->viaName(*peer).isEmpty();
    if (offline) {
        m_queuedNotice->setText(tr("%1 is offline. What you send now is queued and sent when they come back.")
                                    .arg(PeerListModel::nameOf(*peer)));
    }
    m_queuedNotice->setVisible(offline);
    m_searchHereAction->setEnabled(peer != nullptr);
    m_sendFilesAction->setEnabled(canSend);
    m_sendFolderAction->setEnabled(canSend);
    updateCallControls();
}

bool MainWindow::canSendTo(const api::PeerSummary* peer) const
{
    // As for messages: not to a blocked peer, nor while its key warning waits.
    return peer != nullptr && !peer->view.blocked && !peer->view.keyWarning;
}

void MainWindow::sendDroppedOnPeer(const QStringList& paths, const QPoint& position)
{
    const QModelIndex source = m_peerFilter->mapToSource(m_peerList->indexAt(position));
    if (!source.isValid() || !canSendTo(&m_peerModel->at(source.row()))) {
        return;
    }
    const PeerId peer = m_peerModel->at(source.row()).view.record.id;
    openConversation(peer); // where the drop's card shows how it goes
    m_sendError->hide();
    m_transfers->sendFiles(peer, paths);
}

void MainWindow::updateCallControls()
{
    if (!m_callAction) {
        return; // still building
    }
    const api::PeerSummary* peer = currentSummary();
    const bool inCall = m_calls->hasCall();
    bool available = false;
    QString tip;
    if (!peer) {
        tip = tr("Choose a peer to call");
    } else if (inCall) {
        tip = tr("Another call is in progress: hang it up first");
    } else if (peer->view.blocked) {
        tip = tr("%1 is blocked: unblock them to call").arg(PeerListModel::nameOf(*peer));
    } else if (peer->view.keyWarning) {
        tip = tr("Read the key warning first");
    } else if (!peer->view.connected && !m_peerModel->viaName(*peer).isEmpty()) {
        tip = tr("Calls need a direct connection: %1 is reached only through %2")
                  .arg(PeerListModel::nameOf(*peer), m_peerModel->viaName(*peer));
    } else if (!peer->view.connected) {
        tip = tr("%1 is offline: calls need the peer online").arg(PeerListModel::nameOf(*peer));
    } else {
        available = true;
        tip = tr("Call %1 (Ctrl+Shift+C)").arg(PeerListModel::nameOf(*peer));
    }
    m_header->setCallAvailability(available, tip);
    m_callAction->setEnabled(available);
    const std::optional<api::CallView>& call = m_calls->currentCall();
    const bool ringing = call && call->phase == api::CallPhase::Incoming;
    m_answerAction->setEnabled(ringing);
    m_declineAction->setEnabled(ringing);
    const bool talking = call && !ringing;
    m_muteAction->setEnabled(talking);
    m_muteAction->setChecked(m_calls->isMuted());
    m_pushToTalkAction->setChecked(m_calls->isPushToTalk());
    m_hangUpAction->setEnabled(talking);
}

void MainWindow::callCurrentPeer()
{
    if (!m_currentPeer) {
        showNotice(tr("Choose a peer first."), kNoticeMs / 2);
        return;
    }
    m_calls->call(*m_currentPeer);
}

void MainWindow::onPeersChanged(const api::PeerSummaries& peers, const api::PendingPeers& pending)
{
    m_pending->setPending(pending);
    m_peerModel->setPeers(peers);
    // The first list after a start: open where the user left off, if that peer is still here.
    if (const std::optional<PeerId> last = std::exchange(m_peerToRestore, std::nullopt);
        last && !m_currentPeer) {
        selectPeer(*last);
    }
    if (m_currentPeer && !m_peerModel->rowOf(*m_currentPeer)) {
        onPeerRemoved(*m_currentPeer); // removed elsewhere (confabctl remove-peer)
    }
    // What was written to peers removed elsewhere goes with them.
    std::erase_if(m_drafts, [this](const auto& draft) { return !m_peerModel->rowOf(draft.first); });
    // A reset loses the selection: put it back on the open conversation.
    if (m_currentPeer && !m_peerList->currentIndex().isValid()) {
        selectPeer(*m_currentPeer);
    }
    updateConversationChrome();
    updateRoomFileActions(); // a member blocked or unblocked
    updateUnread();
}

void MainWindow::updateUnread()
{
    const int unread = m_peerModel->totalUnread() + m_roomModel->totalUnread();
    m_tray->setUnread(unread);
    // The application's name last: Qt adds it to a title that does not end with it.
    const QString title = m_ownName.isEmpty() ? tr("Confab") : tr("%1 — Confab").arg(m_ownName);
    setWindowTitle(unread > 0 ? tr("(%1) %2").arg(unread).arg(title) : title);
}

void MainWindow::onMessageStored(const api::StoredMessage& message)
{
    if (message.outgoing) {
        if (m_currentPeer == message.peer) {
            const api::PeerSummary* peer = currentSummary();
            // Through relays is the usual way to a peer reached via another: nothing to say.
            const bool offline = peer && !peer->view.connected && m_peerModel->viaName(*peer).isEmpty();
            if (offline && message.state == api::MessageState::Queued) {
                showNotice(tr("Queued — %1 is offline; it will be sent when they come back.")
                               .arg(PeerListModel::nameOf(*peer)),
                           kNoticeMs);
            } else if (offline && message.state == api::MessageState::Sent) {
                // Handed to relays: peers that can reach them carry it, sealed.
                showNotice(
                    tr("Sent through other peers — %1 is offline here; they pass it on, unable to read it.")
                        .arg(PeerListModel::nameOf(*peer)),
                    kNoticeMs);
            }
        }
        return;
    }
    if (m_currentPeer == message.peer && isSeenByUser()) {
        markRead(message.peer); // seen while looking at the conversation
        return;
    }
    if (m_currentPeer == message.peer) {
        m_conversationModel->markNewFrom(message.seq); // waits for the user's return
    }
    if (isSeenByUser()) {
        return; // the peer list shows it
    }
    const auto row = m_peerModel->rowOf(message.peer);
    const QString from = row ? PeerListModel::nameOf(m_peerModel->at(*row)) : tr("New message");
    QString body = message.body.simplified();
    if (body.size() > kNotificationChars) {
        body = body.left(kNotificationChars) + QChar(0x2026);
    }
    m_tray->notifyMessage(from, body, message.peer);
    if (!m_tray->isShown()) {
        QApplication::alert(this);
    }
}

void MainWindow::showPeerMenu(const QModelIndex& index, const QPoint& globalPos)
{
    const QModelIndex source = m_peerFilter->mapToSource(index);
    if (!source.isValid()) {
        return; // not on a peer
    }
    const api::PeerSummary& summary = m_peerModel->at(source.row());
    const PeerId peer = summary.view.record.id;
    const QString name = PeerListModel::nameOf(summary);
    const auto addSending = [this, &summary, peer, name](QMenu& menu) {
        if (!canSendTo(&summary)) {
            return;
        }
        menu.addAction(tr("Send &Files…"), this,
                       [this, peer, name] { m_transfers->chooseAndSendFiles(peer, name); });
        menu.addAction(tr("Send F&older…"), this,
                       [this, peer, name] { m_transfers->chooseAndSendFolder(peer, name); });
    };
    if (QMenu* menu = m_peerActions->popUpMenu(peer, globalPos, addSending)) {
        // Esc gives the keyboard back to the list.
        connect(menu, &QMenu::aboutToHide, m_peerList,
                [this] { m_peerList->setFocus(Qt::PopupFocusReason); });
    }
}

void MainWindow::onPeerRemoved(const PeerId& peer)
{
    if (m_currentPeer == peer) {
        closeConversation();
    }
    // Its conversation is gone; should the peer come back, it starts afresh.
    m_drafts.erase(peer);
    m_unsentReasons.erase(peer);
}

void MainWindow::closeConversation()
{
    putDraftAway();
    m_currentPeer.reset();
    m_conversationModel->clear();
    m_peerList->selectionModel()->clear();
    m_sendError->hide();
    updateConversationChrome();
}

void MainWindow::tellTyping(const PeerId& peer, bool typing)
{
    m_node.call([peer, typing](api::Node& node) { node.setTyping(peer, typing); });
}

void MainWindow::putDraftAway()
{
    m_composer->endEditing();  // the draft, not the message being edited, stays with the peer
    m_composer->endReplying(); // it quotes a message of this conversation only
    if (m_currentPeer) {
        const QString text = m_composer->toPlainText();
        tellTyping(*m_currentPeer, false); // left the conversation
        if (text.isEmpty()) {
            m_drafts.erase(*m_currentPeer);
        } else {
            m_drafts.insert_or_assign(*m_currentPeer, text);
        }
    }
    // A send in flight goes on: its answer settles the draft (send()).
    m_composer->cancelPending();
    m_composer->clear();
}

void MainWindow::bringBackDraft(const PeerId& peer)
{
    const auto draft = m_drafts.find(peer);
    if (draft != m_drafts.end()) {
        m_composer->setPlainText(draft->second);
        m_drafts.erase(draft);
    } else {
        m_composer->clear();
    }
    m_composer->moveCursor(QTextCursor::End);
    // Still waiting for the node: Enter must not send it twice, and once
    // stored it goes from the composer as if the user had never left.
    if (const auto sending = m_sending.find(peer); sending != m_sending.end()) {
        m_composer->resumePending(sending->second);
    }
}

MyAddressDialog* MainWindow::myAddressDialog() const
{
    return m_myAddress;
}

void MainWindow::openMyAddress()
{
    if (!m_myAddress) {
        m_myAddress = new MyAddressDialog(m_status, this);
        m_myAddress->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_myAddress->show();
    m_myAddress->raise();
    m_myAddress->activateWindow();
}

void MainWindow::openAddPeerDialog()
{
    AddPeerDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        m_node.call(
            this, [address = dialog.address()](api::Node& node) { return node.addPeer(address); },
            [this, typed = dialog.address()](const Result<api::NetworkAddress, QString>& added) {
                const auto card = api::parseContactCard(typed);
                if (added && card) {
                    const QString who =
                        card.value().name.isEmpty() ? added.value().toString() : card.value().name;
                    showNotice(tr("Connecting to %1… Their key is verified as soon as they answer.").arg(who),
                               kNoticeMs);
                    refreshPeers();
                } else if (added) {
                    showNotice(tr("Connecting to %1…").arg(added.value().toString()), kNoticeMs / 2);
                    refreshPeers(); // it shows under the peers until one answers from it
                } else {
                    showNotice(tr("Cannot add %1: %2").arg(typed, added.error()), kNoticeMs);
                }
            });
    }
}

void MainWindow::openPeerDetails()
{
    if (!m_currentPeer) {
        showNotice(tr("Choose a peer first."), kNoticeMs / 2);
        return;
    }
    if (m_details && m_details->peer() == *m_currentPeer) {
        m_details->raise();
        m_details->activateWindow();
        return;
    }
    if (m_details) {
        m_details->close();
    }
    m_details = new PeerDetailsDialog(m_node, *m_currentPeer, this);
    m_details->setAttribute(Qt::WA_DeleteOnClose);
    m_details->show();
}

void MainWindow::openSettings()
{
    if (m_settings) {
        m_settings->raise();
        m_settings->activateWindow();
        return;
    }
    m_settings = new SettingsDialog(m_node, this);
    m_settings->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_settings, &QDialog::accepted, this, &MainWindow::applySettings);
    connect(m_settings, &SettingsDialog::restartRequested, this, [this] {
        rememberLayout();
        m_quitting = true;
        emit restartRequested();
    });
    connect(m_settings, &QDialog::accepted, this, [this] {
        showNotice(tr("Settings saved. The name, discovery mode and sound cards apply from the next start."),
                   kNoticeMs);
    });
    // Shown once it shows the saved settings (a node round trip), so that
    // nothing the user types into it is overwritten by their arrival; if the
    // node is slow to answer, shown anyway, with Save waiting for them.
    connect(m_settings, &SettingsDialog::loaded, m_settings, &QDialog::open);
    QTimer::singleShot(kSettingsShowAnywayMs, m_settings, [dialog = m_settings.data()] {
        if (!dialog->isVisible()) {
            dialog->open();
        }
    });
}

void MainWindow::showAtStart(bool minimised)
{
    if (!minimised) {
        show();
    } else if (!m_tray->isShown()) {
        showMinimized(); // no tray to wait in: minimised like any window
    }
}

void MainWindow::openConversation(const PeerId& peer)
{
    if (!selectPeer(peer) && !m_filter->text().isEmpty()) {
        m_filter->clear(); // the filter hid it
        selectPeer(peer);
    }
    showAndRaise();
}

void MainWindow::applySettings()
{
    m_node.call(
        this, [](api::Node& node) { return node.settings(); },
        [this](const api::ProfileSettings& settings) {
            constexpr qint64 kMsPerMinute = qint64{60} * 1000;
            m_presence->setIdleLimitMs(settings.awayAfterMinutes * kMsPerMinute);
            m_notificationsOn = settings.notifications;
            m_tray->setQuiet(m_busy || !m_notificationsOn);
            m_tray->setSound(settings.notificationSound);
        });
}

void MainWindow::replyFromNotification(const PeerId& peer, const QString& text)
{
    if (text.isEmpty()) {
        openConversation(peer);
        if (m_currentPeer == peer && m_composer->isEnabled()) {
            m_composer->setFocus(Qt::OtherFocusReason);
        }
        return;
    }
    // Typed into the notification: sent as if from the message box, and
    // the conversation counts as read, since the user answered it.
    m_node.call(
        this,
        [peer, text](api::Node& node) {
            node.markConversationRead(peer);
            return node.sendText(peer, text);
        },
        [this](const api::SendResult& sent) {
            if (!sent) {
                showNotice(tr("Your reply was not sent: %1").arg(sent.error()), kNoticeMs);
            }
        });
}

void MainWindow::showAndRaise()
{
    if (isMinimized()) {
        showNormal();
    }
    show();
    raise();
    activateWindow();
    if (m_currentPeer) {
        markRead(*m_currentPeer); // back from the tray: the open conversation is seen
    }
    markRoomReadIfSeen();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    rememberLayout();
    if (!m_quitting && m_tray->isShown()) {
        // Keeps running in the tray, so messages still arrive and notify.
        hide();
        event->ignore();
        if (!m_toldAboutTray) {
            m_toldAboutTray = true;
            m_tray->notify(tr("Confab is still running"),
                           tr("Messages keep arriving. Quit from the tray icon's menu or with Ctrl+Q."));
        }
        return;
    }
    event->accept();
    if (!m_quitting) {
        m_quitting = true;
        emit quitRequested();
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        QPalette muted = palette();
        muted.setColor(QPalette::WindowText, theme::mutedText(muted));
        m_queuedNotice->setPalette(muted);
        QPalette danger = palette();
        danger.setColor(QPalette::WindowText, theme::danger(danger));
        m_sendError->setPalette(danger);
    }
    if (event->type() == QEvent::WindowStateChange && isMinimized() && m_tray->isShown()) {
        // Minimised to the tray; after the state change has finished.
        QTimer::singleShot(0, this, &QWidget::hide);
    }
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_currentPeer) {
        markRead(*m_currentPeer); // what arrived while away is seen now
    }
    if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        markRoomReadIfSeen();
    }
}

void MainWindow::send(const QString& text)
{
    const api::PeerSummary* peer = currentSummary();
    if (!m_currentPeer || (peer && (peer->view.keyWarning || peer->view.blocked))) {
        m_composer->cancelPending();
        return; // the composer is disabled then; this guards the Send path too
    }
    m_sendError->hide();
    // The text stays in the composer until the node has stored the message:
    // a refused message (too long, disk full) is never lost.
    const PeerId to = *m_currentPeer;
    tellTyping(to, false);
    m_sending.insert_or_assign(to, text);
    // In reply mode the message quotes the one chosen; otherwise the same.
    const std::optional<MessageId> quoted = m_messageReplies->quoted();
    m_node.call(
        m_composer,
        [to, text, quoted](api::Node& node) {
            return quoted ? node.sendReply(to, *quoted, text) : node.sendText(to, text);
        },
        [this, to, quoted](const api::SendResult& result) {
            const auto sending = m_sending.extract(to);
            const QString sent = sending ? sending.mapped() : QString();
            if (m_currentPeer == to) {
                if (result) {
                    m_composer->acceptPending();
                    if (quoted) {
                        m_messageReplies->sent(*quoted);
                    }
                } else {
                    m_composer->cancelPending();
                    showSendError(result.error());
                }
                return;
            }
            // Another conversation is open now. This one's draft is what the
            // composer held when the user left it: a stored message is no
            // draft any more (unless changed since, as in the composer); a
            // refused one stays there, with the reason, for when the user
            // comes back.
            if (!result) {
                m_unsentReasons.insert_or_assign(to, result.error());
            } else if (const auto draft = m_drafts.find(to);
                       draft != m_drafts.end() && draft->second == sent) {
                m_drafts.erase(draft);
            }
        });
}

void MainWindow::connectMessageChanges()
{
    m_messageChanges = new MessageChanges(m_node, *m_conversationModel, *m_composer, *this, this);
    // Queued: once the context menu has closed and given the focus back, so
    // that the composer (or the question) keeps it.
    connect(m_conversationView, &ConversationView::editRequested, m_messageChanges, &MessageChanges::edit,
            Qt::QueuedConnection);
    connect(m_conversationView, &ConversationView::deleteRequested, m_messageChanges,
            &MessageChanges::confirmDelete, Qt::QueuedConnection);
    connect(m_messageChanges, &MessageChanges::failed, this, [this](const QString& error) {
        m_sendError->setText(error);
        m_sendError->show();
    });
    connect(m_editingBar, &EditingBar::cancelled, m_composer, [this] {
        // The bar is over an edit or a reply, never both.
        m_composer->isEditing() ? m_composer->endEditing() : m_composer->endReplying();
        m_composer->setFocus(Qt::OtherFocusReason);
    });
    connect(m_composer, &Composer::editingChanged, this, [this](bool editing) {
        if (editing) {
            m_editingBar->showEditing();
        } else if (!m_composer->isReplying()) {
            m_editingBar->hide();
        }
        m_sendButton->setText(editing ? tr("&Save") : tr("&Send"));
        m_sendButton->setAccessibleName(editing ? tr("Save the edited message") : tr("Send message"));
        if (editing && m_currentPeer) {
            tellTyping(*m_currentPeer, false); // correcting a sent message is not writing a new one
        }
    });
    // An edited or deleted newest message shows so under its peer's name.
    connect(&m_node.events(), &api::NodeEvents::messageStateChanged, m_peerModel,
            &PeerListModel::updateMessage);
}

void MainWindow::connectRepliesAndReactions()
{
    m_messageReplies = new MessageReplies(m_node, *m_conversationModel, *m_composer, *m_editingBar, this);
    m_messageReactions = new MessageReactions(m_node, *m_conversationModel, this);
    // Queued, as Edit: once the context menu has given the focus back.
    connect(m_conversationView, &ConversationView::replyRequested, m_messageReplies, &MessageReplies::reply,
            Qt::QueuedConnection);
    connect(m_conversationView, &ConversationView::reactionRequested, m_messageReactions,
            &MessageReactions::react, Qt::QueuedConnection);
    connect(m_messageReactions, &MessageReactions::failed, this, [this](const QString& error) {
        m_sendError->setText(error);
        m_sendError->show();
    });
    connect(m_composer, &Composer::replyingChanged, this, [this](bool replying) {
        m_sendButton->setAccessibleName(replying ? tr("Send the reply") : tr("Send message"));
    });
}

void MainWindow::showSendError(const QString& error)
{
    m_sendError->setText(tr("Not sent: %1").arg(error));
    m_sendError->show();
}

} // namespace confab::ui
