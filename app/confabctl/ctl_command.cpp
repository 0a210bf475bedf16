#include "ctl_command.h"

#include "default_profile.h"

namespace confab::app {
namespace {

struct CommandSpec {
    const char* name;
    int positionals; // required positional arguments
    int optional;    // optional ones after them
    const char* usage;
};

constexpr CommandSpec kCommands[] = {
    {"id", 0, 0, "id                          print this node's peer ID"},
    {"status", 0, 0, "status                      node, listen address, discovery, peers connected"},
    {"peers", 0, 0, "peers                       known peers and whether they are connected"},
    {"add-peer", 1, 0, "add-peer ADDR:PORT          connect to a peer by address (remembered)"},
    {"send", 2, 0, "send PEER TEXT              send a message (queued while PEER is offline)"},
    {"history", 1, 0, "history PEER [--limit N]    the conversation with PEER, oldest first"},
    {"wait-message", 0, 0,
     "wait-message [--from PEER] [--timeout S]\n"
     "                            print the oldest unread message, waiting for one"},
    {"events", 0, 0, "events [--limit N] [--follow]  security and link events"},
    {"fingerprint", 1, 0, "fingerprint PEER            the safety number to compare with PEER"},
    {"call", 1, 0, "call PEER                   start a voice call"},
    {"answer", 0, 1, "answer [PEER]               answer a ringing call"},
    {"decline", 0, 1, "decline [PEER]              decline a ringing call"},
    {"hangup", 0, 1, "hangup [PEER]               end or cancel a call"},
    {"mute", 0, 1, "mute [PEER]                 stop sending your microphone"},
    {"unmute", 0, 1, "unmute [PEER]               send your microphone again"},
    {"calls", 0, 0, "calls                       ongoing and recent calls, with live statistics"},
};

const CommandSpec* findCommand(const QString& name)
{
    for (const CommandSpec& spec : kCommands) {
        if (name == QLatin1String(spec.name)) {
            return &spec;
        }
    }
    return nullptr;
}

UsageError usage(const QString& message)
{
    return UsageError{message + QStringLiteral(" Run 'confabctl --help' for the commands."), false};
}

} // namespace

QString ctlUsage()
{
    QString text = QStringLiteral("Usage: confabctl [--profile DIR] [--json] COMMAND [ARGS]\n\n"
                                  "Talks to the Confab node (confabd or the app) running on the profile.\n"
                                  "PEER is a peer ID, a unique ID prefix or a unique display name.\n\n"
                                  "Commands:\n");
    for (const CommandSpec& spec : kCommands) {
        text += QStringLiteral("  ") + QString::fromLatin1(spec.usage) + u'\n';
    }
    text +=
        QStringLiteral("\nOptions:\n"
                       "  --profile DIR   profile folder (default: %1)\n"
                       "  --json          print the reply as JSON\n"
                       "\nExit codes: 0 ok, 1 command failed, 2 usage error, 3 no node running, 4 timeout.\n")
            .arg(defaultProfileDir());
    return text;
}

proto::Result<CtlCommand, UsageError> parseCtlCommand(const QStringList& arguments)
{
    CtlCommand cmd;
    cmd.profileDir = defaultProfileDir();
    QStringList positionals;
    QString limit;
    QString from;
    QString timeout;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        const auto takeValue = [&](QString& out) {
            if (i + 1 >= arguments.size()) {
                return false;
            }
            out = arguments[++i];
            return true;
        };
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            return UsageError{ctlUsage(), true};
        }
        if (arg == QLatin1String("--json")) {
            cmd.json = true;
        } else if (arg == QLatin1String("--follow")) {
            cmd.follow = true;
        } else if (arg == QLatin1String("--profile")) {
            if (!takeValue(cmd.profileDir)) {
                return usage(QStringLiteral("--profile needs a folder."));
            }
        } else if (arg == QLatin1String("--limit")) {
            if (!takeValue(limit)) {
                return usage(QStringLiteral("--limit needs a number."));
            }
        } else if (arg == QLatin1String("--from")) {
            if (!takeValue(from)) {
                return usage(QStringLiteral("--from needs a peer."));
            }
        } else if (arg == QLatin1String("--timeout")) {
            if (!takeValue(timeout)) {
                return usage(QStringLiteral("--timeout needs a number of seconds."));
            }
        } else if (arg.startsWith(QLatin1String("--")) && positionals.size() < 2) {
            return usage(QStringLiteral("Unknown option '%1'.").arg(arg));
        } else {
            positionals.append(arg);
        }
    }
    if (positionals.isEmpty()) {
        return usage(QStringLiteral("No command given."));
    }
    cmd.command = positionals.takeFirst();
    const CommandSpec* spec = findCommand(cmd.command);
    if (!spec) {
        return usage(QStringLiteral("Unknown command '%1'.").arg(cmd.command));
    }
    if (cmd.command == QLatin1String("send") && positionals.size() > 2) {
        // Let `confabctl send bob hello there` work like a shell user expects.
        const QString peer = positionals.takeFirst();
        positionals = QStringList{peer, positionals.join(u' ')};
    }
    if (positionals.size() < spec->positionals || positionals.size() > spec->positionals + spec->optional) {
        return usage(
            QStringLiteral("Wrong arguments for %1. Usage: confabctl %2.")
                .arg(cmd.command, QString::fromLatin1(spec->usage).section(QStringLiteral("  "), 0, 0)));
    }
    if (!limit.isEmpty()) {
        bool ok = false;
        const int value = limit.toInt(&ok);
        if (!ok || value < 1) {
            return usage(QStringLiteral("--limit needs a positive number."));
        }
        cmd.args.insert(QStringLiteral("limit"), value);
    }
    if (cmd.command == QLatin1String("add-peer")) {
        cmd.args.insert(QStringLiteral("address"), positionals[0]);
    } else if (cmd.command == QLatin1String("send")) {
        cmd.args.insert(QStringLiteral("peer"), positionals[0]);
        cmd.args.insert(QStringLiteral("text"), positionals[1]);
    } else if (!positionals.isEmpty()) {
        cmd.args.insert(QStringLiteral("peer"), positionals[0]);
    }
    if (cmd.command == QLatin1String("wait-message")) {
        if (!from.isEmpty()) {
            cmd.args.insert(QStringLiteral("from"), from);
        }
        cmd.replyTimeoutMs = -1;
        if (!timeout.isEmpty()) {
            bool ok = false;
            const double seconds = timeout.toDouble(&ok);
            if (!ok || seconds <= 0 || seconds > 86400) {
                return usage(QStringLiteral("--timeout needs a number of seconds greater than 0."));
            }
            const int ms = static_cast<int>(seconds * 1000);
            cmd.args.insert(QStringLiteral("timeout_ms"), ms);
            cmd.replyTimeoutMs = ms + 5000;
        }
    }
    if (cmd.command == QLatin1String("events") && cmd.follow) {
        cmd.args.insert(QStringLiteral("follow"), true);
        cmd.replyTimeoutMs = -1;
    }
    return cmd;
}

} // namespace confab::app
