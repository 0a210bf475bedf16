// First run: a new profile asks for a display name (the login name by
// default) and shows the user's own fingerprint before anything goes on the
// network; an existing profile starts straight away. Each case runs twice:
// with the node on a network thread as in the desktop app (NodeHost), and
// on a simulated LAN in the test's thread.
#include "crypto/sodium_init.h"
#include "dialogs/first_run_dialog.h"
#include "gui_harness.h"
#include "startup_flow.h"
#include "support/wait.h"
#include "widgets/main_window.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QStatusBar>

using namespace confab;

class StartupFlowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void newProfileAsksForANameFirst_data();
    void newProfileAsksForANameFirst();
    void anEmptyNameIsRefused();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void existingProfileStartsWithoutAsking_data();
    void existingProfileStartsWithoutAsking();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void aNameGivenAtStartWinsForThatRunAndTheWindowSaysSo_data();
    void aNameGivenAtStartWinsForThatRunAndTheWindowSaysSo();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void aNewProfileOffersTheNameGivenAtStart_data();
    void aNewProfileOffersTheNameGivenAtStart();
    void theAddressShownIsOneOthersCanType();
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void theFirstNoticeIsInWordsNotOptions_data();
    void theFirstNoticeIsInWordsNotOptions();

private:
    // The window's node, not started, on a profile of its own for each way of
    // running it ("me", or another); `name` as given with --name.
    std::unique_ptr<api::NodeClient> makeClient(const QString& name = {},
                                                const QString& profile = QStringLiteral("me"));
    [[nodiscard]] static QString statusText(const ui::MainWindow& window);
    bool waitFor(const std::function<bool()>& done);
    [[nodiscard]] static QString addressText(const ui::MainWindow& window);

    QTemporaryDir m_dir;
    ui::test::SimLan m_lan;
    ui::test::SimLan::Peer& m_simulated = m_lan.addPeer(QStringLiteral("me"));
    ui::test::SimLan::Peer& m_simulatedNamed = m_lan.addPeer(QStringLiteral("named"));
};

void StartupFlowTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    qputenv("USER", "tester");
}

std::unique_ptr<api::NodeClient> StartupFlowTest::makeClient(const QString& name, const QString& profile)
{
    QFETCH(bool, simulated);
    // No name given: the node suggests the login name, or keeps the profile's.
    if (simulated) {
        ui::test::SimLan::Peer& peer = profile == QStringLiteral("me") ? m_simulated : m_simulatedNamed;
        api::NodeConfig config = ui::test::SimLan::config(peer);
        config.displayName = name;
        return std::make_unique<confab::test::SimNodeClient>(config, m_lan.environment(peer));
    }
    return std::make_unique<api::NodeHost>(ui::test::HostedNode::config(m_dir.filePath(profile), name));
}

QString StartupFlowTest::statusText(const ui::MainWindow& window)
{
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Network diagnosis and notices")) {
            return label->toolTip(); // the full text, however narrow the window
        }
    }
    return {};
}

bool StartupFlowTest::waitFor(const std::function<bool()>& done)
{
    QFETCH(bool, simulated);
    return simulated ? m_lan.runUntil(done) : confab::test::waitUntil(done);
}

QString StartupFlowTest::addressText(const ui::MainWindow& window)
{
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Own address")) {
            return label->text();
        }
    }
    return {};
}

void StartupFlowTest::newProfileAsksForANameFirst_data()
{
    QTest::addColumn<bool>("simulated");
    QTest::newRow("network thread") << false;
    QTest::newRow("simulated LAN") << true;
}

