// First run: a new profile asks for a display name (the login name by
// default) and shows the user's own fingerprint before anything goes on the
// network; an existing profile starts straight away.
#include "crypto/sodium_init.h"
#include "dialogs/first_run_dialog.h"
#include "gui_harness.h"
#include "startup_flow.h"
#include "widgets/main_window.h"

#include <QLineEdit>

using namespace confab;

class StartupFlowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void newProfileAsksForANameFirst();
    void anEmptyNameIsRefused();
    void existingProfileStartsWithoutAsking();

private:
    QString profile() const { return m_dir.filePath(QStringLiteral("me")); }

    QTemporaryDir m_dir;
};

void StartupFlowTest::initTestCase()
{
    QVERIFY(crypto::initSodium());
    QVERIFY(m_dir.isValid());
    qputenv("USER", "tester");
}

void StartupFlowTest::newProfileAsksForANameFirst()
{
    // No --name: the node suggests the login name.
    api::NodeHost host(ui::test::HostedNode::config(profile(), QString()));
    ui::MainWindow window(host);
    ui::StartupFlow flow(host, window);
    std::optional<api::NodeStatus> opened;
    std::optional<api::NodeStatus> started;
    connect(&host, &api::NodeHost::opened, this,
            [&opened](const api::NodeStatus& status, const storage::ProfileSettings&) { opened = status; });
    connect(&host, &api::NodeHost::started, this,
            [&started](const api::NodeStatus& status, const QStringList&) { started = status; });
    QSignalSpy finished(&flow, &ui::StartupFlow::finished);
    flow.run();

    QTRY_VERIFY_WITH_TIMEOUT(flow.firstRunDialog() != nullptr, 10000);
    ui::FirstRunDialog* dialog = flow.firstRunDialog();
    QVERIFY(dialog->isVisible());
    QVERIFY(opened && opened->newProfile);
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("tester"));
    QCOMPARE(dialog->fingerprintText(), opened->fingerprint);
    QVERIFY(!dialog->fingerprintText().isEmpty());
    // Nothing listens or dials until the name is chosen.
    QTest::qWait(200);
    QVERIFY(!started);
    QVERIFY(!window.isVisible());

    dialog->nameEdit()->selectAll();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Ada Lovelace"));
    QTest::keyClick(dialog->nameEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 10000);
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

void StartupFlowTest::existingProfileStartsWithoutAsking()
{
    api::NodeHost host(ui::test::HostedNode::config(profile(), QString()));
    ui::MainWindow window(host);
    ui::StartupFlow flow(host, window);
    std::optional<api::NodeStatus> started;
    connect(&host, &api::NodeHost::started, this,
            [&started](const api::NodeStatus& status, const QStringList&) { started = status; });
    flow.run();
    QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 10000);
    QVERIFY(!started->newProfile);
    QCOMPARE(started->displayName, QStringLiteral("Ada Lovelace")); // kept from the first run
    QVERIFY(flow.firstRunDialog() == nullptr);
    QVERIFY(window.isVisible());
}

QTEST_MAIN(StartupFlowTest)
#include "startup_flow_test.moc"
