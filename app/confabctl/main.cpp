// confabctl: drives a running Confab node through its control socket.
#include "control_client.h"
#include "ctl_command.h"
#include "identity_files.h"
#include "text_output.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <exception>

using namespace confab::app;

namespace {

void printLine(const QJsonObject& object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

ExitCode exitCodeFor(const QString& code)
{
    return code == QLatin1String("timeout") ? kExitTimeout : kExitFailed;
}

int run(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    auto parsed = parseCtlCommand(QCoreApplication::arguments());
    if (!parsed) {
        if (parsed.error().helpRequested) {
            std::printf("%s", qPrintable(parsed.error().message));
            return kExitOk;
        }
        std::fprintf(stderr, "confabctl: %s\n", qPrintable(parsed.error().message));
        return kExitUsage;
    }
    CtlCommand& command = parsed.value();
    ControlClient client;
    if (auto failure = client.connectTo(command.profileDir)) {
        std::fprintf(stderr, "confabctl: %s\n", qPrintable(failure->message));
        return failure->code;
    }
    if (isIdentityCommand(command)) {
        if (auto problem = prepareIdentityRequest(command)) {
            std::fprintf(stderr, "confabctl: %s\n", qPrintable(*problem));
            return kExitFailed;
        }
    }
    int exitCode = kExitOk;
    bool replied = false;
    auto failure = client.exchange(command, [&](const QJsonObject& line) {
        if (line.contains(QStringLiteral("event"))) {
            const QJsonObject event = line.value(QStringLiteral("event")).toObject();
            command.json ? printLine(event) : (void)std::printf("%s\n", qPrintable(formatEvent(event)));
            std::fflush(stdout);
            return true;
        }
        replied = true;
        const bool succeeded = line.value(QStringLiteral("ok")).toBool();
        QJsonValue result = line.value(QStringLiteral("result"));
        if (isIdentityCommand(command)) {
            IdentityFinish finish = finishIdentityRequest(command, succeeded, result);
            if (!finish.error.isEmpty()) {
                std::fprintf(stderr, "confabctl: %s\n", qPrintable(finish.error));
                exitCode = kExitFailed;
                return false;
            }
            result = finish.result;
        }
        if (!succeeded) {
            std::fprintf(stderr, "confabctl: %s\n",
                         qPrintable(line.value(QStringLiteral("error")).toString()));
            exitCode = exitCodeFor(line.value(QStringLiteral("code")).toString());
            return false;
        }
        if (command.json) {
            std::printf("%s\n",
                        result.isArray()
                            ? QJsonDocument(result.toArray()).toJson(QJsonDocument::Compact).constData()
                            : QJsonDocument(result.toObject()).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%s", qPrintable(formatResult(command.command, result)));
        }
        std::fflush(stdout);
        return command.follow; // keep reading events
    });
    if (failure) {
        if (isIdentityCommand(command) && !replied) {
            finishIdentityRequest(command, false, {}); // no backup came: no empty file is left
        }
        std::fprintf(stderr, "confabctl: %s\n", qPrintable(failure->message));
        return failure->code;
    }
    return replied ? exitCode : kExitFailed;
}

} // namespace

int main(int argc, char** argv)
{
    // Nothing below throws on purpose; if the allocator does, say so and
    // exit like any other failure instead of aborting.
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "confabctl: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "confabctl: unexpected error\n");
    }
    return kExitFailed;
}
