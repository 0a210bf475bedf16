#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace confab::app {

// Exit codes of confabctl (docs/CONTROL.md).
enum ExitCode : int {
    kExitOk = 0,
    kExitFailed = 1,   // the node refused the command (unknown peer, bad argument ...)
    kExitUsage = 2,    // the command line is wrong
    kExitNoDaemon = 3, // no node is running for the profile
    kExitTimeout = 4,  // wait-message (or the node) did not answer in time
};

// One confabctl invocation, parsed.
struct CtlCommand {
    QString profileDir;
    bool json = false;
    QString command;            // the control API command name
    QJsonObject args;           // its arguments
    int replyTimeoutMs = 10000; // -1: wait forever
    bool follow = false;        // events --follow: keep printing
};

struct UsageError {
    QString message;
    bool helpRequested = false; // message is help or version text for stdout, not an error
};

// Parses confabctl's arguments (arguments[0] is the program). Options go
// before or after the command, as --name VALUE or --name=VALUE. A help
// request comes back as a UsageError with helpRequested set and the text to
// print: `confabctl --help`, `confabctl help [COMMAND]`, `confabctl COMMAND --help`;
// `confabctl --version` comes back the same way.
Result<CtlCommand, UsageError> parseCtlCommand(const QStringList& arguments);
// The overview of every command (what --help prints).
QString ctlUsage();

} // namespace confab::app
