#include "conversation_view.h"

#include "message_delegate.h"
#include "models/conversation_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace confab::ui {

ConversationView::ConversationView(QWidget* parent) : QListView(parent)
{
    setItemDelegate(new MessageDelegate(this));
    setResizeMode(QListView::Adjust);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setWordWrap(true);
    setAccessibleName(tr("Conversation"));
    setAccessibleDescription(tr("Messages, newest at the bottom. Ctrl+C copies the selected messages; "
                                "F2 or a double click opens a message for selecting part of its text."));

    auto* copy = new QAction(tr("Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ConversationView::copySelection);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followBottom = atBottom();
        if (m_model && value == verticalScrollBar()->minimum() && m_model->canFetchMore({})) {
            m_model->fetchMore({});
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
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex&, int first, int) {
                m_distanceFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
                m_followBottom = first > 0 && atBottom();
            });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int) {
        // Layout happens later in the event loop: adjust the scroll position after it.
        QTimer::singleShot(0, this, [this, first] {
            if (first == 0) {
                verticalScrollBar()->setValue(verticalScrollBar()->maximum() - m_distanceFromBottom);
            } else if (m_followBottom) {
                scrollToBottom();
            }
        });
    });
    connect(model, &ConversationModel::pageLoaded, this, [this](int, bool older) {
        if (!older) {
            QTimer::singleShot(0, this, [this] { scrollToBottom(); });
        }
    });
}

void ConversationView::copySelection()
{
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList{};
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList texts;
    for (const QModelIndex& row : rows) {
        texts << row.data(Qt::DisplayRole).toString();
    }
    if (!texts.isEmpty()) {
        QApplication::clipboard()->setText(texts.join(QLatin1Char('\n')));
    }
}

} // namespace confab::ui
