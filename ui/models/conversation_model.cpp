#include "conversation_model.h"

#include "reaction_text.h"
#include "transfer_text.h"
#include "widgets/message_text.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace confab::ui {

namespace {
// The newest page of messages and every drop of the conversation, fetched together.
struct FirstPage {
    api::StoredMessages messages;
    std::vector<api::TransferView> drops;
};

// A drop's row has no seq; this key (negative, unlike any seq) names it
// where rows are told apart by SeqRole, such as the delegate's size cache.
qint64 dropKey(const api::TransferView& drop)
{
    return -static_cast<qint64>(qHash(drop.id) >> 1) - 1;
}
} // namespace

ConversationModel::ConversationModel(api::NodeClient& client, QObject* parent)
    : QAbstractListModel(parent), m_node(client)
{
    connect(&m_node.events(), &api::NodeEvents::messageStored, this, &ConversationModel::onMessageStored);
    connect(&m_node.events(), &api::NodeEvents::messageStateChanged, this,
            &ConversationModel::onMessageStateChanged);
    connect(&m_node.events(), &api::NodeEvents::conversationRead, this,
            [this](const PeerId& peer) { onConversationRead(peer); });
    connect(&m_node.events(), &api::NodeEvents::transferChanged, this, &ConversationModel::onTransferChanged);
}

void ConversationModel::load(std::int64_t beforeSeq)
{
    const PeerId peer = *m_peer;
    if (beforeSeq > 0) {
        m_node.call(
            this, [peer, beforeSeq](api::Node& node) { return node.history(peer, kPageSize, beforeSeq); },
            [this, peer, beforeSeq](const api::StoredMessages& page) {
                onHistoryLoaded(peer, beforeSeq, page, std::nullopt);
            });
        return;
    }
    m_node.call(
        this,
        [peer](api::Node& node) {
            FirstPage page{node.history(peer, kPageSize), {}};
            for (api::TransferView& drop : node.transfers()) {
                if (drop.peer == peer) {
                    page.drops.push_back(std::move(drop));
                }
            }
            return page;
        },
        [this, peer](const FirstPage& page) { onHistoryLoaded(peer, 0, page.messages, page.drops); });
}

std::int64_t ConversationModel::timeOf(const Row& row)
{
    if (const auto* message = std::get_if<api::StoredMessage>(&row)) {
        return message->storedMs;
    }
    return std::get<api::TransferView>(row).createdMs;
}

const api::StoredMessage* ConversationModel::messageAt(qsizetype row) const
{
    return std::get_if<api::StoredMessage>(&m_rows.at(row));
}

const api::TransferView* ConversationModel::transferAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? std::get_if<api::TransferView>(&m_rows.at(row)) : nullptr;
}

const api::StoredMessage* ConversationModel::messageInRow(int row) const
{
    return row >= 0 && row < m_rows.size() ? messageAt(row) : nullptr;
}

namespace {
bool isEditable(const api::StoredMessage& message)
{
    return message.outgoing && !message.deletedMs;
}
} // namespace

