#include "audio_analysis.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <random>

namespace confab::test {

namespace {

using Complex = std::complex<double>;

constexpr double kMinHz = 100;
constexpr double kMaxHz = 7000;
constexpr double kActiveRangeDb = 35;
constexpr double kSpectralFloorDb = 60;
constexpr std::size_t kSpectrumSize = 1024; // next power of two above one frame

std::size_t nextPowerOfTwo(std::size_t n)
{
    std::size_t size = 1;
    while (size < n) {
        size <<= 1;
    }
    return size;
}

// In-place iterative radix-2 FFT; data.size() is a power of two. The inverse
// is unscaled.
void fft(std::vector<Complex>& data, bool inverse)
{
    const std::size_t n = data.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            std::swap(data[i], data[j]);
        }
    }
    for (std::size_t length = 2; length <= n; length <<= 1) {
        const double angle = 2 * std::numbers::pi / static_cast<double>(length) * (inverse ? 1 : -1);
        const Complex step(std::cos(angle), std::sin(angle));
        for (std::size_t start = 0; start < n; start += length) {
            Complex twiddle(1, 0);
            for (std::size_t k = 0; k < length / 2; ++k) {
                const Complex even = data[start + k];
                const Complex odd = data[start + k + length / 2] * twiddle;
                data[start + k] = even + odd;
                data[start + k + length / 2] = even - odd;
                twiddle *= step;
            }
        }
    }
}

std::vector<double> prefixEnergy(std::span<const float> samples)
{
    std::vector<double> prefix(samples.size() + 1, 0);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        prefix[i + 1] = prefix[i] + static_cast<double>(samples[i]) * samples[i];
    }
    return prefix;
}

template <typename T> double sumOfSquares(std::span<const T> samples, std::size_t start, std::size_t length)
{
    double sum = 0;
    for (std::size_t i = start; i < start + length; ++i) {
        sum += static_cast<double>(samples[i]) * static_cast<double>(samples[i]);
    }
    return sum;
}

// Start of the degraded frame aligned with the reference frame at `start`,
// if it lies inside the degraded signal.
bool alignedStart(std::size_t start, long lag, std::size_t length, std::size_t degradedSize, std::size_t& out)
{
    const long aligned = static_cast<long>(start) + lag;
    if (aligned < 0 || static_cast<std::size_t>(aligned) + length > degradedSize) {
        return false;
    }
    out = static_cast<std::size_t>(aligned);
    return true;
}

std::vector<double> hannWindow(std::size_t length)
{
    std::vector<double> window(length);
    for (std::size_t i = 0; i < length; ++i) {
        window[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                         static_cast<double>(length - 1));
    }
    return window;
}

std::vector<double> powerSpectrum(std::span<const float> samples, std::size_t start,
                                  const std::vector<double>& window)
{
    std::vector<Complex> buffer(kSpectrumSize, Complex(0, 0));
    for (std::size_t i = 0; i < window.size(); ++i) {
        buffer[i] = Complex(samples[start + i] * window[i], 0);
    }
    fft(buffer, false);
    std::vector<double> power(kSpectrumSize / 2 + 1);
    for (std::size_t k = 0; k < power.size(); ++k) {
        power[k] = std::norm(buffer[k]);
    }
    return power;
}

double percentile95(std::vector<double> values)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    // Nearest rank: the smallest value with at least 95 % at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

double uniform(std::mt19937_64& random)
{
    return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

} // namespace

std::vector<float> toFloat(std::span<const std::int16_t> samples)
{
    std::vector<float> out(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        out[i] = static_cast<float>(samples[i]) / 32768.0f;
    }
    return out;
}

double frameEnergy(std::span<const float> samples, std::size_t start, std::size_t length)
{
    return sumOfSquares(samples, start, length);
}

double frameEnergy(std::span<const double> samples, std::size_t start, std::size_t length)
{
    return sumOfSquares(samples, start, length);
}

double frameEnergy(std::span<const std::int16_t> samples, std::size_t start, std::size_t length)
{
    return sumOfSquares(samples, start, length);
}

double pearson(std::span<const double> a, std::span<const double> b)
{
    const auto n = static_cast<double>(a.size());
    if (a.size() < 2) {
        return 0;
    }
    double meanA = 0;
    double meanB = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        meanA += a[i];
        meanB += b[i];
    }
    meanA /= n;
    meanB /= n;
    double covariance = 0;
    double varianceA = 0;
    double varianceB = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        covariance += (a[i] - meanA) * (b[i] - meanB);
        varianceA += (a[i] - meanA) * (a[i] - meanA);
        varianceB += (b[i] - meanB) * (b[i] - meanB);
    }
    if (varianceA <= 0 || varianceB <= 0) {
        return 0; // a flat envelope correlates with nothing
    }
    return covariance / std::sqrt(varianceA * varianceB);
}

double rms(std::span<const float> samples)
{
    if (samples.empty()) {
        return 0;
    }
    return std::sqrt(frameEnergy(samples, 0, samples.size()) / static_cast<double>(samples.size()));
}

