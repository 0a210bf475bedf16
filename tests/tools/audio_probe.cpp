// confab_audio_probe: opens a sound card through PortAudioDevice, loops the
// input back to the output for a while and prints, as one JSON object, how
// regularly the callback ran: callback count against the count 48 kHz in
// blocks of 480 frames calls for, PortAudio's underflow/overflow flags, the
// delay to the first callback and the longest gap between two callbacks.
//
//   confab_audio_probe [--input NAME] [--output NAME] [--seconds N]
//                      [--stall-ms MS] [--list]
//
// --stall-ms makes the 100th callback take MS milliseconds, as a stalled
// audio thread would: tests use it to check that underruns and the watchdog
// are reported.
//
// Without --input/--output the probe uses the device named "pipewire" when
// PortAudio lists one, otherwise "default". --list prints the devices as JSON.
// Exit status: 0 when the stream ran, 1 when it could not be opened, 2 on a
// usage error. Judging the figures is the caller's business.

#include "audio/monotonic_clock.h"
#include "audio/portaudio_device.h"
#include "support/json_text.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <thread>

namespace {

using namespace confab::audio;
using confab::test::jsonString;

class LoopbackCounter final : public AudioCallback {
public:
    explicit LoopbackCounter(std::int64_t stallNs) : m_stallNs(stallNs) {}

    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override
    {
        std::copy_n(input, frames, output);
        if (m_stallNs > 0 && m_calls.load(std::memory_order_relaxed) == kStallAtCall) {
            // Deliberately breaks the callback's rules, as a blocked audio
            // thread would; sleeping rather than spinning spares the CPU.
            std::this_thread::sleep_for(std::chrono::nanoseconds(m_stallNs));
        }
        const std::int64_t now = monotonicNowNs();
        const std::int64_t last = m_lastNs.exchange(now, std::memory_order_relaxed);
        if (last != 0) {
            const std::int64_t gap = now - last;
            if (gap > m_maxGapNs.load(std::memory_order_relaxed)) {
                m_maxGapNs.store(gap, std::memory_order_relaxed);
            }
        }
        m_calls.fetch_add(1, std::memory_order_relaxed);
    }

    [[nodiscard]] std::uint64_t calls() const { return m_calls.load(); }
    [[nodiscard]] std::int64_t maxGapNs() const { return m_maxGapNs.load(); }

private:
    static constexpr std::uint64_t kStallAtCall = 100;
    const std::int64_t m_stallNs;
    std::atomic<std::uint64_t> m_calls{0};
    std::atomic<std::int64_t> m_lastNs{0};
    std::atomic<std::int64_t> m_maxGapNs{0};
};

const char* jsonBool(bool value)
{
    return value ? "true" : "false";
}

double toMs(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e6;
}

int listDevices()
{
    auto devices = listAudioDevices();
    if (!devices) {
        std::fprintf(stderr, "%s\n", devices.error().c_str());
        return 1;
    }
    std::printf("[");
    bool first = true;
    for (const auto& d : devices.value()) {
        std::printf("%s\n  {\"name\": %s, \"input\": %s, \"output\": %s, \"default_input\": %s, "
                    "\"default_output\": %s}",
                    first ? "" : ",", jsonString(d.name).c_str(), jsonBool(d.hasInput), jsonBool(d.hasOutput),
                    jsonBool(d.isDefaultInput), jsonBool(d.isDefaultOutput));
        first = false;
    }
    std::printf("\n]\n");
    return 0;
}

std::string defaultDeviceName()
{
    auto devices = listAudioDevices();
    if (devices) {
        for (const auto& d : devices.value()) {
            if (d.name == "pipewire" && d.hasInput && d.hasOutput) {
                return d.name;
            }
        }
    }
    return "default";
}

int usage()
{
    std::fprintf(stderr,
                 "usage: confab_audio_probe [--input NAME] [--output NAME] [--seconds N] [--stall-ms MS] "
                 "[--list]\n");
    return 2;
}

struct Options {
    bool list = false;
    std::string input;
    std::string output;
    double seconds = 10;
    double stallMs = 0;
};

// A number that must be positive (or zero when `zeroOk`); nullopt otherwise.
std::optional<double> number(const char* text, bool zeroOk)
{
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(value > 0 || (zeroOk && value == 0))) {
        return std::nullopt;
    }
    return value;
}

