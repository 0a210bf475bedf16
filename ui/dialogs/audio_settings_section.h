#pragma once

#include "api/node_client.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace confab::ui {

class LevelMeterWidget;

// The settings dialog's part about calls: which microphone and which speaker
// (the sound cards PortAudio sees, listed by the node off the GUI thread),
// "Low latency" for the calls this node starts (5 ms frames, no noise
// suppression), and "Test Microphone", which opens the chosen microphone for a few seconds
// on the node's thread and shows its level — or says why it cannot. Its
// texts arrive after the dialog is shown: the dialog keeps room for their
// lines (keepTallEnoughForText).
class AudioSettingsSection : public QGroupBox {
    Q_OBJECT
public:
    static constexpr int kTestMs = 5000;

    explicit AudioSettingsSection(api::NodeClient& client, QWidget* parent = nullptr);
    ~AudioSettingsSection() override;

    // The saved choice (empty: the system's default); kept until the list
    // arrives, and shown even when that device is not connected now.
    void setChoice(const QString& input, const QString& output);
    void setLowLatency(bool on);
    [[nodiscard]] bool lowLatency() const;
    void setEchoCancellation(bool on);
    [[nodiscard]] bool echoCancellation() const;
    [[nodiscard]] QString inputDevice() const;
    [[nodiscard]] QString outputDevice() const;
    [[nodiscard]] bool isListed() const { return m_listed; }
    [[nodiscard]] bool isTesting() const { return m_testing; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString testResult() const;
    [[nodiscard]] QComboBox* inputBox() const { return m_input; }
    [[nodiscard]] QComboBox* outputBox() const { return m_output; }
    [[nodiscard]] QPushButton* testButton() const { return m_test; }
    [[nodiscard]] QCheckBox* lowLatencyBox() const { return m_lowLatency; }
    [[nodiscard]] QCheckBox* echoCancellationBox() const { return m_echoCancellation; }
    [[nodiscard]] LevelMeterWidget* levelMeter() const { return m_level; }

private:
    void onListed(const api::AudioDeviceList& list);
    void fill(QComboBox* box, const std::vector<api::AudioDeviceInfo>& devices, bool input,
              const QString& chosen);
    void toggleTest();
    void onTestFinished(bool worked, const QString& message);

    api::NodeClient& m_node;
    QComboBox* m_input;
    QComboBox* m_output;
    QCheckBox* m_lowLatency;
    QCheckBox* m_echoCancellation;
    QLabel* m_status;
    QPushButton* m_test;
    LevelMeterWidget* m_level;
    QLabel* m_result;
    QString m_chosenInput;
    QString m_chosenOutput;
    std::vector<api::AudioDeviceInfo> m_devices;
    bool m_listed = false;
    bool m_testing = false;
};

} // namespace confab::ui
