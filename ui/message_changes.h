#pragma once

#include "api/node_client.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <optional>

namespace confab::ui {

class Composer;
class ConversationModel;

// Edits and deletes the user's own messages in the open conversation, for
// everyone: an edit happens in the composer, in place of the draft (which
// comes back when the edit is saved or given up); a deletion is confirmed
// first. What the node refuses is said in words (failed()).
class MessageChanges : public QObject {
    Q_OBJECT
public:
    MessageChanges(api::NodeClient& client, const ConversationModel& conversation, Composer& composer,
                   QWidget& window, QObject* parent = nullptr);

    // The user's message in the conversation's `row` goes into the composer;
    // nothing for any other row, nor while the composer is off.
    void edit(int row);
    // Up in the empty composer: the newest message the user may edit.
    void editNewest();
    // Asks (Delete, Cancel — Cancel by default), then deletes the user's
    // message in `row` for everyone.
    void confirmDelete(int row);
    // The question confirmDelete() asks, while it is open.
    [[nodiscard]] QMessageBox* confirmation() const { return m_confirmation; }

signals:
    // An edit or deletion the node refused, as a sentence for the user.
    void failed(const QString& error);

private:
    void save(const QString& text);
    // The node's word on a message: the one in the composer may be gone.
    void onMessageChanged(const api::StoredMessage& message);

    api::NodeClient& m_node;
    const ConversationModel& m_conversation;
    Composer& m_composer;
    QWidget& m_window;
    std::optional<MessageId> m_editing; // the message in the composer
    QString m_editingText;              // its text when the edit began
    QPointer<QMessageBox> m_confirmation;
};

} // namespace confab::ui
