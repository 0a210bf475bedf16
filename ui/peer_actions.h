#pragma once

#include "api/node_client.h"
#include "conversation_exporter.h"
#include "dialogs/rename_peer_dialog.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QPoint;
class QWidget;

namespace confab::ui {

class PeerListModel;

// Export Conversation…, Rename…, Block / Unblock and Remove… for a peer: the Peer menu's actions
// act on the open conversation's peer, a context menu's on the peer it was
// opened for. Renaming asks for the nickname, removing asks first (Cancel is
// the default: the history goes too); each then asks the node and says in
// the status bar what happened.
class PeerActions : public QObject {
    Q_OBJECT
public:
    static constexpr int kNoticeMs = 8000;

    PeerActions(api::NodeClient& client, const PeerListModel& peers, QWidget& window,
                QObject* parent = nullptr);

    // The Peer menu's actions, for the peer set with setTarget().
    [[nodiscard]] QAction* exportAction() const { return m_export; }
    [[nodiscard]] QAction* renameAction() const { return m_rename; }
    [[nodiscard]] QAction* blockAction() const { return m_block; }
    [[nodiscard]] QAction* removeAction() const { return m_remove; }
    // nullopt disables them; the block action says Block or Unblock as fits.
    void setTarget(const std::optional<PeerId>& peer);
    // The peers changed (a block, a name): the actions' texts follow.
    void refresh();

    // A context menu for `peer` at `globalPos`, shown without waiting for
    // it (it deletes itself when closed); null for a peer not listed.
    // `addFirst` puts other parts of the window's actions for the peer first.
    QMenu* popUpMenu(const PeerId& peer, const QPoint& globalPos,
                     const std::function<void(QMenu&)>& addFirst = {});

    void exportConversation(const PeerId& peer);
    void rename(const PeerId& peer);
    void toggleBlock(const PeerId& peer);
    void remove(const PeerId& peer);

    // While open; null otherwise.
    [[nodiscard]] RenamePeerDialog* renameDialog() const { return m_renameDialog; }
    [[nodiscard]] QMessageBox* removeConfirmation() const { return m_confirmation; }
    [[nodiscard]] ConversationExporter& exporter() const { return *m_exporter; }

signals:
    // Something for the status bar.
    void notice(const QString& text, int ms);
    // The node changed a peer: the list should be asked again.
    void changed();
    // The node removed the peer and its conversation.
    void removed(const confab::PeerId& peer);

private:
    [[nodiscard]] const api::PeerSummary* summaryOf(const PeerId& peer) const;
    // Block or Unblock, for the peer.
    [[nodiscard]] QString blockText(const PeerId& peer) const;

    api::NodeClient& m_node;
    const PeerListModel& m_peers;
    QWidget& m_window;
    ConversationExporter* m_exporter;
    QAction* m_export;
    QAction* m_rename;
    QAction* m_block;
    QAction* m_remove;
    std::optional<PeerId> m_target;
    QPointer<RenamePeerDialog> m_renameDialog;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace confab::ui
