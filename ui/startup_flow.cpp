#include "startup_flow.h"

#include "dialogs/first_run_dialog.h"
#include "widgets/main_window.h"

#include <QMessageBox>

namespace confab::ui {

StartupFlow::StartupFlow(api::NodeHost& host, MainWindow& window, QObject* parent)
    : QObject(parent), m_host(host), m_window(window)
{
    connect(&m_host, &api::NodeHost::opened, this, &StartupFlow::onOpened);
    connect(&m_host, &api::NodeHost::startFailed, this, [this](const QString& error) {
        if (m_opened) {
            return; // the window's status bar says it
        }
        QMessageBox::critical(nullptr, tr("Confab cannot start"), error);
        emit failed(error);
    });
}

FirstRunDialog* StartupFlow::firstRunDialog() const
{
    return m_firstRun;
}

void StartupFlow::run()
{
    m_host.open();
}

void StartupFlow::onOpened(const api::NodeStatus& status, const storage::ProfileSettings& settings)
{
    m_opened = true;
    if (!status.newProfile) {
        startAndShow(settings.startMinimised);
        return;
    }
    m_firstRun = new FirstRunDialog(status);
    m_firstRun->setAttribute(Qt::WA_DeleteOnClose);
    // Closing the dialog keeps the suggested name: the identity exists already.
    connect(m_firstRun, &QDialog::finished, this, [this, status](int result) {
        const QString name = result == QDialog::Accepted ? m_firstRun->displayName() : status.displayName;
        m_host.setDisplayName(name);
        startAndShow(false);
    });
    m_firstRun->show();
}

void StartupFlow::startAndShow(bool minimised)
{
    m_host.start();
    m_window.showAtStart(minimised);
    emit finished();
}

} // namespace confab::ui
