#include "peer_list_model.h"

#include "transfer_text.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace confab::ui {

namespace {
constexpr int kPreviewChars = 80;

// Whether the newest thing in the conversation is a file drop rather than a message.
bool dropIsNewest(const api::PeerSummary& peer)
{
    return peer.lastDrop && (!peer.last || peer.lastDrop->createdMs >= peer.last->storedMs);
}

// Names that a person would take for the same one.
QString nameKey(const api::PeerSummary& peer)
{
    return PeerListModel::nameOf(peer).simplified().toCaseFolded();
}
} // namespace

PeerListModel::PeerListModel(QObject* parent) : QAbstractListModel(parent)
{
}

QString PeerListModel::nameOf(const api::PeerSummary& peer)
{
    if (QString name = peer.view.name(); !name.isEmpty()) {
        return name;
    }
    return shortId(peer.view.record.id);
}

QString PeerListModel::shortId(const PeerId& peer)
{
    return QString::fromStdString(peer.toText()).left(12);
}

QString PeerListModel::viaName(const api::PeerSummary& peer) const
{
    if (peer.view.route != api::PeerView::Route::Relay || !peer.view.via) {
        return {};
    }
    if (const auto row = rowOf(*peer.view.via)) {
        return nameOf(at(*row));
    }
    return shortId(*peer.view.via);
}

QString PeerListModel::presenceText(const api::PeerSummary& peer) const
{
    if (peer.view.blocked) {
        return tr("blocked");
    }
    if (peer.view.connected) {
        if (peer.view.typing) {
            return tr("typing…");
        }
        if (peer.view.presence == api::Presence::Away) {
            return tr("away");
        }
        if (peer.view.presence == api::Presence::Busy) {
            return tr("busy");
        }
        return tr("online");
    }
    const QString via = viaName(peer);
    return via.isEmpty() ? tr("offline") : tr("via %1").arg(via);
}

std::vector<const api::PeerSummary*> PeerListModel::namesakesOf(const api::PeerSummary& peer) const
{
    std::vector<const api::PeerSummary*> namesakes;
    const QString key = nameKey(peer);
    for (const api::PeerSummary& other : m_peers) {
        if (other.view.record.id != peer.view.record.id && nameKey(other) == key) {
            namesakes.push_back(&other);
        }
    }
    return namesakes;
}

QString PeerListModel::namesakeWarning(const api::PeerSummary& peer) const
{
    const std::vector<const api::PeerSummary*> namesakes = namesakesOf(peer);
    if (namesakes.empty() || peer.view.record.verified) {
        return {};
    }
    const QString name = nameOf(peer);
    const auto verified = std::find_if(namesakes.begin(), namesakes.end(), [](const api::PeerSummary* other) {
        return other->view.record.verified;
    });
    if (verified != namesakes.end()) {
        const bool reachable = (*verified)->view.connected || !viaName(**verified).isEmpty();
        return reachable
                   ? tr("Another peer named %1, whom you verified, is online. If %1 reinstalled Confab, "
                        "compare the safety number before trusting this one.")
                         .arg(name)
                   : tr("Another peer named %1, whom you verified, is offline. If %1 reinstalled Confab, "
                        "compare the safety number before trusting this one.")
                         .arg(name);
    }
    QStringList ids;
    for (const api::PeerSummary* other : namesakes) {
        ids.append(shortId(other->view.record.id));
    }
    return tr("%n other peer(s) also called %1 (ID %2). This one's ID starts %3. Compare safety numbers to "
              "know "
              "who is who.",
              nullptr, static_cast<int>(namesakes.size()))
        .arg(name, ids.join(QStringLiteral(", ")), shortId(peer.view.record.id));
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

std::optional<int> PeerListModel::rowOf(const PeerId& peer) const
{
    for (std::size_t row = 0; row < m_peers.size(); ++row) {
        if (m_peers[row].view.record.id == peer) {
            return static_cast<int>(row);
        }
    }
    return std::nullopt;
}

int PeerListModel::totalUnread() const
{
    return std::accumulate(m_peers.begin(), m_peers.end(), 0,
                           [](int sum, const api::PeerSummary& peer) { return sum + peer.view.unread; });
}

bool PeerListModel::isUnshownDrop(const api::TransferView& drop) const
{
    const auto row = rowOf(drop.peer);
    if (!row) {
        return false;
    }
    const auto& shown = at(*row).lastDrop;
    return !shown || (shown->id != drop.id && shown->createdMs <= drop.createdMs);
}

void PeerListModel::updateMessage(const api::StoredMessage& message)
{
    const auto row = rowOf(message.peer);
    if (!row) {
        return;
    }
    std::optional<api::StoredMessage>& last = m_peers.at(static_cast<std::size_t>(*row)).last;
    if (last && last->id == message.id) {
        last = message;
        const QModelIndex changed = index(*row);
        emit dataChanged(changed, changed);
    }
}

int PeerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_peers.size());
}