LagEstimate estimateLag(std::span<const float> reference, std::span<const float> degraded,
                        std::size_t maxLagSamples)
{
    if (reference.empty() || degraded.empty()) {
        return {};
    }
    // Zero padding of maxLag past the longer signal keeps the circular
    // correlation free of wrap-around for every lag searched.
    const std::size_t size = nextPowerOfTwo(std::max(reference.size(), degraded.size()) + maxLagSamples + 1);
    std::vector<Complex> a(size, Complex(0, 0));
    std::vector<Complex> b(size, Complex(0, 0));
    for (std::size_t i = 0; i < reference.size(); ++i) {
        a[i] = Complex(reference[i], 0);
    }
    for (std::size_t i = 0; i < degraded.size(); ++i) {
        b[i] = Complex(degraded[i], 0);
    }
    fft(a, false);
    fft(b, false);
    for (std::size_t i = 0; i < size; ++i) {
        a[i] = std::conj(a[i]) * b[i];
    }
    fft(a, true);
    // a[k] / size = sum over n of reference[n] * degraded[n + k]

    const auto lagLimit = static_cast<long>(std::min(maxLagSamples, size / 2 - 1));
    long bestLag = 0;
    double best = -INFINITY;
    for (long lag = -lagLimit; lag <= lagLimit; ++lag) {
        const std::size_t index =
            lag >= 0 ? static_cast<std::size_t>(lag) : size - static_cast<std::size_t>(-lag);
        const double value = a[index].real();
        if (value > best) {
            best = value;
            bestLag = lag;
        }
    }

    // Normalise by the energies of the parts that overlap at that lag.
    const std::vector<double> referenceEnergy = prefixEnergy(reference);
    const std::vector<double> degradedEnergy = prefixEnergy(degraded);
    const std::size_t refStart = bestLag < 0 ? static_cast<std::size_t>(-bestLag) : 0;
    const std::size_t degStart = bestLag > 0 ? static_cast<std::size_t>(bestLag) : 0;
    if (refStart >= reference.size() || degStart >= degraded.size()) {
        return {bestLag, 0};
    }
    const std::size_t overlap = std::min(reference.size() - refStart, degraded.size() - degStart);
    const double energyRef = referenceEnergy[refStart + overlap] - referenceEnergy[refStart];
    const double energyDeg = degradedEnergy[degStart + overlap] - degradedEnergy[degStart];
    const double norm = std::sqrt(energyRef * energyDeg);
    const double correlation = norm > 0 ? best / static_cast<double>(size) / norm : 0;
    return {bestLag, std::clamp(correlation, -1.0, 1.0)};
}

LagEstimate estimateLag(std::span<const std::int16_t> reference, std::span<const std::int16_t> degraded,
                        std::size_t maxLagSamples)
{
    return estimateLag(toFloat(reference), toFloat(degraded), maxLagSamples);
}

std::vector<std::size_t> detectClicks(std::span<const float> samples, double thresholdRatio,
                                      std::size_t minGapSamples)
{
    std::vector<std::size_t> onsets;
    float peak = 0;
    for (const float sample : samples) {
        peak = std::max(peak, std::abs(sample));
    }
    if (peak <= 0) {
        return onsets;
    }
    const double threshold = thresholdRatio * peak;
    bool any = false;
    std::size_t lastAbove = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (std::abs(samples[i]) < threshold) {
            continue;
        }
        if (!any || i - lastAbove > minGapSamples) {
            onsets.push_back(i);
        }
        any = true;
        lastAbove = i;
    }
    return onsets;
}

std::vector<std::size_t> detectClicks(std::span<const std::int16_t> samples, double thresholdRatio,
                                      std::size_t minGapSamples)
{
    return detectClicks(toFloat(samples), thresholdRatio, minGapSamples);
}

SpectralDistance logSpectralDistance(std::span<const float> reference, std::span<const float> degraded,
                                     long lag)
{
    if (reference.size() < kAnalysisFrameSamples) {
        return {};
    }
    const std::size_t frameCount = (reference.size() - kAnalysisFrameSamples) / kAnalysisHopSamples + 1;
    std::vector<double> energies(frameCount);
    double loudest = 0;
    for (std::size_t f = 0; f < frameCount; ++f) {
        energies[f] = frameEnergy(reference, f * kAnalysisHopSamples, kAnalysisFrameSamples);
        loudest = std::max(loudest, energies[f]);
    }
    if (loudest <= 0) {
        return {};
    }

    const double binHz = static_cast<double>(kAnalysisSampleRate) / static_cast<double>(kSpectrumSize);
    const auto firstBin = static_cast<std::size_t>(std::ceil(kMinHz / binHz));
    const auto lastBin = static_cast<std::size_t>(std::floor(kMaxHz / binHz));
    const std::vector<double> window = hannWindow(kAnalysisFrameSamples);
    const double activeFloor = loudest * std::pow(10.0, -kActiveRangeDb / 10);

    std::vector<double> distances;
    for (std::size_t f = 0; f < frameCount; ++f) {
        const std::size_t start = f * kAnalysisHopSamples;
        std::size_t degradedStart = 0;
        if (energies[f] < activeFloor ||
            !alignedStart(start, lag, kAnalysisFrameSamples, degraded.size(), degradedStart)) {
            continue;
        }
        const std::vector<double> ref = powerSpectrum(reference, start, window);
        const std::vector<double> deg = powerSpectrum(degraded, degradedStart, window);
        double meanRef = 0;
        for (std::size_t k = firstBin; k <= lastBin; ++k) {
            meanRef += ref[k];
        }
        meanRef /= static_cast<double>(lastBin - firstBin + 1);
        const double floor = std::max(meanRef * std::pow(10.0, -kSpectralFloorDb / 10), 1e-30);
        double sum = 0;
        for (std::size_t k = firstBin; k <= lastBin; ++k) {
            const double difference = 10 * std::log10(std::max(ref[k], floor) / std::max(deg[k], floor));
            sum += difference * difference;
        }
        distances.push_back(std::sqrt(sum / static_cast<double>(lastBin - firstBin + 1)));
    }
    if (distances.empty()) {
        return {};
    }
    double total = 0;
    for (const double d : distances) {
        total += d;
    }
    return {total / static_cast<double>(distances.size()), percentile95(distances), distances.size()};
}

