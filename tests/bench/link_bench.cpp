// Two nodes on loopback: this process runs node A, a child confabd runs node
// B. Prints JSON: handshake time, message latency (send -> Delivered receipt)
// and throughput, next to baselines measured in the same run (raw TCP round
// trip, libsodium's own AEAD speed).
#include "api/node.h"
#include "api/node_config.h"
#include "api/node_environment.h"
#include "api/system_environment.h"
#include "bench_stats.h"
#include "crypto/identity.h"
#include "crypto/sodium_init.h"
#include "raw_tcp_baseline.h"
#include "session/link_manager.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <map>
#include <sodium.h>

using namespace confab;

namespace {

class MemoryTrust : public session::TrustStore {
public:
    std::optional<crypto::PublicKey> pinnedKey(const PeerId& peer) override
    {
        const auto it = m_keys.find(peer);
        return it == m_keys.end() ? std::nullopt : std::optional(it->second);
    }
    void pin(const PeerId& peer, const crypto::PublicKey& key) override { m_keys[peer] = key; }

private:
    std::map<PeerId, crypto::PublicKey> m_keys;
};

// Runs the event loop until `done` or the timeout; true if done.
template <typename Predicate> bool spinUntil(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

struct ChildNode {
    QProcess process;
    QString id;
    QString listen;
};

bool startChild(ChildNode& child, const QString& confabd, const QString& profile)
{
    child.process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.process.start(confabd, {QStringLiteral("--profile"), profile, QStringLiteral("--name"),
                                  QStringLiteral("bench-b"), QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:0")});
    if (!child.process.waitForReadyRead(10000)) {
        return false;
    }
    const QString line = QString::fromUtf8(child.process.readLine()).trimmed();
    for (const QString& part : line.split(u' ')) {
        if (part.startsWith(QLatin1String("id="))) {
            child.id = part.mid(3);
        } else if (part.startsWith(QLatin1String("listen="))) {
            child.listen = part.mid(7);
        }
    }
    return !child.id.isEmpty() && !child.listen.isEmpty();
}

QJsonObject measureHandshakes(const net::HostPort& address, const PeerId& peer, int count)
{
    const auto identity = crypto::IdentityKeyPair::generate();
    MemoryTrust trust;
    api::SystemEnvironment system;
    session::LinkManager links(identity, trust, system.environment().network, system.environment().clock,
                               session::LinkTimings{});
    links.setOwnInfo(QStringLiteral("bench-handshake"), 0);
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer timer;
        timer.start();
        links.dial(address, peer);
        if (!spinUntil([&] { return links.isConnected(peer); }, 5000)) {
            break;
        }
        samples.push_back(static_cast<double>(timer.nsecsElapsed()) / 1000.0);
        links.dropPeer(peer, QStringLiteral("benchmark"));
        spinUntil([&] { return !links.isConnected(peer); }, 5000);
    }
    return bench::percentilesMs(samples);
}

QJsonObject measureLatency(api::Node& node, const PeerId& peer, int count)
{
    std::optional<MessageId> waitingFor;
    bool delivered = false;
    QObject::connect(&node.events(), &api::NodeEvents::messageStateChanged, &node.events(),
                     [&](const api::StoredMessage& message) {
                         if (waitingFor && message.id == *waitingFor &&
                             message.state >= api::MessageState::Delivered) {
                             delivered = true;
                         }
                     });
    std::vector<double> samples;
    for (int i = 0; i < count; ++i) {
        delivered = false;
        QElapsedTimer timer;
        timer.start();
        bool stored = false;
        node.sendText(peer, QStringLiteral("latency probe %1").arg(i)).then([&](const api::SendResult& sent) {
            stored = sent.ok();
            if (stored) {
                waitingFor = sent.value().id;
            }
        });
        if (!spinUntil([&] { return stored && delivered; }, 5000)) {
            break;
        }
        samples.push_back(static_cast<double>(timer.nsecsElapsed()) / 1000.0);
    }
    return bench::percentilesMs(samples);
}

QJsonObject measureThroughput(api::Node& node, const PeerId& peer, int count)
{
    int delivered = 0;
    QObject::connect(&node.events(), &api::NodeEvents::messageStateChanged, &node.events(),
                     [&](const api::StoredMessage& message) {
                         if (message.state == api::MessageState::Delivered) {
                             ++delivered;
                         }
                     });
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        (void)node.sendText(peer, QStringLiteral("throughput message %1 with a typical chat length").arg(i));
        if (i % 256 == 255) {
            QCoreApplication::processEvents(); // let the socket drain and receipts in
        }
    }
    const qint64 queuedMs = timer.elapsed();
    const bool complete = spinUntil([&] { return delivered >= count; }, 120000);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return QJsonObject{{QStringLiteral("messages"), count},
                       {QStringLiteral("delivered"), delivered},
                       {QStringLiteral("complete"), complete},
                       {QStringLiteral("send_calls_ms"), queuedMs},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("messages_per_s"), static_cast<double>(delivered) / seconds}};
}

QJsonObject sodiumBaseline()
{
    std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_KEYBYTES> key{};
    std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_NPUBBYTES> nonce{};
    std::array<unsigned char, 120> message{};
    std::array<unsigned char, 120 + crypto_aead_chacha20poly1305_ietf_ABYTES> out{};
    randombytes_buf(key.data(), key.size());
    QElapsedTimer timer;
    timer.start();
    long long operations = 0;
    while (timer.elapsed() < 500) {
        for (int i = 0; i < 1000; ++i, ++operations) {
            nonce[0] = static_cast<unsigned char>(i);
            unsigned long long outLength = 0;
            crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), &outLength, message.data(), message.size(),
                                                      nullptr, 0, nullptr, nonce.data(), key.data());
        }
    }
    return QJsonObject{{QStringLiteral("aead_120_byte_ops_per_s"),
                        static_cast<double>(operations) / (static_cast<double>(timer.nsecsElapsed()) / 1e9)}};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Throughput messages."),
                                      QStringLiteral("N"), QStringLiteral("50000"));
    const QCommandLineOption latency(QStringLiteral("latency-samples"), QStringLiteral("Latency samples."),
                                     QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption handshakes(QStringLiteral("handshakes"), QStringLiteral("Handshakes to time."),
                                        QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption confabd(QStringLiteral("confabd"), QStringLiteral("Path of confabd."),
                                     QStringLiteral("PATH"), QStringLiteral(CONFABD_PATH));
    parser.addOptions({messages, latency, handshakes, confabd});
    parser.process(application);
    if (!crypto::initSodium()) {
        return 1;
    }

    QTemporaryDir dir;
    ChildNode child;
    if (!startChild(child, parser.value(confabd), dir.filePath(QStringLiteral("b")))) {
        std::fprintf(stderr, "confab_link_bench: cannot start %s\n", qPrintable(parser.value(confabd)));
        return 1;
    }
    const auto childAddress = net::HostPort::parse(child.listen, 0).value();
    const auto childId = PeerId::fromText(child.id.toStdString()).value();

    QJsonObject report;
    report.insert(QStringLiteral("handshake"),
                  measureHandshakes(childAddress, childId, parser.value(handshakes).toInt()));

    api::SystemEnvironment system;
    api::NodeConfig config;
    config.profileDir = dir.filePath(QStringLiteral("a"));
    config.displayName = QStringLiteral("bench-a");
    config.listen = net::HostPort{QStringLiteral("127.0.0.1"), 0};
    config.listenChosenByUser = true;
    config.peers = {child.listen};
    config.controlSocket = api::NodeConfig::ControlSocket::Off;
    auto node = std::make_unique<api::Node>(config, system.environment());
    if (!node->start() || !spinUntil([&] { return node->connectedCount() == 1; }, 10000)) {
        std::fprintf(stderr, "confab_link_bench: node A did not connect to node B\n");
        return 1;
    }
    report.insert(QStringLiteral("latency_send_to_delivered"),
                  measureLatency(*node, childId, parser.value(latency).toInt()));
    report.insert(QStringLiteral("throughput"),
                  measureThroughput(*node, childId, parser.value(messages).toInt()));
    report.insert(QStringLiteral("baseline_raw_tcp_round_trip"),
                  bench::percentilesMs(bench::rawTcpRoundTripsUs(2000, 200)));
    report.insert(QStringLiteral("baseline_libsodium"), sodiumBaseline());
    report.insert(QStringLiteral("goals"), QJsonObject{{QStringLiteral("handshake_ms"), 10},
                                                       {QStringLiteral("latency_p99_ms"), 5},
                                                       {QStringLiteral("messages_per_s"), 20000}});

    node->shutdown();
    child.process.terminate();
    child.process.waitForFinished(5000);
    std::printf("%s", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}
