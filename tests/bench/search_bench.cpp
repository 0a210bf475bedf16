// Message search speed: a profile database with 100,000 messages in 20
// conversations (words drawn from a vocabulary with Zipf-like frequencies,
// the way chat text repeats a few words often and most words rarely), then
// the queries a person types: a common word, a rare one, two words, a
// three-letter start, one conversation, nothing found. Each is answered the
// way Node::searchMessages answers it (ftsQueryFor, MessageStore::search,
// at most 200 results, as the window asks). The baseline, in the same run, is what search costs
// without the index: a LIKE scan of every message body.
// It also reports what the index costs when storing messages.
// Prints one JSON object. Usage: confab_search_bench [--messages N] [--repeats R]
#include "bench_stats.h"
#include "storage/database.h"
#include "storage/message_store.h"
#include "storage/search_query.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <random>

namespace {

using namespace confab;
using Clock = std::chrono::steady_clock;

constexpr int kConversations = 20;
constexpr int kBatch = 500;
constexpr int kResultLimit = 200; // what the window asks for (confabctl: 50)

double elapsedUs(Clock::time_point since)
{
    return std::chrono::duration<double, std::micro>(Clock::now() - since).count();
}

PeerId conversation(int n)
{
    std::array<std::uint8_t, PeerId::kSize> bytes{};
    bytes.fill(static_cast<std::uint8_t>(n + 1));
    return PeerId(bytes);
}

MessageId messageId(std::mt19937_64& random)
{
    std::array<std::uint8_t, MessageId::kSize> bytes{};
    for (auto& byte : bytes) {
        byte = static_cast<std::uint8_t>(random());
    }
    return MessageId(bytes);
}

// Pronounceable made-up words, so the vocabulary is large and every word is a real token.
std::vector<QString> vocabulary(std::mt19937_64& random, int size)
{
    static const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "po", "de", "fa",
                                             "gu", "hi", "jo", "be", "vo", "zu", "ch", "st", "an", "er"};
    std::uniform_int_distribution<int> syllable(0, std::size(kSyllables) - 1);
    std::uniform_int_distribution<int> length(2, 4);
    std::vector<QString> words;
    words.reserve(static_cast<std::size_t>(size));
    while (static_cast<int>(words.size()) < size) {
        QString word;
        for (int i = length(random); i > 0; --i) {
            word += QLatin1String(kSyllables[syllable(random)]);
        }
        words.push_back(word);
    }
    return words;
}

struct Corpus {
    std::vector<QString> words;
    std::vector<double> zipfWeights;
};

QString sentence(std::mt19937_64& random, const Corpus& corpus)
{
    std::discrete_distribution<int> pick(corpus.zipfWeights.begin(), corpus.zipfWeights.end());
    std::uniform_int_distribution<int> length(3, 18);
    QStringList words;
    for (int i = length(random); i > 0; --i) {
        words.append(corpus.words[static_cast<std::size_t>(pick(random))]);
    }
    return words.join(QChar(u' '));
}

// Stores the same messages in both stores, a batch at a time in turn, so
// that both see the same machine; returns microseconds per message stored
// in each.
std::pair<double, double> fill(storage::MessageStore& indexed, storage::MessageStore& plain, int messages,
                               const Corpus& corpus)
{
    std::mt19937_64 random(1);
    double indexedUs = 0;
    double plainUs = 0;
    for (int done = 0; done < messages; done += kBatch) {
        std::vector<storage::MessageStore::NewIncoming> batch;
        for (int i = done; i < std::min(messages, done + kBatch); ++i) {
            batch.push_back(
                {messageId(random), conversation(i % kConversations), sentence(random, corpus), i});
        }
        auto start = Clock::now();
        const bool storedIndexed = indexed.storeIncoming(batch, done).has_value();
        indexedUs += elapsedUs(start);
        start = Clock::now();
        const bool storedPlain = plain.storeIncoming(batch, done).has_value();
        plainUs += elapsedUs(start);
        if (!storedIndexed || !storedPlain) {
            std::fprintf(stderr, "search_bench: storing messages failed\n");
            std::exit(1);
        }
    }
    return {indexedUs / messages, plainUs / messages};
}