SpectralDistance logSpectralDistance(std::span<const std::int16_t> reference,
                                     std::span<const std::int16_t> degraded, long lag)
{
    return logSpectralDistance(toFloat(reference), toFloat(degraded), lag);
}

double envelopeCorrelation(std::span<const float> reference, std::span<const float> degraded, long lag)
{
    std::vector<double> a;
    std::vector<double> b;
    for (std::size_t start = 0; start + kAnalysisFrameSamples <= reference.size();
         start += kAnalysisFrameSamples) {
        std::size_t degradedStart = 0;
        if (!alignedStart(start, lag, kAnalysisFrameSamples, degraded.size(), degradedStart)) {
            continue;
        }
        const auto frames = static_cast<double>(kAnalysisFrameSamples);
        a.push_back(10 * std::log10(frameEnergy(reference, start, kAnalysisFrameSamples) / frames + 1e-10));
        b.push_back(10 *
                    std::log10(frameEnergy(degraded, degradedStart, kAnalysisFrameSamples) / frames + 1e-10));
    }
    return pearson(a, b);
}

double envelopeCorrelation(std::span<const std::int16_t> reference, std::span<const std::int16_t> degraded,
                           long lag)
{
    return envelopeCorrelation(toFloat(reference), toFloat(degraded), lag);
}

std::vector<float> makeTone(double frequencyHz, std::size_t samples, float amplitude)
{
    std::vector<float> out(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        out[i] = amplitude * static_cast<float>(std::sin(2 * std::numbers::pi * frequencyHz *
                                                         static_cast<double>(i) / kAnalysisSampleRate));
    }
    return out;
}

std::vector<float> makeClickTrain(std::size_t samples, std::size_t periodSamples, std::size_t firstClick,
                                  float amplitude)
{
    std::vector<float> out(samples, 0.0f);
    for (std::size_t i = firstClick; i < samples; i += std::max<std::size_t>(periodSamples, 1)) {
        out[i] = amplitude;
        if (i + 1 < samples) {
            out[i + 1] = -amplitude / 2;
        }
    }
    return out;
}

std::vector<float> makeWhiteNoise(std::size_t samples, float amplitude, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::vector<float> out(samples);
    for (float& sample : out) {
        sample = amplitude * static_cast<float>(2 * uniform(random) - 1);
    }
    return out;
}

std::vector<float> makeSpeechLike(std::size_t samples, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::vector<float> out(samples, 0.0f);
    constexpr int kHarmonics = 30;
    std::size_t position = static_cast<std::size_t>(0.05 * kAnalysisSampleRate);
    double phase = 0;
    while (position < samples) {
        const auto length = static_cast<std::size_t>((0.1 + 0.2 * uniform(random)) * kAnalysisSampleRate);
        const double startPitch = 90 + 110 * uniform(random);
        const double endPitch = 90 + 110 * uniform(random);
        for (std::size_t i = 0; i < length && position + i < samples; ++i) {
            const double t = static_cast<double>(i) / static_cast<double>(length);
            const double pitch = startPitch + (endPitch - startPitch) * t;
            phase += 2 * std::numbers::pi * pitch / kAnalysisSampleRate;
            double value = 0;
            for (int h = 1; h <= kHarmonics && pitch * h < 0.45 * kAnalysisSampleRate; ++h) {
                value += std::sin(phase * h) / h;
            }
            // Raised-cosine syllable envelope.
            const double envelope = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * t);
            out[position + i] = static_cast<float>(0.25 * envelope * value);
        }
        // A pause of 50..250 ms between syllables.
        position += length + static_cast<std::size_t>((0.05 + 0.2 * uniform(random)) * kAnalysisSampleRate);
    }
    return out;
}

std::vector<float> delayed(std::span<const float> signal, std::size_t delaySamples)
{
    std::vector<float> out(delaySamples, 0.0f);
    out.insert(out.end(), signal.begin(), signal.end());
    return out;
}

} // namespace confab::test
