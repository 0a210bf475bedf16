#include "search_panel.h"

#include "models/search_results_model.h"
#include "search_result_delegate.h"
#include "theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

SearchPanel::SearchPanel(api::NodeClient& client, QWidget* parent)
    : QWidget(parent), m_model(new SearchResultsModel(client, this)), m_field(new QLineEdit(this)),
      m_close(new QToolButton(this)), m_scope(new QComboBox(this)), m_results(new QListView(this)),
      m_status(new QLabel(this))
{
    m_field->setPlaceholderText(tr("Search messages"));
    m_field->setAccessibleName(tr("Search messages"));
    m_field->setAccessibleDescription(
        tr("Finds messages with every word typed, each as the start of a word. "
           "Down goes to the messages found; Escape clears the text, then ends the search."));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    connect(m_field, &QLineEdit::textChanged, this, &SearchPanel::search);
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex current = m_results->currentIndex();
        openResult(current.isValid() ? current.row() : 0);
    });

    m_close->setText(QStringLiteral("\u2715"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("End the search (Escape)"));
    m_close->setAccessibleName(tr("End the search"));
    m_close->setFocusPolicy(Qt::NoFocus); // Escape does it from the keyboard
    connect(m_close, &QToolButton::clicked, this, &SearchPanel::closeRequested);

    auto* scopeLabel = new QLabel(tr("&In:"), this);
    scopeLabel->setBuddy(m_scope);
    m_scope->setAccessibleName(tr("Search in"));
    m_scope->addItem(tr("All conversations"));
    connect(m_scope, &QComboBox::currentIndexChanged, this, &SearchPanel::search);

    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setAccessibleName(tr("Messages found"));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setUniformItemSizes(true);
    m_results->installEventFilter(this);
    connect(m_results, &QListView::activated, this,
            [this](const QModelIndex& index) { openResult(index.row()); });

    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Search result"));
    QPalette mutedPalette = m_status->palette();
    mutedPalette.setColor(QPalette::WindowText, theme::mutedText(palette()));
    m_status->setPalette(mutedPalette);
    connect(m_model, &SearchResultsModel::searched, this, [this] {
        m_status->setText(m_model->status());
        if (m_model->rowCount() > 0) {
            m_results->setCurrentIndex(m_model->index(0));
        }
    });

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_field, 1);
    top->addWidget(m_close);
    auto* where = new QHBoxLayout;
    where->setContentsMargins(0, 0, 0, 0);
    where->addWidget(scopeLabel);
    where->addWidget(m_scope, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(where);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    setTabOrder(m_field, m_scope);
    setTabOrder(m_scope, m_results);
}

void SearchPanel::begin(const std::optional<PeerId>& openPeer, const QString& openPeerName, bool onlyThere)
{
    {
        const QSignalBlocker quiet(m_scope); // one search below, not one per change here
        while (m_scope->count() > 1) {
            m_scope->removeItem(1);
        }
        if (openPeer) {
            m_scope->addItem(tr("Conversation with %1").arg(openPeerName),
                             QString::fromStdString(openPeer->toText()));
        }
        m_scope->setCurrentIndex(openPeer && onlyThere ? 1 : 0);
    }
    search();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

std::optional<PeerId> SearchPanel::scopePeer() const
{
    return PeerId::fromText(m_scope->currentData().toString().toStdString());
}

void SearchPanel::search()
{
    m_model->search(m_field->text(), scopePeer());
}

void SearchPanel::openResult(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const api::StoredMessage& message = m_model->message(row);
    emit resultChosen(message.peer, message.seq);
}

bool SearchPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Escape && watched == m_field && !m_field->text().isEmpty()) {
        m_field->clear(); // as in the peer filter: first the text, then the search
        return true;
    }
    if (key == Qt::Key_Escape && (watched == m_field || watched == m_results)) {
        emit closeRequested();
        return true;
    }
    if (watched == m_field && (key == Qt::Key_Down || key == Qt::Key_PageDown) && m_model->rowCount() > 0) {
        m_results->setFocus(Qt::TabFocusReason);
        if (!m_results->currentIndex().isValid()) {
            m_results->setCurrentIndex(m_model->index(0));
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace confab::ui
