#pragma once

#include "api/node_host.h"
#include "crypto/identity.h"
#include "dialogs/add_peer_dialog.h"
#include "dialogs/incoming_call_dialog.h"
#include "sim/sim_network.h"
#include "storage/database.h"
#include "storage/peer_store.h"
#include "storage/profile.h"
#include "support/local_node_config.h"
#include "support/sim_node_client.h"
#include "support/virtual_clock.h"
#include "widgets/main_window.h"
#include "wire_tap.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QUrl>
#include <QWidget>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>

namespace confab::ui::test {

// Runs `command` on the client's node and waits for its result, processing
// events meanwhile; nothing if it does not come within `timeoutMs`.
template <typename Command>
std::optional<std::invoke_result_t<Command&, api::Node&>> ask(api::NodeClient& client, Command command,
                                                              int timeoutMs = 10000)
{
    using Value = std::invoke_result_t<Command&, api::Node&>;
    // Held by the reply too: it may come after a timeout, when this frame is gone.
    auto result = std::make_shared<std::optional<Value>>();
    QObject context;
    client.call(&context, std::move(command), [result](const Value& value) { *result = value; });
    if (!QTest::qWaitFor([&result] { return result->has_value(); }, timeoutMs)) {
        return std::nullopt;
    }
    return *result;
}

// Starts the node and reports who it is, or why it could not start.
inline Result<api::NodeStatus, QString> startNode(api::Node& node)
{
    if (auto started = node.start(); !started) {
        return started.error();
    }
    return node.status();
}

// A NodeHost on 127.0.0.1 with a temporary profile and discovery off, started
// and waited for: the desktop app's own way of running a node.
struct HostedNode {
    std::unique_ptr<api::NodeHost> host;
    api::NodeStatus status;

    static api::NodeConfig config(const QString& dir, const QString& name, QStringList peers = {})
    {
        return confab::test::localNodeConfig(dir, name, std::move(peers));
    }

    bool start(const api::NodeConfig& nodeConfig)
    {
        host = std::make_unique<api::NodeHost>(nodeConfig);
        const auto started = ask(*host, [](api::Node& node) { return startNode(node); });
        if (!started || !*started) {
            qWarning() << "node did not start:" << (started ? started->error() : QStringLiteral("no answer"));
            return false;
        }
        status = started->value();
        return true;
    }

    [[nodiscard]] PeerId id() const { return *PeerId::fromText(status.id.toStdString()); }
};

// Peers on a simulated LAN that run on a virtual clock in the test's own
// thread: a GUI test scripts them and their time, with no sockets and no
// real time spent waiting, and a run goes the same way every time.
class SimLan {
public:
    static constexpr quint16 kPort = 42042;
    // How much virtual time a wait may take before it counts as failed.
    static constexpr std::int64_t kWaitMs = 30000;

    struct Peer {
        QString name;
        QString address;                                     // of its simulated host
        QString profileDir;                                  // exists; may be prepared before start()
        std::unique_ptr<WireTap> wire;                       // what it writes on the network
        std::unique_ptr<confab::test::SimNodeClient> client; // null while stopped
        PeerId id;                                           // known once started

        [[nodiscard]] QString endpoint() const { return QStringLiteral("%1:%2").arg(address).arg(kPort); }
        [[nodiscard]] api::Node& node() const { return client->node(); }
    };

    explicit SimLan(std::uint64_t seed = 1) : m_network(m_clock, seed)
    {
        QCoreApplication::instance()->installEventFilter(&m_queuedCalls);
    }
    ~SimLan()
    {
        for (Peer& peer : m_peers) {
            peer.client.reset();
        }
    }
    SimLan(const SimLan&) = delete;
    SimLan& operator=(const SimLan&) = delete;

    // A peer with a host and a profile folder of its own; not started.
    Peer& addPeer(const QString& name)
    {
        Peer& peer = m_peers.emplace_back();
        peer.name = name;
        peer.address = QStringLiteral("10.0.0.%1").arg(m_peers.size());
        peer.profileDir = m_profiles.filePath(name.toLower());
        if (QDir(peer.profileDir).exists()) { // a namesake: another person, another profile
            peer.profileDir += QStringLiteral("-%1").arg(m_peers.size());
        }
        QDir().mkpath(peer.profileDir);
        peer.wire = std::make_unique<WireTap>(m_network.addHost(peer.address));
        return peer;
    }

