#pragma once

#include "api/node_client.h"
#include "dialogs/about_dialog.h"
#include "dialogs/shortcuts_dialog.h"

#include <QObject>
#include <QPointer>

class QMenuBar;
class QWidget;

namespace confab::ui {

// The Help menu: Keyboard Shortcuts (F1 or Ctrl+/), listed from the menu
// bar it is added to, and About Confab, which asks the node for its version
// and profile folder. Each opens one window at a time.
class HelpMenu : public QObject {
    Q_OBJECT
public:
    HelpMenu(api::NodeClient& client, QWidget& window, QObject* parent = nullptr);

    // Adds the menu at the end of `menuBar`; the shortcuts come from it.
    void addTo(QMenuBar* menuBar);
    void showShortcuts();
    void showAbout();

    // While open; null otherwise.
    [[nodiscard]] ShortcutsDialog* shortcutsDialog() const { return m_shortcuts; }
    [[nodiscard]] AboutDialog* aboutDialog() const { return m_about; }

private:
    api::NodeClient& m_node;
    QWidget& m_window;
    QMenuBar* m_menuBar = nullptr;
    QPointer<ShortcutsDialog> m_shortcuts;
    QPointer<AboutDialog> m_about;
};

} // namespace confab::ui
