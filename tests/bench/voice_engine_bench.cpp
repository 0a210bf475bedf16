// Voice engine costs and delay, as JSON on stdout:
//  - Opus encode / decode / FEC / PLC time per frame, per complexity;
//  - echo processor time per 10 ms block and how long it holds the microphone
//    back (high-pass filter, canceller, noise suppressor, everything on);
//  - jitter buffer time per frame (insert + decision);
//  - two engines back to back in this process, on real-time paced devices:
//    mouth-to-ear delay of tone bursts (p50/p95/max) and CPU per engine.
// Usage: confab_voice_engine_bench [seconds of call per frame length, default 10]

#include "audio/echo_processor.h"
#include "audio/jitter_buffer.h"
#include "audio/monotonic_clock.h"
#include "audio/opus_decoder.h"
#include "audio/opus_encoder.h"
#include "audio/realtime_pacer.h"
#include "audio/voice_engine.h"
#include "synthetic_speech.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <numbers>
#include <random>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace {

using namespace confab::audio;
using confab::bench::speechLike;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kSecond = kSampleRate;

double microsSince(Clock::time_point start, std::size_t count)
{
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    return us / static_cast<double>(count);
}

std::string opusFigures(const std::vector<Sample>& signal)
{
    std::string json = "[";
    for (const int frameMs : {10, 20}) {
        for (const int complexity : {9, 5, 3}) {
            OpusEncoderConfig config;
            config.frameMs = frameMs;
            config.complexity = complexity;
            config.adaptiveComplexity = false;
            config.packetLossPercent = 10;
            OpusEncoder encoder = OpusEncoder::create(config).value();
            OpusDecoder decoder = OpusDecoder::create().value();
            const std::size_t frame = encoder.frameSamples();
            std::vector<std::vector<std::uint8_t>> packets;
            std::array<std::uint8_t, kMaxOpusPacketBytes> buffer{};
            const auto encodeStart = Clock::now();
            for (std::size_t at = 0; at + frame <= signal.size(); at += frame) {
                const auto encoded =
                    encoder.encode(std::span<const Sample>(signal.data() + at, frame), buffer);
                packets.emplace_back(buffer.begin(),
                                     buffer.begin() + static_cast<std::ptrdiff_t>(encoded.value().size));
            }
            const double encodeUs = microsSince(encodeStart, packets.size());
            std::size_t bytes = 0;
            for (const auto& p : packets) {
                bytes += p.size();
            }
            std::vector<Sample> pcm(frame);
            const auto decodeStart = Clock::now();
            for (const auto& p : packets) {
                (void)decoder.decode(p, pcm);
            }
            const double decodeUs = microsSince(decodeStart, packets.size());
            const auto fecStart = Clock::now();
            for (const auto& p : packets) {
                (void)decoder.decodeFec(p, pcm);
            }
            const double fecUs = microsSince(fecStart, packets.size());
            const auto plcStart = Clock::now();
            for (std::size_t i = 0; i < packets.size(); ++i) {
                (void)decoder.conceal(pcm);
            }
            const double plcUs = microsSince(plcStart, packets.size());
            const double seconds = static_cast<double>(packets.size() * frame) / kSampleRate;
            char line[400];
            std::snprintf(line, sizeof line,
                          "%s{\"frame_ms\":%d,\"complexity\":%d,\"encode_us_per_frame\":%.1f,"
                          "\"decode_us_per_frame\":%.1f,\"fec_decode_us_per_frame\":%.1f,"
                          "\"plc_us_per_frame\":%.1f,\"bitrate_bps\":%.0f,\"encode_share_of_frame\":%.4f}",
                          json.size() > 1 ? "," : "", frameMs, complexity, encodeUs, decodeUs, fecUs, plcUs,
                          static_cast<double>(bytes) * 8.0 / seconds, encodeUs / (frameMs * 1000.0));
            json += line;
        }
    }
    return json + "]";
}

