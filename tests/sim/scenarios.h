#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace confab::sim {

struct ScenarioOptions {
    int nodes = 0; // 0: the scenario's default
    std::uint64_t seed = 1;
    double lossPercent = 0;
    int partitionSeconds = 30;
};

// N nodes that know one another by address; every node sends to every other.
QJsonObject runMesh(const ScenarioOptions& options);
// A network split in two for a while, messages sent across the split, then healed.
QJsonObject runPartition(const ScenarioOptions& options);

} // namespace confab::sim
