// Echo cancellation in a simulated room, as one JSON object on stdout.
//
// The microphone hears the far end's speech through the room (delayed,
// attenuated, a few decaying reflections, a speaker's low-pass) plus a
// little noise; EchoProcessor gets the far end block by block before it is
// "played" (analyzeFarEnd), as the voice worker does, then the microphone
// block (processNearEnd).
//  - Phase 1 (far end only, 0 to 12 s): echo return loss enhancement (ERLE)
//    per 100 ms window, how soon it reaches the goal, and the ERLE the
//    canceller reports itself.
//  - Phase 2 (double talk, 12 to 20 s): a second talker near the microphone
//    while the far end goes on; how well the output's envelope follows the
//    clean near-end speech. The same measure with no far end at all, and on
//    the unprocessed microphone, frame it.
// Each room is run with every processing stage on (as in a call), with the
// canceller off (suppressor, gain and high-pass only), to show what the
// canceller itself adds, and with the canceller alone (and the high-pass),
// to show it without the gain control. Goals from the product: ERLE >= 25 dB
// after convergence, converged within 2 s, near-end envelope correlation
// >= 0.8 in double talk.
// Missing a goal is a figure, not a failure: the exit status is non-zero
// only when the processor cannot run at all.
// Usage: confab_echo_bench

#include "audio/echo_processor.h"
#include "support/audio_analysis.h"
#include "support/json_text.h"
#include "synthetic_speech.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace {

using namespace confab::audio;
using confab::bench::speechLike;
using confab::bench::SpeechVoice;
using confab::test::jsonString;

constexpr std::size_t kSecond = kSampleRate;
constexpr std::size_t kFarOnlyEnd = 12 * kSecond;
constexpr std::size_t kTotal = 20 * kSecond;

// What VoiceEngine passes in a call's steady state: the playback queued
// ahead (about one block, as it decodes just in time) plus two blocks of
// device buffering (kDeviceBlocksOfEcho). The rooms' true delays differ from
// it, as real devices' do; the canceller has to find the rest. Too small a
// value costs nothing (the delay-agnostic mode finds the echo); one larger
// than the true delay would put the reference after its echo.
constexpr int kDelayPassedMs = 30;

// The room: the direct path at -6 dB (a laptop's speaker next to its
// microphone, played loud), reflections after it (ms, relative gain), the
// speaker's roll-off above 4 kHz, and a quiet room's noise. The near-end
// talker ends up about 4 dB above the echo: both matter in double talk.
constexpr double kEchoGain = 0.5;
constexpr std::array<std::pair<double, double>, 7> kReflections{
    {{0.0, 1.0}, {2.5, -0.6}, {6.0, 0.45}, {11.0, -0.3}, {17.0, 0.2}, {26.0, -0.12}, {38.0, 0.07}}};
constexpr double kLowPassHz = 4000.0;
constexpr double kNoiseRms = 10.0; // about -70 dBFS

// Measures and goals.
constexpr std::size_t kErleWindow = framesForMs(100);
constexpr std::size_t kEnvelopeBlock = framesForMs(20);
constexpr int kMaxLagMs = 30; // the processor holds the microphone back by about 14 ms
// A window counts for ERLE when its echo is 30 dB above the microphone's
// noise. The output is never quieter than the processor's floor (comfort
// noise, noise raised by the gain control), which caps the figure; so the
// output in those windows is also compared with the output in the far end's
// pauses (windows whose echo is below the noise).
constexpr double kActiveEchoOverNoise = 1000.0;
// Converged: the start of the first five far-end-active windows in a row
// (silent windows between them skipped) that all reach the goal.
constexpr int kConvergedWindows = 5;
constexpr std::size_t kSettled = 2 * kSecond; // ERLE "after convergence" counts from here
constexpr double kGoalErleDb = 25.0;
constexpr double kGoalConvergedMs = 2000.0;
constexpr double kGoalCorrelation = 0.8;

// The far-end talker is SpeechVoice's default one; the near-end talker is
// higher, with other formants and another rhythm, so the two overlap in
// part, as people talking over each other do.
SpeechVoice nearEndVoice()
{
    SpeechVoice voice;
    voice.seed = 7;
    voice.pitchHz = 210.0;
    voice.pitchSwingHz = 40.0;
    voice.formantsHz = {500.0, 1700.0, 2900.0};
    voice.syllableHz = 2.6;
    voice.syllablePhase = 1.0;
    voice.peak = 9000.0;
    return voice;
}