void StartupFlowTest::newProfileAsksForANameFirst()
{
    std::unique_ptr<api::NodeClient> client = makeClient();
    ui::MainWindow window(*client);
    ui::StartupFlow flow(*client, window);
    QSignalSpy finished(&flow, &ui::StartupFlow::finished);
    flow.run();

    QVERIFY(waitFor([&flow] { return flow.firstRunDialog() != nullptr; }));
    ui::FirstRunDialog* dialog = flow.firstRunDialog();
    QVERIFY(dialog->isVisible());
    const auto opened = ui::test::ask(*client, [](api::Node& node) { return node.status(); });
    QVERIFY(opened.has_value());
    QVERIFY(opened->newProfile);
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("tester"));
    QCOMPARE(dialog->fingerprintText(), opened->fingerprint);
    QVERIFY(!dialog->fingerprintText().isEmpty());
    // Nothing listens or dials until the name is chosen.
    QVERIFY(!opened->running);
    QVERIFY(!window.isVisible());
    QCOMPARE(finished.count(), 0);

    dialog->nameEdit()->selectAll();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Ada Lovelace"));
    QTest::keyClick(dialog->nameEdit(), Qt::Key_Return);
    QVERIFY(waitFor([&window] { return addressText(window).startsWith(QStringLiteral("Your address: ")); }));
    const auto started = ui::test::ask(*client, [](api::Node& node) { return node.status(); });
    QVERIFY(started.has_value());
    QVERIFY(started->running);
    QCOMPARE(started->displayName, QStringLiteral("Ada Lovelace"));
    QCOMPARE(finished.count(), 1);
    QVERIFY(window.isVisible());
}

void StartupFlowTest::anEmptyNameIsRefused()
{
    api::NodeStatus status;
    status.displayName = QStringLiteral("tester");
    status.id = QStringLiteral("abc");
    status.fingerprint = QStringLiteral("12345 67890");
    ui::FirstRunDialog dialog(status);
    dialog.show();
    const QStringList unnamed = ui::test::unnamedControls(&dialog);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.nameEdit()->clear();
    QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(!dialog.errorText().isEmpty());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("x"));
    QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
    QCOMPARE(accepted.count(), 1);
}

void StartupFlowTest::existingProfileStartsWithoutAsking_data()
{
    newProfileAsksForANameFirst_data();
}

void StartupFlowTest::existingProfileStartsWithoutAsking()
{
    std::unique_ptr<api::NodeClient> client = makeClient();
    ui::MainWindow window(*client);
    ui::StartupFlow flow(*client, window);
    QSignalSpy finished(&flow, &ui::StartupFlow::finished);
    flow.run();
    QVERIFY(waitFor([&window] { return addressText(window).startsWith(QStringLiteral("Your address: ")); }));
    const auto started = ui::test::ask(*client, [](api::Node& node) { return node.status(); });
    QVERIFY(started.has_value());
    QVERIFY(started->running);
    QVERIFY(!started->newProfile);
    QCOMPARE(started->displayName, QStringLiteral("Ada Lovelace")); // kept from the first run
    QVERIFY(flow.firstRunDialog() == nullptr);
    QCOMPARE(finished.count(), 1);
    QVERIFY(window.isVisible());
}

void StartupFlowTest::aNameGivenAtStartWinsForThatRunAndTheWindowSaysSo_data()
{
    newProfileAsksForANameFirst_data();
}

void StartupFlowTest::aNameGivenAtStartWinsForThatRunAndTheWindowSaysSo()
{
    // The profile is named "Ada Lovelace" (above); this start is given another name.
    std::unique_ptr<api::NodeClient> client = makeClient(QStringLiteral("Zed"));
    ui::MainWindow window(*client);
    ui::StartupFlow flow(*client, window);
    flow.run();
    QVERIFY(waitFor([&window] { return addressText(window).startsWith(QStringLiteral("Your address: ")); }));
    QVERIFY(flow.firstRunDialog() == nullptr);
    const auto started = ui::test::ask(*client, [](api::Node& node) { return node.status(); });
    QVERIFY(started.has_value());
    QCOMPARE(started->displayName, QStringLiteral("Zed"));
    QVERIFY(waitFor([&window] { return window.windowTitle().contains(QStringLiteral("Zed")); }));
    const QString notice = statusText(window);
    QVERIFY2(notice.contains(QStringLiteral("Zed")) && notice.contains(QStringLiteral("Ada Lovelace")),
             qPrintable(notice));
    // The saved name is untouched: the settings show it, and a start without a name uses it.
    const auto settings = ui::test::ask(*client, [](api::Node& node) { return node.settings(); });
    QVERIFY(settings.has_value());
    QCOMPARE(settings->displayName, QStringLiteral("Ada Lovelace"));
}

void StartupFlowTest::aNewProfileOffersTheNameGivenAtStart_data()
{
    newProfileAsksForANameFirst_data();
}

