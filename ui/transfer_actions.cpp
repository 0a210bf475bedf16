#include "transfer_actions.h"

#include "transfer_text.h"

#include <QApplication>
#include <QClipboard>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QWidget>

#include <utility>

namespace confab::ui {

namespace {
constexpr int kNoticeMs = 5000;
// What went to a room's members is a long sentence: time to read it.
constexpr int kOfferedToManyMs = 10000;

bool is(const api::TransferView& transfer, const char* state)
{
    return transfer.state == QLatin1String(state);
}
} // namespace

TransferActions::TransferActions(api::NodeClient& client, QWidget& window, QObject* parent)
    : QObject(parent), m_node(client), m_window(window)
{
}

std::vector<TransferAction> TransferActions::cardActions(const api::TransferView& transfer)
{
    if (is(transfer, "offered") && !transfer.outgoing) {
        return {TransferAction::Accept, TransferAction::AcceptTo, TransferAction::Decline};
    }
    if (is(transfer, "preparing") || is(transfer, "offered")) {
        return {TransferAction::Cancel}; // the sender takes the offer back
    }
    if (is(transfer, "transferring")) {
        return {transfer.pausedHere ? TransferAction::Resume : TransferAction::Pause, TransferAction::Cancel};
    }
    if (is(transfer, "completed") && !transfer.outgoing && !transfer.savedAs.isEmpty()) {
        return {TransferAction::Open, TransferAction::ShowInFolder};
    }
    return {};
}

std::vector<TransferAction> TransferActions::menuActions(const api::TransferView& transfer)
{
    std::vector<TransferAction> actions = cardActions(transfer);
    if (!transfer.fileHash.isEmpty()) {
        actions.push_back(TransferAction::CopyHash);
    }
    return actions;
}

std::optional<TransferAction> TransferActions::primaryAction(const api::TransferView& transfer)
{
    for (const TransferAction action : cardActions(transfer)) {
        switch (action) {
        case TransferAction::Accept:
        case TransferAction::Pause:
        case TransferAction::Resume:
        case TransferAction::Open:
            return action;
        default:
            break;
        }
    }
    return std::nullopt;
}

QString TransferActions::label(TransferAction action)
{
    switch (action) {
    case TransferAction::Accept:
        return tr("&Accept");
    case TransferAction::AcceptTo:
        return tr("Accept &To…");
    case TransferAction::Decline:
        return tr("&Decline");
    case TransferAction::Pause:
        return tr("&Pause");
    case TransferAction::Resume:
        return tr("&Resume");
    case TransferAction::Cancel:
        return tr("&Cancel Transfer");
    case TransferAction::Open:
        return tr("&Open");
    case TransferAction::ShowInFolder:
        return tr("Show in &Folder");
    case TransferAction::CopyHash:
        return tr("Copy File &Hash (BLAKE2b-256)");
    }
    return QString();
}

QString TransferActions::receivedPath(const api::TransferView& transfer)
{
    const QDir folder(transfer.folder);
    return transfer.savedAs.size() == 1 ? folder.filePath(transfer.savedAs.constFirst()) : folder.path();
}

void TransferActions::run(TransferAction action, const api::TransferView& transfer)
{
    switch (action) {
    case TransferAction::Accept:
        acceptInto(transfer, QString());
        return;
    case TransferAction::AcceptTo:
        // The dialog starts where the files would go otherwise.
        m_node.call(
            this, [](api::Node& node) { return node.downloadFolder(); },
            [this, transfer](const QString& downloads) {
                const QString folder =
                    QFileDialog::getExistingDirectory(&m_window, tr("Save the Files In"), downloads);
                if (!folder.isEmpty()) {
                    acceptInto(transfer, folder);
                }
            });
        return;
    case TransferAction::Decline:
        command(transfer, tr("Cannot decline: %1"),
                [](api::Node& node, const QString& id) { return node.declineTransfer(id); });
        return;
    case TransferAction::Pause:
        command(transfer, tr("Cannot pause: %1"),
                [](api::Node& node, const QString& id) { return node.pauseTransfer(id); });
        return;
    case TransferAction::Resume:
        command(transfer, tr("Cannot resume: %1"),
                [](api::Node& node, const QString& id) { return node.resumeTransfer(id); });
        return;
    case TransferAction::Cancel:
        command(transfer, tr("Cannot cancel: %1"),
                [](api::Node& node, const QString& id) { return node.cancelTransfer(id); });
        return;
    case TransferAction::Open:
        // Only ever because the user asked: a received file may be anything.
        openUrl(QUrl::fromLocalFile(receivedPath(transfer)));
        return;
    case TransferAction::ShowInFolder:
        showInFolder(receivedPath(transfer));
        return;
    case TransferAction::CopyHash:
        QApplication::clipboard()->setText(transfer.fileHash);
        emit notice(tr("Copied the file's BLAKE2b-256 hash (compare it with `b2sum -l 256`)."), kNoticeMs);
        return;
    }
}

void TransferActions::command(const api::TransferView& transfer, const QString& failure,
                              std::function<api::TransferResult(api::Node&, const QString& id)> run)
{
    m_node.call(
        this, [id = transfer.id, run = std::move(run)](api::Node& node) { return run(node, id); },
        [this, failure](const api::TransferResult& result) {
            if (result) {
                emit changed(result.value());
            } else {
                emit failed(failure.arg(result.error()));
            }
        });
}

void TransferActions::acceptInto(const api::TransferView& transfer, const QString& folder)
{
    command(transfer, tr("Cannot accept: %1"),
            [folder](api::Node& node, const QString& id) { return node.acceptTransfer(id, folder); });
}

void TransferActions::sendFiles(const PeerId& peer, const QStringList& paths)
{
    if (paths.isEmpty()) {
        return;
    }
    m_node.call(
        this, [peer, paths](api::Node& node) { return node.sendFiles(peer, paths); },
        [this](const api::TransferResult& result) {
            if (result) {
                emit changed(result.value());
            } else {
                emit failed(tr("Not sent: %1").arg(result.error()));
            }
        });
}

void TransferActions::chooseAndSendFiles(const PeerId& peer, const QString& peerName)
{
    sendFiles(peer, QFileDialog::getOpenFileNames(&m_window, tr("Send Files to %1").arg(peerName)));
}

void TransferActions::chooseAndSendFolder(const PeerId& peer, const QString& peerName)
{
    const QString folder =
        QFileDialog::getExistingDirectory(&m_window, tr("Send a Folder to %1").arg(peerName));
    if (!folder.isEmpty()) {
        sendFiles(peer, {folder});
    }
}

void TransferActions::sendFilesToMany(const std::vector<PeerId>& peers, const QStringList& paths)
{
    if (paths.isEmpty()) {
        return;
    }
    // The node decides what is too many (and says so), not the window.
    m_node.call(
        this, [peers, paths](api::Node& node) { return node.sendFiles(peers, paths); },
        [this](const Result<std::vector<api::TransferView>, QString>& result) {
            if (!result) {
                emit manyFailed(tr("Not sent: %1").arg(result.error()));
                return;
            }
            for (const api::TransferView& drop : result.value()) {
                emit changed(drop);
            }
            emit notice(TransferText::offeredToMany(result.value()), kOfferedToManyMs);
        });
}

void TransferActions::chooseAndSendFilesToMany(const std::vector<PeerId>& peers, const QString& roomName)
{
    sendFilesToMany(peers, QFileDialog::getOpenFileNames(
                               &m_window, tr("Send Files to the Members of “%1”").arg(roomName)));
}

void TransferActions::chooseAndSendFolderToMany(const std::vector<PeerId>& peers, const QString& roomName)
{
    const QString folder = QFileDialog::getExistingDirectory(
        &m_window, tr("Send a Folder to the Members of “%1”").arg(roomName));
    if (!folder.isEmpty()) {
        sendFilesToMany(peers, {folder});
    }
}

void TransferActions::openUrl(const QUrl& url)
{
    emit urlOpened(url);
    if (!QDesktopServices::openUrl(url)) {
        emit failed(tr("Nothing on this computer opens %1.").arg(url.toLocalFile()));
    }
}

void TransferActions::showInFolder(const QString& path)
{
    // The file manager's own "show this item" (selected in its folder) where
    // the desktop offers it; otherwise the folder that holds it.
    const QUrl containing = QUrl::fromLocalFile(QFileInfo(path).absolutePath());
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        openUrl(containing);
        return;
    }
    QDBusMessage message = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.FileManager1"), QStringLiteral("/org/freedesktop/FileManager1"),
        QStringLiteral("org.freedesktop.FileManager1"), QStringLiteral("ShowItems"));
    message << QStringList{QUrl::fromLocalFile(path).toString()} << QString();
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, path, containing] {
        watcher->deleteLater();
        if (watcher->isError()) {
            openUrl(containing);
        } else {
            emit urlOpened(QUrl::fromLocalFile(path));
        }
    });
}

} // namespace confab::ui
