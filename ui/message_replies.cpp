#include "message_replies.h"

#include "models/conversation_model.h"
#include "widgets/composer.h"
#include "widgets/editing_bar.h"

namespace confab::ui {

MessageReplies::MessageReplies(api::NodeClient& client, const ConversationModel& conversation,
                               Composer& composer, EditingBar& bar, QObject* parent)
    : QObject(parent), m_node(client), m_conversation(conversation), m_composer(composer), m_bar(bar)
{
    connect(&m_composer, &Composer::replyingChanged, this, [this](bool replying) {
        if (!replying) {
            m_quoted.reset();
            if (!m_composer.isEditing()) {
                m_bar.hide();
            }
        }
    });
    connect(&m_node.events(), &api::NodeEvents::messageStateChanged, this, &MessageReplies::onMessageChanged);
}

void MessageReplies::reply(int row)
{
    const api::StoredMessage* message = m_conversation.messageInRow(row);
    if (message == nullptr || message->deletedMs || !m_composer.isEnabled()) {
        return;
    }
    m_composer.beginReplying();
    m_quoted = message->id;
    show(*message);
    m_composer.setFocus(Qt::OtherFocusReason);
}

void MessageReplies::show(const api::StoredMessage& message)
{
    const QString title =
        message.outgoing ? tr("Replying to yourself") : tr("Replying to %1").arg(m_conversation.peerName());
    m_bar.showReplying(title, ConversationModel::quoteLine(message.body));
}

void MessageReplies::sent(const MessageId& quoted)
{
    if (m_quoted == quoted) {
        m_composer.endReplying();
    }
}

void MessageReplies::onMessageChanged(const api::StoredMessage& message)
{
    if (m_quoted != message.id) {
        return;
    }
    if (message.deletedMs) {
        m_composer.endReplying(); // nothing left to quote; what is written stays
    } else {
        show(message); // edited: the bar quotes it as it is now
    }
}

} // namespace confab::ui