struct Case {
    const char* name;
    QString typed;
    std::optional<PeerId> peer;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int messages = 100000;
    int repeats = 30;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--messages")) {
            messages = args[i + 1].toInt();
        } else if (args[i] == QLatin1String("--repeats")) {
            repeats = args[i + 1].toInt();
        }
    }
    if (messages < kConversations || repeats < 1) {
        std::fprintf(stderr, "usage: confab_search_bench [--messages N>=%d] [--repeats R>=1]\n",
                     kConversations);
        return 2;
    }

    std::mt19937_64 random(20261204);
    Corpus corpus{vocabulary(random, 20000), {}};
    for (std::size_t rank = 1; rank <= corpus.words.size(); ++rank) {
        corpus.zipfWeights.push_back(1.0 / static_cast<double>(rank));
    }

    QTemporaryDir dir;
    auto db = storage::Database::open(dir.filePath(QStringLiteral("confab.db")));
    auto unindexed = storage::Database::open(dir.filePath(QStringLiteral("unindexed.db")));
    if (!db || !unindexed) {
        std::fprintf(stderr, "search_bench: cannot create the databases\n");
        return 1;
    }
    for (const char* trigger : {"messages_fts_insert", "messages_fts_delete", "messages_fts_update"}) {
        unindexed.value()->exec(QStringLiteral("DROP TRIGGER %1").arg(QLatin1String(trigger)));
    }
    storage::MessageStore store(*db.value());
    storage::MessageStore plainStore(*unindexed.value());
    const auto [storeUs, storeUnindexedUs] = fill(store, plainStore, messages, corpus);

    const std::vector<Case> cases = {
        {"common_word", corpus.words[0], std::nullopt},
        {"rare_word", corpus.words[15000], std::nullopt},
        {"two_words", corpus.words[3] + u' ' + corpus.words[40], std::nullopt},
        {"word_start", corpus.words[7].left(3), std::nullopt},
        {"one_conversation", corpus.words[2], conversation(7)},
        {"nothing_found", QStringLiteral("xylophone"), std::nullopt},
    };
    QJsonObject byCase;
    std::vector<double> all;
    std::vector<double> baseline;
    for (const Case& c : cases) {
        const QString query = storage::ftsQueryFor(c.typed).value_or(QString());
        std::vector<double> samples;
        qint64 found = 0;
        for (int r = 0; r < repeats; ++r) {
            const auto start = Clock::now();
            const auto results = store.search(query, c.peer, kResultLimit);
            samples.push_back(elapsedUs(start));
            found = results ? static_cast<qint64>(results->size()) : -1;
        }
        all.insert(all.end(), samples.begin(), samples.end());

        // The same question without the index: every body scanned.
        QSqlQuery scan = unindexed.value()->prepare(
            QStringLiteral("SELECT seq FROM messages WHERE body LIKE ? %1 ORDER BY seq DESC LIMIT %2")
                .arg(c.peer ? QStringLiteral("AND peer_id = ?") : QString())
                .arg(kResultLimit));
        std::vector<double> scans;
        for (int r = 0; r < std::max(1, repeats / 10); ++r) {
            scan.addBindValue(QStringLiteral("%%1%").arg(c.typed.split(u' ').first()));
            if (c.peer) {
                scan.addBindValue(QString::fromStdString(c.peer->toText()));
            }
            const auto start = Clock::now();
            unindexed.value()->exec(scan);
            while (scan.next()) {
            }
            scans.push_back(elapsedUs(start));
        }
        baseline.insert(baseline.end(), scans.begin(), scans.end());
        QJsonObject figures = bench::percentilesMs(samples);
        figures.insert(QStringLiteral("results"), found);
        figures.insert(QStringLiteral("baseline_like_scan"), bench::percentilesMs(scans));
        byCase.insert(QLatin1String(c.name), figures);
    }

    const QJsonObject report{
        {QStringLiteral("messages"), messages},
        {QStringLiteral("conversations"), kConversations},
        {QStringLiteral("result_limit"), kResultLimit},
        {QStringLiteral("search"), bench::percentilesMs(all)},
        {QStringLiteral("by_query"), byCase},
        {QStringLiteral("baseline_like_scan"), bench::percentilesMs(baseline)},
        {QStringLiteral("store_us_per_message"), storeUs},
        {QStringLiteral("store_us_per_message_without_index"), storeUnindexedUs},
        {QStringLiteral("goal_ms"), 50},
    };
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    return 0;
}
