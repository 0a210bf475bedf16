#include "room_conversation_model.h"

#include "models/conversation_model.h"
#include "room_text.h"
#include "widgets/message_text.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

namespace confab::ui {

RoomConversationModel::RoomConversationModel(api::NodeClient& client, QObject* parent)
    : QAbstractListModel(parent), m_node(client)
{
    connect(&m_node.events(), &api::NodeEvents::roomMessageStored, this,
            &RoomConversationModel::onMessageStored);
}

void RoomConversationModel::setRoom(const QString& room)
{
    beginResetModel();
    m_room = room;
    m_view = {};
    m_rows.clear();
    endResetModel();
    ++m_generation;
    reload();
}

void RoomConversationModel::clear()
{
    beginResetModel();
    m_room.clear();
    m_view = {};
    m_rows.clear();
    endResetModel();
    ++m_generation;
}

void RoomConversationModel::reload()
{
    if (m_room.isEmpty()) {
        return;
    }
    m_node.call(
        this,
        [room = m_room](api::Node& node) {
            return Loaded{node.room(room), node.roomHistory(room, kHistoryLimit), node.roomEvents(room)};
        },
        [this, room = m_room, generation = m_generation](const Loaded& result) {
            if (generation == m_generation) {
                onLoaded(room, result);
            }
        });
}

qint64 RoomConversationModel::keyOf(const Row& row)
{
    if (const auto* message = std::get_if<api::RoomMessageView>(&row)) {
        return message->seq;
    }
    return std::get<EventRow>(row).key;
}

QList<RoomConversationModel::Row>
RoomConversationModel::merged(const std::vector<api::RoomMessageView>& messages,
                              const std::vector<api::RoomEventView>& events)
{
    QList<Row> rows;
    rows.reserve(static_cast<qsizetype>(messages.size()) + static_cast<qsizetype>(events.size()));
    auto event = events.begin();
    const auto addEvent = [&] {
        rows.append(EventRow{*event, -1 - static_cast<qint64>(event - events.begin())});
        ++event;
    };
    for (const api::RoomMessageView& message : messages) {
        while (event != events.end() && event->timeMs <= message.sentMs) {
            addEvent();
        }
        rows.append(message);
    }
    while (event != events.end()) {
        addEvent();
    }
    return rows;
}

void RoomConversationModel::onLoaded(const QString& room, const Loaded& result)
{
    if (room != m_room || !result.room || !result.history || !result.events) {
        return; // gone meanwhile (the node forgets nothing it showed, so this is a race)
    }
    const bool fresh = m_rows.isEmpty();
    m_view = result.room.value();
    QList<Row> rows = merged(result.history.value(), result.events.value());
    // The rows shown so far are a prefix of the new ones: update and append,
    // so the view keeps its place; anything else (an older message caught
    // up, a change ordered before others) lays the room out again.
    qsizetype same = 0;
    while (same < m_rows.size() && same < rows.size() && keyOf(m_rows.at(same)) == keyOf(rows.at(same))) {
        ++same;
    }
    if (same < m_rows.size()) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    } else {
        for (qsizetype row = 0; row < same; ++row) {
            m_rows[row] = rows.at(row);
        }
        if (same > 0) {
            emit dataChanged(index(0), index(static_cast<int>(same - 1)));
        }
        if (rows.size() > same) {
            beginInsertRows({}, static_cast<int>(same), static_cast<int>(rows.size() - 1));
            m_rows.append(rows.mid(same));
            endInsertRows();
        }
    }
    emit loaded(fresh);
}

void RoomConversationModel::onMessageStored(const api::RoomMessageView& message)
{
    if (message.room != m_room || !message.decrypted) {
        return;
    }
    for (const Row& row : m_rows) {
        if (const auto* shown = std::get_if<api::RoomMessageView>(&row); shown && shown->id == message.id) {
            return;
        }
    }
    // The newest as a rule; a reload puts one caught up from the past in its place.
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(message);
    endInsertRows();
}

