#include "conversation_export.h"
#include "node_parts.h"
#include "storage/search_query.h"

#include <QCoreApplication>
#include <QPromise>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <map>

// Node: 1:1 chat.
namespace confab::api {

QFuture<SendResult> Node::sendText(const PeerId& to, const QString& text)
{
    return sendMessage(to, std::nullopt, text);
}

QFuture<SendResult> Node::sendReply(const PeerId& to, const MessageId& quoted, const QString& text)
{
    return sendMessage(to, quoted, text);
}

QFuture<SendResult> Node::sendMessage(const PeerId& to, const std::optional<MessageId>& quoted,
                                      const QString& text)
{
    auto promise = std::make_shared<QPromise<SendResult>>();
    QFuture<SendResult> future = promise->future();
    promise->start();
    if (m_parts->open->links.isBlocked(to)) {
        promise->addResult(SendResult(
            m_parts->blockedError(to, QCoreApplication::translate("Node", "nothing can be sent to them"))));
        promise->finish();
        return future;
    }
    auto done = [promise](const chat::ChatService::SendResult& result) {
        promise->addResult(result ? SendResult(toApi(result.value())) : SendResult(result.error()));
        promise->finish();
    };
    if (quoted) {
        m_parts->open->chat.sendReply(to, *quoted, text, std::move(done));
    } else {
        m_parts->open->chat.sendText(to, text, std::move(done));
    }
    return future;
}

std::optional<StoredMessage> Node::message(const MessageId& id)
{
    const auto stored = m_parts->open->messageStore.message(id);
    return stored ? std::optional(toApi(*stored)) : std::nullopt;
}

SendResult Node::editMessage(const MessageId& id, const QString& text)
{
    const auto result = m_parts->open->chat.editMessage(id, text);
    return result ? SendResult(toApi(result.value())) : SendResult(result.error());
}

SendResult Node::deleteMessage(const MessageId& id)
{
    const auto result = m_parts->open->chat.deleteMessage(id);
    return result ? SendResult(toApi(result.value())) : SendResult(result.error());
}

SendResult Node::react(const MessageId& id, const QString& emoji)
{
    const auto result = m_parts->open->chat.react(id, emoji);
    return result ? SendResult(toApi(result.value())) : SendResult(result.error());
}

StoredMessages Node::history(const PeerId& peer, int limit, std::int64_t beforeSeq)
{
    storage::MessageStore& store = m_parts->open->messageStore;
    return toApi(beforeSeq > 0 ? store.historyBefore(peer, beforeSeq, limit) : store.history(peer, limit));
}

SearchResult Node::searchMessages(const QString& text, const std::optional<PeerId>& peer, int limit)
{
    const auto query = storage::ftsQueryFor(text);
    if (!query) {
        return QCoreApplication::translate("Node", "Type a word to search for.");
    }
    auto found = m_parts->open->messageStore.search(*query, peer, limit);
    if (!found) {
        return QCoreApplication::translate(
            "Node", "The search failed; the message database may be damaged (see the log).");
    }
    // Results span conversations: each says whose it is.
    std::map<PeerId, QString> names;
    for (const PeerView& view : peers()) {
        names.emplace(view.record.id, view.name());
    }
    std::vector<FoundMessage> results;
    results.reserve(found->size());
    for (StoredMessage& message : toApi(*found)) {
        const auto name = names.find(message.peer);
        QString peerName = name != names.end() ? name->second : QString();
        results.push_back({std::move(message), std::move(peerName)});
    }
    return results;
}

ExportResult Node::exportConversation(const PeerId& peer, ExportFormat format)
{
    const std::vector<PeerView> views = peers();
    const auto view =
        std::find_if(views.begin(), views.end(), [&](const PeerView& v) { return v.record.id == peer; });
    if (view == views.end()) {
        return QCoreApplication::translate("Node",
                                           "There is no conversation with that peer: it is not known here.");
    }
    const StoredMessages messages = history(peer, std::numeric_limits<int>::max());
    const ExportHeading heading{
        .ownName = displayName(),
        .peerName = view->name(),
        .peer = peer,
        .exportedAt = QDateTime::fromMSecsSinceEpoch(clock().wallMs(), QTimeZone::systemTimeZone()),
    };
    return ConversationExport{
        .document = writeConversation(heading, messages, format),
        .messages = static_cast<std::int64_t>(messages.size()),
        .peerName = heading.peerName,
    };
}

std::optional<StoredMessage> Node::takeOldestUnread(const std::optional<PeerId>& from)
{
    OpenProfile& o = *m_parts->open;
    auto message = o.messageStore.oldestUnread(from);
    if (message && o.chat.markRead(*message)) {
        message->state = storage::MessageState::ReadIncoming;
        m_parts->schedulePeersChanged();
        return toApi(*message);
    }
    return std::nullopt;
}

int Node::markConversationRead(const PeerId& peer)
{
    return static_cast<int>(m_parts->open->chat.markConversationRead(peer));
}

} // namespace confab::api