// How long the echo processor holds the microphone back: noise bursts (an
// unambiguous cross-correlation, unlike voiced speech's pitch period) with
// a silent far end, and the lag where the output best matches the input.
double processingDelayMs(const EchoProcessor::Options& options)
{
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> noise(-8000, 8000);
    std::vector<Sample> input(3 * kSecond);
    for (std::size_t i = 0; i < input.size(); ++i) {
        const bool burst = (i / framesForMs(100)) % 3 == 0;
        input[i] = static_cast<Sample>(burst ? noise(rng) : noise(rng) / 20);
    }
    std::vector<Sample> output = input;
    EchoProcessor processor(options);
    const std::array<Sample, kBlockFrames> silence{};
    for (std::size_t at = 0; at + kBlockFrames <= output.size(); at += kBlockFrames) {
        processor.analyzeFarEnd(silence);
        processor.processNearEnd(std::span<Sample>(output.data() + at, kBlockFrames), 20);
    }
    const std::size_t maxLag = framesForMs(30);
    std::size_t bestLag = 0;
    double best = -1e300;
    for (std::size_t lag = 0; lag < maxLag; ++lag) {
        double sum = 0;
        for (std::size_t i = kSecond; i + maxLag < input.size(); ++i) {
            sum += static_cast<double>(input[i]) * output[i + lag];
        }
        if (sum > best) {
            best = sum;
            bestLag = lag;
        }
    }
    return static_cast<double>(bestLag) * 1000.0 / kSampleRate;
}

std::string echoFigures(const std::vector<Sample>& signal)
{
    std::string json = "{";
    const std::array<std::pair<const char*, EchoProcessor::Options>, 4> variants{{
        {"high_pass_only", EchoProcessor::Options{false, false, false, true}},
        {"canceller_only", EchoProcessor::Options{true, false, false, true}},
        {"suppressor_only", EchoProcessor::Options{false, true, false, true}},
        {"all_on", EchoProcessor::Options{}},
    }};
    for (const auto& [name, options] : variants) {
        EchoProcessor processor(options);
        std::vector<Sample> near(signal.size());
        for (std::size_t i = framesForMs(40); i < near.size(); ++i) {
            near[i] = static_cast<Sample>(signal[i - framesForMs(40)] / 2);
        }
        const auto start = Clock::now();
        std::size_t blocks = 0;
        for (std::size_t at = 0; at + kBlockFrames <= near.size(); at += kBlockFrames, ++blocks) {
            processor.analyzeFarEnd(std::span<const Sample>(signal.data() + at, kBlockFrames));
            processor.processNearEnd(std::span<Sample>(near.data() + at, kBlockFrames), 40);
        }
        char line[240];
        std::snprintf(line, sizeof line,
                      "%s\"%s\":{\"us_per_block\":%.1f,\"share_of_block\":%.4f,\"active\":%s,"
                      "\"delay_ms\":%.2f}",
                      json.size() > 1 ? "," : "", name, microsSince(start, blocks),
                      microsSince(start, blocks) / 10000.0, processor.active() ? "true" : "false",
                      processingDelayMs(options));
        json += line;
    }
    return json + "}";
}

std::string jitterFigures()
{
    JitterBuffer buffer(JitterBufferConfig{960, 1000, 0});
    std::mt19937 rng(2);
    std::uniform_int_distribution<std::int64_t> jitter(0, 20'000'000);
    const std::vector<std::uint8_t> payload(80, 7);
    const std::size_t frames = 200'000;
    const auto start = Clock::now();
    for (std::size_t k = 0; k < frames; ++k) {
        const auto t = static_cast<std::int64_t>(k) * 20'000'000;
        buffer.insert(static_cast<std::uint32_t>(k * 960), k == 0, payload, t + jitter(rng));
        (void)buffer.next(t + 30'000'000);
    }
    char line[120];
    std::snprintf(line, sizeof line, "{\"us_per_frame\":%.2f}", microsSince(start, frames));
    return line;
}

// A sound card paced in real time, with the file devices' timing model:
// block k is spoken over [origin + k * 10 ms, origin + (k + 1) * 10 ms), its
// callback runs at the end of that span, and what the callback returns is
// heard from that moment on.
class PacedDevice final : public AudioDevice {
public:
    enum class Microphone { Silent, Bursts, Tone };

    // `periodNs` other than 10 ms: a sound card whose clock drifts.
    PacedDevice(Microphone microphone, std::int64_t periodNs) : m_microphone(microphone), m_periodNs(periodNs)
    {
    }
    ~PacedDevice() override { stop(); }
    PacedDevice(const PacedDevice&) = delete;
    PacedDevice& operator=(const PacedDevice&) = delete;

