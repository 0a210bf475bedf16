// confab: the desktop GUI. The node runs on its own thread (api::NodeHost);
// this thread only draws.
#include "api/node_host.h"
#include "base/software_version.h"
#include "confabd/daemon_options.h"
#include "crypto/sodium_init.h"
#include "platform_arguments.h"
#include "screenshot_scene.h"
#include "startup_flow.h"
#include "widgets/app_icon.h"
#include "widgets/main_window.h"
#include "widgets/theme.h"
#include "window_memory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace confab;

namespace {

QString translated(const char* text)
{
    return QCoreApplication::translate("confab", text);
}

constexpr const char* kPaletteOption = "palette";

// The user's language: the installed translations (share/confab/translations
// beside bin/) before the compiled-in ones, so that an updated translation
// needs no new build; English, whose file gives the plural forms, when there
// is none for the user's language.
bool loadTranslation(QTranslator& translator)
{
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/confab/translations"));
    const QString compiledIn = QStringLiteral(":/i18n");
    for (const QLocale& locale : {QLocale(), QLocale(QLocale::English, QLocale::UnitedStates)}) {
        for (const QString& folder : {installed, compiledIn}) {
            if (translator.load(locale, QStringLiteral("confab"), QStringLiteral("_"), folder)) {
                return true;
            }
        }
    }
    return false;
}

// confab takes the node's options (as confabd does) and --palette.
app::NodeProgram confabProgram()
{
    return {QStringLiteral("confab"),
            translated("Confab, the messenger for people on the same network: chat and voice calls with "
                       "nearby computers, with no server and no account. It runs a Confab node in the "
                       "window's process and takes the node's options, as confabd does."),
            // A fixed look instead of the desktop's, for desktops whose theme
            // Qt cannot read, and for screenshots.
            {QCommandLineOption(QString::fromLatin1(kPaletteOption),
                                translated("Colours: dark or light, instead of the desktop's."),
                                QStringLiteral("dark|light"))}};
}

// --help and --version need no window: printed without a QApplication,
// which would need a display (and abort without one).
int printHelpOrVersion(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(softwareVersion()));
    QCommandLineParser parser;
    const auto parsed = app::parseNodeOptions(parser, QCoreApplication::arguments(), confabProgram());
    // Help and version exit; only a mistake on the command line comes back.
    std::fprintf(stderr, "confab: %s\n", qPrintable(parsed ? QString() : parsed.error()));
    return 2;
}

bool applyPalette(const QString& choice)
{
    if (choice.isEmpty()) {
        return true; // the desktop's palette
    }
    if (choice != QLatin1String("dark") && choice != QLatin1String("light")) {
        return false;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(choice == QLatin1String("dark") ? ui::theme::darkPalette()
                                                             : QApplication::style()->standardPalette());
    return true;
}

bool optionGiven(const QStringList& arguments, const QString& option)
{
    return std::any_of(arguments.begin(), arguments.end(), [&option](const QString& argument) {
        return argument == option || argument.startsWith(option + QLatin1Char('='));
    });
}

bool discoveryGiven(const QStringList& arguments)
{
    return optionGiven(arguments, QStringLiteral("--discovery"));
}

bool audioGiven(const QStringList& arguments)
{
    for (const char* option :
         {"--audio-in", "--audio-out", "--audio-input-device", "--audio-output-device"}) {
        if (optionGiven(arguments, QLatin1String(option))) {
            return true;
        }
    }
    return false;
}

} // namespace

