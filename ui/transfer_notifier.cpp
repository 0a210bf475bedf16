#include "transfer_notifier.h"

#include "transfer_text.h"
#include "widgets/tray_icon.h"

#include <QApplication>
#include <QWidget>

#include <utility>

namespace confab::ui {

TransferNotifier::TransferNotifier(api::NodeClient& client, TrayIcon& tray, QWidget& window,
                                   std::function<bool()> seenByUser, QObject* parent)
    : QObject(parent), m_tray(tray), m_window(window), m_seenByUser(std::move(seenByUser))
{
    connect(&client.events(), &api::NodeEvents::transferOffered, this, &TransferNotifier::onOffered);
    connect(&client.events(), &api::NodeEvents::transferChanged, this, &TransferNotifier::onChanged);
}

void TransferNotifier::onOffered(const api::TransferView& transfer)
{
    notify(tr("Files from %1").arg(TransferText::peerName(transfer)), TransferText::offeredNotice(transfer),
           transfer);
}

void TransferNotifier::onChanged(const api::TransferView& transfer)
{
    const bool received = !transfer.outgoing && transfer.state == QLatin1String("completed");
    const bool failed = transfer.state == QLatin1String("failed");
    if ((!received && !failed) || m_told.contains(transfer.id)) {
        return;
    }
    m_told.insert(transfer.id);
    notify(received ? tr("Files received") : tr("File transfer failed"),
           TransferText::finishedNotice(transfer), transfer);
}

void TransferNotifier::notify(const QString& title, const QString& body, const api::TransferView& transfer)
{
    if (m_seenByUser()) {
        return; // the conversation and the peer list show it
    }
    m_tray.notify(title, body, transfer.peer);
    if (!m_tray.isShown()) {
        QApplication::alert(&m_window);
    }
}

} // namespace confab::ui
