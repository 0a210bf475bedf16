#pragma once

#include "proto/result.h"

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
    bool helpRequested = false;
};

proto::Result<CtlCommand, UsageError> parseCtlCommand(const QStringList& arguments);
QString ctlUsage();

} // namespace confab::app
