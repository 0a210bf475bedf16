#include "peer_actions.h"

#include "dialogs/rename_peer_dialog.h"
#include "models/peer_list_model.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace confab::ui {

PeerActions::PeerActions(api::NodeClient& client, const PeerListModel& peers, QWidget& window,
                         QObject* parent)
    : QObject(parent), m_node(client), m_peers(peers), m_window(window),
      m_exporter(new ConversationExporter(client, window, this)),
      m_export(new QAction(tr("E&xport Conversation…"), this)), m_rename(new QAction(tr("&Rename…"), this)),
      m_block(new QAction(tr("&Block"), this)), m_remove(new QAction(tr("Re&move…"), this))
{
    m_export->setToolTip(tr("Save the whole conversation as a text file or a web page"));
    connect(m_export, &QAction::triggered, this, [this] {
        if (m_target) {
            exportConversation(*m_target);
        }
    });
    connect(m_exporter, &ConversationExporter::notice, this,
            [this](const QString& text) { emit notice(text, kNoticeMs); });
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setToolTip(tr("Give the peer a nickname of your own (F2)"));
    connect(m_rename, &QAction::triggered, this, [this] {
        if (m_target) {
            rename(*m_target);
        }
    });
    m_block->setToolTip(tr("Block: no links, messages or calls from the peer, and nothing relayed for it"));
    connect(m_block, &QAction::triggered, this, [this] {
        if (m_target) {
            toggleBlock(*m_target);
        }
    });
    m_remove->setToolTip(tr("Remove the peer with your whole conversation"));
    connect(m_remove, &QAction::triggered, this, [this] {
        if (m_target) {
            remove(*m_target);
        }
    });
    setTarget(std::nullopt);
}

const api::PeerSummary* PeerActions::summaryOf(const PeerId& peer) const
{
    const auto row = m_peers.rowOf(peer);
    return row ? &m_peers.at(*row) : nullptr;
}

QString PeerActions::blockText(const PeerId& peer) const
{
    const api::PeerSummary* summary = summaryOf(peer);
    return summary && summary->view.blocked ? tr("Un&block") : tr("&Block");
}

void PeerActions::setTarget(const std::optional<PeerId>& peer)
{
    m_target = peer;
    refresh();
}

void PeerActions::refresh()
{
    const bool listed = m_target && summaryOf(*m_target) != nullptr;
    for (QAction* action : {m_export, m_rename, m_block, m_remove}) {
        action->setEnabled(listed);
    }
    m_block->setText(listed ? blockText(*m_target) : tr("&Block"));
}