// The echo the microphone hears of `far` when it reaches the microphone
// `delayMs` after being handed to the canceller.
std::vector<double> roomEcho(const std::vector<Sample>& far, int delayMs)
{
    std::vector<double> echo(far.size());
    const double delay = static_cast<double>(framesForMs(delayMs));
    for (const auto& [afterMs, gain] : kReflections) {
        const auto lag = static_cast<std::size_t>(delay + afterMs * kSampleRate / 1000.0);
        for (std::size_t i = lag; i < far.size(); ++i) {
            echo[i] += kEchoGain * gain * far[i - lag];
        }
    }
    const double a = 1.0 - std::exp(-2.0 * std::numbers::pi * kLowPassHz / kSampleRate);
    double state = 0;
    for (double& x : echo) {
        state += a * (x - state);
        x = state;
    }
    return echo;
}

std::vector<Sample> toSamples(const std::vector<double>& x)
{
    std::vector<Sample> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        out[i] = static_cast<Sample>(std::clamp(std::lround(x[i]), -32768L, 32767L));
    }
    return out;
}

// The microphone's signal through a fresh processor, 10 ms at a time, each
// block after its far-end block. Also the ERLE the canceller reports at the
// end of phase 1, and the processor's error, if it failed on a block.
struct Processed {
    std::vector<Sample> output;
    int reportedErleDb = 0;
    std::string error;
};

Processed process(const EchoProcessor::Options& options, const std::vector<Sample>& far,
                  const std::vector<Sample>& mic)
{
    EchoProcessor processor(options);
    Processed result{mic, 0, processor.error()};
    for (std::size_t at = 0; at + kBlockFrames <= mic.size(); at += kBlockFrames) {
        processor.analyzeFarEnd(std::span<const Sample>(far.data() + at, kBlockFrames));
        processor.processNearEnd(std::span<Sample>(result.output.data() + at, kBlockFrames), kDelayPassedMs);
        if (at + kBlockFrames == kFarOnlyEnd) {
            result.reportedErleDb = processor.echoReturnLossEnhancementDb();
        }
    }
    if (result.error.empty()) {
        result.error = processor.error();
    }
    return result;
}

// Mean power of x[at, at + length).
template <typename T> double power(const std::vector<T>& x, std::size_t at, std::size_t length)
{
    return confab::test::frameEnergy(x, at, length) / static_cast<double>(length);
}

double median(std::vector<double> values, double fraction = 0.5)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
}

// ERLE over phase 1: 10 log10(microphone power / output power) per 100 ms
// window where the far end is heard, the output taken `lag` samples later
// (the processor's own delay). An output quieter than 16-bit rounding
// (power 1/12) counts as that. residualOverFloorDb near 0 means the echo is
// gone into the output's floor and the ERLE is the floor's cap.
struct Erle {
    double medianDb = 0;
    double p10Db = 0;
    double convergedMs = -1;
    std::size_t windows = 0;
    double residualOverFloorDb = 0;
};

Erle erle(const std::vector<Sample>& mic, const std::vector<double>& echo, const std::vector<Sample>& output,
          std::size_t lag)
{
    Erle result;
    std::vector<double> settled;
    std::vector<double> settledOut;
    std::vector<double> pauseOut;
    int inRow = 0;
    std::size_t rowStart = 0;
    for (std::size_t at = 0; at + kErleWindow <= kFarOnlyEnd; at += kErleWindow) {
        const double echoPower = power(echo, at, kErleWindow);
        const double out = std::max(power(output, at + lag, kErleWindow), 1.0 / 12.0);
        if (echoPower < kNoiseRms * kNoiseRms && at >= kSettled) {
            pauseOut.push_back(out);
        }
        if (echoPower < kActiveEchoOverNoise * kNoiseRms * kNoiseRms) {
            continue;
        }
        const double db = 10.0 * std::log10(power(mic, at, kErleWindow) / out);
        ++result.windows;
        if (at >= kSettled) {
            settled.push_back(db);
            settledOut.push_back(out);
        }
        if (db < kGoalErleDb) {
            inRow = 0;
            continue;
        }
        if (inRow++ == 0) {
            rowStart = at;
        }
        if (inRow == kConvergedWindows && result.convergedMs < 0) {
            result.convergedMs = static_cast<double>(rowStart) * 1000.0 / kSampleRate;
        }
    }
    result.medianDb = median(settled);
    result.p10Db = median(settled, 0.1);
    result.residualOverFloorDb = 10.0 * std::log10(median(settledOut) / median(pauseOut));
    return result;
}

