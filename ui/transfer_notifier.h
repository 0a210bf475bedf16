#pragma once

#include "api/node_client.h"

#include <QObject>
#include <QSet>

#include <functional>

class QWidget;

namespace confab::ui {

class TrayIcon;

// Desktop notifications about file drops, as for messages: a drop offered
// to us, and one that arrived or failed, each once, while the window is not
// in front (the conversation shows them otherwise). A click opens the
// conversation.
class TransferNotifier : public QObject {
    Q_OBJECT
public:
    TransferNotifier(api::NodeClient& client, TrayIcon& tray, QWidget& window,
                     std::function<bool()> seenByUser, QObject* parent = nullptr);

private:
    void onOffered(const api::TransferView& transfer);
    void onChanged(const api::TransferView& transfer);
    void notify(const QString& title, const QString& body, const api::TransferView& transfer);

    TrayIcon& m_tray;
    QWidget& m_window;
    std::function<bool()> m_seenByUser;
    QSet<QString> m_told; // drops whose end was notified (or seen)
};

} // namespace confab::ui