std::optional<int> ConversationModel::newestEditableRow() const
{
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (const api::StoredMessage* message = messageAt(row); message && isEditable(*message)) {
            return static_cast<int>(row);
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> ConversationModel::oldestSeq() const
{
    for (const Row& row : m_rows) {
        if (const auto* message = std::get_if<api::StoredMessage>(&row)) {
            return message->seq;
        }
    }
    return std::nullopt;
}

std::optional<qsizetype> ConversationModel::rowOfMessage(std::int64_t seq) const
{
    // Wanted messages are nearly always recent ones: search from the end.
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (const api::StoredMessage* message = messageAt(row); message && message->seq == seq) {
            return row;
        }
    }
    return std::nullopt;
}

void ConversationModel::setPeer(const PeerId& peer, int unread)
{
    beginResetModel();
    m_peer = peer;
    m_unreadAtOpen = unread;
    m_newFromSeq.reset();
    m_rows.clear();
    m_olderDrops.clear();
    m_complete = false;
    m_loading = true;
    m_revealSeq.reset();
    m_quotes.clear();
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
    if (const std::optional<qsizetype> row = rowOfMessage(wanted)) {
        m_revealSeq.reset();
        emit messageRevealed(static_cast<int>(*row));
    } else if (oldestSeq() > wanted && canLoadOlder()) {
        loadOlder();
    } else {
        m_revealSeq.reset(); // not in this conversation
    }
}

void ConversationModel::clear()
{
    beginResetModel();
    m_peer.reset();
    m_rows.clear();
    m_olderDrops.clear();
    m_complete = true;
    m_loading = false;
    m_revealSeq.reset();
    m_quotes.clear();
    endResetModel();
}

void ConversationModel::setPeerName(const QString& name)
{
    if (name == m_peerName) {
        return;
    }
    m_peerName = name;
    if (!m_rows.isEmpty()) {
        // Quotes of the peer's messages and reactions say the name.
        emit dataChanged(index(0), index(rowCount() - 1),
                         {QuoteSenderRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
    }
}

int ConversationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
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

QString ConversationModel::deletedText(bool outgoing)
{
    return outgoing ? tr("You deleted this message") : tr("This message was deleted");
}

QString ConversationModel::quoteLine(const QString& body)
{
    // A text may start with blank lines; the first words are what the reader recognises.
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (QString trimmed = line.trimmed(); !trimmed.isEmpty()) {
            return trimmed;
        }
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
    return QDateTime::fromMSecsSinceEpoch(timeOf(m_rows.at(row))).date();
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QString time =
        QDateTime::fromMSecsSinceEpoch(timeOf(m_rows.at(index.row()))).toString(QStringLiteral("HH:mm"));
    switch (role) {
    case DayRole:
        return dayOf(index.row());
    case DaySeparatorRole: {
        const QDate day = dayOf(index.row());
        if (index.row() > 0 && dayOf(index.row() - 1) == day) {
            return QString();
        }
        return dayText(day, QDate::currentDate());
    }
    case TimeTextRole:
        return time;
    default:
        break;
    }
    if (const api::TransferView* drop = transferAt(index.row())) {
        return dropData(*drop, role);
    }
    const api::StoredMessage& message = *messageAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return message.body;
    case NewMarkerRole:
        return m_newFromSeq == message.seq;
    case Qt::AccessibleTextRole: {
        const QString said = accessibleText(message, time);
        return m_newFromSeq == message.seq ? tr("New messages. %1").arg(said) : said;
    }
    case Qt::ToolTipRole: {
        QString when =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(message.storedMs), QLocale::LongFormat);
        if (message.editedMs && !message.deletedMs) {
            when = tr("%1\nEdited %2")
                       .arg(when, QLocale().toString(QDateTime::fromMSecsSinceEpoch(*message.editedMs),
                                                     QLocale::LongFormat));
        }
        if (const QString reactions =
                ReactionText::summary(message.deletedMs ? QString() : message.ownReaction,
                                      message.deletedMs ? QString() : message.peerReaction, m_peerName);
            !reactions.isEmpty()) {
            when = tr("%1\n%2").arg(when, reactions);
        }
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
    case SeqRole:
        return static_cast<qlonglong>(message.seq);
    case EditedRole:
        return message.editedMs.has_value() && !message.deletedMs;
    case DeletedRole:
        return message.deletedMs.has_value();
    case EditableRole:
        return isEditable(message);
    case OwnReactionRole:
        return message.deletedMs ? QString() : message.ownReaction;
    case PeerReactionRole:
        return message.deletedMs ? QString() : message.peerReaction;
    case ReplyRole:
        return message.replyTo.has_value() && !message.deletedMs;
    case QuoteSenderRole:
        return quoteOf(message).sender;
    case QuoteTextRole:
        return quoteOf(message).text;
    case QuoteGoneRole:
        return quoteOf(message).gone;
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

QString ConversationModel::accessibleText(const api::StoredMessage& message, const QString& time) const
{
    if (message.deletedMs) {
        return message.outgoing ? tr("You at %1: you deleted this message").arg(time)
                                : tr("Received at %1: this message was deleted").arg(time);
    }
    QString said = message.body;
    if (message.replyTo) {
        const QuoteView quote = quoteOf(message);
        if (quote.sender.isEmpty()) {
            //: A reply whose quoted message is unknown, then the reply's text.
            said = tr("Reply to a message not found. %1").arg(said);
        } else {
            const QString whom = quote.ours ? tr("you") : quote.sender;
            // No full stop after a quote that ends a sentence already ("…coming?").
            const bool ended = !quote.text.isEmpty() && quote.text.back().isPunct();
            //: "Reply to Bob: <the quoted text>. <the reply's text>".
            said = ended ? tr("Reply to %1: %2 %3").arg(whom, quote.text, said)
                         : tr("Reply to %1: %2. %3").arg(whom, quote.text, said);
        }
    }
    if (const QString reactions =
            ReactionText::summary(message.ownReaction, message.peerReaction, m_peerName);
        !reactions.isEmpty()) {
        said = tr("%1. %2").arg(said, reactions);
    }
    if (message.editedMs) {
        return message.outgoing ? tr("You at %1, %2, edited: %3").arg(time, stateText(message.state), said)
                                : tr("Received at %1, edited: %2").arg(time, said);
    }
    return message.outgoing ? tr("You at %1, %2: %3").arg(time, stateText(message.state), said)
                            : tr("Received at %1: %2").arg(time, said);
}

ConversationModel::QuoteView ConversationModel::quoteOf(const api::StoredMessage& message) const
{
    if (!message.replyTo) {
        return {};
    }
    const auto found = m_quotes.find(*message.replyTo);
    if (found == m_quotes.end() || !found->second.answered) {
        return {}; // being looked up: a moment
    }
    const std::optional<api::StoredMessage>& quoted = found->second.message;
    if (!quoted) {
        return {QString(), tr("Original message not found"), true};
    }
    const QString sender =
        quoted->outgoing ? tr("You") : (m_peerName.isEmpty() ? tr("Your peer") : m_peerName);
    if (quoted->deletedMs) {
        return {sender, tr("Deleted message"), true, quoted->outgoing};
    }
    return {sender, quoteLine(quoted->body), false, quoted->outgoing};
}

std::optional<std::int64_t> ConversationModel::quotedSeq(int row) const
{
    const api::StoredMessage* message = messageInRow(row);
    if (message == nullptr || !message->replyTo || message->deletedMs) {
        return std::nullopt;
    }
    const auto found = m_quotes.find(*message->replyTo);
    if (found == m_quotes.end() || !found->second.message) {
        return std::nullopt;
    }
    return found->second.message->seq;
}

void ConversationModel::resolveQuotes(qsizetype first, qsizetype end)
{
    std::vector<MessageId> missing;
    for (qsizetype row = first; row < end; ++row) {
        const api::StoredMessage* message = messageAt(row);
        if (message == nullptr || !message->replyTo || m_quotes.contains(*message->replyTo)) {
            continue;
        }
        const MessageId& wanted = *message->replyTo;
        // A reply nearly always quotes a message shortly before it.
        bool loaded = false;
        for (qsizetype before = row - 1; before >= 0; --before) {
            if (const api::StoredMessage* quoted = messageAt(before); quoted && quoted->id == wanted) {
                m_quotes.insert_or_assign(wanted, Quote{true, *quoted});
                loaded = true;
                break;
            }
        }
        if (!loaded) {
            m_quotes.insert_or_assign(wanted, Quote{});
            missing.push_back(wanted);
        }
    }
    if (missing.empty() || !m_peer) {
        return;
    }
    // All of them in one go, from a page of older messages as from one reply.
    using Found = std::vector<std::pair<MessageId, std::optional<api::StoredMessage>>>;
    m_node.call(
        this,
        [missing](api::Node& node) {
            Found found;
            found.reserve(missing.size());
            for (const MessageId& id : missing) {
                found.emplace_back(id, node.message(id));
            }
            return found;
        },
        [this, peer = *m_peer](const Found& found) { onQuotesFetched(peer, found); });
}

void ConversationModel::onQuotesFetched(
    const PeerId& peer, const std::vector<std::pair<MessageId, std::optional<api::StoredMessage>>>& found)
{
    if (!m_peer || *m_peer != peer) {
        return; // for a conversation no longer shown
    }
    for (const auto& [id, message] : found) {
        auto quote = m_quotes.find(id);
        if (quote == m_quotes.end() || quote->second.answered) {
            continue; // the node told of it meanwhile (messageStateChanged)
        }
        // Only a message of this conversation: a reply cannot quote another one's.
        quote->second = Quote{true, message && message->peer == peer ? message : std::nullopt};
        quoteChanged(id);
    }
}

void ConversationModel::quoteChanged(const MessageId& quoted)
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (const api::StoredMessage* message = messageAt(row); message && message->replyTo == quoted) {
            const QModelIndex changed = index(static_cast<int>(row));
            emit dataChanged(changed, changed,
                             {QuoteSenderRole, QuoteTextRole, QuoteGoneRole, Qt::AccessibleTextRole});
        }
    }
}

QVariant ConversationModel::dropData(const api::TransferView& drop, int role)
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return TransferText::accessible(drop);
    case Qt::ToolTipRole:
        return tr("%1\n%2").arg(
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(drop.createdMs), QLocale::LongFormat),
            drop.names.join(QLatin1Char('\n')));
    case OutgoingRole:
        return drop.outgoing;
    case StateTextRole:
        return QString();
    case SeqRole:
        return dropKey(drop);
    case NewMarkerRole:
        return false;
    case LinksRole:
        return QVariant::fromValue(QList<QUrl>());
    case TransferRole:
        return QVariant::fromValue(drop);
    default:
        return {};
    }
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex& index) const
{
    // Editable only so the view can open a read-only editor for selecting
    // text; a drop's card has none to select, nor has a deleted message.
    const api::StoredMessage* message = messageInRow(index.row());
    if (message == nullptr || message->deletedMs) {
        return QAbstractListModel::flags(index);
    }
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

bool ConversationModel::canLoadOlder() const
{
    return m_peer && !m_loading && !m_complete && oldestSeq().has_value();
}

void ConversationModel::loadOlder()
{
    if (!canLoadOlder()) {
        return;
    }
    m_loading = true;
    load(*oldestSeq());
}

QList<ConversationModel::Row> ConversationModel::withDrops(const api::StoredMessages& messages)
{
    // m_olderDrops is in time order: the ones from the page's first message
    // on are at its end.
    const auto since = m_complete || messages.empty()
                           ? m_olderDrops.begin()
                           : std::find_if(m_olderDrops.begin(), m_olderDrops.end(),
                                          [from = messages.front().storedMs](const api::TransferView& drop) {
                                              return drop.createdMs >= from;
                                          });
    QList<Row> rows;
    rows.reserve(static_cast<qsizetype>(messages.size()) + (m_olderDrops.end() - since));
    auto drop = since;
    for (const api::StoredMessage& message : messages) {
        for (; drop != m_olderDrops.end() && drop->createdMs < message.storedMs; ++drop) {
            rows.push_back(*drop);
        }
        rows.push_back(message);
    }
    for (; drop != m_olderDrops.end(); ++drop) {
        rows.push_back(*drop);
    }
    m_olderDrops.erase(since, m_olderDrops.end());
    return rows;
}

void ConversationModel::onHistoryLoaded(const PeerId& peer, std::int64_t beforeSeq,
                                        const api::StoredMessages& messages,
                                        const std::optional<std::vector<api::TransferView>>& drops)
{
    if (!m_peer || peer != *m_peer || !m_loading) {
        return; // an answer for a conversation no longer shown
    }
    const bool older = beforeSeq > 0;
    if (older && oldestSeq() != beforeSeq) {
        return;
    }
    m_loading = false;
    m_complete = static_cast<int>(messages.size()) < kPageSize;
    if (drops) {
        m_olderDrops = *drops;
        std::stable_sort(
            m_olderDrops.begin(), m_olderDrops.end(),
            [](const api::TransferView& a, const api::TransferView& b) { return a.createdMs < b.createdMs; });
    }
    QList<Row> rows = withDrops(messages);
    if (!rows.isEmpty()) {
        const auto count = static_cast<int>(rows.size());
        if (older) {
            beginInsertRows({}, 0, count - 1);
            m_rows = rows + m_rows;
        } else {
            beginResetModel();
            m_rows = std::move(rows);
        }
        if (!older && m_unreadAtOpen > 0) {
            // The oldest of the newest `unread` incoming messages (in this page).
            int incoming = 0;
            for (auto it = m_rows.crbegin(); it != m_rows.crend() && incoming < m_unreadAtOpen; ++it) {
                const auto* message = std::get_if<api::StoredMessage>(&*it);
                if (message && !message->outgoing) {
                    m_newFromSeq = message->seq;
                    ++incoming;
                }
            }
        }
        older ? endInsertRows() : endResetModel();
        resolveQuotes(0, older ? count : m_rows.size());
        if (older && count < m_rows.size()) {
            // The first row of the previous page may no longer start a day.
            const QModelIndex previousFirst = index(count);
            emit dataChanged(previousFirst, previousFirst, {DaySeparatorRole});
        }
    }
    emit pageLoaded(static_cast<int>(messages.size()), older);
    continueReveal();
}

void ConversationModel::onTransferChanged(const api::TransferView& transfer)
{
    // While the first page loads, it will bring the drop as it is by then.
    if (!m_peer || transfer.peer != *m_peer || (m_loading && m_rows.isEmpty())) {
        return;
    }
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (const auto* shown = std::get_if<api::TransferView>(&m_rows.at(row));
            shown && shown->id == transfer.id) {
            m_rows[row] = transfer;
            const QModelIndex changed = index(static_cast<int>(row));
            emit dataChanged(changed, changed);
            return;
        }
    }
    for (api::TransferView& waiting : m_olderDrops) {
        if (waiting.id == transfer.id) {
            waiting = transfer;
            return;
        }
    }
    // A new drop: nearly always the newest row.
    qsizetype at = m_rows.size();
    while (at > 0 && timeOf(m_rows.at(at - 1)) > transfer.createdMs) {
        --at;
    }
    beginInsertRows({}, static_cast<int>(at), static_cast<int>(at));
    m_rows.insert(at, transfer);
    endInsertRows();
}

