#include "conversation_view.h"

#include "message_delegate.h"
#include "models/conversation_model.h"
#include "reaction_text.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace confab::ui {

ConversationView::ConversationView(QWidget* parent) : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setResizeMode(QListView::Adjust);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setWordWrap(true);
    setMouseTracking(true);
    setAccessibleName(tr("Conversation"));
    setAccessibleDescription(
        tr("Messages and file drops, newest at the bottom. Ctrl+C copies the selected "
           "messages; F2 or a double click opens a message for selecting part of its "
           "text; Ctrl+R replies to the current message; the menu key lists the links in "
           "it, Reply and React (and, for your own, Edit and Delete for Everyone), or what "
           "can be done with the current file drop; Enter accepts, pauses, resumes or "
           "opens it."));

    auto* copy = new QAction(tr("&Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ConversationView::copySelection);
    addAction(copy);

    setFocusPolicy(Qt::NoFocus); // until there are messages
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followBottom = atBottom();
        // Only the user's scrolling asks for older pages: the top is also where
        // a conversation sits while its first page is laid out.
        if (m_shown && m_model && value == verticalScrollBar()->minimum() && m_model->canLoadOlder()) {
            m_model->loadOlder();
        }
    });
}

bool ConversationView::atBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 4;
}

void ConversationView::setConversation(ConversationModel* model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &ConversationView::updateTabStop);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ConversationView::updateTabStop);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConversationView::updateTabStop);
    connect(model, &ConversationModel::pageLoaded, this, [this] { viewport()->update(); });
    updateTabStop();
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_delegate->clearCache();
        m_shown = false;
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& first, const QModelIndex& last, const QList<int>& roles) {
                // All roles: the text may be another (edited or deleted) and
                // the row of another height, which only a new layout shows.
                const bool textChanged = roles.isEmpty() || roles.contains(Qt::DisplayRole);
                // Reactions come or go as a row of chips under the bubble.
                const bool heightChanged = textChanged || roles.contains(ConversationModel::OwnReactionRole);
                for (int row = first.row(); row <= last.row(); ++row) {
                    m_delegate->forget(m_model->index(row).data(ConversationModel::SeqRole).toLongLong(),
                                       textChanged);
                }
                if (heightChanged) {
                    scheduleDelayedItemsLayout();
                    if (m_followBottom && atBottom()) {
                        // At the newest message, a row grown there (new
                        // reactions, a longer text) stays in sight.
                        QMetaObject::invokeMethod(
                            this,
                            [this] {
                                executeDelayedItemsLayout();
                                scrollToBottom();
                            },
                            Qt::QueuedConnection);
                    }
                }
            });
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex&, int first, int) {
                m_distanceFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
                m_followBottom = first > 0 && atBottom();
            });
    // Queued: after the view has taken in the new rows. Their layout waits
    // for a timer of the view's own, which may not have run yet: run it
    // now, or the scroll range would still be the one without them.
    connect(
        model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex&, int first, int) {
            executeDelayedItemsLayout();
            if (first == 0) {
                verticalScrollBar()->setValue(verticalScrollBar()->maximum() - m_distanceFromBottom);
            } else if (m_followBottom) {
                scrollToBottom();
            }
        },
        Qt::QueuedConnection);
    connect(
        model, &ConversationModel::pageLoaded, this,
        [this](int, bool older) {
            if (!older) {
                scrollToBottom();
                m_shown = true;
                showNewMessages();
            }
        },
        Qt::QueuedConnection);
    // Queued like the above, so it comes after the page's own scrolling.
    connect(model, &ConversationModel::messageRevealed, this, &ConversationView::showMessage,
            Qt::QueuedConnection);
}

void ConversationView::showNewMessages()
{
    const std::optional<int> row = m_model ? m_model->newMarkerRow() : std::nullopt;
    if (!row) {
        return;
    }
    executeDelayedItemsLayout();
    const QModelIndex index = m_model->index(*row);
    // More new messages than the view holds: the first of them at the top,
    // under its "New messages" line, rather than the newest at the bottom.
    if (visualRect(index).top() < 0) {
        scrollTo(index, QAbstractItemView::PositionAtTop);
        m_followBottom = atBottom();
    }
}

