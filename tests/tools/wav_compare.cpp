// confab_wav_compare REFERENCE.wav DEGRADED.wav [--max-lag-ms N]
//
// Lines the degraded recording up with its reference and prints one JSON line:
// {"lag_ms":..,"correlation":..,"envelope_correlation":..,"lsd_db":..,
//  "lsd_p95_db":..,"reference_rms":..,"degraded_rms":..}
// Both files are read as 48 kHz mono (other rates and channel counts are
// converted). Exit status 0 on success, 1 when a file cannot be read, 2 on
// bad usage.
#include "audio/wav_file.h"
#include "support/audio_analysis.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: confab_wav_compare REFERENCE.wav DEGRADED.wav [--max-lag-ms N]\n");
    std::exit(2);
}

std::vector<float> load(const std::string& path)
{
    auto samples = confab::audio::readWavMono48k(path);
    if (!samples) {
        const auto message = confab::audio::wavErrorMessage(samples.error());
        std::fprintf(stderr, "confab_wav_compare: %s: %.*s\n", path.c_str(), static_cast<int>(message.size()),
                     message.data());
        std::exit(1);
    }
    return confab::test::toFloat(samples.value());
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> files;
    double maxLagMs = 500;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--max-lag-ms") {
            if (i + 1 >= argc) {
                usage();
            }
            char* end = nullptr;
            maxLagMs = std::strtod(argv[++i], &end);
            if (*end != '\0' || maxLagMs < 0) {
                usage();
            }
        } else {
            files.push_back(arg);
        }
    }
    if (files.size() != 2) {
        usage();
    }

    const std::vector<float> reference = load(files[0]);
    const std::vector<float> degraded = load(files[1]);
    const auto maxLag = static_cast<std::size_t>(maxLagMs * confab::test::kAnalysisSampleRate / 1000);
    const auto lag = confab::test::estimateLag(reference, degraded, maxLag);
    const auto lsd = confab::test::logSpectralDistance(reference, degraded, lag.lagSamples);
    const double envelope = confab::test::envelopeCorrelation(reference, degraded, lag.lagSamples);

    std::printf("{\"lag_ms\":%.3f,\"correlation\":%.4f,\"envelope_correlation\":%.4f,\"lsd_db\":%.3f,"
                "\"lsd_p95_db\":%.3f,\"reference_rms\":%.5f,\"degraded_rms\":%.5f}\n",
                static_cast<double>(lag.lagSamples) * 1000.0 / confab::test::kAnalysisSampleRate,
                lag.correlation, envelope, lsd.meanDb, lsd.p95Db, confab::test::rms(reference),
                confab::test::rms(degraded));
    return 0;
}
