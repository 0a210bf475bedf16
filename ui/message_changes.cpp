#include "message_changes.h"

#include "models/conversation_model.h"
#include "widgets/composer.h"

#include <QPushButton>

namespace confab::ui {

MessageChanges::MessageChanges(api::NodeClient& client, const ConversationModel& conversation,
                               Composer& composer, QWidget& window, QObject* parent)
    : QObject(parent), m_node(client), m_conversation(conversation), m_composer(composer), m_window(window)
{
    connect(&m_composer, &Composer::editSubmitted, this, &MessageChanges::save);
    connect(&m_composer, &Composer::editNewestRequested, this, &MessageChanges::editNewest);
    connect(&m_composer, &Composer::editingChanged, this, [this](bool editing) {
        if (!editing) {
            m_editing.reset();
        }
    });
    connect(&m_node.events(), &api::NodeEvents::messageStateChanged, this, &MessageChanges::onMessageChanged);
}

void MessageChanges::edit(int row)
{
    const api::StoredMessage* message = m_conversation.messageInRow(row);
    const QModelIndex index = m_conversation.index(row);
    if (message == nullptr || !index.data(ConversationModel::EditableRole).toBool() ||
        !m_composer.isEnabled()) {
        return;
    }
    m_editing = message->id;
    m_editingText = message->body;
    m_composer.beginEditing(message->body);
    m_composer.setFocus(Qt::OtherFocusReason);
}

void MessageChanges::editNewest()
{
    if (const std::optional<int> row = m_conversation.newestEditableRow()) {
        edit(*row);
    }
}

void MessageChanges::save(const QString& text)
{
    if (!m_editing) {
        m_composer.endEditing();
        return;
    }
    if (text == m_editingText) {
        m_composer.endEditing(); // nothing changed: nothing to tell the peer
        return;
    }
    const MessageId id = *m_editing;
    m_node.call(
        this, [id, text](api::Node& node) { return node.editMessage(id, text); },
        [this, id](const api::SendResult& result) {
            const bool stillEditing = m_editing == id;
            if (result) {
                if (stillEditing) {
                    m_composer.endEditing();
                }
                return;
            }
            if (stillEditing) {
                m_composer.resumeEditing(); // the new text stays, for another try
            }
            emit failed(tr("Not edited: %1").arg(result.error()));
        });
}

void MessageChanges::confirmDelete(int row)
{
    const api::StoredMessage* message = m_conversation.messageInRow(row);
    if (message == nullptr || !m_conversation.index(row).data(ConversationModel::EditableRole).toBool()) {
        return;
    }
    if (m_confirmation) {
        m_confirmation->raise();
        m_confirmation->activateWindow();
        return;
    }
    auto* box = new QMessageBox(&m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Delete for Everyone?"));
    box->setText(tr("Delete this message for everyone?"));
    box->setInformativeText(
        tr("It goes from this computer now, and from your peer's copy as soon as their Confab is "
           "reachable (one too old to know deletions keeps it). Both conversations will show that a "
           "message was deleted. This cannot be undone."));
    QPushButton* yes = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    yes->setAccessibleName(tr("Delete the message for everyone"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    // Enter and Escape keep the message, unless the user moved the focus to Delete.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, yes, id = message->id] {
        if (box->clickedButton() != yes) {
            return;
        }
        m_node.call(
            this, [id](api::Node& node) { return node.deleteMessage(id); },
            [this](const api::SendResult& result) {
                if (!result) {
                    emit failed(tr("Not deleted: %1").arg(result.error()));
                }
            });
    });
    m_confirmation = box;
    box->open();
}

void MessageChanges::onMessageChanged(const api::StoredMessage& message)
{
    // Deleted meanwhile (from the context menu, or by another front end):
    // nothing is left to edit.
    if (m_editing == message.id && message.deletedMs) {
        m_composer.endEditing();
    }
}

} // namespace confab::ui
