#include "node_parts.h"

#include <QCoreApplication>

// File drops: the Node's face of files::TransferService.
namespace confab::api {

TransferView transferView(OpenProfile& o, const files::DropView& drop)
{
    TransferView view = toApi(drop);
    if (const auto record = o.peerStore.peer(drop.peer)) {
        view.peerName = record->nickname.isEmpty() ? record->displayName : record->nickname;
        view.peerVerified = record->verified;
    }
    return view;
}

namespace {

TransferResult named(OpenProfile& o, const Result<files::DropView, QString>& result)
{
    if (!result) {
        return result.error();
    }
    return transferView(o, result.value());
}

// One of the user's decisions about a drop named by (the start of) its id.
TransferResult
act(OpenProfile& o, const QString& id,
    Result<files::DropView, QString> (files::TransferService::*decision)(const proto::TransferId&))
{
    auto resolved = o.transfers.resolve(id);
    if (!resolved) {
        return resolved.error();
    }
    return named(o, (o.transfers.*decision)(resolved.value()));
}

} // namespace

TransferResult Node::sendFiles(const PeerId& to, const QStringList& paths)
{
    auto views = sendFiles(std::vector<PeerId>{to}, paths);
    if (!views) {
        return views.error();
    }
    return views.value().front();
}

Result<std::vector<TransferView>, QString> Node::sendFiles(const std::vector<PeerId>& to,
                                                           const QStringList& paths)
{
    OpenProfile& o = *m_parts->open;
    auto ids = o.transfers.sendFiles(to, paths);
    if (!ids) {
        return ids.error();
    }
    std::vector<TransferView> views;
    for (const proto::TransferId& id : ids.value()) {
        auto drop = o.transfers.drop(id);
        if (!drop) {
            return QCoreApplication::translate("Node", "The drop could not be found after it was made.");
        }
        views.push_back(transferView(o, *drop));
    }
    return views;
}

std::vector<TransferView> Node::transfers()
{
    OpenProfile& o = *m_parts->open;
    std::vector<TransferView> result;
    for (const files::DropView& drop : o.transfers.drops()) {
        result.push_back(transferView(o, drop));
    }
    return result;
}

TransferResult Node::transfer(const QString& id)
{
    OpenProfile& o = *m_parts->open;
    auto resolved = o.transfers.resolve(id);
    if (!resolved) {
        return resolved.error();
    }
    if (auto drop = o.transfers.drop(resolved.value())) {
        return transferView(o, *drop);
    }
    return QCoreApplication::translate("Node", "No transfer has the id '%1'.").arg(id);
}

TransferResult Node::acceptTransfer(const QString& id, const QString& folder)
{
    OpenProfile& o = *m_parts->open;
    auto resolved = o.transfers.resolve(id);
    if (!resolved) {
        return resolved.error();
    }
    return named(o, o.transfers.accept(resolved.value(), folder));
}

TransferResult Node::declineTransfer(const QString& id)
{
    return act(*m_parts->open, id, &files::TransferService::decline);
}

TransferResult Node::pauseTransfer(const QString& id)
{
    return act(*m_parts->open, id, &files::TransferService::pause);
}

TransferResult Node::resumeTransfer(const QString& id)
{
    return act(*m_parts->open, id, &files::TransferService::resume);
}

TransferResult Node::cancelTransfer(const QString& id)
{
    return act(*m_parts->open, id, &files::TransferService::cancel);
}

QString Node::downloadFolder() const
{
    return m_parts->open->transfers.settings().downloadFolder;
}

} // namespace confab::api