void ConversationView::showMessage(int row)
{
    const QModelIndex index = m_model ? m_model->index(row) : QModelIndex();
    if (!index.isValid()) {
        return;
    }
    executeDelayedItemsLayout();
    scrollTo(index, QAbstractItemView::PositionAtCenter);
    setCurrentIndex(index); // selected, so it stands out, and where the keyboard goes on
    m_followBottom = atBottom();
}

void ConversationView::updateTabStop()
{
    const bool empty = !m_model || m_model->rowCount() == 0;
    setFocusPolicy(empty ? Qt::NoFocus : Qt::StrongFocus);
    if (empty && hasFocus()) {
        focusNextChild();
    }
    viewport()->update(); // the empty conversation's line comes or goes
}

void ConversationView::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    if (!m_model || !m_model->peer() || m_model->isLoading() || m_model->rowCount() > 0) {
        return;
    }
    QPainter painter(viewport());
    painter.setPen(theme::mutedText(palette()));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                     m_emptyText.isEmpty() ? tr("No messages yet. Write the first one below.") : m_emptyText);
}

void ConversationView::setEmptyText(const QString& text)
{
    if (text != m_emptyText) {
        m_emptyText = text;
        viewport()->update();
    }
}

void ConversationView::scrollContentsBy(int dx, int dy)
{
    QListView::scrollContentsBy(dx, dy);
    viewport()->update();
}

void ConversationView::resizeEvent(QResizeEvent* event)
{
    const bool follow = m_shown && m_followBottom;
    QListView::resizeEvent(event);
    if (follow) {
        executeDelayedItemsLayout();
        scrollToBottom();
    }
}

QStyleOptionViewItem ConversationView::itemOption(const QModelIndex& index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

QRect ConversationView::metaRect(const QModelIndex& index) const
{
    return m_delegate->metaRect(itemOption(index), index);
}

std::optional<QUrl> ConversationView::linkAt(const QPoint& position) const
{
    const QModelIndex index = indexAt(position);
    if (!index.isValid()) {
        return std::nullopt;
    }
    return m_delegate->linkAt(itemOption(index), index, position);
}

std::optional<TransferAction> ConversationView::transferActionAt(const QPoint& position) const
{
    const QModelIndex index = indexAt(position);
    if (!index.isValid()) {
        return std::nullopt;
    }
    return MessageDelegate::transferActionAt(itemOption(index), index, position);
}

QRect ConversationView::quoteRect(int row) const
{
    const QModelIndex index = m_model ? m_model->index(row) : QModelIndex();
    return index.isValid() ? m_delegate->quoteRect(itemOption(index), index) : QRect();
}

std::vector<QRect> ConversationView::reactionRects(int row) const
{
    const QModelIndex index = m_model ? m_model->index(row) : QModelIndex();
    return index.isValid() ? m_delegate->reactionRects(itemOption(index), index) : std::vector<QRect>();
}

void ConversationView::showQuoted(int row)
{
    if (const std::optional<std::int64_t> seq = m_model ? m_model->quotedSeq(row) : std::nullopt) {
        m_model->reveal(*seq); // then messageRevealed: showMessage()
    }
}

QRect ConversationView::transferButtonRect(int row, TransferAction action) const
{
    const QModelIndex index = m_model ? m_model->index(row) : QModelIndex();
    const api::TransferView* transfer = m_model ? m_model->transferAt(row) : nullptr;
    if (transfer == nullptr) {
        return {};
    }
    for (const auto& [shown, rect] : MessageDelegate::cardButtons(itemOption(index), index, *transfer)) {
        if (shown == action) {
            return rect;
        }
    }
    return {};
}

void ConversationView::requestTransferAction(TransferAction action, const QModelIndex& index)
{
    if (const api::TransferView* transfer = m_model ? m_model->transferAt(index.row()) : nullptr) {
        emit transferActionRequested(action, *transfer);
    }
}

void ConversationView::openLink(const QUrl& url)
{
    emit linkOpened(url);
    QDesktopServices::openUrl(url);
}

void ConversationView::mousePressEvent(QMouseEvent* event)
{
    const bool left = event->button() == Qt::LeftButton;
    m_pressedLink = left ? linkAt(event->position().toPoint()) : std::nullopt;
    m_pressedAction = left ? transferActionAt(event->position().toPoint()) : std::nullopt;
    const QModelIndex pressed = indexAt(event->position().toPoint());
    m_pressedQuote =
        left && pressed.isValid() && quoteRect(pressed.row()).contains(event->position().toPoint())
            ? std::optional(pressed.row())
            : std::nullopt;
    QListView::mousePressEvent(event);
}

void ConversationView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint at = event->position().toPoint();
    const QModelIndex index = indexAt(at);
    const bool onQuote =
        index.isValid() && m_model->quotedSeq(index.row()) && quoteRect(index.row()).contains(at);
    viewport()->setCursor(linkAt(at) || transferActionAt(at) || onQuote ? Qt::PointingHandCursor
                                                                        : Qt::ArrowCursor);
    QListView::mouseMoveEvent(event);
}