QMenu* PeerActions::popUpMenu(const PeerId& peer, const QPoint& globalPos,
                              const std::function<void(QMenu&)>& addFirst)
{
    const api::PeerSummary* summary = summaryOf(peer);
    if (!summary) {
        return nullptr;
    }
    auto* menu = new QMenu(&m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Actions for %1").arg(PeerListModel::nameOf(*summary)));
    if (addFirst) {
        addFirst(*menu);
        menu->addSeparator();
    }
    // Actions of its own, bound to this peer: the Peer menu's act on the
    // open conversation, which may be another one.
    menu->addAction(tr("E&xport Conversation…"), this, [this, peer] { exportConversation(peer); });
    menu->addAction(tr("&Rename…"), this, [this, peer] { rename(peer); });
    menu->addAction(blockText(peer), this, [this, peer] { toggleBlock(peer); });
    menu->addSeparator();
    menu->addAction(tr("Re&move…"), this, [this, peer] { remove(peer); });
    menu->popup(globalPos);
    return menu;
}

void PeerActions::exportConversation(const PeerId& peer)
{
    if (const api::PeerSummary* summary = summaryOf(peer)) {
        m_exporter->exportConversation(peer, PeerListModel::nameOf(*summary));
    }
}

void PeerActions::rename(const PeerId& peer)
{
    const api::PeerSummary* summary = summaryOf(peer);
    if (!summary) {
        return;
    }
    if (m_renameDialog) {
        m_renameDialog->close();
    }
    const QString before = summary->view.record.displayName.isEmpty() ? PeerListModel::shortId(peer)
                                                                      : summary->view.record.displayName;
    auto* dialog = new RenamePeerDialog(PeerListModel::nameOf(*summary), summary->view.record.displayName,
                                        summary->view.nickname, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RenamePeerDialog::nicknameChosen, this,
            [this, peer, before, dialog = QPointer<RenamePeerDialog>(dialog)](const QString& nickname) {
                m_node.call(
                    this, [peer, nickname](api::Node& node) { return node.rename(peer, nickname); },
                    [this, before, nickname, dialog](const Result<api::PeerView, QString>& renamed) {
                        if (!renamed) {
                            if (dialog) {
                                dialog->showError(renamed.error());
                            }
                            return;
                        }
                        emit changed();
                        emit notice(nickname.isEmpty()
                                        ? tr("%1 is shown by their own name again.").arg(before)
                                        : tr("%1 is called %2 here now.").arg(before, nickname),
                                    kNoticeMs);
                        if (dialog) {
                            dialog->finish();
                        }
                    });
            });
    m_renameDialog = dialog;
    dialog->open();
}

void PeerActions::toggleBlock(const PeerId& peer)
{
    const api::PeerSummary* summary = summaryOf(peer);
    if (!summary) {
        return;
    }
    const bool unblock = summary->view.blocked;
    const QString name = PeerListModel::nameOf(*summary);
    m_node.call(
        this, [peer, unblock](api::Node& node) { return unblock ? node.unblock(peer) : node.block(peer); },
        [this, name, unblock](const Result<api::PeerView, QString>& done) {
            if (!done) {
                emit notice(unblock ? tr("%1 is still blocked: %2").arg(name, done.error())
                                    : tr("%1 was not blocked: %2").arg(name, done.error()),
                            kNoticeMs);
                return;
            }
            emit changed();
            emit notice(unblock ? tr("%1 is unblocked: they can link, write and call again.").arg(name)
                                : tr("%1 is blocked: nothing from them reaches you until you unblock them "
                                     "(Peer menu).")
                                      .arg(name),
                        kNoticeMs);
        });
}

void PeerActions::remove(const PeerId& peer)
{
    const api::PeerSummary* summary = summaryOf(peer);
    if (!summary) {
        return;
    }
    if (m_confirmation) {
        m_confirmation->raise();
        m_confirmation->activateWindow();
        return;
    }
    const QString name = PeerListModel::nameOf(*summary);
    auto* box = new QMessageBox(&m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Remove %1?").arg(name));
    box->setText(tr("Remove %1 and your whole conversation with them?").arg(name));
    const QString gone = tr("Every message with %1 is deleted from this computer, with their key and "
                            "verification. This cannot be undone.")
                             .arg(name);
    box->setInformativeText(summary->view.blocked
                                ? tr("%1 %2 stays blocked.").arg(gone, name)
                                : tr("%1 If %2 is still on the network, they come back as a new peer; block "
                                     "them to keep them out.")
                                      .arg(gone, name));
    QPushButton* yes = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    yes->setAccessibleName(tr("Remove the peer and the conversation"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter and Escape keep everything, unless the user moved the focus to Remove.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, yes, peer, name] {
        if (box->clickedButton() != yes) {
            return;
        }
        m_node.call(
            this, [peer](api::Node& node) { return node.removePeer(peer); },
            [this, peer, name](const Result<std::int64_t, QString>& outcome) {
                if (!outcome) {
                    emit notice(tr("%1 was not removed: %2").arg(name, outcome.error()), kNoticeMs);
                    return;
                }
                emit removed(peer);
                emit changed();
                emit notice(
                    tr("Removed %1 and %n message(s).", nullptr, static_cast<int>(outcome.value())).arg(name),
                    kNoticeMs);
            });
    });
    m_confirmation = box;
    box->open();
}

} // namespace confab::ui