std::optional<Options> parse(int argc, char** argv)
{
    Options o;
    bool inputGiven = false;
    bool outputGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (arg == "--list") {
            o.list = true;
            continue;
        }
        if (value == nullptr) {
            return std::nullopt;
        }
        ++i;
        if (arg == "--input") {
            o.input = value;
            inputGiven = true;
        } else if (arg == "--output") {
            o.output = value;
            outputGiven = true;
        } else if (arg == "--seconds" || arg == "--stall-ms") {
            const auto n = number(value, arg == "--stall-ms");
            if (!n) {
                return std::nullopt;
            }
            (arg == "--seconds" ? o.seconds : o.stallMs) = *n;
        } else {
            return std::nullopt;
        }
    }
    if (!o.list && (!inputGiven || !outputGiven)) {
        const std::string fallback = defaultDeviceName();
        o.input = inputGiven ? o.input : fallback;
        o.output = outputGiven ? o.output : fallback;
    }
    return o;
}

int run(const Options& o)
{
    PortAudioDevice device(o.input, o.output);
    LoopbackCounter counter(static_cast<std::int64_t>(o.stallMs * 1e6));
    const std::int64_t startNs = monotonicNowNs();
    if (auto error = device.start(counter)) {
        std::printf("{\"input_device\": %s, \"output_device\": %s, \"error\": %s}\n",
                    jsonString(o.input).c_str(), jsonString(o.output).c_str(), jsonString(*error).c_str());
        return 1;
    }
    // Poll the watchdog the way the voice engine would, so a stalled stream
    // shows up as failed even though it recovered before the end.
    bool everFailed = false;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.seconds);
    while (std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        everFailed = everFailed || device.failed();
    }
    everFailed = everFailed || device.failed();
    const std::int64_t elapsedNs = monotonicNowNs() - startNs;
    const std::string warning = device.warning();
    device.stop();

    const PortAudioStats stats = device.stats();
    const auto expected = static_cast<std::uint64_t>(static_cast<double>(elapsedNs) * kSampleRate / 1e9 /
                                                     static_cast<double>(kBlockFrames));
    std::printf("{\n");
    std::printf("  \"input_device\": %s,\n", jsonString(device.openedInputName()).c_str());
    std::printf("  \"output_device\": %s,\n", jsonString(device.openedOutputName()).c_str());
    std::printf("  \"warning\": %s,\n", jsonString(warning).c_str());
    std::printf("  \"seconds\": %.3f,\n", static_cast<double>(elapsedNs) / 1e9);
    std::printf("  \"callbacks\": %llu,\n", static_cast<unsigned long long>(counter.calls()));
    std::printf("  \"expected_callbacks\": %llu,\n", static_cast<unsigned long long>(expected));
    std::printf("  \"underruns\": %llu,\n", static_cast<unsigned long long>(stats.outputUnderflows));
    std::printf("  \"overruns\": %llu,\n", static_cast<unsigned long long>(stats.inputOverflows));
    std::printf("  \"input_underflows\": %llu,\n", static_cast<unsigned long long>(stats.inputUnderflows));
    std::printf("  \"output_overflows\": %llu,\n", static_cast<unsigned long long>(stats.outputOverflows));
    std::printf("  \"priming_blocks\": %llu,\n", static_cast<unsigned long long>(stats.primingBlocks));
    std::printf("  \"irregular_blocks\": %llu,\n", static_cast<unsigned long long>(stats.irregularBlocks));
    if (stats.firstCallbackLatencyNs) {
        std::printf("  \"first_callback_ms\": %.2f,\n", toMs(*stats.firstCallbackLatencyNs));
    } else {
        std::printf("  \"first_callback_ms\": null,\n");
    }
    std::printf("  \"max_callback_gap_ms\": %.2f,\n", toMs(counter.maxGapNs()));
    std::printf("  \"input_latency_ms\": %.2f,\n", stats.inputLatency * 1e3);
    std::printf("  \"output_latency_ms\": %.2f,\n", stats.outputLatency * 1e3);
    std::printf("  \"failed\": %s\n", jsonBool(everFailed));
    std::printf("}\n");
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const auto options = parse(argc, argv);
        if (!options) {
            return usage();
        }
        return options->list ? listDevices() : run(*options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "confab_audio_probe: %s\n", e.what());
        return 1;
    }
}