const api::RoomMessageView* RoomConversationModel::messageAt(int row) const
{
    if (row < 0 || row >= m_rows.size()) {
        return nullptr;
    }
    return std::get_if<api::RoomMessageView>(&m_rows.at(row));
}

std::int64_t RoomConversationModel::timeOf(qsizetype row) const
{
    const Row& entry = m_rows.at(row);
    if (const auto* message = std::get_if<api::RoomMessageView>(&entry)) {
        return message->sentMs;
    }
    return std::get<EventRow>(entry).event.timeMs;
}

int RoomConversationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

Qt::ItemFlags RoomConversationModel::flags(const QModelIndex& index) const
{
    // Editable only so the view can open a read-only editor for selecting
    // a message's text; a system line has none.
    if (messageAt(index.row()) == nullptr) {
        return QAbstractListModel::flags(index);
    }
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

QVariant RoomConversationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const auto dayOf = [this](qsizetype row) { return QDateTime::fromMSecsSinceEpoch(timeOf(row)).date(); };
    switch (role) {
    case ConversationModel::DayRole:
        return dayOf(index.row());
    case ConversationModel::DaySeparatorRole: {
        const QDate day = dayOf(index.row());
        if (index.row() > 0 && dayOf(index.row() - 1) == day) {
            return QString();
        }
        return ConversationModel::dayText(day, QDate::currentDate());
    }
    case ConversationModel::TimeTextRole:
        return QDateTime::fromMSecsSinceEpoch(timeOf(index.row())).toString(QStringLiteral("HH:mm"));
    case ConversationModel::SeqRole:
        return keyOf(m_rows.at(index.row()));
    case ConversationModel::NewMarkerRole:
        return false;
    case ConversationModel::TransferRole:
        return {};
    default:
        break;
    }
    if (const api::RoomMessageView* message = messageAt(index.row())) {
        return messageData(*message, role);
    }
    const api::RoomEventView& event = std::get<EventRow>(m_rows.at(index.row())).event;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
    case ConversationModel::SystemLineRole:
        return RoomText::eventLine(event);
    case Qt::ToolTipRole:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.timeMs), QLocale::LongFormat);
    case ConversationModel::OutgoingRole:
        return false;
    case ConversationModel::LinksRole:
        return QVariant::fromValue(QList<QUrl>());
    default:
        return {};
    }
}

QVariant RoomConversationModel::messageData(const api::RoomMessageView& message, int role) const
{
    const QString sender = RoomText::memberName(message.sender, message.senderName);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return message.text;
    case Qt::AccessibleTextRole: {
        const QString time = QDateTime::fromMSecsSinceEpoch(message.sentMs).toString(QStringLiteral("HH:mm"));
        if (message.outgoing) {
            return tr("You at %1, %2: %3").arg(time, RoomText::receiptText(message), message.text);
        }
        return message.mentionsYou ? tr("%1 at %2, mentions you: %3").arg(sender, time, message.text)
                                   : tr("%1 at %2: %3").arg(sender, time, message.text);
    }
    case Qt::ToolTipRole: {
        const QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(message.sentMs), QLocale::LongFormat);
        const QString receipts = RoomText::receiptDetails(message, m_view);
        return receipts.isEmpty() ? when : tr("%1\n%2").arg(when, receipts);
    }
    case ConversationModel::OutgoingRole:
        return message.outgoing;
    case ConversationModel::StateTextRole:
        return RoomText::receiptText(message);
    case ConversationModel::SenderRole:
        return message.outgoing ? QString() : sender;
    case ConversationModel::SystemLineRole:
        return QString();
    case ConversationModel::MentionRole:
        return message.mentionsYou;
    case ConversationModel::LinksRole: {
        QList<QUrl> urls;
        for (const message_text::Link& link : message_text::findLinks(message.text)) {
            urls.append(link.url);
        }
        return QVariant::fromValue(urls);
    }
    default:
        return {};
    }
}

} // namespace confab::ui
