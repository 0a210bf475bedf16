#include "room_pane.h"

#include "call_controller.h"
#include "composer.h"
#include "message_delegate.h"
#include "models/conversation_model.h"
#include "models/room_conversation_model.h"
#include "models/room_list_model.h"
#include "room_actions.h"
#include "room_call_panel.h"
#include "room_member_list.h"
#include "room_text.h"
#include "theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace confab::ui {

RoomPane::RoomPane(api::NodeClient& client, RoomActions& actions, CallController& calls, QWidget* parent)
    : QWidget(parent), m_node(client), m_actions(actions), m_calls(calls),
      m_model(new RoomConversationModel(client, this)), m_delegate(new MessageDelegate(this))
{
    m_name = new QLabel(this);
    m_name->setAccessibleName(tr("Room name"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_name->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_name->setFont(bold);
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("Room members and presence"));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, theme::mutedText(muted));
    m_summary->setPalette(muted);

    m_callAction = new QAction(tr("&Call Room"), this);
    m_callAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_callAction, &QAction::triggered, this, [this] { m_calls.callRoom(room()); });
    m_inviteAction = new QAction(tr("&Invite to Room…"), this);
    m_inviteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_renameAction = new QAction(tr("Re&name Room…"), this);
    m_leaveAction = new QAction(tr("&Leave Room…"), this);
    connect(m_inviteAction, &QAction::triggered, this, [this] { m_actions.invite(view()); });
    connect(m_renameAction, &QAction::triggered, this, [this] { m_actions.rename(view()); });
    connect(m_leaveAction, &QAction::triggered, this, [this] { m_actions.leave(view()); });

    // No letter of its own: Alt+C opens the Call menu.
    m_callButton = new QPushButton(tr("Call"), this);
    m_callButton->setAccessibleName(tr("Call everyone in the room"));
    m_callButton->setAutoDefault(false);
    connect(m_callButton, &QPushButton::clicked, m_callAction, &QAction::trigger);
    m_inviteButton = new QPushButton(tr("&Invite…"), this);
    m_inviteButton->setAccessibleName(tr("Invite people to this room"));
    connect(m_inviteButton, &QPushButton::clicked, m_inviteAction, &QAction::trigger);
    m_leaveButton = new QPushButton(tr("Lea&ve…"), this);
    m_leaveButton->setAccessibleName(tr("Leave this room"));
    connect(m_leaveButton, &QPushButton::clicked, m_leaveAction, &QAction::trigger);

    auto* titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_name);
    titles->addWidget(m_summary);
    auto* header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_callButton, 0, Qt::AlignVCenter);
    header->addWidget(m_inviteButton, 0, Qt::AlignVCenter);
    header->addWidget(m_leaveButton, 0, Qt::AlignVCenter);

    m_callPanel = new RoomCallPanel(this);
    m_callPanel->hide();
    connect(m_callPanel, &RoomCallPanel::joinRequested, &m_calls, &CallController::answer);
    connect(m_callPanel, &RoomCallPanel::declineRequested, &m_calls, &CallController::decline);
    connect(m_callPanel, &RoomCallPanel::muteToggled, &m_calls, &CallController::setMuted);
    connect(m_callPanel, &RoomCallPanel::leaveRequested, &m_calls, &CallController::hangUp);
    connect(m_callPanel, &RoomCallPanel::silenceToggled, &m_calls, &CallController::setPeerSilenced);
    connect(&m_calls, &CallController::changed, this, &RoomPane::updateCall);
    connect(&m_calls, &CallController::roomCallChanged, this, &RoomPane::updateCall);

    m_messages = new QListView(this);
    m_messages->setModel(m_model);
    m_messages->setItemDelegate(m_delegate);
    m_messages->setAccessibleName(tr("Room messages"));
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setEditTriggers(QAbstractItemView::SelectedClicked | QAbstractItemView::EditKeyPressed);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->setWordWrap(true);
    m_messages->setFrameShape(QFrame::NoFrame);
    connect(m_messages->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this] { m_followBottom = atBottom(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_delegate->clearCache(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                for (int row = from.row(); row <= to.row(); ++row) {
                    m_delegate->forget(m_model->index(row).data(ConversationModel::SeqRole).toLongLong());
                }
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followBottom) {
            QTimer::singleShot(0, m_messages, &QListView::scrollToBottom);
        }
    });
    connect(m_model, &RoomConversationModel::loaded, this, &RoomPane::onLoaded);

    m_members = new RoomMemberList(this);
    connect(m_members, &RoomMemberList::removeRequested, this,
            [this](const PeerId& member, const QString& name) { m_actions.remove(view(), member, name); });
    connect(m_members, &RoomMemberList::promoteRequested, this,
            [this](const PeerId& member, const QString& name) { m_actions.promote(view(), member, name); });

    m_splitter = new QSplitter(this);
    m_splitter->addWidget(m_messages);
    m_splitter->addWidget(m_members);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().height();
    m_splitter->setSizes({em * 30, em * 10});

    m_leftNotice = new QLabel(this);
    m_leftNotice->setWordWrap(true);
    m_leftNotice->setAccessibleName(tr("Membership notice"));
    m_leftNotice->setText(tr("You are no longer a member of this room. Its history stays here; you get "
                             "nothing new unless someone invites you again."));
    m_leftNotice->hide();
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("What went wrong"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette danger = palette();
    danger.setColor(QPalette::WindowText, theme::danger(danger));
    m_error->setPalette(danger);
    m_error->hide();
    connect(&m_actions, &RoomActions::failed, this, &RoomPane::showError);

    m_composer = new Composer(this);
    m_composer->setPlaceholderText(tr("Write to the room — Enter sends, Shift+Enter starts a new line; "
                                      "@name notifies someone"));
    connect(m_composer, &QPlainTextEdit::textChanged, m_error, &QWidget::hide);
    connect(m_composer, &Composer::submitted, this, &RoomPane::send);
    m_send = new QPushButton(tr("&Send"), this);
    m_send->setAccessibleName(tr("Send message to the room"));
    connect(m_send, &QPushButton::clicked, m_composer, &Composer::submit);
    auto* composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(m_callPanel);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_leftNotice);
    layout->addWidget(m_error);
    layout->addLayout(composerRow);
    setTabOrder(m_callButton, m_inviteButton);
    setTabOrder(m_inviteButton, m_leaveButton);
    // The call's buttons, then its rows' (RoomCallPanel keeps those after its own).
    setTabOrder(m_leaveButton, m_callPanel->joinButton());
    setTabOrder(m_callPanel->leaveButton(), m_messages);
    setTabOrder(m_messages, m_members);
    setTabOrder(m_members, m_composer);
    setTabOrder(m_composer, m_send);
    updateChrome();
}