void ConversationModel::onMessageStored(const api::StoredMessage& message)
{
    // While the first page loads, it will contain anything stored before it.
    if (!m_peer || message.peer != *m_peer || (m_loading && m_rows.isEmpty())) {
        return;
    }
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (const api::StoredMessage* newest = messageAt(row)) {
            if (message.seq <= newest->seq) {
                return; // the page brought it already
            }
            break;
        }
    }
    if (const auto quote = m_quotes.find(message.id); quote != m_quotes.end()) {
        // Quoted before it arrived here (messages can overtake each other).
        quote->second = Quote{true, message};
        quoteChanged(message.id);
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back(message);
    endInsertRows();
    resolveQuotes(row, row + 1);
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
    if (const std::optional<qsizetype> row = rowOfMessage(*m_newFromSeq)) {
        return static_cast<int>(*row);
    }
    return std::nullopt;
}

void ConversationModel::onMessageStateChanged(const api::StoredMessage& message)
{
    if (!m_peer || message.peer != *m_peer) {
        return;
    }
    if (const auto quote = m_quotes.find(message.id); quote != m_quotes.end()) {
        quote->second = Quote{true, message}; // edited or deleted: its replies show it as it is now
        quoteChanged(message.id);
    }
    const std::optional<qsizetype> row = rowOfMessage(message.seq);
    if (!row) {
        return;
    }
    // The whole message: it may have been edited or deleted, not only moved on.
    auto& shown = std::get<api::StoredMessage>(m_rows[*row]);
    const bool sameText = shown.body == message.body && shown.editedMs == message.editedMs &&
                          shown.deletedMs == message.deletedMs;
    const bool sameReactions =
        shown.ownReaction == message.ownReaction && shown.peerReaction == message.peerReaction;
    shown = message;
    const QModelIndex changed = index(static_cast<int>(*row));
    // A new text is measured and laid out again; new reactions take their
    // row of chips (the row's height, not the text's); a new state only
    // changes words.
    if (!sameText) {
        emit dataChanged(changed, changed);
    } else if (!sameReactions) {
        emit dataChanged(
            changed, changed,
            {OwnReactionRole, PeerReactionRole, StateTextRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
    } else {
        emit dataChanged(changed, changed, {StateTextRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
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
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        auto* message = std::get_if<api::StoredMessage>(&m_rows[row]);
        if (message && !message->outgoing && message->state == api::MessageState::Unread) {
            message->state = api::MessageState::ReadIncoming;
            first = first.value_or(row);
            last = row;
        }
    }
    if (first) {
        emit dataChanged(index(static_cast<int>(*first)), index(static_cast<int>(last)));
    }
}

} // namespace confab::ui