    // How the peer's node is configured: its own host and profile, no
    // discovery, no control socket; it dials `dial` (endpoints).
    static api::NodeConfig config(const Peer& peer, const QStringList& dial = {})
    {
        api::NodeConfig config;
        config.profileDir = peer.profileDir;
        config.displayName = peer.name;
        config.listen = net::HostPort{peer.address, kPort};
        config.listenChosenByUser = true;
        config.peers = dial;
        config.discovery = net::DiscoveryMode::Off;
        config.controlSocket = api::NodeConfig::ControlSocket::Off;
        config.backupCost = crypto::PassphraseCost::minimum(); // seconds per test otherwise
        return config;
    }
    // The virtual clock and the peer's host. Calls need real UDP and a sound
    // card: the call tests run on real nodes.
    api::NodeEnvironment environment(const Peer& peer) { return {m_clock, *peer.wire, false}; }

    // Starts (or starts again) a peer that dials `dial` (endpoints); false,
    // with a warning saying why, if it cannot.
    bool start(Peer& peer, const QStringList& dial = {})
    {
        peer.client = std::make_unique<confab::test::SimNodeClient>(config(peer, dial), environment(peer));
        auto started = startNode(peer.node());
        if (!started) {
            qWarning() << peer.name << "did not start:" << started.error();
            peer.client.reset();
            return false;
        }
        peer.id = peer.node().id();
        return true;
    }

    // The peer quits: it says goodbye, and its links close as the clock runs.
    static void stop(Peer& peer) { peer.client.reset(); }

    // Runs the GUI and the simulated peers until `done()` holds or `maxMs`
    // of virtual time have passed; returns the final `done()`. Between two
    // timers, every queued call and what it queues in turn is handled first,
    // so time moves only when everything is waiting for it.
    bool runUntil(const std::function<bool()>& done, std::int64_t maxMs = kWaitMs)
    {
        const std::int64_t limit = m_clock.monotonicMs() + maxMs;
        for (;;) {
            settle();
            if (done()) {
                return true;
            }
            if (!m_clock.fireNext(limit)) {
                m_clock.advanceTo(limit);
                settle();
                return done();
            }
        }
    }
    // Runs for exactly `ms` of virtual time: to see that something does NOT happen.
    void runFor(std::int64_t ms)
    {
        runUntil([] { return false; }, ms);
    }

    [[nodiscard]] confab::test::VirtualClock& clock() { return m_clock; }
    [[nodiscard]] sim::SimNetwork& network() { return m_network; }

private:
    // Counts queued calls (node commands, replies, relayed events) as they are delivered.
    class QueuedCallCounter : public QObject {
    public:
        std::uint64_t delivered = 0;

    protected:
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            if (event->type() == QEvent::MetaCall) {
                ++delivered;
            }
            return QObject::eventFilter(watched, event);
        }
    };

    void settle()
    {
        // Each pass delivers what was queued before it began; stop after a
        // pass that delivered no queued call. Bounded, in case something
        // queues itself forever.
        constexpr int kMaxPasses = 10000;
        for (int pass = 0; pass < kMaxPasses; ++pass) {
            const std::uint64_t before = m_queuedCalls.delivered;
            QCoreApplication::processEvents();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            if (m_queuedCalls.delivered == before) {
                return;
            }
        }
    }

    confab::test::VirtualClock m_clock;
    sim::SimNetwork m_network;
    QTemporaryDir m_profiles;
    QueuedCallCounter m_queuedCalls;
    std::deque<Peer> m_peers; // stable references
};

// Like QTRY_VERIFY and QTRY_COMPARE, on the simulated LAN's virtual clock.
#define SIM_VERIFY(lan, condition) QVERIFY2((lan).runUntil([&] { return bool(condition); }), #condition)
#define SIM_COMPARE(lan, actual, expected)                                                                   \
    do {                                                                                                     \
        (lan).runUntil([&] { return (actual) == (expected); });                                              \
        QCOMPARE(actual, expected);                                                                          \
    } while (false)

// Files dragged from a file manager and dropped at `at` on `target`, as Qt
// delivers it: enter, move, drop, each of which must be accepted.
inline void dropFiles(QWidget* target, const QPoint& at, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths) {
        urls << QUrl::fromLocalFile(path);
    }
    mime.setUrls(urls);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY2(enter.isAccepted(), "the drag of files was refused");
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QVERIFY2(move.isAccepted(), "the files cannot be dropped there");
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
}

// Controls a keyboard user can tab to that a screen reader could not name:
// their class names (empty when every one has an accessible name).
inline QStringList unnamedControls(const QWidget* root)
{
    QStringList unnamed;
    for (const QWidget* widget : root->findChildren<QWidget*>()) {
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isVisibleTo(root) &&
            widget->accessibleName().isEmpty()) {
            unnamed << QString::fromLatin1(widget->metaObject()->className());
        }
    }
    return unnamed;
}