void RoomPane::setRoom(const QString& room)
{
    if (room == m_model->room()) {
        return;
    }
    // What was being written stays with its room, for when the user comes back.
    m_composer->cancelPending();
    if (!m_model->room().isEmpty()) {
        m_drafts.insert(m_model->room(), m_composer->toPlainText());
    }
    m_composer->setPlainText(m_drafts.take(room));
    m_error->hide();
    m_followBottom = true;
    if (room.isEmpty()) {
        m_model->clear();
    } else {
        m_model->setRoom(room);
    }
    updateChrome();
}

QString RoomPane::room() const
{
    return m_model->room();
}

const api::RoomView& RoomPane::view() const
{
    return m_model->view();
}

void RoomPane::refresh()
{
    m_model->reload(); // the node coalesces bursts
}

bool RoomPane::atBottom() const
{
    const QScrollBar* bar = m_messages->verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}

void RoomPane::focusComposer()
{
    m_focusWhenLoaded = !m_composer->isEnabled();
    if (!m_focusWhenLoaded) {
        m_composer->setFocus(Qt::OtherFocusReason);
    }
}

void RoomPane::onLoaded(bool fresh)
{
    m_members->setRoom(view());
    updateChrome();
    if (std::exchange(m_focusWhenLoaded, false) && m_composer->isEnabled()) {
        m_composer->setFocus(Qt::OtherFocusReason);
    }
    if (fresh || m_followBottom) {
        QTimer::singleShot(0, m_messages, &QListView::scrollToBottom);
    }
}

