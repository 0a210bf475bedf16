#include "audio_settings_section.h"

#include "widgets/level_meter_widget.h"
#include "widgets/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace confab::ui {

AudioSettingsSection::AudioSettingsSection(api::NodeClient& client, QWidget* parent)
    : QGroupBox(tr("Calls"), parent), m_node(client), m_input(new QComboBox(this)),
      m_output(new QComboBox(this)),
      m_lowLatency(new QCheckBox(tr("Lo&w latency for the calls I start"), this)),
      m_echoCancellation(new QCheckBox(tr("E&cho cancellation"), this)),
      m_status(new QLabel(tr("Looking for sound cards…"), this)),
      m_test(new QPushButton(tr("&Test Microphone"), this)), m_level(new LevelMeterWidget(this)),
      m_result(new QLabel(this))
{
    m_input->setAccessibleName(tr("Microphone"));
    m_output->setAccessibleName(tr("Speaker or headset"));
    for (QComboBox* box : {m_input, m_output}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(24);
        box->setEnabled(false); // until listed
    }
    m_lowLatency->setAccessibleName(tr("Low latency for the calls I start"));
    m_lowLatency->setToolTip(
        tr("About 10 ms less delay, for quiet rooms and headsets: shorter audio packets, "
           "twice as many of them, and no noise suppression. From the next call on."));
    m_echoCancellation->setAccessibleName(tr("Echo cancellation"));
    m_echoCancellation->setToolTip(
        tr("Keeps the others from hearing themselves through your speaker. With headphones you can "
           "turn it off: your voice then reaches them 7 ms sooner. From the next call on."));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Sound cards"));
    m_test->setAccessibleName(tr("Test the microphone"));
    m_test->setToolTip(tr("Opens the chosen microphone for a few seconds and shows its level"));
    m_test->setAutoDefault(false);
    m_level->setEnabled(false);
    m_result->setWordWrap(true);
    m_result->setAccessibleName(tr("Microphone test result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();

    auto* inputLabel = new QLabel(tr("&Microphone:"), this);
    inputLabel->setBuddy(m_input);
    auto* outputLabel = new QLabel(tr("S&peaker:"), this);
    outputLabel->setBuddy(m_output);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_level, 1);
    auto* form = new QFormLayout;
    form->addRow(inputLabel, m_input);
    form->addRow(outputLabel, m_output);
    // Wrapped texts below the form rather than in it: a form row does not
    // grow with the lines of a wrapped label.
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_lowLatency);
    layout->addWidget(m_echoCancellation);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addWidget(m_status);

    connect(m_test, &QPushButton::clicked, this, &AudioSettingsSection::toggleTest);
    connect(&m_node.events(), &api::NodeEvents::microphoneLevel, this, [this](double level) {
        if (m_testing) {
            m_level->setLevel(level);
        }
    });
    connect(&m_node.events(), &api::NodeEvents::microphoneTestFinished, this,
            &AudioSettingsSection::onTestFinished);
    // PortAudio enumerates on the node's thread, where every other PortAudio
    // call of the node runs. Asked for once the dialog that holds this
    // section has asked for its settings: those come first, and the list
    // (which can take a while) after.
    QTimer::singleShot(0, this, [this] {
        m_node.call(
            this, [](api::Node& node) { return node.audioDevices(); },
            [this](const api::AudioDeviceList& list) { onListed(list); });
    });
}

AudioSettingsSection::~AudioSettingsSection()
{
    if (m_testing) {
        m_node.call(
            [](api::Node& node) { node.stopMicrophoneTest(); }); // release the sound card with the dialog
    }
}

void AudioSettingsSection::setChoice(const QString& input, const QString& output)
{
    m_chosenInput = input;
    m_chosenOutput = output;
    if (m_listed) {
        fill(m_input, m_devices, true, m_chosenInput);
        fill(m_output, m_devices, false, m_chosenOutput);
    }
}

void AudioSettingsSection::setLowLatency(bool on)
{
    m_lowLatency->setChecked(on);
}

