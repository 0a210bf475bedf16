#pragma once

#include "audio/audio_device.h"
#include "audio/input_level_probe.h"
#include "base/clock.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace confab::calls {

// "Test microphone" in the settings: opens a microphone for a few seconds,
// reports its level about ten times a second and ends with a verdict in
// words (works, silent, nothing arrived, cannot open). Lives on the thread
// that owns the node's other audio devices.
class MicrophoneTest : public QObject {
    Q_OBJECT
public:
    static constexpr int kPollMs = 100;
    static constexpr int kMinDurationMs = 500;
    static constexpr int kMaxDurationMs = 30000;

    // Makes the device to test from the microphone's name (empty: the
    // default); it need not play anything.
    using DeviceFactory = std::function<std::unique_ptr<audio::AudioDevice>(const QString& inputDevice)>;

    MicrophoneTest(DeviceFactory makeDevice, Clock& clock, QObject* parent = nullptr);
    ~MicrophoneTest() override;

    // Starts over if a test is running; finished() comes at once when the
    // device cannot be opened.
    void start(const QString& inputDevice, int durationMs);
    // Ends a running test now, with the verdict on what it captured so far.
    void finishNow();
    // Ends a running test without a verdict on the sound (for example, a
    // call needs the device); `reason` is the message.
    void cancel(const QString& reason);
    [[nodiscard]] bool isRunning() const { return m_probe != nullptr; }

signals:
    // Peak of the last ~100 ms, 0..1 of full scale.
    void level(double peak);
    void finished(bool worked, const QString& message);

private:
    void poll();
    void finish(bool worked, const QString& message);

    DeviceFactory m_makeDevice;
    Clock& m_clock;
    std::unique_ptr<Timer> m_pollTimer;
    std::unique_ptr<audio::InputLevelProbe> m_probe;
    std::int64_t m_startedMs = 0;
    int m_durationMs = 0;
};

} // namespace confab::calls