    std::optional<std::string> start(AudioCallback& callback) override
    {
        m_callback = &callback;
        m_origin = m_pacer.start(m_periodNs, [this](std::uint64_t block) { tick(block); });
        return std::nullopt;
    }
    void stop() override { m_pacer.stop(); }
    [[nodiscard]] bool failed() const override { return false; }
    [[nodiscard]] std::string description() const override { return "paced bench device"; }
    [[nodiscard]] std::optional<std::int64_t> streamOriginNs() const override { return m_origin.load(); }
    [[nodiscard]] std::int64_t periodNs() const { return m_periodNs; }

    // Burst k (k = 0, 1, ...) of 1 kHz starts at sample k * kBurstPeriod.
    static constexpr std::size_t kBurstPeriod = kSecond / 2;
    static constexpr std::size_t kBurstLength = kSecond / 10;

    [[nodiscard]] std::vector<Sample> heard() const
    {
        std::lock_guard lock(m_mutex);
        return m_heard;
    }

private:
    void tick(std::uint64_t block)
    {
        std::array<Sample, kBlockFrames> input{};
        std::array<Sample, kBlockFrames> output{};
        if (m_microphone != Microphone::Silent) {
            for (std::size_t i = 0; i < kBlockFrames; ++i) {
                const std::size_t n = block * kBlockFrames + i;
                const bool on = m_microphone == Microphone::Tone || n % kBurstPeriod < kBurstLength;
                const double t = static_cast<double>(n) / kSampleRate;
                input[i] =
                    on ? static_cast<Sample>(10000.0 * std::sin(2.0 * std::numbers::pi * 1000.0 * t)) : 0;
            }
        }
        m_callback->process(input.data(), output.data(), kBlockFrames);
        std::lock_guard lock(m_mutex);
        m_heard.insert(m_heard.end(), output.begin(), output.end());
    }

    Microphone m_microphone;
    std::int64_t m_periodNs;
    RealtimePacer m_pacer;
    AudioCallback* m_callback = nullptr;
    std::atomic<std::int64_t> m_origin{0};
    mutable std::mutex m_mutex;
    std::vector<Sample> m_heard;
};

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(std::lround(p * static_cast<double>(values.size() - 1)));
    return values[std::min(index, values.size() - 1)];
}

