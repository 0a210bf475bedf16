#include "settings_dialog.h"

#include "api/display_name.h"
#include "audio_settings_section.h"
#include "avatar_settings_section.h"
#include "identity_settings_section.h"
#include "relay_settings_section.h"
#include "widgets/accessible_name.h"
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
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace confab::ui {

SettingsDialog::SettingsDialog(api::NodeClient& client, QWidget* parent)
    : QDialog(parent), m_node(client), m_name(new QLineEdit(this)),
      m_avatar(new AvatarSettingsSection(m_name, this)), m_folder(new QLineEdit(this)),
      m_browse(new QPushButton(tr("&Browse…"), this)),
      m_autoAccept(new QCheckBox(tr("&Accept files from verified contacts automatically"), this)),
      m_startMinimised(new QCheckBox(tr("Start m&inimised (in the tray when there is one)"), this)),
      m_awayAfter(new QSpinBox(this)),
      m_notifications(new QCheckBox(tr("Show notifications for messa&ges, calls and files"), this)),
      m_notificationSound(new QCheckBox(tr("With a so&und"), this)), m_discovery(new QComboBox(this)),
      m_discoveryNote(new QLabel(this)), m_relay(new RelaySettingsSection(this)),
      m_audio(new AudioSettingsSection(client, this)), m_identity(new IdentitySettingsSection(client, this)),
      m_error(new QLabel(this)), m_save(nullptr)
{
    setWindowTitle(tr("Settings"));
    m_name->setAccessibleName(tr("Display name"));
    m_folder->setAccessibleName(tr("Download folder"));
    m_browse->setAccessibleName(tr("Choose the download folder"));
    m_autoAccept->setAccessibleName(tr("Accept files from verified contacts automatically"));
    m_autoAccept->setToolTip(tr("Files from contacts whose safety number you compared go to the download "
                                "folder without asking; files from anyone else always wait for you."));
    m_autoAccept->setAccessibleDescription(m_autoAccept->toolTip());
    m_startMinimised->setAccessibleName(tr("Start minimised"));
    m_awayAfter->setRange(0, api::kMaxAwayAfterMinutes);
    m_awayAfter->setSuffix(tr(" min"));
    m_awayAfter->setSpecialValueText(tr("Never"));
    m_awayAfter->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setSpinBoxAccessibleName(m_awayAfter, tr("Show me as away after this many minutes without using Confab"));
    m_awayAfter->setToolTip(tr("Peers see you as away once nobody has typed or moved the mouse in Confab for "
                               "this long, and available again as soon as you do. 0: never."));
    m_awayAfter->setAccessibleDescription(m_awayAfter->toolTip());
    m_discovery->setAccessibleName(tr("Discovery mode"));
    // Short names, so that the box shows them whole; the tooltips say more.
    m_discovery->addItem(tr("Automatic"), QStringLiteral("auto"));
    m_discovery->setItemData(0, tr("The system's Avahi daemon if it runs, else the built-in mDNS"),
                             Qt::ToolTipRole);
    m_discovery->addItem(tr("Avahi (system mDNS)"), QStringLiteral("avahi"));
    m_discovery->setItemData(1, tr("Only the system's Avahi daemon"), Qt::ToolTipRole);
    m_discovery->addItem(tr("Built-in mDNS"), QStringLiteral("embedded"));
    m_discovery->setItemData(2, tr("Confab's own mDNS responder, also where Avahi runs"), Qt::ToolTipRole);
    m_discovery->addItem(tr("Off (addresses only)"), QStringLiteral("off"));
    m_discovery->setItemData(3, tr("No multicast: only peers added by address, remembered or passed on"),
                             Qt::ToolTipRole);
    m_discovery->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_discoveryNote->setWordWrap(true);
    m_discoveryNote->setAccessibleName(tr("Discovery in this run"));
    m_discoveryNote->hide();
    connect(m_discovery, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateDiscoveryNote);
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);
    connect(m_identity, &IdentitySettingsSection::restartRequested, this, &SettingsDialog::restartRequested);
    connect(m_avatar, &AvatarSettingsSection::problem, this, &SettingsDialog::showError);
    connect(m_avatar, &AvatarSettingsSection::pictureChanged, m_error, &QLabel::hide);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    auto* nameLabel = new QLabel(tr("Display &name:"), this);
    nameLabel->setBuddy(m_name);
    auto* folderLabel = new QLabel(tr("Download &folder:"), this);
    folderLabel->setBuddy(m_folder);
    m_notifications->setAccessibleName(tr("Show notifications for messages, calls and files"));
    m_notifications->setToolTip(tr("When the window is not in front. Busy turns them off for a while."));
    m_notificationSound->setAccessibleName(tr("Notifications play a sound"));
    m_notificationSound->setToolTip(tr("The desktop's own sound for a new message or a call."));
    connect(m_notifications, &QCheckBox::toggled, m_notificationSound, &QCheckBox::setEnabled);
    auto* awayLabel = new QLabel(tr("Awa&y after:"), this);
    awayLabel->setBuddy(m_awayAfter);
    auto* discoveryLabel = new QLabel(tr("&Discovery:"), this);
    discoveryLabel->setBuddy(m_discovery);
    form->addRow(nameLabel, m_avatar);
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_autoAccept);
    form->addRow(QString(), m_startMinimised);
    form->addRow(awayLabel, m_awayAfter);
    form->addRow(QString(), m_notifications);
    form->addRow(QString(), m_notificationSound);
    form->addRow(discoveryLabel, m_discovery);

    auto* note =
        new QLabel(tr("The display name, the discovery mode, relaying, the sound cards and starting "
                      "minimised take effect the next time Confab starts; your picture, the download "
                      "folder, accepting files, away after, notifications, low latency and echo "
                      "cancellation apply from now on."),
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
    layout->addWidget(m_discoveryNote);
    layout->addWidget(m_relay);
    layout->addWidget(m_audio);
    layout->addWidget(m_identity);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    // The name's edit now sits inside the picture's section: the Tab order stays as on screen.
    setTabOrder(m_name, m_avatar->chooseButton());
    setTabOrder(m_avatar->chooseButton(), m_avatar->removeButton());
    setTabOrder(m_avatar->removeButton(), m_folder);
    // Errors, sound card notes and the microphone test's verdict come and go.
    keepTallEnoughForText(this);

    using Loaded = std::pair<api::ProfileSettings, api::NodeStatus>;
    m_node.call(
        this,
        [](api::Node& node) {
            return Loaded{node.settings(), node.status()};
        },
        [this](const Loaded& loaded) { onLoaded(loaded.first, loaded.second); });
}

