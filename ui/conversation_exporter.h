#pragma once

#include "api/node_client.h"

#include <QFileDialog>
#include <QObject>
#include <QPointer>

class QWidget;

namespace confab::ui {

// Peer → Export Conversation…: asks where to save (a text file or a web
// page, chosen by the file type), has the node write the whole conversation
// out, saves it in one piece (a file that was there stays whole until the
// new one is complete) and says in the status bar what was saved where.
class ConversationExporter : public QObject {
    Q_OBJECT
public:
    ConversationExporter(api::NodeClient& client, QWidget& window, QObject* parent = nullptr);

    // Asks where to save the conversation with `peer`, called `name` here.
    void exportConversation(const PeerId& peer, const QString& name);
    // Saves it to `path` without asking: HTML for a .html or .htm file, text otherwise.
    void saveTo(const PeerId& peer, const QString& name, const QString& path);

    // While open; null otherwise.
    [[nodiscard]] QFileDialog* fileDialog() const { return m_dialog; }

    // "Conversation with Bob.txt": a file name whatever the peer is called.
    static QString suggestedFileName(const QString& name);

signals:
    // Something for the status bar.
    void notice(const QString& text);

private:
    api::NodeClient& m_node;
    QWidget& m_window;
    QPointer<QFileDialog> m_dialog;
};

} // namespace confab::ui
