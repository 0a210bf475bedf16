#include "settings_dialog.h"

#include "api/display_name.h"
#include "audio_settings_section.h"
#include "widgets/theme.h"
#include "widgets/window_fit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

SettingsDialog::SettingsDialog(api::NodeClient& client, QWidget* parent)
    : QDialog(parent), m_node(client), m_name(new QLineEdit(this)), m_folder(new QLineEdit(this)),
      m_browse(new QPushButton(tr("&Browse…"), this)),
      m_startMinimised(new QCheckBox(tr("Start &minimised (in the tray when there is one)"), this)),
      m_discovery(new QComboBox(this)), m_audio(new AudioSettingsSection(client, this)),
      m_error(new QLabel(this)), m_save(nullptr)
{
    setWindowTitle(tr("Settings"));
    m_name->setAccessibleName(tr("Display name"));
    m_folder->setAccessibleName(tr("Download folder"));
    m_browse->setAccessibleName(tr("Choose the download folder"));
    m_startMinimised->setAccessibleName(tr("Start minimised"));
    m_discovery->setAccessibleName(tr("Discovery mode"));
    m_discovery->addItem(tr("Automatic — the system's Avahi if it runs, else built in"),
                         QStringLiteral("auto"));
    m_discovery->addItem(tr("Avahi — the system's mDNS daemon"), QStringLiteral("avahi"));
    m_discovery->addItem(tr("Built-in mDNS"), QStringLiteral("embedded"));
    m_discovery->addItem(tr("Off — only addresses added by hand"), QStringLiteral("off"));
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    auto* nameLabel = new QLabel(tr("Display &name:"), this);
    nameLabel->setBuddy(m_name);
    auto* folderLabel = new QLabel(tr("Download &folder:"), this);
    folderLabel->setBuddy(m_folder);
    auto* discoveryLabel = new QLabel(tr("&Discovery:"), this);
    discoveryLabel->setBuddy(m_discovery);
    form->addRow(nameLabel, m_name);
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_startMinimised);
    form->addRow(discoveryLabel, m_discovery);

    auto* note =
        new QLabel(tr("The display name, the discovery mode, the sound cards and starting minimised "
                      "take effect the next time Confab starts; the download folder is used from now "
                      "on."),
                   this);
    note->setWordWrap(true);
    note->setAccessibleName(tr("When settings apply"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Settings problem"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, theme::danger(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setAccessibleName(tr("Save settings"));
    m_save->setEnabled(false); // until loaded
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_audio);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    // Errors, sound card notes and the microphone test's verdict come and go.
    keepTallEnoughForText(this);

    m_node.call(
        this, [](api::Node& node) { return node.settings(); },
        [this](const api::ProfileSettings& settings) { onLoaded(settings); });
}

void SettingsDialog::onLoaded(const api::ProfileSettings& settings)
{
    m_name->setText(settings.displayName);
    m_folder->setText(settings.downloadFolder);
    m_startMinimised->setChecked(settings.startMinimised);
    const int mode = m_discovery->findData(settings.discoveryMode);
    m_discovery->setCurrentIndex(mode >= 0 ? mode : 0);
    m_audio->setChoice(settings.audioInputDevice, settings.audioOutputDevice);
    m_loaded = true;
    m_save->setEnabled(true);
}

api::ProfileSettings SettingsDialog::settings() const
{
    api::ProfileSettings result;
    result.displayName = m_name->text().trimmed();
    result.downloadFolder = m_folder->text().trimmed();
    result.startMinimised = m_startMinimised->isChecked();
    result.discoveryMode = m_discovery->currentData().toString();
    result.audioInputDevice = m_audio->inputDevice();
    result.audioOutputDevice = m_audio->outputDevice();
    return result;
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::showError(const QString& error)
{
    m_error->setText(error);
    m_error->show();
}

void SettingsDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Download Folder"), m_folder->text());
    if (!folder.isEmpty()) {
        m_folder->setText(folder);
    }
}

void SettingsDialog::accept()
{
    if (!m_loaded || m_saving) {
        return;
    }
    if (auto problem = api::displayNameError(m_name->text())) {
        showError(*problem);
        m_name->setFocus();
        return;
    }
    m_error->hide();
    m_saving = true;
    m_save->setEnabled(false);
    m_node.call(
        this, [settings = settings()](api::Node& node) { return node.saveSettings(settings); },
        [this](const Result<api::ProfileSettings, QString>& saved) {
            m_saving = false;
            if (saved) {
                QDialog::accept();
                return;
            }
            m_save->setEnabled(true);
            showError(saved.error());
        });
}

} // namespace confab::ui