// RMS per 20 ms block of x[from + offset, to + offset).
template <typename T>
std::vector<double> envelope(const std::vector<T>& x, std::size_t from, std::size_t to, std::size_t offset)
{
    std::vector<double> env;
    for (std::size_t at = from; at + kEnvelopeBlock <= to; at += kEnvelopeBlock) {
        env.push_back(std::sqrt(power(x, at + offset, kEnvelopeBlock)));
    }
    return env;
}

// How well `output` keeps the clean near-end speech over phase 2: Pearson
// correlation of the two envelopes, at the lag (0 to 30 ms, 1 ms steps)
// where it is best, since the processor holds the microphone back.
struct Correlation {
    double value = -1;
    std::size_t lag = 0;
};

Correlation nearEndCorrelation(const std::vector<Sample>& nearEnd, const std::vector<Sample>& output)
{
    const std::size_t end = kTotal - framesForMs(kMaxLagMs);
    const std::vector<double> clean = envelope(nearEnd, kFarOnlyEnd, end, 0);
    Correlation best;
    for (int ms = 0; ms <= kMaxLagMs; ++ms) {
        const double r = confab::test::pearson(clean, envelope(output, kFarOnlyEnd, end, framesForMs(ms)));
        if (r > best.value) {
            best = {r, framesForMs(ms)};
        }
    }
    return best;
}

const char* boolean(bool value)
{
    return value ? "true" : "false";
}

// The processor could not run or failed on a block: the figures would be of
// unprocessed sound, so there are none.
[[noreturn]] void fail(const std::string& error)
{
    std::printf("{\"error\":%s}\n", jsonString(error).c_str());
    std::exit(1);
}

// The processing stages compared: as in a call, and the two baselines.
struct Variant {
    const char* name;
    EchoProcessor::Options options;
    std::size_t lag = 0; // the processor's own delay, from the run with no far end
};

// The signals shared by every room.
struct Signals {
    std::vector<Sample> far;
    std::vector<Sample> nearEnd; // the near-end talker alone, silent in phase 1
    std::vector<double> noise;
};

std::vector<Sample> microphone(const Signals& s, const std::vector<double>& echo)
{
    std::vector<double> mic(kTotal);
    for (std::size_t i = 0; i < kTotal; ++i) {
        mic[i] = s.noise[i] + s.nearEnd[i] + echo[i];
    }
    return toSamples(mic);
}

std::string variantFigures(const Variant& variant, const Signals& s, const std::vector<double>& echo,
                           const std::vector<Sample>& mic)
{
    const Processed processed = process(variant.options, s.far, mic);
    if (!processed.error.empty()) {
        fail(processed.error);
    }
    const Erle e = erle(mic, echo, processed.output, variant.lag);
    const Correlation c = nearEndCorrelation(s.nearEnd, processed.output);
    char line[600];
    std::snprintf(
        line, sizeof line,
        "\"%s\":{\"erle_db_after_convergence\":%.1f,\"erle_db_p10\":%.1f,\"converged_after_ms\":%.0f,"
        "\"residual_over_pause_floor_db\":%.1f,\"reported_erle_db\":%d,\"erle_windows\":%zu,"
        "\"double_talk_near_end_correlation\":%.3f,"
        "\"correlation_lag_ms\":%.0f",
        variant.name, e.medianDb, e.p10Db, e.convergedMs, e.residualOverFloorDb, processed.reportedErleDb,
        e.windows, c.value, static_cast<double>(c.lag) * 1000.0 / kSampleRate);
    std::string json = line;
    if (variant.options.echoCancellation && variant.options.noiseSuppression && variant.options.autoGain) {
        // The goals are about the processing of a call.
        std::snprintf(line, sizeof line,
                      ",\n       \"goal_erle_db\":%.0f,\"erle_met\":%s,\"goal_converged_ms\":%.0f,"
                      "\"converged_met\":%s,\"goal_correlation\":%.1f,\"correlation_met\":%s",
                      kGoalErleDb, boolean(e.medianDb >= kGoalErleDb), kGoalConvergedMs,
                      boolean(e.convergedMs >= 0 && e.convergedMs <= kGoalConvergedMs), kGoalCorrelation,
                      boolean(c.value >= kGoalCorrelation));
        json += line;
    }
    return json + "}";
}

