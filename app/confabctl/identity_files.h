#pragma once

#include "ctl_command.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace confab::app {

// backup and restore. The backup file is confabctl's to read and write, in
// this shell's folder and with this user's rights; the node sees only the
// passphrase and the backup's text. The passphrase comes from
// --passphrase-file, else from the terminal (asked twice for a backup, not
// echoed), else from the first line of standard input.

[[nodiscard]] bool isIdentityCommand(const CtlCommand& command);

// Puts the passphrase (and, for restore, the file's text) into the request.
// For backup, creates FILE (0600, never over an existing file) so that a
// wrong name fails before the node spends a second on the passphrase.
// Returns what is wrong, in words, or nothing.
std::optional<QString> prepareIdentityRequest(CtlCommand& command);

// After the node answered: writes the backup into FILE, or removes the
// empty FILE when the node refused. Returns the result to print (the backup
// text replaced by the file's path), or what went wrong.
struct IdentityFinish {
    QJsonValue result;
    QString error;
};
IdentityFinish finishIdentityRequest(const CtlCommand& command, bool succeeded, const QJsonValue& result);

} // namespace confab::app
