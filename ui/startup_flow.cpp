#include "startup_flow.h"

#include "dialogs/first_run_dialog.h"
#include "widgets/main_window.h"

#include <QMessageBox>

namespace confab::ui {
namespace {

// What opening the profile tells the window.
struct Opened {
    Result<api::NodeStatus, QString> status;
    api::ProfileSettings settings;
};

} // namespace

StartupFlow::StartupFlow(api::NodeClient& client, MainWindow& window, QObject* parent)
    : QObject(parent), m_node(client), m_window(window)
{
}

FirstRunDialog* StartupFlow::firstRunDialog() const
{
    return m_firstRun;
}

void StartupFlow::run()
{
    m_node.call(
        this,
        [](api::Node& node) {
            Opened opened{node.open(), {}};
            if (opened.status) {
                opened.settings = node.settings();
            }
            return opened;
        },
        [this](const Opened& opened) {
            if (!opened.status) {
                QMessageBox::critical(nullptr, tr("Confab cannot start"), opened.status.error());
                emit failed(opened.status.error());
                return;
            }
            onOpened(opened.status.value(), opened.settings);
        });
}

void StartupFlow::onOpened(const api::NodeStatus& status, const api::ProfileSettings& settings)
{
    if (!status.newProfile) {
        startAndShow(settings.startMinimised);
        return;
    }
    m_firstRun = new FirstRunDialog(status);
    m_firstRun->setAttribute(Qt::WA_DeleteOnClose);
    // Closing the dialog keeps the suggested name: the identity exists already.
    connect(m_firstRun, &QDialog::finished, this, [this, status](int result) {
        const QString name = result == QDialog::Accepted ? m_firstRun->displayName() : status.displayName;
        m_node.call([name](api::Node& node) { node.setDisplayName(name); });
        startAndShow(false);
    });
    m_firstRun->show();
}

void StartupFlow::startAndShow(bool minimised)
{
    m_node.call(
        this, [](api::Node& node) { return node.start(); },
        [this](const Result<QStringList, QString>& started) {
            if (started) {
                m_window.nodeStarted(started.value());
            } else {
                m_window.nodeFailed(started.error());
                emit startFailed(started.error());
            }
        });
    m_window.showAtStart(minimised);
    emit finished();
}

} // namespace confab::ui
