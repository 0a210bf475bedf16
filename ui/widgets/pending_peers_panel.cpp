#include "pending_peers_panel.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

PendingPeersPanel::PendingPeersPanel(QWidget* parent) : QFrame(parent), m_rows(new QVBoxLayout(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Peers being added"));
    m_rows->setContentsMargins(6, 4, 6, 4);
    hide();
}

QString PendingPeersPanel::describe(const api::PendingPeer& peer)
{
    const QString address = peer.address.toString();
    if (peer.problem.isEmpty()) {
        return tr("Trying %1…").arg(address);
    }
    return peer.trying ? tr("Cannot reach %1 yet. %2 Trying again…").arg(address, peer.problem)
                       : tr("Cannot reach %1 yet. %2 Confab keeps trying.").arg(address, peer.problem);
}

PendingPeersPanel::Row PendingPeersPanel::makeRow(const QString& address)
{
    Row row;
    row.widget = new QWidget(this);
    row.label = new QLabel(row.widget);
    row.label->setWordWrap(true);
    row.label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.label->setAccessibleName(tr("Adding %1").arg(address));
    row.cancel = new QPushButton(tr("Cancel"), row.widget);
    row.cancel->setAccessibleName(tr("Stop trying %1").arg(address));
    row.cancel->setToolTip(tr("Stop trying %1 and forget it").arg(address));
    row.cancel->setAutoDefault(false);
    connect(row.cancel, &QPushButton::clicked, this, [this, address, button = row.cancel] {
        button->setEnabled(false); // until the node has forgotten it
        emit cancelRequested(address);
    });
    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.label, 1);
    layout->addWidget(row.cancel, 0, Qt::AlignTop);
    return row;
}

void PendingPeersPanel::setPending(const api::PendingPeers& pending)
{
    QStringList order;
    for (const api::PendingPeer& peer : pending) {
        const QString address = peer.address.toString();
        order << address;
        auto it = m_byAddress.find(address);
        if (it == m_byAddress.end()) {
            it = m_byAddress.emplace(address, makeRow(address)).first;
        }
        const Row& row = it->second;
        row.cancel->setEnabled(true);
        const QString text = describe(peer);
        row.label->setText(text);
        row.label->setToolTip(text);
        QPalette palette = this->palette();
        if (!peer.problem.isEmpty()) {
            palette.setColor(QPalette::WindowText, theme::danger(palette));
        }
        row.label->setPalette(palette);
    }
    for (auto it = m_byAddress.begin(); it != m_byAddress.end();) {
        if (order.contains(it->first)) {
            ++it;
            continue;
        }
        // deleteLater: the button that asked may still be in its click.
        it->second.widget->hide();
        it->second.widget->deleteLater();
        it = m_byAddress.erase(it);
    }
    // In the node's order (by address).
    for (const QString& address : order) {
        QWidget* widget = m_byAddress.at(address).widget;
        m_rows->removeWidget(widget);
        m_rows->addWidget(widget);
    }
    if (order != m_order) {
        m_order = order;
        orderTabs();
    }
    setVisible(!order.isEmpty());
}

void PendingPeersPanel::orderTabs()
{
    QWidget* previous = m_predecessor;
    for (const QString& address : m_order) {
        QPushButton* cancel = m_byAddress.at(address).cancel;
        if (previous) {
            setTabOrder(previous, cancel);
        }
        previous = cancel;
    }
}

QStringList PendingPeersPanel::addresses() const
{
    return m_order;
}

QString PendingPeersPanel::text(const QString& address) const
{
    const auto it = m_byAddress.find(address);
    return it == m_byAddress.end() ? QString() : it->second.label->text();
}

QPushButton* PendingPeersPanel::cancelButton(const QString& address) const
{
    const auto it = m_byAddress.find(address);
    return it == m_byAddress.end() ? nullptr : it->second.cancel;
}

} // namespace confab::ui