bool AudioSettingsSection::lowLatency() const
{
    return m_lowLatency->isChecked();
}

void AudioSettingsSection::setEchoCancellation(bool on)
{
    m_echoCancellation->setChecked(on);
}

bool AudioSettingsSection::echoCancellation() const
{
    return m_echoCancellation->isChecked();
}

QString AudioSettingsSection::inputDevice() const
{
    return m_listed ? m_input->currentData().toString() : m_chosenInput;
}

QString AudioSettingsSection::outputDevice() const
{
    return m_listed ? m_output->currentData().toString() : m_chosenOutput;
}

QString AudioSettingsSection::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

QString AudioSettingsSection::testResult() const
{
    return m_result->isHidden() ? QString() : m_result->text();
}

void AudioSettingsSection::onListed(const api::AudioDeviceList& list)
{
    m_devices = list.devices;
    m_listed = true;
    fill(m_input, m_devices, true, m_chosenInput);
    fill(m_output, m_devices, false, m_chosenOutput);
    const bool anyInput = std::any_of(m_devices.begin(), m_devices.end(),
                                      [](const api::AudioDeviceInfo& device) { return device.hasInput; });
    const bool anyOutput = std::any_of(m_devices.begin(), m_devices.end(),
                                       [](const api::AudioDeviceInfo& device) { return device.hasOutput; });
    QString status;
    if (!list.error.isEmpty()) {
        status = tr("Sound cards cannot be listed: %1").arg(list.error);
    } else if (!anyInput && !anyOutput) {
        status = tr("No sound card found. Calls still connect, without sound, until one is plugged in.");
    } else if (!anyInput) {
        status = tr("No microphone found: the other side will hear silence.");
    }
    status += (status.isEmpty() ? QString() : QStringLiteral(" ")) +
              tr("A new choice applies from the next start of Confab.");
    m_status->setText(status);
}

void AudioSettingsSection::fill(QComboBox* box, const std::vector<api::AudioDeviceInfo>& devices, bool input,
                                const QString& chosen)
{
    box->clear();
    box->addItem(tr("System default"), QString());
    for (const api::AudioDeviceInfo& device : devices) {
        if (input ? !device.hasInput : !device.hasOutput) {
            continue;
        }
        const QString& name = device.name;
        const bool isDefault = input ? device.isDefaultInput : device.isDefaultOutput;
        box->addItem(isDefault ? tr("%1 (default)").arg(name) : name, name);
    }
    int at = box->findData(chosen);
    if (at < 0) {
        // Saved, but not connected now: keep it rather than lose the choice.
        box->addItem(tr("%1 (not connected)").arg(chosen), chosen);
        at = box->count() - 1;
    }
    box->setCurrentIndex(at);
    box->setEnabled(true);
}

void AudioSettingsSection::toggleTest()
{
    if (m_testing) {
        m_node.call([](api::Node& node) { node.stopMicrophoneTest(); });
        return;
    }
    m_testing = true;
    m_test->setText(tr("S&top Test"));
    m_test->setAccessibleName(tr("Stop the microphone test"));
    m_level->setEnabled(true);
    m_level->setLevel(0);
    m_result->setText(tr("Speak into the microphone…"));
    m_result->setPalette(palette());
    m_result->show();
    m_node.call([device = inputDevice()](api::Node& node) { node.startMicrophoneTest(device, kTestMs); });
}

void AudioSettingsSection::onTestFinished(bool worked, const QString& message)
{
    if (!m_testing) {
        return;
    }
    m_testing = false;
    m_test->setText(tr("&Test Microphone"));
    m_test->setAccessibleName(tr("Test the microphone"));
    m_level->setLevel(0);
    m_level->setEnabled(false);
    QPalette coloured = palette();
    coloured.setColor(QPalette::WindowText, worked ? theme::positive(coloured) : theme::danger(coloured));
    m_result->setPalette(coloured);
    m_result->setText(message);
    m_result->show();
}

} // namespace confab::ui
