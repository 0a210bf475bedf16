#include "screenshot_scene.h"

#include "call_controller.h"
#include "dialogs/audio_settings_section.h"
#include "dialogs/first_run_dialog.h"
#include "dialogs/identity_settings_section.h"
#include "dialogs/incoming_call_dialog.h"
#include "dialogs/my_address_dialog.h"
#include "dialogs/peer_details_dialog.h"
#include "dialogs/settings_dialog.h"
#include "models/conversation_model.h"
#include "models/peer_list_model.h"
#include "models/room_conversation_model.h"
#include "models/room_list_model.h"
#include "models/search_results_model.h"
#include "startup_flow.h"
#include "widgets/call_bar.h"
#include "widgets/conversation_view.h"
#include "widgets/level_meter_widget.h"
#include "widgets/main_window.h"
#include "widgets/room_pane.h"
#include "widgets/search_panel.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QTimer>

#include <cstdio>

namespace confab::app {

namespace {
constexpr int kPollMs = 100;
constexpr int kGiveUpMs = 30000;
// Receipts, presence and the last repaint settle in this time.
constexpr int kDrawMs = 1200;
// The in-call picture: long enough connected for the duration to read as a call.
constexpr qint64 kInCallShownMs = 4000;

QString takeValue(QStringList& arguments, const QString& option)
{
    const qsizetype at = arguments.indexOf(option);
    if (at < 0 || at + 1 >= arguments.size()) {
        return {};
    }
    QString value = arguments.at(at + 1);
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
    request.search = takeValue(arguments, QStringLiteral("--screenshot-search"));
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
                                : index.data(ui::PeerListModel::NameRole).toString() == m_request.peer ||
                                      index.data(ui::PeerListModel::PeerIdRole).toString() == m_request.peer;
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
    } else if (scene == QLatin1String("search")) {
        openConversation([this] {
            m_window.beginSearch(false);
            ui::SearchPanel* search = m_window.searchPanel();
            search->field()->setText(m_request.search);
            waitFor(
                [search] { return search->model()->rowCount() > 0; },
                [this, search] {
                    const qint64 seq = search->model()->message(0).seq;
                    search->openResult(0);
                    waitFor(
                        [this, seq] {
                            return m_window.conversationView()->currentIndex().data(
                                       ui::ConversationModel::SeqRole) == seq;
                        },
                        [this] { QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(&m_window); }); });
                });
        });
    } else if (scene == QLatin1String("room")) {
        // The room named --screenshot-peer (default: the first listed), once its lines are in.
        waitFor(
            [this] {
                const ui::RoomListModel* rooms = m_window.roomModel();
                for (int row = 0; row < rooms->rowCount(); ++row) {
                    if (m_request.peer.isEmpty() || rooms->at(row).name == m_request.peer) {
                        return m_window.selectRoom(rooms->at(row).id);
                    }
                }
                return false;
            },
            [this] {
                waitFor([this] { return m_window.roomPane()->model()->rowCount() > 0; },
                        [this] { QTimer::singleShot(kDrawMs, this, [this] { grabAndQuit(&m_window); }); });
            });
    } else if (scene == QLatin1String("settings")) {
        waitFor([this] { return m_window.isVisible(); },
                [this] {
                    m_window.openSettings();
                    waitFor(
                        [this] {
                            return m_window.settingsDialog() && m_window.settingsDialog()->isLoaded() &&
                                   m_window.settingsDialog()->audioSection()->isListed();
                        },
                        [this] {
                            QTimer::singleShot(kDrawMs, this,
                                               [this] { grabAndQuit(m_window.settingsDialog()); });
                        });
                });
    } else if (scene == QLatin1String("identity-backup")) {
        // Settings > Back Up, a passphrase typed once: the dialog asks for it again.
        waitFor(
            [this] { return m_window.isVisible(); },
            [this] {
                m_window.openSettings();
                waitFor(
                    [this] { return m_window.settingsDialog() && m_window.settingsDialog()->isLoaded(); },
                    [this] {
                        ui::IdentitySettingsSection* section = m_window.settingsDialog()->identitySection();
                        section->backUpTo(QDir::home().filePath(QStringLiteral("confab-identity.backup")));
                        section->passphraseDialog()->passphraseEdit()->setText(
                            QStringLiteral("violet harbour lantern"));
                        QTimer::singleShot(kDrawMs, this,
                                           [section, this] { grabAndQuit(section->passphraseDialog()); });
                    });
            });
    } else if (scene == QLatin1String("my-address")) {
        waitFor([this] { return m_window.isVisible(); },
                [this] {
                    m_window.openMyAddress();
                    waitFor([this] { return !m_window.myAddressDialog()->qrCode().isNull(); },
                            [this] {
                                QTimer::singleShot(kDrawMs, this,
                                                   [this] { grabAndQuit(m_window.myAddressDialog()); });
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
    } else if (scene == QLatin1String("incoming-call")) {
        // The other node calls once it is linked (the script keeps trying).
        openConversation([this] {
            waitFor(
                [this] {
                    const ui::IncomingCallDialog* dialog = m_window.callController()->incomingDialog();
                    return dialog && dialog->isVisible();
                },
                [this] {
                    QTimer::singleShot(kDrawMs, this, [this] {
                        grabWithDialogAndQuit(m_window.callController()->incomingDialog());
                    });
                });
        });
    } else if (scene == QLatin1String("in-call")) {
        // This window calls; the script answers on the other node.
        openConversation([this] {
            m_window.callCurrentPeer();
            waitFor(
                [this] {
                    const auto& call = m_window.callController()->currentCall();
                    return call && call->phase == api::CallPhase::Active &&
                           call->durationMs >= kInCallShownMs &&
                           m_window.callBar()->levelMeter()->level() > 0.1;
                },
                [this] { grabAndQuit(&m_window); });
        });
    } else {
        fail(tr("unknown scene '%1'").arg(scene));
    }
}

void ScreenshotScene::grabWithDialogAndQuit(QWidget* dialog)
{
    if (!dialog) {
        fail(tr("nothing to grab"));
        return;
    }
    // Without a window manager a grab holds one window: draw the dialog over
    // the window where the desktop would show it, centred, with a frame.
    QPixmap picture = m_window.grab();
    const QPixmap over = dialog->grab();
    const qreal ratio = picture.devicePixelRatio();
    const QSizeF size = QSizeF(picture.size()) / ratio;
    const QSizeF overSize = QSizeF(over.size()) / over.devicePixelRatio();
    const QPointF at((size.width() - overSize.width()) / 2, (size.height() - overSize.height()) / 2);
    QPainter painter(&picture);
    painter.fillRect(QRectF(QPointF(0, 0), size), QColor(0, 0, 0, 60));
    painter.fillRect(QRectF(at + QPointF(4, 6), overSize), QColor(0, 0, 0, 70));
    painter.drawPixmap(at, over);
    painter.setPen(m_window.palette().color(QPalette::Dark));
    painter.drawRect(QRectF(at - QPointF(1, 1), overSize + QSizeF(1, 1)));
    painter.end();
    const bool saved = picture.save(m_request.path);
    std::fprintf(stderr, "confab: screenshot %s %s\n", qPrintable(m_request.path),
                 saved ? "saved" : "FAILED");
    QApplication::exit(saved ? 0 : 1);
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