// Texts a user cannot read whole: visible word-wrapped labels shorter than
// their lines need at their width, and visible labels cut off by a widget
// they sit in. Each as "accessible name: text".
inline QStringList clippedTexts(const QWidget* root)
{
    QStringList clipped;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisibleTo(root) || label->text().isEmpty()) {
            continue;
        }
        bool cut = label->wordWrap() && label->height() < label->heightForWidth(label->width());
        for (const QWidget* inside = label->parentWidget(); inside && !cut; inside = inside->parentWidget()) {
            const QRect shown(label->mapTo(inside, QPoint(0, 0)), label->size());
            cut = !inside->rect().contains(shown);
            if (inside == root) {
                break;
            }
        }
        if (cut) {
            clipped << QStringLiteral("%1: %2").arg(label->accessibleName(), label->text());
        }
    }
    return clipped;
}

// Alt+letter keys that more than one visible control claims (a button's or a
// label's &-letter), as "m: &Microphone:, Start &minimised"; empty when each
// letter leads to one place.
inline QStringList sharedMnemonics(const QWidget* root)
{
    std::map<QChar, QStringList> claims;
    const auto claim = [&claims](const QString& text) {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) == u'&') {
                if (text.at(i + 1) != u'&') {
                    claims[text.at(i + 1).toLower()] << text;
                }
                ++i; // "&&" is a literal ampersand
            }
        }
    };
    for (const QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        if (button->isVisibleTo(root)) {
            claim(button->text());
        }
    }
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (label->isVisibleTo(root) && label->buddy() != nullptr) {
            claim(label->text());
        }
    }
    QStringList shared;
    for (const auto& [letter, texts] : claims) {
        if (texts.size() > 1) {
            shared << QStringLiteral("%1: %2").arg(letter, texts.join(QStringLiteral(", ")));
        }
    }
    return shared;
}

// The window on `peer`'s node (started), shown and exposed; null if it never showed.
// The incoming-call dialogs on screen now.
inline QList<IncomingCallDialog*> ringingDialogs()
{
    QList<IncomingCallDialog*> dialogs;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* dialog = qobject_cast<IncomingCallDialog*>(widget);
        if (dialog != nullptr && dialog->isVisible()) {
            dialogs << dialog;
        }
    }
    return dialogs;
}

inline std::unique_ptr<MainWindow> openMainWindow(SimLan::Peer& peer)
{
    auto window = std::make_unique<MainWindow>(*peer.client);
    window->nodeStarted({});
    window->show();
    return QTest::qWaitForWindowExposed(window.get()) ? std::move(window) : nullptr;
}

// Types `text` into the Add Peer dialog that Ctrl+N opens in `window`, and
// adds it; false if no dialog came.
inline bool addPeerThroughTheDialog(MainWindow& window, const QString& text)
{
    auto sawDialog = std::make_shared<bool>(false);
    // The dialog runs its own event loop: fill it in from inside that loop.
    // (A QTimer rather than QTimer::singleShot(functor): the analyzer cannot
    // see Qt take ownership of the functor's slot object there.)
    QTimer fillIn;
    fillIn.setSingleShot(true);
    QObject::connect(&fillIn, &QTimer::timeout, &window, [sawDialog, text] {
        if (auto* dialog = qobject_cast<AddPeerDialog*>(QApplication::activeModalWidget())) {
            *sawDialog = true;
            dialog->addressEdit()->setText(text);
            dialog->accept();
        }
    });
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) {
        return false;
    }
    fillIn.start(0); // fires in the dialog's loop, not in the wait above
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    return *sawDialog;
}

// Loads the compiled English translations into `english` and installs it:
// plural forms ("%n message(s)") come from there, as in the app.
inline bool installEnglish(QTranslator& english)
{
    return english.load(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("confab"),
                        QStringLiteral("_"), QStringLiteral(":/i18n")) &&
           QCoreApplication::installTranslator(&english);
}

// For review: with CONFAB_SCREENSHOT_DIR=DIR set, saves what `widget` looks
// like as DIR/NAME; false only when that fails.
inline bool saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("CONFAB_SCREENSHOT_DIR");
    return dir.isEmpty() || widget->grab().save(dir + QLatin1Char('/') + name);
}

// The identity a profile folder holds (created on first use); the profile is closed again.
inline PeerId identityOf(const QString& profileDir)
{
    auto profile = storage::Profile::open(profileDir);
    return profile ? profile.value()->identity().peerId() : PeerId{};
}

// Leaves a profile that knows `peer` as `name` with a key pinned for it that
// the real peer does not have: when the peer connects, the node's own
// authentication refuses it and reports a security event, as it would for an
// impostor after the first contact.
inline bool pinForeignKey(const QString& profileDir, const PeerId& peer, const QString& name)
{
    auto profile = storage::Profile::open(profileDir);
    if (!profile) {
        return false;
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return false;
    }
    storage::PeerStore peers(*db.value());
    return peers.recordSeen(peer, name, QString(), 1) &&
           peers.pinKey(peer, crypto::IdentityKeyPair::generate().publicKey(), 1);
}

} // namespace confab::ui::test
