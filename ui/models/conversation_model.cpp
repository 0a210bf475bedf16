#include "conversation_model.h"

#include "widgets/message_text.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

#include <algorithm>

namespace confab::ui {

ConversationModel::ConversationModel(api::NodeClient& client, QObject* parent)
    : QAbstractListModel(parent), m_node(client)
{
    connect(&m_node.events(), &api::NodeEvents::messageStored, this, &ConversationModel::onMessageStored);
    connect(&m_node.events(), &api::NodeEvents::messageStateChanged, this,
            &ConversationModel::onMessageStateChanged);
    connect(&m_node.events(), &api::NodeEvents::conversationRead, this,
            [this](const PeerId& peer) { onConversationRead(peer); });
}

void ConversationModel::load(std::int64_t beforeSeq)
{
    const PeerId peer = *m_peer;
    m_node.call(
        this, [peer, beforeSeq](api::Node& node) { return node.history(peer, kPageSize, beforeSeq); },
        [this, peer, beforeSeq](const api::StoredMessages& page) { onHistoryLoaded(peer, beforeSeq, page); });
}

void ConversationModel::setPeer(const PeerId& peer, int unread)
{
    beginResetModel();
    m_peer = peer;
    m_unreadAtOpen = unread;
    m_newFromSeq.reset();
    m_messages.clear();
    m_complete = false;
    m_loading = true;
    m_revealSeq.reset();
    endResetModel();
    load(0);
}

void ConversationModel::reveal(std::int64_t seq)
{
    m_revealSeq = seq;
    continueReveal();
}

void ConversationModel::continueReveal()
{
    if (!m_revealSeq || m_loading) {
        return; // nothing asked for, or a page is on its way (it comes back here)
    }
    const std::int64_t wanted = *m_revealSeq;
    const auto at =
        std::lower_bound(m_messages.cbegin(), m_messages.cend(), wanted,
                         [](const api::StoredMessage& m, std::int64_t seq) { return m.seq < seq; });
    if (at != m_messages.cend() && at->seq == wanted) {
        m_revealSeq.reset();
        emit messageRevealed(static_cast<int>(at - m_messages.cbegin()));
    } else if (at == m_messages.cbegin() && canLoadOlder()) {
        loadOlder();
    } else {
        m_revealSeq.reset(); // not in this conversation
    }
}

void ConversationModel::clear()
{
    beginResetModel();
    m_peer.reset();
    m_messages.clear();
    m_complete = true;
    m_loading = false;
    m_revealSeq.reset();
    endResetModel();
}

int ConversationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

QString ConversationModel::stateText(api::MessageState state)
{
    switch (state) {
    case api::MessageState::Queued:
        return tr("queued");
    case api::MessageState::Sent:
        return tr("sent");
    case api::MessageState::Relayed:
        return tr("relayed");
    case api::MessageState::Delivered:
        return tr("delivered");
    case api::MessageState::Read:
        return tr("read");
    case api::MessageState::Unread:
        return tr("new");
    case api::MessageState::ReadIncoming:
        return QString();
    }
    return QString();
}

QString ConversationModel::dayText(const QDate& day, const QDate& today)
{
    if (day == today) {
        return tr("Today");
    }
    if (day == today.addDays(-1)) {
        return tr("Yesterday");
    }
    return QLocale().toString(day, QLocale::LongFormat);
}

QDate ConversationModel::dayOf(int row) const
{
    return QDateTime::fromMSecsSinceEpoch(m_messages.at(row).storedMs).date();
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const api::StoredMessage& message = m_messages.at(index.row());
    const QString time = QDateTime::fromMSecsSinceEpoch(message.storedMs).toString(QStringLiteral("HH:mm"));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return message.body;
    case NewMarkerRole:
        return m_newFromSeq == message.seq;
    case Qt::AccessibleTextRole: {
        const QString said = message.outgoing
                                 ? tr("You at %1, %2: %3").arg(time, stateText(message.state), message.body)
                                 : tr("Received at %1: %2").arg(time, message.body);
        return m_newFromSeq == message.seq ? tr("New messages. %1").arg(said) : said;
    }
    case Qt::ToolTipRole: {
        const QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(message.storedMs), QLocale::LongFormat);
        if (message.outgoing && message.state == api::MessageState::Queued) {
            return tr("%1\nQueued: it will be sent when they come back online.").arg(when);
        }
        if (message.outgoing && message.state == api::MessageState::Relayed) {
            return tr("%1\nRelayed: another peer holds it, sealed so that only they can read it, and "
                      "passes it on when they are reachable.")
                .arg(when);
        }
        return when;
    }
    case OutgoingRole:
        return message.outgoing;
    case StateTextRole:
        return stateText(message.state);
    case TimeTextRole:
        return time;
    case SeqRole:
        return static_cast<qlonglong>(message.seq);
    case DayRole:
        return dayOf(index.row());
    case DaySeparatorRole: {
        const QDate day = dayOf(index.row());
        if (index.row() > 0 && dayOf(index.row() - 1) == day) {
            return QString();
        }
        return dayText(day, QDate::currentDate());
    }
    case LinksRole: {
        QList<QUrl> urls;
        for (const message_text::Link& link : message_text::findLinks(message.body)) {
            urls.append(link.url);
        }
        return QVariant::fromValue(urls);
    }
    default:
        return {};
    }
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex& index) const
{
    // Editable only so the view can open a read-only editor for selecting text.
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

bool ConversationModel::canLoadOlder() const
{
    return m_peer && !m_loading && !m_complete && !m_messages.isEmpty();
}

void ConversationModel::loadOlder()
{
    if (!canLoadOlder()) {
        return;
    }
    m_loading = true;
    load(m_messages.front().seq);
}

void ConversationModel::onHistoryLoaded(const PeerId& peer, std::int64_t beforeSeq,
                                        const api::StoredMessages& messages)
{
    if (!m_peer || peer != *m_peer || !m_loading) {
        return; // an answer for a conversation no longer shown
    }
    const bool older = beforeSeq > 0;
    if (older && (m_messages.isEmpty() || beforeSeq != m_messages.front().seq)) {
        return;
    }
    m_loading = false;
    m_complete = static_cast<int>(messages.size()) < kPageSize;
    if (!messages.empty()) {
        const int count = static_cast<int>(messages.size());
        if (older) {
            beginInsertRows({}, 0, count - 1);
            m_messages = QList<api::StoredMessage>(messages.begin(), messages.end()) + m_messages;
        } else {
            beginResetModel();
            m_messages = QList<api::StoredMessage>(messages.begin(), messages.end());
        }
        if (!older && m_unreadAtOpen > 0) {
            // The oldest of the newest `unread` incoming messages (in this page).
            int incoming = 0;
            for (auto it = m_messages.crbegin(); it != m_messages.crend() && incoming < m_unreadAtOpen;
                 ++it) {
                if (!it->outgoing) {
                    m_newFromSeq = it->seq;
                    ++incoming;
                }
            }
        }
        older ? endInsertRows() : endResetModel();
        if (older && count < m_messages.size()) {
            // The first row of the previous page may no longer start a day.
            const QModelIndex previousFirst = index(count);
            emit dataChanged(previousFirst, previousFirst, {DaySeparatorRole});
        }
    }
    emit pageLoaded(static_cast<int>(messages.size()), older);
    continueReveal();
}

void ConversationModel::onMessageStored(const api::StoredMessage& message)
{
    // While the first page loads, it will contain anything stored before it.
    if (!m_peer || message.peer != *m_peer || (m_loading && m_messages.isEmpty())) {
        return;
    }
    if (!m_messages.isEmpty() && message.seq <= m_messages.back().seq) {
        return;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_messages.push_back(message);
    endInsertRows();
    if (message.outgoing && m_newFromSeq) {
        // The user has answered: what was new has been read.
        const std::optional<int> marked = newMarkerRow();
        m_newFromSeq.reset();
        if (marked) {
            emit dataChanged(index(*marked), index(*marked), {NewMarkerRole});
        }
    }
}

void ConversationModel::markNewFrom(std::int64_t seq)
{
    if (m_newFromSeq && *m_newFromSeq <= seq) {
        return;
    }
    m_newFromSeq = seq;
    if (const std::optional<int> row = newMarkerRow()) {
        emit dataChanged(index(*row), index(*row), {NewMarkerRole});
    }
}

std::optional<int> ConversationModel::newMarkerRow() const
{
    if (!m_newFromSeq) {
        return std::nullopt;
    }
    for (int row = static_cast<int>(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).seq == *m_newFromSeq) {
            return row;
        }
    }
    return std::nullopt;
}

void ConversationModel::onMessageStateChanged(const api::StoredMessage& message)
{
    if (!m_peer || message.peer != *m_peer) {
        return;
    }
    // Receipts are nearly always for recent messages: search from the end.
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        if (m_messages[row].seq == message.seq) {
            m_messages[row].state = message.state;
            const QModelIndex changed = index(static_cast<int>(row));
            emit dataChanged(changed, changed);
            return;
        }
    }
}

void ConversationModel::onConversationRead(const PeerId& peer)
{
    if (!m_peer || peer != *m_peer) {
        return;
    }
    // The node marked every unread message of the conversation in one go
    // and reports it once, not message by message. The events come in the
    // node's order, so each message shown here was stored before the marking
    // and is read now.
    std::optional<qsizetype> first;
    qsizetype last = 0;
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        api::StoredMessage& message = m_messages[row];
        if (!message.outgoing && message.state == api::MessageState::Unread) {
            message.state = api::MessageState::ReadIncoming;
            first = first.value_or(row);
            last = row;
        }
    }
    if (first) {
        emit dataChanged(index(static_cast<int>(*first)), index(static_cast<int>(last)));
    }
}

} // namespace confab::ui
