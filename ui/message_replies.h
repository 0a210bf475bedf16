#pragma once

#include "api/node_client.h"

#include <QObject>

#include <optional>

namespace confab::ui {

class Composer;
class ConversationModel;
class EditingBar;

// Replies in the open conversation: Reply on a message puts the composer
// into reply mode, under a bar that says to whom and what it quotes; what
// the user writes then goes out quoting that message (the window sends it,
// asking quoted()). The mode ends once the reply is stored, when the user
// leaves it (Escape, Cancel: the text stays), for an edit, or when the
// quoted message is deleted.
class MessageReplies : public QObject {
    Q_OBJECT
public:
    MessageReplies(api::NodeClient& client, const ConversationModel& conversation, Composer& composer,
                   EditingBar& bar, QObject* parent = nullptr);

    // The message in `row` is to be quoted by what the user writes; nothing
    // for a deleted message, a file drop's row, or while the composer is off.
    void reply(int row);
    // The message being replied to, while the composer is in reply mode.
    [[nodiscard]] std::optional<MessageId> quoted() const { return m_quoted; }
    // The reply quoting `quoted` was stored: what comes next is a plain
    // message again, unless the user has chosen another one to reply to.
    void sent(const MessageId& quoted);

private:
    void show(const api::StoredMessage& message);
    // The node's word on a message: the quoted one may have changed or gone.
    void onMessageChanged(const api::StoredMessage& message);

    api::NodeClient& m_node;
    const ConversationModel& m_conversation;
    Composer& m_composer;
    EditingBar& m_bar;
    std::optional<MessageId> m_quoted;
};

} // namespace confab::ui
