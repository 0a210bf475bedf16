#include "screenshot_scene.h"

#include "dialogs/first_run_dialog.h"
#include "dialogs/peer_details_dialog.h"
#include "dialogs/settings_dialog.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "startup_flow.h"
#include "widgets/main_window.h"

#include <QApplication>
#include <QListView>
#include <QTimer>

#include <cstdio>

namespace confab::app {

namespace {
constexpr int kPollMs = 100;
constexpr int kGiveUpMs = 30000;
// Receipts, presence and the last repaint settle in this time.
constexpr int kDrawMs = 1200;

QString takeValue(QStringList& arguments, const QString& option)
{
    const qsizetype at = arguments.indexOf(option);
    if (at < 0 || at + 1 >= arguments.size()) {
        return {};
    }
    const QString value = arguments.at(at + 1);
    arguments.remove(at, 2);
    return value;
}
} // namespace

std::optional<ScreenshotRequest> takeScreenshotRequest(QStringList& arguments)
{
    ScreenshotRequest request;
    request.path = takeValue(arguments, QStringLiteral("--screenshot"));
    const QString scene = takeValue(arguments, QStringLiteral("--screenshot-scene"));
    request.peer = takeValue(arguments, QStringLiteral("--screenshot-peer"));
    if (request.path.isEmpty()) {
        return std::nullopt;
    }
    if (!scene.isEmpty()) {
        request.scene = scene;
    }
    return request;
}

ScreenshotScene::ScreenshotScene(ScreenshotRequest request, ui::MainWindow& window, ui::StartupFlow& flow,
                                 QObject* parent)
    : QObject(parent), m_request(std::move(request)), m_window(window), m_flow(flow)
{
}

void ScreenshotScene::waitFor(std::function<bool()> condition, std::function<void()> then)
{
    if (condition()) {
        then();
        return;
    }
    if (m_waitedMs >= kGiveUpMs) {
        fail(tr("the scene did not come about in time"));
        return;
    }
    m_waitedMs += kPollMs;
    QTimer::singleShot(kPollMs, this,
                       [this, condition = std::move(condition), then = std::move(then)]() mutable {
                           waitFor(std::move(condition), std::move(then));
                       });
}

bool ScreenshotScene::selectRequestedPeer()
{
    ui::PeerListModel* peers = m_window.peerModel();
    for (int row = 0; row < peers->rowCount(); ++row) {
        const QModelIndex index = peers->index(row);
        const bool wanted = m_request.peer.isEmpty()
                                ? !index.data(ui::PeerListModel::PreviewRole).toString().isEmpty()
                                : index.data(ui::PeerListModel::NameRole).toString() == m_request.peer;
        if (wanted) {
            return m_window.selectPeer(peers->at(row).view.record.id);
        }
    }
    return false;
}

void ScreenshotScene::openConversation(std::function<void()> then)
{
    waitFor([this] { return selectRequestedPeer(); },
            [this, then = std::move(then)]() mutable {
                waitFor(
                    [this] {
                        const ui::ConversationModel* conversation = m_window.conversationModel();
                        return !conversation->isLoading() && conversation->rowCount() > 0;
                    },
                    std::move(then));
            });
}

void ScreenshotScene::start()
{
    const QString& scene = m_request.scene;
    if (scene == QLatin1String("first-run")) {
        waitFor(
            [this] { return m_flow.firstRunDialog() && m_flow.firstRunDialog()->isVisible(); },
            [this] { QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(m_flow.firstRunDialog()); }); });
    } else if (scene == QLatin1String("main")) {
        openConversation([this] { QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(&m_window); }); });
    } else if (scene == QLatin1String("details")) {
        openConversation([this] {
            m_window.openPeerDetails();
            waitFor(
                [this] { return m_window.peerDetailsDialog() && m_window.peerDetailsDialog()->isLoaded(); },
                [this] {
                    QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(m_window.peerDetailsDialog()); });
                });
        });
    } else if (scene == QLatin1String("settings")) {
        waitFor([this] { return m_window.isVisible(); },
                [this] {
                    m_window.openSettings();
                    waitFor(
                        [this] { return m_window.settingsDialog() && m_window.settingsDialog()->isLoaded(); },
                        [this] {
                            QTimer::singleShot(kDrawMs, this,
                                               [this] { grabAndQuit(m_window.settingsDialog()); });
                        });
                });
    } else if (scene == QLatin1String("warning")) {
        waitFor(
            [this] {
                ui::PeerListModel* peers = m_window.peerModel();
                for (int row = 0; row < peers->rowCount(); ++row) {
                    if (peers->index(row).data(ui::PeerListModel::KeyWarningRole).toBool()) {
                        m_request.peer = peers->index(row).data(ui::PeerListModel::NameRole).toString();
                        return true;
                    }
                }
                return false;
            },
            [this] {
                openConversation(
                    [this] { QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(&m_window); }); });
            });
    } else {
        fail(tr("unknown scene '%1'").arg(scene));
    }
}

void ScreenshotScene::grabAndQuit(QWidget* widget)
{
    if (!widget) {
        fail(tr("nothing to grab"));
        return;
    }
    const bool saved = widget->grab().save(m_request.path);
    std::fprintf(stderr, "confab: screenshot %s %s\n", qPrintable(m_request.path),
                 saved ? "saved" : "FAILED");
    QApplication::exit(saved ? 0 : 1);
}

void ScreenshotScene::fail(const QString& why)
{
    std::fprintf(stderr, "confab: screenshot %s not taken: %s\n", qPrintable(m_request.path),
                 qPrintable(why));
    QApplication::exit(1);
}

} // namespace confab::app