void ConversationView::mouseReleaseEvent(QMouseEvent* event)
{
    const std::optional<QUrl> pressed = std::exchange(m_pressedLink, std::nullopt);
    const std::optional<TransferAction> pressedAction = std::exchange(m_pressedAction, std::nullopt);
    const std::optional<int> pressedQuote = std::exchange(m_pressedQuote, std::nullopt);
    QListView::mouseReleaseEvent(event);
    const QPoint at = event->position().toPoint();
    if (pressedQuote && event->button() == Qt::LeftButton && quoteRect(*pressedQuote).contains(at)) {
        showQuoted(*pressedQuote);
    }
    // A click, not a drag that happened to start on a link or a button.
    if (pressed && event->button() == Qt::LeftButton && linkAt(at) == pressed) {
        openLink(*pressed);
    }
    if (pressedAction && event->button() == Qt::LeftButton && transferActionAt(at) == pressedAction) {
        requestTransferAction(*pressedAction, indexAt(at));
    }
}

void ConversationView::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const api::TransferView* transfer = m_model ? m_model->transferAt(currentIndex().row()) : nullptr;
    if (enter && event->modifiers() == Qt::NoModifier && transfer != nullptr) {
        if (const std::optional<TransferAction> primary = TransferActions::primaryAction(*transfer)) {
            requestTransferAction(*primary, currentIndex());
        }
        event->accept();
        return;
    }
    if (event->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_R)) {
        event->accept();
        if (currentIndex().isValid() && canAnswer(currentIndex().row())) {
            emit replyRequested(currentIndex().row());
        }
        return;
    }
    // The menu key and Shift+F10: the current row's menu, wherever the
    // platform would (or would not) make a context menu event of them.
    const bool menuKey = event->key() == Qt::Key_Menu ||
                         (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier);
    if (menuKey && currentIndex().isValid()) {
        event->accept();
        const QPoint at = visualRect(currentIndex()).center();
        QContextMenuEvent menu(QContextMenuEvent::Keyboard, at, viewport()->mapToGlobal(at));
        contextMenuEvent(&menu);
        return;
    }
    QListView::keyPressEvent(event);
}

