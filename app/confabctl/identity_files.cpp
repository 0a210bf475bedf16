#include "identity_files.h"

#include <QFile>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace confab::app {
namespace {

const QString kFileKey = QStringLiteral("file");
const QString kPassphraseFileKey = QStringLiteral("passphrase_file");
const QString kPassphraseKey = QStringLiteral("passphrase");
// A backup is a few hundred bytes: a bigger file is surely the wrong one.
constexpr qint64 kMaxBackupBytes = qint64{64} * 1024;

bool isBackup(const CtlCommand& command)
{
    return command.command == QLatin1String("backup");
}

QString withoutLineEnd(QString line)
{
    while (line.endsWith(u'\n') || line.endsWith(u'\r')) {
        line.chop(1);
    }
    return line;
}

// One line from the terminal with echo off; nullopt at end of input.
std::optional<QString> askHidden(const char* prompt)
{
    std::fprintf(stderr, "%s", prompt);
    std::fflush(stderr);
    termios saved{};
    const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
    if (line.isNull()) {
        return std::nullopt;
    }
    return line;
}

std::optional<QString> readPassphraseFile(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("Cannot read the passphrase file %1 (%2).").arg(path, file.errorString());
        return std::nullopt;
    }
    return withoutLineEnd(QString::fromUtf8(file.readLine(4096)));
}

std::optional<QString> passphrase(const CtlCommand& command, QString& error)
{
    const QString fromFile = command.args.value(kPassphraseFileKey).toString();
    if (!fromFile.isEmpty()) {
        return readPassphraseFile(fromFile, error);
    }
    if (!::isatty(STDIN_FILENO)) {
        QTextStream in(stdin);
        const QString line = in.readLine();
        if (line.isNull()) {
            error = QStringLiteral("No passphrase: give one on standard input or with --passphrase-file.");
            return std::nullopt;
        }
        return line;
    }
    auto first = askHidden(isBackup(command) ? "Passphrase for the backup: " : "Passphrase of the backup: ");
    if (first && isBackup(command)) {
        const auto again = askHidden("The same passphrase again: ");
        if (again != first) {
            error = QStringLiteral("The two passphrases differ. Nothing was saved; try again.");
            return std::nullopt;
        }
    }
    if (!first) {
        error = QStringLiteral("No passphrase was typed.");
    }
    return first;
}

std::optional<QString> createEmptyPrivateFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return errno == EEXIST
                   ? QStringLiteral(
                         "%1 exists already. Choose a new file name: a backup never replaces a file.")
                         .arg(path)
                   : QStringLiteral("Cannot create %1 (%2).").arg(path, qt_error_string(errno));
    }
    ::close(fd);
    return std::nullopt;
}

std::optional<QString> readBackupFile(const QString& path, CtlCommand& command)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("Cannot read %1 (%2).").arg(path, file.errorString());
    }
    const QByteArray text = file.read(kMaxBackupBytes + 1);
    if (text.size() > kMaxBackupBytes) {
        return QStringLiteral("%1 is not a Confab identity backup: it is far too big for one.").arg(path);
    }
    command.args.insert(QStringLiteral("backup"), QString::fromUtf8(text));
    return std::nullopt;
}

} // namespace

bool isIdentityCommand(const CtlCommand& command)
{
    return isBackup(command) || command.command == QLatin1String("restore");
}

std::optional<QString> prepareIdentityRequest(CtlCommand& command)
{
    const QString path = command.args.value(kFileKey).toString();
    if (!isBackup(command)) {
        if (auto failure = readBackupFile(path, command)) {
            return failure;
        }
    } else if (auto failure = createEmptyPrivateFile(path)) {
        return failure;
    }
    QString error;
    const auto secret = passphrase(command, error);
    if (!secret) {
        if (isBackup(command)) {
            QFile::remove(path);
        }
        return error;
    }
    command.args.remove(kPassphraseFileKey);
    command.args.insert(kPassphraseKey, *secret);
    return std::nullopt;
}

IdentityFinish finishIdentityRequest(const CtlCommand& command, bool succeeded, const QJsonValue& result)
{
    if (!isBackup(command)) {
        return {result, {}};
    }
    const QString path = command.args.value(kFileKey).toString();
    if (!succeeded) {
        QFile::remove(path);
        return {result, {}};
    }
    QJsonObject shown = result.toObject();
    const QByteArray text = shown.take(QStringLiteral("backup")).toString().toUtf8();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::ExistingOnly | QIODevice::Truncate) ||
        file.write(text) != text.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        const QString error =
            QStringLiteral("Cannot write %1 (%2). No backup was saved.").arg(path, file.errorString());
        file.close();
        QFile::remove(path);
        return {{}, error};
    }
    shown.insert(kFileKey, path);
    return {shown, {}};
}

} // namespace confab::app
