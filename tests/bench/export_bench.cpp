// Conversation export speed: writeConversation (what `confabctl export` and
// Peer → Export Conversation… run on the node's thread) over a conversation
// of N messages of chat-like lengths, as text and as HTML, repeated R times.
// The baseline, in the same run, is copying the same bodies into one string
// (the least any export must do). Prints one JSON object.
// Usage: confab_export_bench [--messages N] [--repeats R]
#include "api/conversation_export.h"
#include "bench_stats.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>

#include <chrono>
#include <cstdio>
#include <random>

namespace {

using namespace confab;
using Clock = std::chrono::steady_clock;

double elapsedUs(Clock::time_point since)
{
    return std::chrono::duration<double, std::micro>(Clock::now() - since).count();
}

api::StoredMessages conversation(int count)
{
    std::mt19937_64 random(42);
    std::uniform_int_distribution<int> words(1, 40);
    api::StoredMessages messages;
    messages.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        api::StoredMessage message;
        message.seq = i + 1;
        message.outgoing = (random() & 1U) != 0;
        message.body = QStringLiteral("word ").repeated(words(random)).trimmed();
        message.storedMs = 1'796'378'400'000 + static_cast<std::int64_t>(i) * 30'000;
        message.state = api::MessageState::Delivered;
        messages.push_back(std::move(message));
    }
    return messages;
}

int argument(const QStringList& arguments, const QString& name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = argument(app.arguments(), QStringLiteral("--messages"), 100'000);
    const int repeats = argument(app.arguments(), QStringLiteral("--repeats"), 5);
    const api::StoredMessages messages = conversation(count);
    const api::ExportHeading heading{
        .ownName = QStringLiteral("Alice"),
        .peerName = QStringLiteral("Bob"),
        .peer = PeerId(std::array<std::uint8_t, PeerId::kSize>{1, 2, 3}),
        .exportedAt = QDateTime::fromMSecsSinceEpoch(1'796'378'400'000, QTimeZone::utc()),
    };

    QJsonObject result{{QStringLiteral("messages"), count}, {QStringLiteral("repeats"), repeats}};
    for (const auto& [name, format] : {std::pair{QStringLiteral("text"), api::ExportFormat::Text},
                                       std::pair{QStringLiteral("html"), api::ExportFormat::Html}}) {
        std::vector<double> samples;
        qsizetype size = 0;
        for (int i = 0; i < repeats; ++i) {
            const auto started = Clock::now();
            size = api::writeConversation(heading, messages, format).toUtf8().size();
            samples.push_back(elapsedUs(started));
        }
        result.insert(name, QJsonObject{{QStringLiteral("ms"), bench::percentilesMs(samples)},
                                        {QStringLiteral("bytes"), static_cast<qint64>(size)}});
    }
    std::vector<double> baseline;
    for (int i = 0; i < repeats; ++i) {
        const auto started = Clock::now();
        QString all;
        for (const api::StoredMessage& message : messages) {
            all += message.body;
            all += u'\n';
        }
        const qsizetype size = all.toUtf8().size();
        baseline.push_back(elapsedUs(started));
        if (size == 0) {
            return 1;
        }
    }
    result.insert(QStringLiteral("baseline_concatenate"),
                  QJsonObject{{QStringLiteral("ms"), bench::percentilesMs(baseline)}});
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