std::string loopbackFigures(int frameMs, int seconds, bool processing, int lossPercent)
{
    // The listener's card runs 0.1 % fast: over ten seconds the two cards'
    // block boundaries slide through every relative phase, as they would
    // between two machines, so the delay figures cover all of them.
    // Bursts show the delay; under loss a steady tone shows what concealment costs.
    PacedDevice speakerSide(lossPercent > 0 ? PacedDevice::Microphone::Tone : PacedDevice::Microphone::Bursts,
                            kBlockPeriodNs);
    PacedDevice listenerSide(PacedDevice::Microphone::Silent, kBlockPeriodNs - kBlockPeriodNs / 1000);
    VoiceSettings settings;
    settings.frameMs = frameMs;
    settings.echoCancellation = processing;
    settings.noiseSuppression = processing;
    settings.autoGain = processing;
    VoiceEngine speaker(speakerSide, settings);
    VoiceEngine listener(listenerSide, settings);
    // As the listener's loss reports would tell the speaker.
    speaker.setRemoteLossPercent(lossPercent);
    std::mt19937 rng(5);
    std::bernoulli_distribution lost(lossPercent / 100.0);
    // The network thread: woken by the engines' notifiers, like a queued Qt call.
    std::mutex mutex;
    std::condition_variable wake;
    bool pending = false;
    const auto notify = [&] {
        {
            std::lock_guard lock(mutex);
            pending = true;
        }
        wake.notify_one();
    };
    speaker.setOutgoingNotifier(notify);
    listener.setOutgoingNotifier(notify);
    const double cpuBefore = cpuSeconds();
    speaker.start();
    listener.start();
    std::atomic<bool> stop{false};
    std::thread wire([&] {
        VoiceFrame frame;
        while (!stop) {
            {
                std::unique_lock lock(mutex);
                wake.wait_for(lock, std::chrono::milliseconds(50), [&] { return pending; });
                pending = false;
            }
            while (speaker.popOutgoing(frame)) {
                if (lost(rng)) {
                    continue;
                }
                frame.arrivalNs = monotonicNowNs();
                listener.pushIncoming(frame);
            }
            while (listener.popOutgoing(frame)) {
                frame.arrivalNs = monotonicNowNs();
                speaker.pushIncoming(frame);
            }
        }
    });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    const VoiceStats heardStats = listener.stats();
    stop = true;
    wire.join();
    speaker.stop();
    listener.stop();
    const double cpu = cpuSeconds() - cpuBefore;

    // Onsets: first sample above a third of the burst level after 50 ms of quiet.
    const std::vector<Sample> heard = listenerSide.heard();
    const std::int64_t spokenOrigin = *speakerSide.streamOriginNs();
    const std::int64_t heardOrigin = *listenerSide.streamOriginNs();
    std::vector<double> delaysMs;
    std::size_t quiet = 0;
    for (std::size_t m = 0; lossPercent == 0 && m < heard.size(); ++m) {
        if (std::abs(static_cast<int>(heard[m])) < 3300) {
            ++quiet;
            continue;
        }
        if (quiet >= framesForMs(50)) {
            // Block k's output is heard from origin + (k + 1) * period on, at the card's own rate.
            const std::int64_t period = listenerSide.periodNs();
            const auto block = static_cast<std::int64_t>(m / kBlockFrames);
            const auto offset = static_cast<std::int64_t>(m % kBlockFrames);
            const std::int64_t heardNs = heardOrigin + (block + 1) * period +
                                         offset * period / static_cast<std::int64_t>(kBlockFrames);
            // The burst it belongs to: the latest one spoken before it was heard.
            const std::int64_t sinceSpeakerOrigin = heardNs - spokenOrigin;
            if (sinceSpeakerOrigin > 0) {
                const auto samplesSince = sinceSpeakerOrigin * kSampleRate / 1'000'000'000;
                const auto burst = static_cast<std::size_t>(samplesSince) / PacedDevice::kBurstPeriod;
                const auto spokenNs =
                    spokenOrigin + static_cast<std::int64_t>(burst * PacedDevice::kBurstPeriod) *
                                       1'000'000'000 / kSampleRate;
                delaysMs.push_back(static_cast<double>(heardNs - spokenNs) / 1e6);
            }
        }
        quiet = 0;
    }
    char line[600];
    std::snprintf(line, sizeof line,
                  "{\"frame_ms\":%d,\"processing\":%s,\"loss_percent\":%d,\"seconds\":%d,\"bursts\":%zu,"
                  "\"mouth_to_ear_ms\":{"
                  "\"p50\":%.1f,\"p95\":%.1f,"
                  "\"max\":%.1f},\"jitter_buffer_delay_ms\":%.1f,\"frames_played\":%llu,\"frames_recovered_"
                  "fec\":%llu,\"frames_concealed\":%llu,\"receive_loss_percent\":%.1f,"
                  "\"playback_underruns\":%llu,\"cpu_percent_per_engine\":%.2f}",
                  frameMs, processing ? "true" : "false", lossPercent, seconds, delaysMs.size(),
                  percentile(delaysMs, 0.5), percentile(delaysMs, 0.95), percentile(delaysMs, 1.0),
                  heardStats.jitterBufferDelayMs, static_cast<unsigned long long>(heardStats.framesPlayed),
                  static_cast<unsigned long long>(heardStats.framesRecoveredFec),
                  static_cast<unsigned long long>(heardStats.framesConcealed), heardStats.receiveLossPercent,
                  static_cast<unsigned long long>(heardStats.playbackUnderruns), 100.0 * cpu / seconds / 2.0);
    return line;
}

} // namespace

int main(int argc, char** argv)
{
    const int seconds = argc > 1 ? std::max(2, static_cast<int>(std::strtol(argv[1], nullptr, 10))) : 10;
    const std::vector<Sample> signal = speechLike(10 * kSecond);
    std::printf("{\n  \"opus\": %s,\n", opusFigures(signal).c_str());
    std::printf("  \"echo_processor\": %s,\n", echoFigures(signal).c_str());
    std::printf("  \"jitter_buffer\": %s,\n", jitterFigures().c_str());
    std::printf("  \"loopback\": [%s,\n    %s,\n    %s,\n    %s,\n    %s]\n}\n",
                loopbackFigures(10, seconds, false, 0).c_str(),
                loopbackFigures(20, seconds, false, 0).c_str(), loopbackFigures(10, seconds, true, 0).c_str(),
                loopbackFigures(10, seconds, false, 10).c_str(),
                loopbackFigures(20, seconds, false, 10).c_str());
    return 0;
}
