#include "peer_checklist.h"

#include "models/peer_list_model.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace confab::ui {

PeerChecklist::PeerChecklist(const api::PeerSummaries& peers, const std::vector<PeerId>& exclude,
                             QWidget* parent)
    : QWidget(parent), m_filter(new QLineEdit(this)), m_list(new QListWidget(this)), m_empty(new QLabel(this))
{
    m_filter->setPlaceholderText(tr("Filter people"));
    m_filter->setAccessibleName(tr("Filter people"));
    m_filter->setAccessibleDescription(tr("Shows only the people whose name contains the text. Down or Enter "
                                          "goes to the list, Escape clears the text."));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &PeerChecklist::applyFilter);

    m_list->setAccessibleName(tr("People to choose"));
    m_list->setAccessibleDescription(tr("Space checks or unchecks the person."));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);

    connect(m_list, &QListWidget::itemChanged, this, &PeerChecklist::chosenChanged);
    m_empty->setWordWrap(true);
    m_empty->setAccessibleName(tr("Nobody to choose"));
    m_empty->setText(tr("No one to add yet: people appear here once Confab has found them on the network."));
    setFocusProxy(m_filter); // focusing the checklist starts at the filter

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    setTabOrder(m_filter, m_list);
    setPeers(peers, exclude);
}

void PeerChecklist::setPeers(const api::PeerSummaries& peers, const std::vector<PeerId>& exclude)
{
    // Who was checked, and where the keyboard was, stay so.
    const std::vector<PeerId> checked = chosen();
    const QListWidgetItem* current = m_list->currentItem();
    const QString currentId = current ? current->data(PeerIdRole).toString() : QString();
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    // The peer list's own model names the peers, so that someone is called
    // the same here as there: nickname, the start of the ID beside a name
    // that another peer has too, "via Bob".
    PeerListModel named;
    named.setPeers(peers);
    for (int row = 0; row < named.rowCount(); ++row) {
        const api::PeerSummary& peer = named.at(row);
        const PeerId& id = peer.view.record.id;
        if (peer.view.blocked || std::find(exclude.begin(), exclude.end(), id) != exclude.end()) {
            continue;
        }
        const QString name = PeerListModel::nameOf(peer);
        const QString namesakeId = named.index(row).data(PeerListModel::NamesakeIdRole).toString();
        //: Someone whose name another peer has too, told apart by the start of the ID: "Alice (ID 3fk2…)".
        const QString shown = namesakeId.isEmpty() ? name : tr("%1 (ID %2)").arg(name, namesakeId);
        const QString presence = named.presenceText(peer);
        //: A person to choose and whether they are online: "Bob — online", "Carol — via Bob".
        auto* item = new QListWidgetItem(tr("%1 — %2").arg(shown, presence), m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(std::find(checked.begin(), checked.end(), id) != checked.end() ? Qt::Checked
                                                                                           : Qt::Unchecked);
        item->setData(PeerIdRole, QString::fromStdString(id.toText()));
        item->setData(NameRole, name);
        item->setData(Qt::AccessibleTextRole, tr("%1, %2").arg(shown, presence));
        item->setToolTip(tr("ID %1").arg(QString::fromStdString(id.toText())));
        if (item->data(PeerIdRole).toString() == currentId) {
            m_list->setCurrentItem(item);
        }
    }
    const bool nobody = isEmpty();
    m_empty->setVisible(nobody);
    m_filter->setVisible(!nobody);
    m_list->setVisible(!nobody);
    applyFilter(m_filter->text());
    if (chosen() != checked) {
        emit chosenChanged(); // someone checked is no longer offered
    }
}

std::vector<PeerId> PeerChecklist::chosen() const
{
    std::vector<PeerId> peers;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem* item = m_list->item(row);
        if (item->checkState() != Qt::Checked) {
            continue;
        }
        if (auto id = PeerId::fromText(item->data(PeerIdRole).toString().toStdString())) {
            peers.push_back(*id);
        }
    }
    return peers;
}

bool PeerChecklist::isEmpty() const
{
    return m_list->count() == 0;
}

void PeerChecklist::setEmptyText(const QString& text)
{
    m_empty->setText(text);
}

void PeerChecklist::applyFilter(const QString& text)
{
    const QString wanted = text.trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        item->setHidden(!item->data(NameRole).toString().contains(wanted, Qt::CaseInsensitive));
    }
    // The keyboard must not stay on a row nobody sees: Space would check it.
    const QListWidgetItem* current = m_list->currentItem();
    if (current && current->isHidden()) {
        const int first = firstShownRow();
        m_list->setCurrentRow(first, QItemSelectionModel::ClearAndSelect);
    }
}

int PeerChecklist::firstShownRow() const
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (!m_list->item(row)->isHidden()) {
            return row;
        }
    }
    return -1;
}

bool PeerChecklist::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_filter || event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Escape && !m_filter->text().isEmpty()) {
        m_filter->clear(); // first the text; a second Escape reaches the dialog
        return true;
    }
    // Down goes into the list; so does Enter while filtering, rather than
    // pressing the dialog's default button with half the people chosen.
    const bool down = key == Qt::Key_Down || key == Qt::Key_PageDown;
    const bool enter = (key == Qt::Key_Return || key == Qt::Key_Enter) && !m_filter->text().isEmpty();
    if (down || enter) {
        const QListWidgetItem* current = m_list->currentItem();
        if (!current || current->isHidden()) {
            const int first = firstShownRow();
            if (first < 0) {
                return enter; // nothing shown: stay in the field
            }
            m_list->setCurrentRow(first, QItemSelectionModel::ClearAndSelect);
        }
        m_list->setFocus(Qt::TabFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace confab::ui
