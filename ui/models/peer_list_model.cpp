#include "peer_list_model.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace confab::ui {

namespace {
constexpr int kPreviewChars = 60;

QString nameOf(const api::PeerSummary& peer)
{
    if (!peer.view.record.displayName.isEmpty()) {
        return peer.view.record.displayName;
    }
    return QString::fromStdString(peer.view.record.id.toText()).left(12);
}
QIcon presenceIcon(bool online)
{
    constexpr int kSize = 12;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(online ? QColor(0x2e, 0xa0, 0x43) : QColor(0x9a, 0x9a, 0x9a));
    painter.drawEllipse(1, 1, kSize - 2, kSize - 2);
    return QIcon(pixmap);
}
} // namespace

PeerListModel::PeerListModel(QObject* parent) : QAbstractListModel(parent)
{
}

void PeerListModel::setPeers(const api::PeerSummaries& peers)
{
    api::PeerSummaries known;
    for (const api::PeerSummary& peer : peers) {
        // Unmatched DNS-SD sightings have no identity to chat with yet.
        if (peer.view.source.isEmpty()) {
            known.push_back(peer);
        }
    }
    const bool sameRows = known.size() == m_peers.size() &&
                          std::equal(known.begin(), known.end(), m_peers.begin(),
                                     [](const api::PeerSummary& a, const api::PeerSummary& b) {
                                         return a.view.record.id == b.view.record.id;
                                     });
    if (sameRows) {
        m_peers = std::move(known);
        if (!m_peers.empty()) {
            emit dataChanged(index(0), index(rowCount() - 1));
        }
        return;
    }
    beginResetModel();
    m_peers = std::move(known);
    endResetModel();
}

std::optional<int> PeerListModel::rowOf(const proto::PeerId& peer) const
{
    for (std::size_t row = 0; row < m_peers.size(); ++row) {
        if (m_peers[row].view.record.id == peer) {
            return static_cast<int>(row);
        }
    }
    return std::nullopt;
}

int PeerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_peers.size());
}

QString PeerListModel::displayText(const api::PeerSummary& peer) const
{
    QString first =
        peer.view.connected ? tr("%1 — online").arg(nameOf(peer)) : tr("%1 — offline").arg(nameOf(peer));
    if (peer.view.unread > 0) {
        first += QLatin1Char(' ') + tr("(%n unread)", nullptr, peer.view.unread);
    }
    QString preview = tr("No messages yet");
    if (peer.last) {
        QString body = peer.last->body.simplified();
        if (body.size() > kPreviewChars) {
            body = body.left(kPreviewChars) + QChar(0x2026);
        }
        preview = peer.last->outgoing ? tr("You: %1").arg(body) : body;
    }
    return first + QLatin1Char('\n') + preview;
}

QVariant PeerListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const api::PeerSummary& peer = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayText(peer);
    case Qt::ToolTipRole:
        return tr("Address: %1").arg(peer.view.address.isEmpty() ? tr("unknown") : peer.view.address);
    case Qt::DecorationRole:
        // Drawn on demand: a QPixmap needs the GUI application, which may not exist yet at construction.
        if (m_online.isNull()) {
            m_online = presenceIcon(true);
            m_offline = presenceIcon(false);
        }
        return peer.view.connected ? m_online : m_offline;
    case Qt::FontRole:
        if (peer.view.unread > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case PeerIdRole:
        return QString::fromStdString(peer.view.record.id.toText());
    case NameRole:
        return nameOf(peer);
    case OnlineRole:
        return peer.view.connected;
    case UnreadRole:
        return peer.view.unread;
    case PreviewRole:
        return peer.last ? peer.last->body : QString();
    default:
        return {};
    }
}

} // namespace confab::ui