void StartupFlowTest::aNewProfileOffersTheNameGivenAtStart()
{
    QFETCH(bool, simulated);
    std::unique_ptr<api::NodeClient> client = makeClient(
        QStringLiteral("Grace Hopper"), simulated ? QStringLiteral("named") : QStringLiteral("named-host"));
    ui::MainWindow window(*client);
    ui::StartupFlow flow(*client, window);
    flow.run();
    // Still asked, so the user sees their ID and fingerprint, with the given name filled in.
    QVERIFY(waitFor([&flow] { return flow.firstRunDialog() != nullptr; }));
    QCOMPARE(flow.firstRunDialog()->nameEdit()->text(), QStringLiteral("Grace Hopper"));
    QTest::keyClick(flow.firstRunDialog()->nameEdit(), Qt::Key_Return);
    QVERIFY(waitFor([&window] { return addressText(window).startsWith(QStringLiteral("Your address: ")); }));
    const auto started = ui::test::ask(*client, [](api::Node& node) { return node.status(); });
    QVERIFY(started.has_value());
    QCOMPARE(started->displayName, QStringLiteral("Grace Hopper"));
    QVERIFY(!statusText(window).contains(QStringLiteral("--name"))); // nothing to explain
}

void StartupFlowTest::theFirstNoticeIsInWordsNotOptions_data()
{
    newProfileAsksForANameFirst_data();
}

void StartupFlowTest::theFirstNoticeIsInWordsNotOptions()
{
    // The node runs with discovery off: the window's first notice says what
    // that means without the command line's words.
    std::unique_ptr<api::NodeClient> client = makeClient();
    ui::MainWindow window(*client);
    ui::StartupFlow flow(*client, window);
    flow.run();
    QVERIFY(waitFor([&window] { return statusText(window).contains(QStringLiteral("Discovery is off")); }));
    const QString notice = statusText(window);
    for (const char* commandLine : {"--", "add-peer", "confabctl", "ADDR:PORT"}) {
        QVERIFY2(!notice.contains(QLatin1String(commandLine)), qPrintable(notice));
    }
    QVERIFY2(notice.contains(QStringLiteral("added by address")), qPrintable(notice));
}

void StartupFlowTest::theAddressShownIsOneOthersCanType()
{
    // Listening on every interface, as by default: 0.0.0.0 is no address to
    // give anyone, the interfaces' addresses are.
    api::NodeConfig config = ui::test::HostedNode::config(m_dir.filePath(QStringLiteral("everywhere")), {});
    config.listen = net::HostPort{QStringLiteral("0.0.0.0"), 0};
    api::NodeHost host(config);
    ui::MainWindow window(host);
    ui::StartupFlow flow(host, window);
    flow.run();
    QTRY_VERIFY_WITH_TIMEOUT(flow.firstRunDialog() != nullptr, confab::test::kPatienceMs);
    QTest::keyClick(flow.firstRunDialog()->nameEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(addressText(window).startsWith(QStringLiteral("Your address: ")),
                             confab::test::kPatienceMs);
    const auto status = ui::test::ask(host, [](api::Node& node) { return node.status(); });
    QVERIFY(status.has_value());
    QVERIFY(status->listenAddress.startsWith(QStringLiteral("0.0.0.0:")));
    const QString port = status->listenAddress.section(QLatin1Char(':'), -1);
    const QString shown = addressText(window);
    QVERIFY2(!shown.contains(QStringLiteral("0.0.0.0")), qPrintable(shown));
    // The first one shown is an IPv4 address of this machine, with the port in use.
    const QString first = shown.mid(QStringLiteral("Your address: ").size()).section(QLatin1Char(' '), 0, 0);
    QVERIFY2(first.endsWith(QLatin1Char(':') + port), qPrintable(first));
    const QHostAddress host4(first.section(QLatin1Char(':'), 0, 0));
    QVERIFY2(QNetworkInterface::allAddresses().contains(host4), qPrintable(first));
    // The tooltip lists every address it can be reached at, each with the port.
    const QStringList all = status->reachableAt;
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.constFirst(), first);
    for (const QString& address : all) {
        QVERIFY2(address.endsWith(QLatin1Char(':') + port) && !address.startsWith(QStringLiteral("0.0.0.0")),
                 qPrintable(address));
    }
}

QTEST_MAIN(StartupFlowTest)
#include "startup_flow_test.moc"
