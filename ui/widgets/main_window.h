#pragma once

#include "api/node_host.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace confab::ui {

class Composer;
class ConversationModel;
class ConversationView;
class PeerListModel;

// Peers on the left, the selected conversation and the composer on the right,
// the node's own address and discovery health in the status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(api::NodeHost& host, QWidget* parent = nullptr);

    // Selects a peer as if the user had clicked it; false if it is not listed.
    bool selectPeer(const proto::PeerId& peer);
    void openAddPeerDialog();

    // For tests and screenshots.
    PeerListModel* peerModel() const { return m_peerModel; }
    ConversationModel* conversationModel() const { return m_conversationModel; }
    QListView* peerList() const { return m_peerList; }
    ConversationView* conversationView() const { return m_conversationView; }
    Composer* composer() const { return m_composer; }
    QLineEdit* filterBox() const { return m_filter; }

private:
    void buildActions();
    QWidget* buildPeerPane();
    QWidget* buildConversationPane();
    void onStatus(const api::NodeStatus& status);
    void onCurrentPeerChanged(const QModelIndex& current);
    void onPeersChanged(const api::PeerSummaries& peers);
    void onMessageStored(const storage::StoredMessage& message);
    void send(const QString& text);

    api::NodeHost& m_host;
    PeerListModel* m_peerModel;
    QSortFilterProxyModel* m_peerFilter;
    ConversationModel* m_conversationModel;
    QLineEdit* m_filter = nullptr;
    QListView* m_peerList = nullptr;
    QLabel* m_conversationTitle = nullptr;
    ConversationView* m_conversationView = nullptr;
    Composer* m_composer = nullptr;
    QPushButton* m_sendButton = nullptr;
    QLabel* m_discoveryLabel = nullptr;
    QLabel* m_addressLabel = nullptr;
    QLabel* m_diagnosisLabel = nullptr;
    std::optional<proto::PeerId> m_currentPeer;
};

} // namespace confab::ui