void RoomPane::updateChrome()
{
    const api::RoomView& room = view();
    const bool shown = !m_model->room().isEmpty() && !room.id.isEmpty();
    m_name->setText(shown ? room.name : QString());
    m_summary->setText(shown ? RoomListModel::membersText(room) : QString());
    const bool member = shown && !room.left;
    m_leftNotice->setVisible(shown && room.left);
    m_composer->setEnabled(member);
    m_send->setEnabled(member);
    m_inviteButton->setVisible(member && room.admin);
    m_inviteAction->setEnabled(member && room.admin);
    m_renameAction->setEnabled(member && room.admin);
    m_leaveButton->setVisible(member);
    m_leaveAction->setEnabled(member);
    updateCall(); // member names, or whether the room was left, may have changed with it
    emit viewChanged();
}

bool RoomPane::isCallHere() const
{
    const QString shown = m_model->room();
    return !shown.isEmpty() && m_calls.hasCall() &&
           m_calls.roomOfCall().compare(shown, Qt::CaseInsensitive) == 0;
}

QString RoomPane::memberName(const PeerId& peer) const
{
    for (const api::RoomMemberView& member : view().members) {
        if (member.peer == peer) {
            return RoomText::memberName(peer, member.name);
        }
    }
    return RoomText::memberName(peer, QString());
}

void RoomPane::updateCall()
{
    const bool here = isCallHere();
    if (here) {
        std::vector<RoomCallPanel::Member> members;
        for (const api::CallView& link : m_calls.roomCallLinks()) {
            members.push_back({link, memberName(link.peer)});
        }
        m_callPanel->showCall(*m_calls.currentCall(), m_calls.roomCall().peopleInCall(), members);
    }
    m_callPanel->setVisible(here);
    updateCallAction();
}

void RoomPane::updateCallAction()
{
    const api::RoomView& room = view();
    const bool shown = !m_model->room().isEmpty() && !room.id.isEmpty();
    bool available = shown && !room.left;
    QString tip;
    if (!shown) {
        tip = tr("Open a room to call it");
    } else if (room.left) {
        tip = tr("You left this room: there is nobody to call");
    } else if (isCallHere() && m_calls.roomCall().isJoined()) {
        available = false;
        tip = tr("You are in this room's call");
    } else if (isCallHere()) {
        tip = tr("Join the call that rings here (Ctrl+Shift+R)");
    } else if (m_calls.hasCall()) {
        available = false;
        tip = tr("Another call is in progress: hang it up first");
    } else {
        tip = tr("Call everyone in the room who is online (Ctrl+Shift+R)");
    }
    m_callButton->setEnabled(available);
    m_callButton->setToolTip(tip);
    m_callAction->setEnabled(available);
}

void RoomPane::send(const QString& text)
{
    const QString room = m_model->room();
    if (room.isEmpty() || view().left) {
        m_composer->cancelPending();
        return;
    }
    m_error->hide();
    // The text stays in the composer until the node has stored the message.
    m_node.call(
        m_composer, [room, text](api::Node& node) { return node.sendRoomText(room, text); },
        [this, room](const api::RoomMessageResult& result) {
            if (m_model->room() != room) {
                return;
            }
            if (result) {
                m_composer->acceptPending();
                m_followBottom = true;
            } else {
                m_composer->cancelPending();
                showError(tr("Not sent: %1").arg(result.error()));
            }
        });
}

void RoomPane::showError(const QString& error)
{
    m_error->setText(error);
    m_error->show();
}

void RoomPane::clearError()
{
    m_error->hide();
}

} // namespace confab::ui
