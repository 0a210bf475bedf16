// confab_voice_latency: mouth-to-ear delay of a click train through a call.
//
//   confab_voice_latency --played CLICKS.wav --played-origin-ns NS
//                        --heard OUT.wav --heard-origin-ns NS --heard-offset-frames N
//
// Both recordings come from file audio devices (core/audio/file_audio_device.h):
// sample n of the played file entered the microphone at
//   playedOrigin + n / 48 kHz,
// and sample m of the call's part of the recording (which begins at frame N
// of OUT.wav) was heard at
//   heardOrigin + 10 ms + m / 48 kHz   (one block of output buffering).
// Each click found in the recording is matched to the latest click played
// before it; prints JSON with the delays' p50, p95 and max in ms.

#include "audio/wav_file.h"
#include "support/audio_analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr double kRate = 48000.0;
constexpr double kOutputBufferMs = 10.0;
// A heard click further than this from any played one is noise, not a match.
constexpr double kMaxPlausibleMs = 500.0;

[[noreturn]] void usage(const char* problem)
{
    std::fprintf(stderr,
                 "confab_voice_latency: %s\n"
                 "usage: confab_voice_latency --played WAV --played-origin-ns NS --heard WAV "
                 "--heard-origin-ns NS --heard-offset-frames N\n",
                 problem);
    std::exit(2);
}

std::vector<std::int16_t> load(const std::string& path)
{
    auto samples = confab::audio::readWavMono48k(path);
    if (!samples) {
        std::fprintf(stderr, "confab_voice_latency: %s: %s\n", path.c_str(),
                     std::string(confab::audio::wavErrorMessage(samples.error())).c_str());
        std::exit(1);
    }
    return std::move(samples).value();
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(std::llround(p / 100.0 * static_cast<double>(values.size() - 1)));
    return values[std::min(rank, values.size() - 1)];
}

} // namespace

int main(int argc, char** argv)
{
    std::string played;
    std::string heard;
    long long playedOrigin = -1;
    long long heardOrigin = -1;
    long long heardOffset = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            usage("an option needs a value");
        }
        const char* value = argv[++i];
        if (arg == "--played") {
            played = value;
        } else if (arg == "--heard") {
            heard = value;
        } else if (arg == "--played-origin-ns") {
            playedOrigin = std::strtoll(value, nullptr, 10);
        } else if (arg == "--heard-origin-ns") {
            heardOrigin = std::strtoll(value, nullptr, 10);
        } else if (arg == "--heard-offset-frames") {
            heardOffset = std::strtoll(value, nullptr, 10);
        } else {
            usage("unknown option");
        }
    }
    if (played.empty() || heard.empty() || playedOrigin < 0 || heardOrigin < 0 || heardOffset < 0) {
        usage("every option is required");
    }

    const std::vector<std::int16_t> in = load(played);
    const std::vector<std::int16_t> out = load(heard);
    const auto offset = static_cast<std::size_t>(heardOffset);
    if (offset > out.size()) {
        usage("--heard-offset-frames is beyond the end of the recording");
    }
    const std::span<const std::int16_t> call(out.data() + offset, out.size() - offset);
    const std::vector<std::size_t> sent = confab::test::detectClicks(std::span<const std::int16_t>(in), 0.3);
    const std::vector<std::size_t> received = confab::test::detectClicks(call, 0.3);

    std::vector<double> delays;
    for (const std::size_t m : received) {
        const double heardMs = static_cast<double>(heardOrigin) / 1e6 + kOutputBufferMs +
                               static_cast<double>(m) / kRate * 1000.0;
        double best = -1;
        for (const std::size_t n : sent) {
            const double spokenMs =
                static_cast<double>(playedOrigin) / 1e6 + static_cast<double>(n) / kRate * 1000.0;
            const double delay = heardMs - spokenMs;
            if (delay >= 0 && (best < 0 || delay < best)) {
                best = delay;
            }
        }
        if (best >= 0 && best <= kMaxPlausibleMs) {
            delays.push_back(best);
        }
    }
    if (delays.empty()) {
        std::fprintf(stderr, "confab_voice_latency: no click of %zu played was heard (%zu heard)\n",
                     sent.size(), received.size());
        return 1;
    }
    std::printf("{\"clicks_played\": %zu, \"clicks_matched\": %zu, \"p50_ms\": %.1f, \"p95_ms\": %.1f, "
                "\"max_ms\": %.1f, \"min_ms\": %.1f}\n",
                sent.size(), delays.size(), percentile(delays, 50), percentile(delays, 95),
                *std::max_element(delays.begin(), delays.end()),
                *std::min_element(delays.begin(), delays.end()));
    return 0;
}
