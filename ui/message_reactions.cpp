#include "message_reactions.h"

#include "models/conversation_model.h"

namespace confab::ui {

MessageReactions::MessageReactions(api::NodeClient& client, const ConversationModel& conversation,
                                   QObject* parent)
    : QObject(parent), m_node(client), m_conversation(conversation)
{
}

void MessageReactions::react(int row, const QString& emoji)
{
    const api::StoredMessage* message = m_conversation.messageInRow(row);
    if (message == nullptr || message->deletedMs) {
        return;
    }
    // Choosing the reaction one has is taking it back, as in other messengers.
    const QString wanted = emoji == message->ownReaction ? QString() : emoji;
    if (wanted.isEmpty() && message->ownReaction.isEmpty()) {
        return; // nothing to take back
    }
    m_node.call(
        this, [id = message->id, wanted](api::Node& node) { return node.react(id, wanted); },
        [this, takenBack = wanted.isEmpty()](const api::SendResult& result) {
            if (!result) {
                emit failed(takenBack ? tr("Reaction not taken back: %1").arg(result.error())
                                      : tr("Reaction not sent: %1").arg(result.error()));
            }
        });
}

} // namespace confab::ui
