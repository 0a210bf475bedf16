#pragma once

#include "api/node_client.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace confab::ui {

class AudioSettingsSection;
class AvatarSettingsSection;
class IdentitySettingsSection;
class RelaySettingsSection;

// The profile's settings: display name and picture, download folder, accepting files
// from verified contacts by themselves, start minimised,
// the discovery mode, carrying messages for others (relaying) and the sound
// cards for calls (with a microphone test), and backing up or restoring
// the identity key.
// Loads them from the node, saves them through it and closes once the node
// has stored them. The discovery box shows the mode in force; when an
// option given at start (--discovery) overrides the setting, a note says so
// and saving keeps the saved mode unless the user picks another.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(api::NodeClient& client, QWidget* parent = nullptr);

    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] api::ProfileSettings settings() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QLineEdit* nameEdit() const { return m_name; }
    [[nodiscard]] AvatarSettingsSection* avatarSection() const { return m_avatar; }
    [[nodiscard]] QLineEdit* folderEdit() const { return m_folder; }
    [[nodiscard]] QCheckBox* autoAcceptBox() const { return m_autoAccept; }
    [[nodiscard]] QCheckBox* startMinimisedBox() const { return m_startMinimised; }
    [[nodiscard]] QSpinBox* awayAfterBox() const { return m_awayAfter; }
    [[nodiscard]] QCheckBox* notificationsBox() const { return m_notifications; }
    [[nodiscard]] QCheckBox* notificationSoundBox() const { return m_notificationSound; }
    [[nodiscard]] QComboBox* discoveryBox() const { return m_discovery; }
    // What the dialog says about discovery in this run; empty when nothing needs saying.
    [[nodiscard]] QString discoveryNote() const;
    [[nodiscard]] RelaySettingsSection* relaySection() const { return m_relay; }
    [[nodiscard]] AudioSettingsSection* audioSection() const { return m_audio; }
    [[nodiscard]] IdentitySettingsSection* identitySection() const { return m_identity; }

    void accept() override;

signals:
    // The profile's settings are shown: the dialog is ready for the user.
    void loaded();
    // Restart Confab now (to use a restored identity).
    void restartRequested();

private:
    void onLoaded(const api::ProfileSettings& settings, const api::NodeStatus& status);
    void updateDiscoveryNote();
    [[nodiscard]] QString discoveryLabel(const QString& mode) const;
    void showError(const QString& error);
    void chooseFolder();

    api::NodeClient& m_node;
    QLineEdit* m_name;
    AvatarSettingsSection* m_avatar; // lays out the name too, beside the picture
    QLineEdit* m_folder;
    QPushButton* m_browse;
    QCheckBox* m_autoAccept;
    QCheckBox* m_startMinimised;
    QSpinBox* m_awayAfter;
    QCheckBox* m_notifications;
    QCheckBox* m_notificationSound;
    QComboBox* m_discovery;
    QLabel* m_discoveryNote;
    QString m_savedDiscovery;   // as saved in the profile
    QString m_discoveryInForce; // what this run uses
    bool m_discoveryOverridden = false;
    int m_loadedDiscoveryIndex = -1;
    RelaySettingsSection* m_relay; // before the sound cards, in the Tab order as on screen
    AudioSettingsSection* m_audio;
    IdentitySettingsSection* m_identity;
    QLabel* m_error;
    QPushButton* m_save;
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace confab::ui
