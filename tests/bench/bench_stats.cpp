#include "bench_stats.h"

#include <algorithm>
#include <cmath>

namespace confab::bench {

QJsonObject percentilesMs(std::vector<double> samplesUs)
{
    if (samplesUs.empty()) {
        return {};
    }
    std::sort(samplesUs.begin(), samplesUs.end());
    const auto at = [&](double fraction) {
        const auto index =
            static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(samplesUs.size()))) - 1;
        return samplesUs[std::min(index, samplesUs.size() - 1)] / 1000.0;
    };
    return QJsonObject{{QStringLiteral("samples"), static_cast<qint64>(samplesUs.size())},
                       {QStringLiteral("p50_ms"), at(0.50)},
                       {QStringLiteral("p90_ms"), at(0.90)},
                       {QStringLiteral("p99_ms"), at(0.99)},
                       {QStringLiteral("max_ms"), samplesUs.back() / 1000.0}};
}

} // namespace confab::bench
