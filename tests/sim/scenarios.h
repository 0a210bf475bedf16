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
    bool churn = false; // nodes leave and come back while messages flow
};

// N nodes that know one another by address; every node sends to every other.
QJsonObject runMesh(const ScenarioOptions& options);
// A network split in two for a while, messages sent across the split, then healed.
QJsonObject runPartition(const ScenarioOptions& options);
// 3 islands of 10 nodes joined by 2 bridge nodes: messages across islands are relayed.
QJsonObject runIslands(const ScenarioOptions& options);
// 200 nodes on a random geometric graph (average degree about 6), each reaching only its neighbours.
QJsonObject runRandom(const ScenarioOptions& options);
// 10 rooms of 30 members among 100 nodes on one LAN: every member sends to its room.
QJsonObject runRooms(const ScenarioOptions& options);

} // namespace confab::sim
