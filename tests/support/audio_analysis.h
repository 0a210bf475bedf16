#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// Measurements that voice tests and benchmarks make on 48 kHz mono signals:
// where a degraded copy lines up with its reference, how alike the two are,
// and where clicks are. Plain C++, no Qt. Sample values are floats in
// [-1, 1]; 16-bit input is scaled by 1/32768.
namespace confab::test {

inline constexpr int kAnalysisSampleRate = 48000;
// 20 ms analysis frames with a 10 ms hop, as speech quality measures use.
inline constexpr std::size_t kAnalysisFrameSamples = 960;
inline constexpr std::size_t kAnalysisHopSamples = 480;

std::vector<float> toFloat(std::span<const std::int16_t> samples);
double rms(std::span<const float> samples);

// Sum of the squares of samples[start, start + length), in the samples' own
// units: 16-bit samples are not scaled here. Divided by length, the frame's
// mean power.
double frameEnergy(std::span<const float> samples, std::size_t start, std::size_t length);
double frameEnergy(std::span<const double> samples, std::size_t start, std::size_t length);
double frameEnergy(std::span<const std::int16_t> samples, std::size_t start, std::size_t length);

// Pearson correlation of two series of the same length, -1..1; 0 when there
// are fewer than two values or either series is flat.
double pearson(std::span<const double> a, std::span<const double> b);

struct LagEstimate {
    // Positive when the degraded signal is late: degraded[n + lag] lines up
    // with reference[n].
    long lagSamples = 0;
    // Pearson-style correlation of the overlapping parts at that lag, -1..1
    // (1 for an exact delayed copy).
    double correlation = 0;
};

// Cross-correlation by FFT over lags -maxLagSamples..+maxLagSamples; the lag
// with the largest correlation wins.
LagEstimate estimateLag(std::span<const float> reference, std::span<const float> degraded,
                        std::size_t maxLagSamples);
LagEstimate estimateLag(std::span<const std::int16_t> reference, std::span<const std::int16_t> degraded,
                        std::size_t maxLagSamples);

// Onsets of isolated clicks: the first sample whose magnitude reaches
// thresholdRatio times the signal's peak magnitude after at least
// minGapSamples below that threshold (so a click's ringing is not counted
// again). For click trains recorded through the call path.
std::vector<std::size_t> detectClicks(std::span<const float> samples, double thresholdRatio,
                                      std::size_t minGapSamples = kAnalysisHopSamples);
std::vector<std::size_t> detectClicks(std::span<const std::int16_t> samples, double thresholdRatio,
                                      std::size_t minGapSamples = kAnalysisHopSamples);

struct SpectralDistance {
    double meanDb = 0; // mean of the per-frame distances
    double p95Db = 0;  // their 95th percentile (nearest rank)
    std::size_t frames = 0;
};

// Log-spectral distance between reference frames and the degraded frames
// `lag` samples later: per frame, the RMS over 100 Hz..7 kHz of the
// difference of the two power spectra in dB (20 ms Hann frames, hop 10 ms).
// Only frames where the reference is active count: within 35 dB of its
// loudest frame, and with the aligned degraded frame inside the signal. Bins
// more than 60 dB below the reference frame's mean level are floored there,
// so near-silent bins do not dominate. No gain is compensated: a level change
// is a distance.
SpectralDistance logSpectralDistance(std::span<const float> reference, std::span<const float> degraded,
                                     long lag);
SpectralDistance logSpectralDistance(std::span<const std::int16_t> reference,
                                     std::span<const std::int16_t> degraded, long lag);

// Pearson correlation of the 20 ms log-energy envelopes of the reference and
// the degraded signal `lag` samples later (frames inside both signals).
double envelopeCorrelation(std::span<const float> reference, std::span<const float> degraded, long lag);
double envelopeCorrelation(std::span<const std::int16_t> reference, std::span<const std::int16_t> degraded,
                           long lag);

// Test signals, all at 48 kHz.
std::vector<float> makeTone(double frequencyHz, std::size_t samples, float amplitude = 0.5f);
// One click every `periodSamples`, the first at `firstClick`: a sample at
// +amplitude followed by one at -amplitude/2.
std::vector<float> makeClickTrain(std::size_t samples, std::size_t periodSamples, std::size_t firstClick = 0,
                                  float amplitude = 0.8f);
// Uniform white noise in [-amplitude, amplitude].
std::vector<float> makeWhiteNoise(std::size_t samples, float amplitude, std::uint64_t seed);
// A crude voice: a harmonic series with a gliding 90..200 Hz pitch and
// falling spectrum, shaped into syllables of 100..300 ms with pauses, peak
// about 0.5. Repeatable for a given seed.
std::vector<float> makeSpeechLike(std::size_t samples, std::uint64_t seed);
// `signal` preceded by `delaySamples` zeros.
std::vector<float> delayed(std::span<const float> signal, std::size_t delaySamples);

} // namespace confab::test