void SettingsDialog::onLoaded(const api::ProfileSettings& settings, const api::NodeStatus& status)
{
    m_name->setText(settings.displayName);
    m_avatar->load(status.avatar, status.id);
    m_folder->setText(settings.downloadFolder);
    m_autoAccept->setChecked(settings.autoAcceptVerified);
    m_startMinimised->setChecked(settings.startMinimised);
    m_awayAfter->setValue(settings.awayAfterMinutes);
    m_notifications->setChecked(settings.notifications);
    m_notificationSound->setChecked(settings.notificationSound);
    m_notificationSound->setEnabled(settings.notifications);
    m_savedDiscovery = settings.discoveryMode;
    m_discoveryInForce = status.discoveryChoice.isEmpty() ? settings.discoveryMode : status.discoveryChoice;
    m_discoveryOverridden = status.discoverySetAtStart;
    // Overridden, the box shows the mode in force, not a saved one that does not apply.
    const int mode = m_discovery->findData(m_discoveryOverridden ? m_discoveryInForce : m_savedDiscovery);
    m_loadedDiscoveryIndex = mode >= 0 ? mode : 0;
    m_discovery->setCurrentIndex(m_loadedDiscoveryIndex);
    updateDiscoveryNote();
    m_relay->load(settings, status);
    m_audio->setChoice(settings.audioInputDevice, settings.audioOutputDevice);
    m_audio->setLowLatency(settings.lowLatencyCalls);
    m_audio->setEchoCancellation(settings.echoCancellation);
    m_loaded = true;
    m_save->setEnabled(true);
    emit loaded();
}

api::ProfileSettings SettingsDialog::settings() const
{
    api::ProfileSettings result;
    result.displayName = m_name->text().trimmed();
    result.downloadFolder = m_folder->text().trimmed();
    result.autoAcceptVerified = m_autoAccept->isChecked();
    result.startMinimised = m_startMinimised->isChecked();
    result.awayAfterMinutes = m_awayAfter->value();
    result.notifications = m_notifications->isChecked();
    result.notificationSound = m_notificationSound->isChecked();
    // Left as shown while an option overrides it: the saved mode stays.
    const bool keepSaved = m_discoveryOverridden && m_discovery->currentIndex() == m_loadedDiscoveryIndex;
    result.discoveryMode = keepSaved ? m_savedDiscovery : m_discovery->currentData().toString();
    result.audioInputDevice = m_audio->inputDevice();
    result.audioOutputDevice = m_audio->outputDevice();
    result.lowLatencyCalls = m_audio->lowLatency();
    result.echoCancellation = m_audio->echoCancellation();
    m_relay->fillIn(result);
    return result;
}

QString SettingsDialog::discoveryLabel(const QString& mode) const
{
    const int at = m_discovery->findData(mode);
    return at >= 0 ? m_discovery->itemText(at) : mode;
}

QString SettingsDialog::discoveryNote() const
{
    return m_discoveryNote->isHidden() ? QString() : m_discoveryNote->text();
}

void SettingsDialog::updateDiscoveryNote()
{
    if (m_loadedDiscoveryIndex < 0) {
        return; // not loaded yet
    }
    const QString chosen = m_discovery->currentData().toString();
    QString note;
    if (m_discoveryOverridden && m_discovery->currentIndex() == m_loadedDiscoveryIndex) {
        note = tr("Discovery is “%1” in this run: Confab was started with the option --discovery %2, "
                  "which overrides this setting. The saved choice, “%3”, applies when Confab starts "
                  "without that option.")
                   .arg(discoveryLabel(m_discoveryInForce), m_discoveryInForce,
                        discoveryLabel(m_savedDiscovery));
    } else if (m_discoveryOverridden) {
        note = tr("Discovery stays “%1” in this run: Confab was started with the option --discovery %2. "
                  "“%3” applies when Confab starts without that option.")
                   .arg(discoveryLabel(m_discoveryInForce), m_discoveryInForce, discoveryLabel(chosen));
    } else if (chosen != m_discoveryInForce) {
        note = tr("This run uses “%1”; “%2” applies from the next start.")
                   .arg(discoveryLabel(m_discoveryInForce), discoveryLabel(chosen));
    }
    m_discoveryNote->setText(note);
    m_discoveryNote->setVisible(!note.isEmpty());
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
    // The picture goes with the rest, once the rest is stored: a refused
    // setting leaves everything as it was.
    m_node.call(
        this,
        [settings = settings(), picture = m_avatar->picture(),
         pictureChanged = m_avatar->isChanged()](api::Node& node) -> Result<api::ProfileSettings, QString> {
            auto saved = node.saveSettings(settings);
            if (saved && pictureChanged) {
                if (auto set = node.setAvatar(picture); !set) {
                    return set.error();
                }
            }
            return saved;
        },
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
