#pragma once

#include "api/node_client.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;

namespace confab::ui {

class CallController;
class Composer;
class MessageDelegate;
class RoomActions;
class RoomCallPanel;
class RoomConversationModel;
class RoomMemberList;

// A room in place of a conversation: its name and members over its
// messages and system lines, the members (presence, admins) beside them,
// and the composer. Call, Invite…, Rename… and Leave… are buttons in the
// header and actions for the Room menu; an admin removes or promotes a
// member from the member list's context menu. While this side is in the
// room's call, or it rings here, the call's panel shows under the header.
// Files dropped on the messages go to the other members (the window sends
// them: it knows which members are blocked).
class RoomPane : public QWidget {
    Q_OBJECT
public:
    RoomPane(api::NodeClient& client, RoomActions& actions, CallController& calls, QWidget* parent = nullptr);

    // Shows the room with this id; empty shows none.
    void setRoom(const QString& room);
    [[nodiscard]] QString room() const;
    // Puts the keyboard in the message box, now or once the room has loaded.
    void focusComposer();
    // Something about rooms changed: loads the shown one again.
    void refresh();
    // The room as last loaded.
    [[nodiscard]] const api::RoomView& view() const;

    // The Room menu's actions, for the shown room.
    [[nodiscard]] QAction* callAction() const { return m_callAction; }
    [[nodiscard]] QAction* inviteAction() const { return m_inviteAction; }
    [[nodiscard]] QAction* renameAction() const { return m_renameAction; }
    [[nodiscard]] QAction* leaveAction() const { return m_leaveAction; }
    // The messages, where files dropped go to the other members.
    [[nodiscard]] QListView* messageList() const { return m_messages; }

    // For tests and screenshots.
    [[nodiscard]] RoomConversationModel* model() const { return m_model; }
    [[nodiscard]] RoomMemberList* memberList() const { return m_members; }
    [[nodiscard]] Composer* composer() const { return m_composer; }
    [[nodiscard]] QPushButton* sendButton() const { return m_send; }
    [[nodiscard]] QPushButton* callButton() const { return m_callButton; }
    [[nodiscard]] RoomCallPanel* callPanel() const { return m_callPanel; }
    [[nodiscard]] QPushButton* inviteButton() const { return m_inviteButton; }
    [[nodiscard]] QLabel* nameLabel() const { return m_name; }
    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }
    [[nodiscard]] QSplitter* splitter() const { return m_splitter; }

public slots:
    void showError(const QString& error);
    void clearError();

signals:
    // The room shown, or what is known of it (members, whether it was left), changed.
    void viewChanged();

private:
    void send(const QString& text);
    void onLoaded(bool fresh);
    void updateChrome();
    // The call's panel and the Call button and action, for the call in progress.
    void updateCall();
    void updateCallAction();
    // The call in progress is this room's.
    [[nodiscard]] bool isCallHere() const;
    [[nodiscard]] QString memberName(const PeerId& peer) const;
    [[nodiscard]] bool atBottom() const;

    api::NodeClient& m_node;
    RoomActions& m_actions;
    CallController& m_calls;
    RoomConversationModel* m_model;
    MessageDelegate* m_delegate;
    QLabel* m_name;
    QLabel* m_summary;
    QPushButton* m_callButton;
    QPushButton* m_inviteButton;
    QPushButton* m_leaveButton;
    RoomCallPanel* m_callPanel;
    QSplitter* m_splitter;
    QListView* m_messages;
    RoomMemberList* m_members;
    QLabel* m_leftNotice;
    QLabel* m_error;
    Composer* m_composer;
    QPushButton* m_send;
    QAction* m_callAction;
    QAction* m_inviteAction;
    QAction* m_renameAction;
    QAction* m_leaveAction;
    bool m_followBottom = true;
    bool m_focusWhenLoaded = false;
    // Unsent text of the rooms not shown, by room id.
    QHash<QString, QString> m_drafts;
};

} // namespace confab::ui
