// conversation_open_bench: how long a 100,000-message conversation takes to
// open in the real view (request → first page on screen), how long each older
// page takes while scrolling back, and what it costs in memory. Prints JSON.
//
//   conversation_open_bench [--messages N] [--pages N]
#include "api/node_host.h"
#include "crypto/sodium_init.h"
#include "models/conversation_model.h"
#include "storage/database.h"
#include "storage/message_store.h"
#include "storage/profile.h"
#include "support/local_node_config.h"
#include "widgets/conversation_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace confab;

namespace {

// Resident memory of this process in KiB (Linux).
qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

int intOption(const QStringList& arguments, const QString& name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

double msSince(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

bool fill(const QString& dir, const PeerId& peer, int count)
{
    auto profile = storage::Profile::open(dir);
    if (!profile) {
        return false;
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return false;
    }
    storage::MessageStore store(*db.value());
    std::vector<storage::MessageStore::NewIncoming> batch;
    batch.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        std::array<std::uint8_t, MessageId::kSize> idBytes{};
        for (std::size_t b = 0; b < 4; ++b) {
            idBytes[b] = static_cast<std::uint8_t>(static_cast<unsigned>(i) >> (8 * b));
        }
        // Varied lengths, some links and emoji, so layout does real work.
        QString body =
            QStringLiteral("message %1: ").arg(i) + QString(qsizetype{i % 7} * 12, QLatin1Char('x'));
        if (i % 10 == 0) {
            body += QStringLiteral(" see https://example.org/item/%1 🎉").arg(i);
        }
        batch.push_back({MessageId(idBytes), peer, body, 1000 + i});
    }
    return store.storeIncoming(batch, 5000).has_value();
}

bool bottomShown(const ui::ConversationView& view)
{
    const QScrollBar* bar = view.verticalScrollBar();
    return bar->maximum() > 0 && bar->value() == bar->maximum();
}

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication application(argc, argv);
    if (!crypto::initSodium()) {
        return 1;
    }
    const QStringList arguments = QApplication::arguments();
    const int messages = intOption(arguments, QStringLiteral("--messages"), 100'000);
    const int pages = intOption(arguments, QStringLiteral("--pages"), 20);

    QTemporaryDir dir;
    std::array<std::uint8_t, PeerId::kSize> peerBytes{};
    peerBytes.fill(0x42);
    const PeerId peer(peerBytes);
    if (!dir.isValid() || !fill(dir.path(), peer, messages)) {
        std::fprintf(stderr, "conversation_open_bench: cannot fill the store\n");
        return 1;
    }

    // The desktop app's way: the node on its network thread, pages carried back to the GUI thread.
    api::NodeHost host(test::localNodeConfig(dir.path(), QStringLiteral("Reader")));
    bool started = false;
    host.call(
        &host, [](api::Node& node) { return static_cast<bool>(node.start()); },
        [&started](bool ok) { started = ok; });
    if (!QTest::qWaitFor([&started] { return started; }, 10000)) {
        std::fprintf(stderr, "conversation_open_bench: the node did not start\n");
        return 1;
    }
    ui::ConversationModel model(host);
    ui::ConversationView view;
    view.setConversation(&model);
    view.resize(800, 600);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        return 1;
    }
    QSignalSpy loaded(&model, &ui::ConversationModel::pageLoaded);
    const qint64 rssBefore = residentKiB();

    // Open: from the request to the first page laid out and painted at the bottom.
    QElapsedTimer timer;
    timer.start();
    model.setPeer(peer);
    if (!loaded.wait(10000)) {
        return 1;
    }
    const double firstPageMs = msSince(timer);
    // Laid out (every row measured) and scrolled to the newest message, then painted.
    if (!QTest::qWaitFor([&] { return bottomShown(view); }, 10000)) {
        return 1;
    }
    view.viewport()->repaint();
    const double openMs = msSince(timer);

    // Scroll back: each older page from the request to the view laid out and painted again.
    std::vector<double> pageMs;
    for (int page = 0; page < pages; ++page) {
        if (!QTest::qWaitFor([&] { return model.canLoadOlder(); }, 1000)) {
            break; // the oldest message is loaded
        }
        const int before = model.rowCount();
        timer.restart();
        view.verticalScrollBar()->setValue(0); // the view asks for the next page at the top
        // Arrived, laid out, and the view moved down so the same messages stay on screen.
        if (!QTest::qWaitFor(
                [&] { return model.rowCount() > before && view.verticalScrollBar()->value() > 0; }, 10000)) {
            break;
        }
        view.viewport()->repaint();
        pageMs.push_back(msSince(timer));
    }
    const qint64 rssAfter = residentKiB();

    QJsonArray perPage;
    for (double ms : pageMs) {
        perPage.append(ms);
    }
    const QJsonObject result{
        {QStringLiteral("messages"), messages},
        {QStringLiteral("page_size"), ui::ConversationModel::kPageSize},
        {QStringLiteral("first_page_loaded_ms"), firstPageMs},
        {QStringLiteral("open_ms"), openMs},
        {QStringLiteral("older_pages"), static_cast<int>(pageMs.size())},
        {QStringLiteral("older_page_ms_median"), median(pageMs)},
        {QStringLiteral("older_page_ms_max"),
         pageMs.empty() ? 0.0 : *std::max_element(pageMs.begin(), pageMs.end())},
        {QStringLiteral("older_page_ms"), perPage},
        {QStringLiteral("rows_in_model"), model.rowCount()},
        {QStringLiteral("rss_kib_before_open"), rssBefore},
        {QStringLiteral("rss_kib_after_scrolling"), rssAfter},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
