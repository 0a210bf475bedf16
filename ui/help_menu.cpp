#include "help_menu.h"

#include <QMenu>
#include <QMenuBar>

#include <utility>

namespace confab::ui {
namespace {

// Brings an open dialog forward; false when there is none.
bool raised(QDialog* dialog)
{
    if (dialog == nullptr) {
        return false;
    }
    dialog->raise();
    dialog->activateWindow();
    return true;
}

} // namespace

HelpMenu::HelpMenu(api::NodeClient& client, QWidget& window, QObject* parent)
    : QObject(parent), m_node(client), m_window(window)
{
}

void HelpMenu::addTo(QMenuBar* menuBar)
{
    m_menuBar = menuBar;
    QMenu* menu = menuBar->addMenu(tr("&Help"));
    QAction* shortcuts = menu->addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts);
    shortcuts->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    menu->addSeparator();
    QAction* about = menu->addAction(tr("&About Confab"), this, &HelpMenu::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void HelpMenu::showShortcuts()
{
    if (raised(m_shortcuts) || m_menuBar == nullptr) {
        return;
    }
    auto* dialog = new ShortcutsDialog(m_menuBar->actions(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_shortcuts = dialog;
    dialog->show();
}

void HelpMenu::showAbout()
{
    if (raised(m_about)) {
        return;
    }
    m_node.call(
        this, [](api::Node& node) { return std::make_pair(node.version(), node.profileDir()); },
        [this](const std::pair<api::NodeVersion, QString>& node) {
            if (raised(m_about)) {
                return;
            }
            auto* dialog = new AboutDialog(node.first, node.second, &m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_about = dialog;
            dialog->show();
        });
}

} // namespace confab::ui
