#include "microphone_test.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace confab::calls {
namespace {
// Below this peak (about -60 dBFS) a microphone captured nothing audible.
constexpr double kSilentPeak = 0.001;
} // namespace

MicrophoneTest::MicrophoneTest(DeviceFactory makeDevice, Clock& clock, QObject* parent)
    : QObject(parent), m_makeDevice(std::move(makeDevice)), m_clock(clock),
      m_pollTimer(clock.createTimer([this] { poll(); }))
{
}

MicrophoneTest::~MicrophoneTest() = default;

void MicrophoneTest::start(const QString& inputDevice, int durationMs)
{
    m_pollTimer->stop();
    m_probe.reset(); // a test still running starts over
    auto probe = std::make_unique<audio::InputLevelProbe>(m_makeDevice(inputDevice));
    if (const auto error = probe->start()) {
        emit finished(false, QCoreApplication::translate("Calls", "The microphone could not be opened: %1")
                                 .arg(QString::fromStdString(*error)));
        return;
    }
    m_probe = std::move(probe);
    m_durationMs = std::clamp(durationMs, kMinDurationMs, kMaxDurationMs);
    m_startedMs = m_clock.monotonicMs();
    m_pollTimer->startRepeating(kPollMs);
}

void MicrophoneTest::finishNow()
{
    if (m_probe) {
        m_durationMs = 0; // the verdict on what was captured so far
        poll();
    }
}

void MicrophoneTest::cancel(const QString& reason)
{
    if (m_probe) {
        finish(false, reason);
    }
}

void MicrophoneTest::poll()
{
    if (!m_probe) {
        m_pollTimer->stop();
        return;
    }
    const QString name = QString::fromStdString(m_probe->description());
    if (m_probe->failed()) {
        finish(false,
               QCoreApplication::translate("Calls", "The microphone (%1) stopped working during the test.")
                   .arg(name));
        return;
    }
    emit level(m_probe->takePeak());
    if (m_clock.monotonicMs() - m_startedMs < m_durationMs) {
        return;
    }
    if (m_probe->blocks() == 0) {
        finish(false,
               QCoreApplication::translate("Calls", "No audio arrived from the microphone (%1).").arg(name));
        return;
    }
    const double peak = m_probe->maxPeak();
    if (peak < kSilentPeak) {
        finish(false, QCoreApplication::translate(
                          "Calls", "The microphone (%1) opened but captured only silence: is it muted "
                                   "or turned down?")
                          .arg(name));
        return;
    }
    const double dbfs = 20.0 * std::log10(peak);
    finish(true, QCoreApplication::translate("Calls",
                                             "The microphone works (%1): the loudest sound reached %2 dBFS.")
                     .arg(name)
                     .arg(dbfs, 0, 'f', 0));
}

void MicrophoneTest::finish(bool worked, const QString& message)
{
    m_pollTimer->stop();
    m_probe.reset(); // releases the sound card
    emit level(0.0);
    emit finished(worked, message);
}

} // namespace confab::calls
