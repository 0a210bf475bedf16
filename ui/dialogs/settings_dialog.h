#pragma once

#include "api/node_client.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace confab::ui {

class AudioSettingsSection;

// The profile's settings: display name, download folder, start minimised,
// the discovery mode and the sound cards for calls (with a microphone test). Loads them from the node, saves
// them through it and closes once the node has stored them.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(api::NodeClient& client, QWidget* parent = nullptr);

    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] api::ProfileSettings settings() const;
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QLineEdit* nameEdit() const { return m_name; }
    [[nodiscard]] QLineEdit* folderEdit() const { return m_folder; }
    [[nodiscard]] QCheckBox* startMinimisedBox() const { return m_startMinimised; }
    [[nodiscard]] QComboBox* discoveryBox() const { return m_discovery; }
    [[nodiscard]] AudioSettingsSection* audioSection() const { return m_audio; }

    void accept() override;

private:
    void onLoaded(const api::ProfileSettings& settings);
    void showError(const QString& error);
    void chooseFolder();

    api::NodeClient& m_node;
    QLineEdit* m_name;
    QLineEdit* m_folder;
    QPushButton* m_browse;
    QCheckBox* m_startMinimised;
    QComboBox* m_discovery;
    AudioSettingsSection* m_audio;
    QLabel* m_error;
    QPushButton* m_save;
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace confab::ui