std::string roomFigures(const Signals& s, int echoDelayMs, const std::vector<Variant>& variants)
{
    const std::vector<double> echo = roomEcho(s.far, echoDelayMs);
    const std::vector<Sample> mic = microphone(s, echo);
    const std::size_t span = kTotal - kFarOnlyEnd;
    const double nearToEchoDb =
        10.0 * std::log10(power(s.nearEnd, kFarOnlyEnd, span) / power(echo, kFarOnlyEnd, span));
    char line[300];
    std::snprintf(line, sizeof line,
                  "{\"echo_delay_ms\":%d,\"delay_passed_ms\":%d,\"near_end_to_echo_db\":%.1f,"
                  "\"unprocessed_double_talk_correlation\":%.3f",
                  echoDelayMs, kDelayPassedMs, nearToEchoDb, nearEndCorrelation(s.nearEnd, mic).value);
    std::string json = line;
    for (const Variant& variant : variants) {
        json += ",\n     " + variantFigures(variant, s, echo, mic);
    }
    return json + "}";
}

} // namespace

int main()
{
    std::vector<Variant> variants{{"all_on", EchoProcessor::Options{}},
                                  {"without_canceller", EchoProcessor::Options{false, true, true, true}},
                                  {"canceller_only", EchoProcessor::Options{true, false, false, true}}};
    if (EchoProcessor probe(variants.front().options); !probe.active()) {
        fail(probe.error());
    }
    Signals s;
    s.far = speechLike(kTotal);
    const std::vector<Sample> talker = speechLike(kTotal - kFarOnlyEnd, nearEndVoice());
    s.nearEnd.assign(kFarOnlyEnd, 0);
    s.nearEnd.insert(s.nearEnd.end(), talker.begin(), talker.end());
    std::mt19937 rng(11);
    std::normal_distribution<double> noise(0.0, kNoiseRms);
    s.noise.resize(kTotal);
    for (double& x : s.noise) {
        x = noise(rng);
    }

    // No far end at all: what the correlation gives when there is no echo,
    // and each variant's own delay (the best lag), by which its ERLE windows
    // of the output are shifted.
    const std::vector<Sample> silentFar(kTotal, 0);
    const std::vector<Sample> quietMic = microphone(s, std::vector<double>(kTotal, 0.0));
    std::string delays;
    double nearEndOnly = 0;
    for (Variant& variant : variants) {
        const Processed alone = process(variant.options, silentFar, quietMic);
        if (!alone.error.empty()) {
            fail(alone.error);
        }
        const Correlation c = nearEndCorrelation(s.nearEnd, alone.output);
        variant.lag = c.lag;
        if (&variant == &variants.front()) {
            nearEndOnly = c.value;
        }
        delays += std::string(delays.empty() ? "" : ",") + "\"" + variant.name +
                  "\":" + std::to_string(c.lag * 1000 / kSampleRate);
    }

    std::string rooms;
    for (const int delayMs : {40, 120}) {
        rooms += (rooms.empty() ? "\n    " : ",\n    ") + roomFigures(s, delayMs, variants);
    }
    std::printf(
        "{\n  \"sample_rate_hz\":%d,\"block_ms\":10,\"far_end_only_s\":[0,%zu],\"double_talk_s\":[%zu,%zu],"
        "\"erle_window_ms\":100,\"envelope_block_ms\":20,\n"
        "  \"room\":{\"echo_gain_db\":%.1f,\"reflections\":%zu,\"low_pass_hz\":%.0f,\"noise_rms\":%.0f},\n"
        "  \"near_end_only_correlation\":%.3f,\"processor_delay_ms\":{%s},\n"
        "  \"rooms\":[%s]\n}\n",
        kSampleRate, kFarOnlyEnd / kSecond, kFarOnlyEnd / kSecond, kTotal / kSecond,
        20.0 * std::log10(kEchoGain), kReflections.size(), kLowPassHz, kNoiseRms, nearEndOnly, delays.c_str(),
        rooms.c_str());
    return 0;
}