int run(int argc, char** argv)
{
    if (app::asksForHelpOrVersion(argc, argv)) {
        return printHelpOrVersion(argc, argv);
    }
    // QApplication keeps using these: they live as long as it does.
    std::vector<std::string> shielded = app::shieldOwnOptions(argc, argv);
    std::vector<char*> shieldedArgv;
    shieldedArgv.reserve(shielded.size() + 1);
    for (std::string& argument : shielded) {
        shieldedArgv.push_back(argument.data());
    }
    shieldedArgv.push_back(nullptr);
    int shieldedArgc = static_cast<int>(shielded.size());
    QApplication application(shieldedArgc, shieldedArgv.data());
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setApplicationVersion(QString::fromLatin1(softwareVersion()));
    QApplication::setDesktopFileName(QStringLiteral("confab"));
    QApplication::setWindowIcon(ui::appIcon());
    // The window lives on in the tray; MainWindow says when to quit.
    QApplication::setQuitOnLastWindowClosed(false);

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    QTranslator translator;
    if (loadTranslation(translator)) {
        QApplication::installTranslator(&translator);
    }

    if (!crypto::initSodium()) {
        std::fprintf(stderr, "confab: %s\n",
                     qPrintable(translated("libsodium cannot initialise on this machine")));
        return 1;
    }
    QStringList arguments = QApplication::arguments();
    const auto screenshot = app::takeScreenshotRequest(arguments);
    QCommandLineParser parser;
    auto config = app::parseNodeOptions(parser, arguments, confabProgram());
    if (!config) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(config.error()));
        return 2;
    }
    if (!applyPalette(parser.value(QString::fromLatin1(kPaletteOption)))) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(translated("--palette must be dark or light")));
        return 2;
    }
    // The settings dialog chooses the discovery mode unless the command line does.
    config.value().discoveryFromSettings = !discoveryGiven(arguments);
    // So are the sound cards for calls; and a window rings for incoming calls.
    config.value().audioFromSettings = !audioGiven(arguments);
    config.value().frameMsFromSettings = !optionGiven(arguments, QStringLiteral("--frame-ms"));
    config.value().echoCancellationFromSettings =
        !optionGiven(arguments, QStringLiteral("--echo-cancellation"));
    // And whether this node carries messages for others, and how much.
    config.value().relayCarryFromSettings = !optionGiven(arguments, QStringLiteral("--relay"));
    config.value().relayStoreFromSettings = !optionGiven(arguments, QStringLiteral("--relay-store-mb"));
    config.value().relayRateFromSettings = !optionGiven(arguments, QStringLiteral("--relay-rate-kib"));
    config.value().callSettings.ringOnIncoming = true;
    // The window works without confabctl access; it says so instead of failing.
    config.value().controlSocket = api::NodeConfig::ControlSocket::Optional;

    // A restored identity is used from the next start: the window may ask to
    // start again, which happens once this run has let go of the profile.
    bool restart = false;
    int exitCode = 0;
    {
        api::NodeHost host(config.value());
        ui::MainWindow window(host);
        // Screenshots show the window as it is drawn for a first start.
        ui::WindowMemory memory(QDir(config.value().profileDir).filePath(QStringLiteral("window.ini")));
        if (!screenshot) {
            window.restoreFrom(memory);
        }
        ui::StartupFlow startup(host, window);
        QObject::connect(&window, &ui::MainWindow::quitRequested, &application, &QApplication::quit,
                         Qt::QueuedConnection);
        QObject::connect(
            &startup, &ui::StartupFlow::failed, &application,
            [](const QString& error) {
                std::fprintf(stderr, "confab: %s\n", qPrintable(error));
                QApplication::exit(1);
            },
            Qt::QueuedConnection);
        QObject::connect(&startup, &ui::StartupFlow::startFailed, &window, [](const QString& error) {
            std::fprintf(stderr, "confab: %s\n", qPrintable(error));
        });
        std::unique_ptr<app::ScreenshotScene> scene;
        if (screenshot) {
            scene = std::make_unique<app::ScreenshotScene>(*screenshot, window, startup);
            scene->start();
        }
        startup.run();
        QObject::connect(
            &window, &ui::MainWindow::restartRequested, &application,
            [&restart] {
                restart = true;
                QApplication::quit();
            },
            Qt::QueuedConnection);
        exitCode = QApplication::exec();
    }
    if (restart && !QProcess::startDetached(QApplication::applicationFilePath(), arguments.mid(1))) {
        std::fprintf(stderr, "confab: %s\n",
                     qPrintable(translated("could not start again; start Confab yourself")));
    }
    return exitCode;
}

int main(int argc, char** argv)
{
    // Nothing throws on purpose; if the allocator does, say so and exit like
    // any other failure instead of aborting.
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "confab: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "confab: unexpected error\n");
    }
    return 1;
}
