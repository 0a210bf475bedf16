#pragma once

#include <QJsonObject>

#include <vector>

namespace confab::bench {

// p50/p90/p99/max of samples in microseconds, as a JSON object in ms.
QJsonObject percentilesMs(std::vector<double> samplesUs);

} // namespace confab::bench
