#include "shortcuts_dialog.h"

#include "widgets/window_fit.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

namespace confab::ui {
namespace {

// The keys of an action as the platform writes them ("Ctrl+Shift+F").
QString keysOf(const QAction* action)
{
    QStringList keys;
    for (const QKeySequence& sequence : action->shortcuts()) {
        // A standard key the platform leaves unbound comes as an empty sequence.
        if (!sequence.isEmpty()) {
            keys.append(sequence.toString(QKeySequence::NativeText));
        }
    }
    return keys.join(ShortcutsDialog::tr(" or "));
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& menus, QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, 2, this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);

    for (const QAction* menuAction : menus) {
        const QMenu* menu = menuAction->menu();
        if (menu == nullptr) {
            continue;
        }
        bool titled = false;
        for (const QAction* action : menu->actions()) {
            if (action->isSeparator() || keysOf(action).isEmpty()) {
                continue;
            }
            if (!titled) {
                addSection(tr("%1 menu").arg(withoutMnemonic(menuAction->text())));
                titled = true;
            }
            addRow(withoutMnemonic(action->text()), keysOf(action));
        }
    }
    addSection(tr("Anywhere else"));
    addRow(tr("Send the message"), tr("Enter"));
    addRow(tr("Start a new line in the message"), tr("Shift+Enter"));
    addRow(tr("Copy the selected messages"),
           QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText));
    addRow(tr("Reply to the current message"),
           QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText));
    addRow(tr("Actions for the peer in the list (rename, block, export…)"), tr("Menu or Shift+F10"));
    addRow(tr("Clear the peer filter; end a search"), tr("Escape"));
    addRow(tr("Talk while push-to-talk is on"), tr("Hold Space"));
    addRow(tr("Move between the parts of the window"), tr("Tab or Shift+Tab"));

    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->resizeColumnsToContents();
    const int wanted = m_table->horizontalHeader()->length() + m_table->frameWidth() * 2 +
                       m_table->style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                       2 * fontMetrics().averageCharWidth();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    const int em = fontMetrics().averageCharWidth();
    m_table->setMinimumWidth(wanted);
    resize(std::max(wanted + 4 * em, 60 * em),
           fontMetrics().lineSpacing() * std::min(m_table->rowCount() + 8, 34));
    m_table->setFocus();
    m_table->setCurrentCell(std::min(1, m_table->rowCount() - 1), 0); // row 0 titles a section
    keepTallEnoughForText(this);
}

QString ShortcutsDialog::withoutMnemonic(QString text)
{
    // "&&" is a literal ampersand; any other '&' marks the next letter.
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}

void ShortcutsDialog::addSection(const QString& title)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* item = new QTableWidgetItem(title);
    QFont bold = item->font();
    bold.setBold(true);
    item->setFont(bold);
    item->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(row, 0, item);
    m_table->setSpan(row, 0, 1, 2);
}

void ShortcutsDialog::addRow(const QString& what, const QString& keys)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(what));
    m_table->setItem(row, 1, new QTableWidgetItem(keys));
}

QStringList ShortcutsDialog::rows() const
{
    QStringList rows;
    QString section;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* keys = m_table->item(row, 1);
        if (keys == nullptr) {
            section = m_table->item(row, 0)->text();
            continue;
        }
        rows.append(QStringLiteral("%1: %2 = %3").arg(section, m_table->item(row, 0)->text(), keys->text()));
    }
    return rows;
}

} // namespace confab::ui