void ConversationView::contextMenuEvent(QContextMenuEvent* event)
{
    QModelIndex index = event->reason() == QContextMenuEvent::Mouse ? indexAt(event->pos()) : currentIndex();
    QMenu menu(this);
    menu.addActions(actions());
    const api::TransferView* transfer = m_model ? m_model->transferAt(index.row()) : nullptr;
    if (transfer != nullptr) {
        menu.addSeparator();
        const std::optional<TransferAction> primary = TransferActions::primaryAction(*transfer);
        for (const TransferAction action : TransferActions::menuActions(*transfer)) {
            QAction* entry = menu.addAction(TransferActions::label(action), this,
                                            [this, action, index] { requestTransferAction(action, index); });
            if (action == primary) {
                menu.setDefaultAction(entry); // what Enter on the card does
            }
        }
    } else if (index.isValid()) {
        if (!index.data(ConversationModel::DeletedRole).toBool()) {
            QAction* select = menu.addAction(tr("&Select Text"), this, [this, index] { edit(index); });
            select->setShortcut(Qt::Key_F2);
        }
        addReplyActions(menu, index.row());
        addChangeActions(menu, index.row());
        const auto links = index.data(ConversationModel::LinksRole).value<QList<QUrl>>();
        if (!links.isEmpty()) {
            menu.addSeparator();
        }
        for (const QUrl& url : links) {
            menu.addAction(tr("Open %1").arg(url.toDisplayString()), this, [this, url] { openLink(url); });
        }
    }
    const QPoint at = event->reason() == QContextMenuEvent::Mouse
                          ? event->globalPos()
                          : viewport()->mapToGlobal(visualRect(index).center());
    menu.exec(at);
}

void ConversationView::addChangeActions(QMenu& menu, int row)
{
    if (!m_model || !m_model->index(row).data(ConversationModel::EditableRole).toBool()) {
        return; // someone else's message, or one deleted already
    }
    menu.addSeparator();
    QAction* edit = menu.addAction(tr("&Edit"), this, [this, row] { emit editRequested(row); });
    QAction* remove =
        menu.addAction(tr("&Delete for Everyone…"), this, [this, row] { emit deleteRequested(row); });
    // Changes go to the peer like messages: not while sending to it is off.
    edit->setEnabled(m_changesAllowed);
    remove->setEnabled(m_changesAllowed);
}

bool ConversationView::canAnswer(int row) const
{
    return m_changesAllowed && m_model && m_model->messageInRow(row) != nullptr &&
           !m_model->index(row).data(ConversationModel::DeletedRole).toBool();
}

void ConversationView::addReplyActions(QMenu& menu, int row)
{
    const QModelIndex index = m_model ? m_model->index(row) : QModelIndex();
    if (!index.isValid() || m_model->messageInRow(row) == nullptr ||
        index.data(ConversationModel::DeletedRole).toBool()) {
        return; // a drop's card, or a message deleted: nothing to answer
    }
    menu.addSeparator();
    QAction* reply = menu.addAction(tr("&Reply"), this, [this, row] { emit replyRequested(row); });
    reply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R)); // shown; keyPressEvent() does it
    reply->setEnabled(m_changesAllowed);
    // "&Copy" has the C already.
    QMenu* react = menu.addMenu(tr("Re&act"));
    react->setEnabled(m_changesAllowed);
    const QString own = index.data(ConversationModel::OwnReactionRole).toString();
    for (const QString& emoji : ReactionText::choices()) {
        QAction* choice =
            react->addAction(emoji, this, [this, row, emoji] { emit reactionRequested(row, emoji); });
        choice->setCheckable(true);
        choice->setChecked(emoji == own); // choosing it again takes it back
    }
    if (!own.isEmpty()) {
        react->addSeparator();
        react->addAction(tr("&Take Back Reaction"), this,
                         [this, row] { emit reactionRequested(row, QString()); });
    }
    if (m_model->quotedSeq(row)) {
        menu.addAction(tr("&Go to Quoted Message"), this, [this, row] { showQuoted(row); });
    }
}

void ConversationView::setChangesAllowed(bool allowed)
{
    m_changesAllowed = allowed;
}

void ConversationView::copySelection()
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList{};
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex& row : rows) {
        // A deleted message has no text left to copy.
        if (const QString text = row.data(Qt::DisplayRole).toString(); !text.isEmpty()) {
            texts << text;
        }
    }
    if (!texts.isEmpty()) {
        QApplication::clipboard()->setText(texts.join(QLatin1Char('\n')));
    }
}

} // namespace confab::ui
