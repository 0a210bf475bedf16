#include "echo_processor.h"

#include <algorithm>
#include <array>
#include <new>
#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

namespace confab::audio {
namespace {

// The canceller's search window covers echo paths of up to about 500 ms
// beyond the reported delay with the extended filter; clamp what we report
// to what the module accepts.
constexpr int kMaxReportedDelayMs = 500;
// Gain control: aim the speech peaks at -3 dBFS, add up to 9 dB, never clip.
constexpr int kAgcTargetDbfs = 3;
constexpr int kAgcCompressionDb = 9;

void fill(webrtc::AudioFrame& frame, std::span<const Sample> block)
{
    frame.sample_rate_hz_ = kSampleRate;
    frame.num_channels_ = kChannels;
    frame.samples_per_channel_ = block.size();
    frame.interleaved_ = true;
    std::copy(block.begin(), block.end(), frame.data_);
}

} // namespace

struct EchoProcessor::Impl {
    std::unique_ptr<webrtc::AudioProcessing> apm;
    webrtc::AudioFrame farFrame;
    webrtc::AudioFrame nearFrame;
};

EchoProcessor::EchoProcessor(Options options) : m_options(options)
{
    if (!options.echoCancellation && !options.noiseSuppression && !options.autoGain &&
        !options.highPassFilter) {
        return; // nothing to do: plain pass-through, not an error
    }
    webrtc::Config config;
    // The extended filter and the delay-agnostic mode let the canceller find
    // the echo itself: sound servers and USB headsets report latencies that
    // are off by tens of milliseconds.
    config.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(true));
    config.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(true));
    // The "experimental" AGC drives an analog mixer gain, which Confab does not control.
    config.Set<webrtc::ExperimentalAgc>(new webrtc::ExperimentalAgc(false));

    auto impl = std::make_unique<Impl>();
    impl->apm.reset(webrtc::AudioProcessing::Create(config));
    if (!impl->apm) {
        m_error = "echo cancellation is unavailable (the audio processing module could not be created); "
                  "sound is sent unprocessed";
        return;
    }
    webrtc::AudioProcessing& apm = *impl->apm;
    bool ok = apm.Initialize(kSampleRate, kSampleRate, kSampleRate, webrtc::AudioProcessing::kMono,
                             webrtc::AudioProcessing::kMono,
                             webrtc::AudioProcessing::kMono) == webrtc::AudioProcessing::kNoError;
    ok = ok && apm.high_pass_filter()->Enable(options.highPassFilter) == webrtc::AudioProcessing::kNoError;
    if (options.echoCancellation) {
        // Moderate, not high: high suppression also cuts the near-end talker
        // while both speak (the echo benchmark: envelope correlation 0.73-0.76
        // against 0.86), and gains no echo reduction there.
        ok = ok &&
             apm.echo_cancellation()->set_suppression_level(webrtc::EchoCancellation::kModerateSuppression) ==
                 webrtc::AudioProcessing::kNoError &&
             apm.echo_cancellation()->enable_drift_compensation(false) == webrtc::AudioProcessing::kNoError &&
             apm.echo_cancellation()->enable_metrics(true) == webrtc::AudioProcessing::kNoError &&
             apm.echo_cancellation()->Enable(true) == webrtc::AudioProcessing::kNoError;
    }
    if (options.noiseSuppression) {
        ok = ok &&
             apm.noise_suppression()->set_level(webrtc::NoiseSuppression::kModerate) ==
                 webrtc::AudioProcessing::kNoError &&
             apm.noise_suppression()->Enable(true) == webrtc::AudioProcessing::kNoError;
    }
    if (options.autoGain) {
        webrtc::GainControl& agc = *apm.gain_control();
        ok = ok && agc.set_mode(webrtc::GainControl::kAdaptiveDigital) == webrtc::AudioProcessing::kNoError &&
             agc.set_target_level_dbfs(kAgcTargetDbfs) == webrtc::AudioProcessing::kNoError &&
             agc.set_compression_gain_db(kAgcCompressionDb) == webrtc::AudioProcessing::kNoError &&
             agc.enable_limiter(true) == webrtc::AudioProcessing::kNoError &&
             agc.Enable(true) == webrtc::AudioProcessing::kNoError;
    }
    if (!ok) {
        m_error = "echo cancellation is unavailable (the audio processing module rejected its settings); "
                  "sound is sent unprocessed";
        return;
    }
    m_impl = std::move(impl);
}

EchoProcessor::~EchoProcessor() = default;

void EchoProcessor::analyzeFarEnd(std::span<const Sample> block)
{
    if (!m_impl || !m_options.echoCancellation || block.size() != kBlockFrames) {
        return;
    }
    fill(m_impl->farFrame, block);
    if (m_impl->apm->ProcessReverseStream(&m_impl->farFrame) != webrtc::AudioProcessing::kNoError) {
        m_error = "echo cancellation rejected a block of the far end";
    }
}

void EchoProcessor::processNearEnd(std::span<Sample> block, int delayMs)
{
    if (!m_impl || block.size() != kBlockFrames) {
        return;
    }
    webrtc::AudioProcessing& apm = *m_impl->apm;
    if (m_options.echoCancellation) {
        // Out of range values are clamped by the module too; it warns instead of failing.
        apm.set_stream_delay_ms(std::clamp(delayMs, 0, kMaxReportedDelayMs));
    }
    fill(m_impl->nearFrame, block);
    const int result = apm.ProcessStream(&m_impl->nearFrame);
    if (result != webrtc::AudioProcessing::kNoError &&
        result != webrtc::AudioProcessing::kBadStreamParameterWarning) {
        // Keep the microphone's own audio rather than whatever the module left.
        m_error = "echo cancellation failed on a block; it was sent unprocessed";
        return;
    }
    std::copy_n(m_impl->nearFrame.data_, block.size(), block.begin());
}

int EchoProcessor::echoReturnLossEnhancementDb() const
{
    if (!m_impl || !m_options.echoCancellation) {
        return 0;
    }
    webrtc::EchoCancellation::Metrics metrics{};
    if (m_impl->apm->echo_cancellation()->GetMetrics(&metrics) != webrtc::AudioProcessing::kNoError) {
        return 0;
    }
    return metrics.echo_return_loss_enhancement.average;
}

} // namespace confab::audio
