#pragma once

#include "api/node_client.h"

#include <QObject>

namespace confab::ui {

class ConversationModel;

// The user's reaction to a message of the open conversation, theirs or the
// peer's: one emoji, another in its place, or none again. The node tells
// the model (messageStateChanged); what it refuses is said in words
// (failed()).
class MessageReactions : public QObject {
    Q_OBJECT
public:
    MessageReactions(api::NodeClient& client, const ConversationModel& conversation,
                     QObject* parent = nullptr);

    // `emoji` on the message in `row`, in place of the user's reaction; the
    // one it has already, or none, takes the reaction back. Nothing for a
    // deleted message or a file drop's row.
    void react(int row, const QString& emoji);

signals:
    // A reaction the node refused, as a sentence for the user.
    void failed(const QString& error);

private:
    api::NodeClient& m_node;
    const ConversationModel& m_conversation;
};

} // namespace confab::ui
