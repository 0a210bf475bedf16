#include "main_window.h"

#include "composer.h"
#include "conversation_view.h"
#include "dialogs/add_peer_dialog.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace confab::ui {

MainWindow::MainWindow(api::NodeHost& host, QWidget* parent)
    : QMainWindow(parent), m_host(host), m_peerModel(new PeerListModel(this)),
      m_peerFilter(new QSortFilterProxyModel(this)), m_conversationModel(new ConversationModel(host, this))
{
    setWindowTitle(tr("Confab"));
    m_peerFilter->setSourceModel(m_peerModel);
    m_peerFilter->setFilterRole(PeerListModel::NameRole);
    m_peerFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(buildPeerPane());
    splitter->addWidget(buildConversationPane());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({300, 700});
    setCentralWidget(splitter);

    m_discoveryLabel = new QLabel(this);
    m_discoveryLabel->setAccessibleName(tr("Discovery mode"));
    m_addressLabel = new QLabel(this);
    m_addressLabel->setAccessibleName(tr("Own address"));
    m_addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_diagnosisLabel = new QLabel(this);
    m_diagnosisLabel->setAccessibleName(tr("Network diagnosis"));
    m_diagnosisLabel->setWordWrap(false);
    // Temporary messages hide normal status widgets: only the diagnosis may give way to them.
    statusBar()->addWidget(m_diagnosisLabel, 1);
    statusBar()->addPermanentWidget(m_discoveryLabel);
    statusBar()->addPermanentWidget(m_addressLabel);
    m_addressLabel->setText(tr("Starting…"));

    buildActions();
    setTabOrder(m_filter, m_peerList);
    setTabOrder(m_peerList, m_conversationView);
    setTabOrder(m_conversationView, m_composer);
    setTabOrder(m_composer, m_sendButton);

    connect(&m_host, &api::NodeHost::started, this,
            [this](const api::NodeStatus& status, const QStringList& notices) {
                onStatus(status);
                if (!notices.isEmpty()) {
                    statusBar()->showMessage(notices.join(QStringLiteral(" — ")), 10000);
                }
            });
    connect(&m_host, &api::NodeHost::startFailed, this,
            [this](const QString& error) { m_addressLabel->setText(tr("Not running: %1").arg(error)); });
    connect(&m_host, &api::NodeHost::statusChanged, this, &MainWindow::onStatus);
    connect(&m_host, &api::NodeHost::peersChanged, this, &MainWindow::onPeersChanged);
    connect(&m_host, &api::NodeHost::messageStored, this, &MainWindow::onMessageStored);
    connect(&m_host, &api::NodeHost::sendFailed, this, [this](const proto::PeerId&, const QString& error) {
        statusBar()->showMessage(tr("Not sent: %1").arg(error), 10000);
    });
    connect(&m_host, &api::NodeHost::peerAdded, this, [this](const QString& address) {
        statusBar()->showMessage(tr("Connecting to %1…").arg(address), 5000);
    });
    connect(&m_host, &api::NodeHost::addPeerFailed, this,
            [this](const QString& address, const QString& error) {
                statusBar()->showMessage(tr("Cannot add %1: %2").arg(address, error), 10000);
            });
    resize(1000, 640);
}

void MainWindow::buildActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* addPeer = fileMenu->addAction(tr("&Add Peer…"), this, &MainWindow::openAddPeerDialog);
    addPeer->setShortcut(QKeySequence::New);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* find = editMenu->addAction(tr("&Find Peer"), this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
}

QWidget* MainWindow::buildPeerPane()
{
    auto* pane = new QWidget(this);
    m_filter = new QLineEdit(pane);
    m_filter->setPlaceholderText(tr("Filter peers (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter peers"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_peerFilter, &QSortFilterProxyModel::setFilterFixedString);

    m_peerList = new QListView(pane);
    m_peerList->setModel(m_peerFilter);
    m_peerList->setAccessibleName(tr("Peers"));
    m_peerList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_peerList->setSpacing(2);
    connect(m_peerList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentPeerChanged(current); });

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_peerList);
    return pane;
}

QWidget* MainWindow::buildConversationPane()
{
    auto* pane = new QWidget(this);
    m_conversationTitle = new QLabel(tr("Choose a peer on the left"), pane);
    m_conversationTitle->setAccessibleName(tr("Conversation partner"));
    QFont titleFont = m_conversationTitle->font();
    titleFont.setBold(true);
    m_conversationTitle->setFont(titleFont);

    m_conversationView = new ConversationView(pane);
    m_conversationView->setConversation(m_conversationModel);

    m_composer = new Composer(pane);
    m_composer->setEnabled(false);
    connect(m_composer, &Composer::submitted, this, &MainWindow::send);
    m_sendButton = new QPushButton(tr("&Send"), pane);
    m_sendButton->setAccessibleName(tr("Send message"));
    m_sendButton->setEnabled(false);
    connect(m_sendButton, &QPushButton::clicked, m_composer, &Composer::submit);

    auto* composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_sendButton, 0, Qt::AlignBottom);
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addWidget(m_conversationTitle);
    layout->addWidget(m_conversationView, 1);
    layout->addLayout(composerRow);
    return pane;
}

void MainWindow::onStatus(const api::NodeStatus& status)
{
    setWindowTitle(tr("Confab — %1").arg(status.displayName));
    m_addressLabel->setText(tr("Listening on %1").arg(status.listenAddress));
    m_discoveryLabel->setText(tr("Discovery: %1").arg(status.discoveryMode));
    m_diagnosisLabel->setText(status.networkDiagnosis);
    m_diagnosisLabel->setToolTip(status.networkDiagnosis);
}

bool MainWindow::selectPeer(const proto::PeerId& peer)
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

void MainWindow::onCurrentPeerChanged(const QModelIndex& current)
{
    const QModelIndex source = m_peerFilter->mapToSource(current);
    if (!source.isValid()) {
        return; // keep the open conversation while the filter hides its peer
    }
    const api::PeerSummary& peer = m_peerModel->at(source.row());
    if (m_currentPeer == peer.view.record.id) {
        return;
    }
    m_currentPeer = peer.view.record.id;
    m_conversationTitle->setText(source.data(PeerListModel::NameRole).toString());
    m_conversationModel->setPeer(*m_currentPeer);
    m_composer->setEnabled(true);
    m_sendButton->setEnabled(true);
    m_host.markRead(*m_currentPeer);
}

void MainWindow::onPeersChanged(const api::PeerSummaries& peers)
{
    m_peerModel->setPeers(peers);
    // A reset loses the selection: put it back on the open conversation.
    if (m_currentPeer && !m_peerList->currentIndex().isValid()) {
        selectPeer(*m_currentPeer);
    }
}

void MainWindow::onMessageStored(const storage::StoredMessage& message)
{
    // Seen while looking at the conversation: read.
    if (!message.outgoing && m_currentPeer == message.peer && isActiveWindow()) {
        m_host.markRead(message.peer);
    }
}

void MainWindow::openAddPeerDialog()
{
    AddPeerDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        m_host.addPeer(dialog.address());
    }
}

void MainWindow::send(const QString& text)
{
    if (m_currentPeer) {
        m_host.sendText(*m_currentPeer, text);
    }
}

} // namespace confab::ui
