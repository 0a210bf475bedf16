#pragma once

#include "api/node_client.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>
#include <vector>

class QWidget;

namespace confab::ui {

// What the user can do with a file drop; the card's buttons and its menu offer them.
enum class TransferAction { Accept, AcceptTo, Decline, Pause, Resume, Cancel, Open, ShowInFolder, CopyHash };

// The window's side of file drops: sends files and folders to a peer, or
// to a room's members at once (from a file dialog or dropped on the
// window), and turns the user's decisions about a drop into node commands.
// A refused command says why (failed(), manyFailed()); the drop's new state
// comes back through the node's transferChanged and, at once, through
// changed().
class TransferActions : public QObject {
    Q_OBJECT
public:
    TransferActions(api::NodeClient& client, QWidget& window, QObject* parent = nullptr);

    // The buttons on the drop's card, as it stands now, in the order shown.
    static std::vector<TransferAction> cardActions(const api::TransferView& transfer);
    // Its menu: the buttons, then what copies.
    static std::vector<TransferAction> menuActions(const api::TransferView& transfer);
    // What Enter does on the card: the first action that neither refuses nor
    // ends anything (Accept, Pause, Resume, Open); none for the others.
    static std::optional<TransferAction> primaryAction(const api::TransferView& transfer);
    // "&Accept", "Accept &To…", ...: with the menu's mnemonic; buttons drop it.
    static QString label(TransferAction action);
    // Where a received drop is: the one top-level file or folder, else the folder it went to.
    static QString receivedPath(const api::TransferView& transfer);

    void run(TransferAction action, const api::TransferView& transfer);
    // Offers absolute paths to the peer.
    void sendFiles(const PeerId& peer, const QStringList& paths);
    // File dialogs first; nothing happens when the user cancels them.
    void chooseAndSendFiles(const PeerId& peer, const QString& peerName);
    void chooseAndSendFolder(const PeerId& peer, const QString& peerName);
    // The same files to several peers (a room's other members) in one drop
    // each, every drop shown in the conversation with its peer; what was
    // offered is a notice(), a refusal manyFailed(). The dialogs name the room.
    void sendFilesToMany(const std::vector<PeerId>& peers, const QStringList& paths);
    void chooseAndSendFilesToMany(const std::vector<PeerId>& peers, const QString& roomName);
    void chooseAndSendFolderToMany(const std::vector<PeerId>& peers, const QString& roomName);

signals:
    void changed(const confab::api::TransferView& transfer);
    // A command the node refused, in words ("Not sent: ...").
    void failed(const QString& error);
    // The same for a send to several peers, which starts in a room rather
    // than in a conversation: the room says it.
    void manyFailed(const QString& error);
    // Something done that the status bar may say ("Hash copied").
    void notice(const QString& text, int ms);
    // Open or Show in Folder handed this address to the desktop.
    void urlOpened(const QUrl& url);

private:
    void command(const api::TransferView& transfer, const QString& failure,
                 std::function<api::TransferResult(api::Node&, const QString& id)> run);
    void acceptInto(const api::TransferView& transfer, const QString& folder);
    void openUrl(const QUrl& url);
    void showInFolder(const QString& path);

    api::NodeClient& m_node;
    QWidget& m_window;
};

} // namespace confab::ui
