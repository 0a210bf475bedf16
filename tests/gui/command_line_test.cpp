// The desktop app's command line: --help and --version describe confab
// (not confabd) and print without a display, where a window could not
// open; a mistake names confab's own --help.
#include "support/wait.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

class CommandLineTest : public QObject {
    Q_OBJECT
private slots:
    // NOLINTNEXTLINE(readability-identifier-naming): QtTest finds data functions by this suffix
    void helpDescribesConfabWithoutADisplay_data();
    void helpDescribesConfabWithoutADisplay();
    void versionNeedsNoDisplay();
    void aMistakeNamesConfabsHelp();

private:
    struct Finished {
        int exitCode = -1;
        bool crashed = true;
        QString out;
        QString err;
    };
    // Runs confab as on a desktop session whose display is gone: the xcb
    // platform, no DISPLAY, no Wayland.
    static Finished runWithoutDisplay(const QStringList& arguments,
                                      const QString& platform = QStringLiteral("xcb"));
};

CommandLineTest::Finished CommandLineTest::runWithoutDisplay(const QStringList& arguments,
                                                             const QString& platform)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(CONFAB_BINARY), arguments);
    Finished finished;
    if (!process.waitForFinished(confab::test::kPatienceMs)) {
        process.kill();
        process.waitForFinished();
        return finished;
    }
    finished.crashed = process.exitStatus() != QProcess::NormalExit;
    finished.exitCode = process.exitCode();
    finished.out = QString::fromUtf8(process.readAllStandardOutput());
    finished.err = QString::fromUtf8(process.readAllStandardError());
    return finished;
}

void CommandLineTest::helpDescribesConfabWithoutADisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--help") << QStringLiteral("--help");
    QTest::newRow("-h") << QStringLiteral("-h");
}

void CommandLineTest::helpDescribesConfabWithoutADisplay()
{
    QFETCH(QString, option);
    const Finished help = runWithoutDisplay({option});
    QVERIFY2(!help.crashed && help.exitCode == 0, qPrintable(help.err));
    QVERIFY2(help.out.contains(QStringLiteral("Usage:")), qPrintable(help.out));
    QVERIFY2(!help.out.contains(QStringLiteral("without a GUI")), qPrintable(help.out));
    QVERIFY2(help.out.contains(QStringLiteral("messenger")), qPrintable(help.out));
    // Its own option, and the node's.
    QVERIFY2(help.out.contains(QStringLiteral("--palette <dark|light>")), qPrintable(help.out));
    QVERIFY2(help.out.contains(QStringLiteral("--discovery <MODE>")), qPrintable(help.out));
}

void CommandLineTest::versionNeedsNoDisplay()
{
    const Finished version = runWithoutDisplay({QStringLiteral("--version")});
    QVERIFY2(!version.crashed && version.exitCode == 0, qPrintable(version.err));
    QVERIFY2(version.out.startsWith(QStringLiteral("confab ")), qPrintable(version.out));
}

void CommandLineTest::aMistakeNamesConfabsHelp()
{
    // With --help among them, a mistake is found without a display too.
    const Finished withHelp = runWithoutDisplay({QStringLiteral("--frobnicate"), QStringLiteral("--help")});
    QVERIFY(!withHelp.crashed);
    QCOMPARE(withHelp.exitCode, 2);
    QVERIFY2(withHelp.err.contains(QStringLiteral("Run confab --help")), qPrintable(withHelp.err));
    // Otherwise the window's platform is there (here: offscreen).
    const Finished alone = runWithoutDisplay({QStringLiteral("--frobnicate")}, QStringLiteral("offscreen"));
    QVERIFY(!alone.crashed);
    QCOMPARE(alone.exitCode, 2);
    QVERIFY2(alone.err.contains(QStringLiteral("Run confab --help")), qPrintable(alone.err));
    const Finished palette =
        runWithoutDisplay({QStringLiteral("--palette"), QStringLiteral("pink")}, QStringLiteral("offscreen"));
    QVERIFY(!palette.crashed);
    QCOMPARE(palette.exitCode, 2);
    QVERIFY2(palette.err.contains(QStringLiteral("dark or light")), qPrintable(palette.err));
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "command_line_test.moc"