QString PeerListModel::previewText(const api::PeerSummary& peer) const
{
    if (dropIsNewest(peer)) {
        const QString names = TransferText::names(*peer.lastDrop);
        return peer.lastDrop->outgoing ? tr("You sent %1").arg(names) : tr("Sent you %1").arg(names);
    }
    if (!peer.last) {
        return tr("No messages yet");
    }
    if (peer.last->deletedMs) {
        return tr("Message deleted"); // rather than a line with nothing on it
    }
    QString body = peer.last->body.simplified();
    if (body.size() > kPreviewChars) {
        body = body.left(kPreviewChars) + QChar(0x2026);
    }
    return peer.last->outgoing ? tr("You: %1").arg(body) : body;
}

QString PeerListModel::displayText(const api::PeerSummary& peer) const
{
    //: A peer and how it is reached: "Bob — online", "Carol — via Bob".
    QString first = tr("%1 — %2").arg(nameOf(peer), presenceText(peer));
    if (peer.view.unread > 0) {
        first += QLatin1Char(' ') + tr("(%n unread)", nullptr, peer.view.unread);
    }
    return first + QLatin1Char('\n') + previewText(peer);
}

QString PeerListModel::accessibleText(const api::PeerSummary& peer) const
{
    QStringList parts{nameOf(peer)};
    if (!peer.view.nickname.isEmpty() && !peer.view.record.displayName.isEmpty()) {
        parts << tr("calls themselves %1").arg(peer.view.record.displayName);
    }
    if (!namesakesOf(peer).empty()) {
        parts << tr("ID %1, another peer has the same name").arg(shortId(peer.view.record.id));
    }
    if (peer.view.blocked) {
        parts << tr("blocked: nothing from them reaches you");
    }
    const QString via = viaName(peer);
    // Through relays: who carries the messages, and how far away the peer is.
    if (!peer.view.blocked) {
        parts << (via.isEmpty() ? presenceText(peer)
                                : tr("reached via %1, %n hop(s) away", nullptr, peer.view.hops).arg(via));
    }
    parts << (peer.view.record.verified ? tr("verified") : tr("not verified"));
    if (peer.view.keyWarning) {
        parts << tr("key warning: read it before sending");
    }
    if (peer.view.unread > 0) {
        parts << tr("%n unread", nullptr, peer.view.unread);
    }
    parts << tr("last message: %1").arg(previewText(peer));
    return parts.join(QStringLiteral(", "));
}

QVariant PeerListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const api::PeerSummary& peer = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(peer);
    case Qt::AccessibleTextRole:
        return accessibleText(peer);
    case Qt::ToolTipRole:
        if (peer.view.blocked) {
            return tr("%1\nTo let them in again: Unblock, in the Peer menu or this list's context menu.")
                .arg(accessibleText(peer));
        }
        if (!viaName(peer).isEmpty()) {
            // No address of its own to show: the messages go through the relay.
            return tr("%1\nNo direct connection: messages go through %2, who cannot read them.")
                .arg(accessibleText(peer), viaName(peer));
        }
        return tr("%1\nAddress: %2")
            .arg(accessibleText(peer), peer.view.address.isEmpty() ? tr("unknown") : peer.view.address);
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
    case PresenceRole:
        return peer.view.connected && peer.view.presence ? QVariant(static_cast<int>(*peer.view.presence))
                                                         : QVariant();
    case UnreadRole:
        return peer.view.unread;
    case AvatarRole:
        return peer.view.avatar;
    case PreviewRole:
        return peer.last ? peer.last->body : QString();
    case PreviewTextRole:
        return previewText(peer);
    case VerifiedRole:
        return peer.view.record.verified;
    case KeyWarningRole:
        return peer.view.keyWarning.has_value();
    case AddressRole:
        return peer.view.address;
    case ViaRole:
        return viaName(peer);
    case HopsRole:
        return peer.view.hops;
    case BlockedRole:
        return peer.view.blocked;
    case AnnouncedNameRole:
        return peer.view.record.displayName;
    case NamesakeIdRole:
        return namesakesOf(peer).empty() ? QString() : shortId(peer.view.record.id);
    case LastTimeRole: {
        if (!peer.last && !peer.lastDrop) {
            return QString();
        }
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(dropIsNewest(peer) ? peer.lastDrop->createdMs
                                                                                 : peer.last->storedMs);
        return when.date() == QDate::currentDate() ? when.toString(QStringLiteral("HH:mm"))
                                                   : QLocale().toString(when.date(), QLocale::ShortFormat);
    }
    default:
        return {};
    }
}

} // namespace confab::ui
