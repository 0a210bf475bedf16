// confab_sim: runs one scenario of complete nodes on the simulated network
// and prints its figures as one JSON object.
#include "crypto/sodium_init.h"
#include "deterministic_random.h"
#include "scenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHashSeed>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>
#include <functional>
#include <map>

using namespace confab;

int main(int argc, char** argv)
{
    // Qt's hashes are seeded per process; a simulation must not depend on that.
    QHashSeed::setDeterministicGlobalSeed();
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab_sim"));
    const std::map<QString, std::function<QJsonObject(const sim::ScenarioOptions&)>> scenarios{
        {QStringLiteral("mesh"), sim::runMesh},       {QStringLiteral("partition"), sim::runPartition},
        {QStringLiteral("islands"), sim::runIslands}, {QStringLiteral("rooms"), sim::runRooms},
        {QStringLiteral("random"), sim::runRandom},
    };
    QStringList names;
    for (const auto& [name, run] : scenarios) {
        names << name;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs complete Confab nodes on a simulated network with a virtual clock and prints "
                       "the scenario's figures as JSON."));
    parser.addHelpOption();
    const QCommandLineOption scenarioOption(
        QStringLiteral("scenario"), QStringLiteral("What to run: %1.").arg(names.join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    const QCommandLineOption nodesOption(QStringLiteral("nodes"),
                                         QStringLiteral("How many nodes (default: the scenario's)."),
                                         QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed of every random choice (default 1)."),
                                        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption lossOption(QStringLiteral("loss"),
                                        QStringLiteral("Packet loss on every link, percent."),
                                        QStringLiteral("PERCENT"), QStringLiteral("0"));
    const QCommandLineOption partitionOption(
        QStringLiteral("partition-seconds"),
        QStringLiteral("How long the partition scenario keeps the network split."), QStringLiteral("SECONDS"),
        QStringLiteral("30"));
    const QCommandLineOption churnOption(
        QStringLiteral("churn"),
        QStringLiteral("Nodes leave and come back while messages flow (islands, random)."));
    parser.addOptions({scenarioOption, nodesOption, seedOption, lossOption, partitionOption, churnOption});
    parser.process(application);

    const auto scenario = scenarios.find(parser.value(scenarioOption));
    if (scenario == scenarios.end()) {
        std::fprintf(stderr, "confab_sim: give --scenario %s\n", qPrintable(names.join(QLatin1Char('|'))));
        return 2;
    }
    sim::ScenarioOptions options;
    bool ok = true;
    bool allOk = true;
    options.nodes = parser.value(nodesOption).toInt(&ok);
    allOk &= ok && options.nodes >= 0;
    options.seed = parser.value(seedOption).toULongLong(&ok);
    allOk &= ok;
    options.lossPercent = parser.value(lossOption).toDouble(&ok);
    allOk &= ok && options.lossPercent >= 0 && options.lossPercent < 100;
    options.churn = parser.isSet(churnOption);
    options.partitionSeconds = parser.value(partitionOption).toInt(&ok);
    allOk &= ok && options.partitionSeconds > 0;
    if (!allOk) {
        std::fprintf(stderr,
                     "confab_sim: --nodes, --seed, --loss and --partition-seconds take non-negative numbers "
                     "(loss below 100, a partition of at least one second)\n");
        return 2;
    }

    // Links log every connect and close; thousands of them only slow the run down.
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.info=false"));
    sim::useDeterministicRandom(options.seed);
    if (!crypto::initSodium()) {
        std::fprintf(stderr, "confab_sim: libsodium cannot initialise\n");
        return 1;
    }
    const QJsonObject result = scenario->second(options);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return result.contains(QStringLiteral("error")) ? 1 : 0;
}
