#include "disk_problem.h"

#include <QCoreApplication>
#include <QDir>

#include <cerrno>
#include <cstring>

namespace confab::files {

DiskProblem diskProblem(int error, const QString& where)
{
    const QString shown = QStringLiteral("\u201c%1\u201d").arg(QDir::toNativeSeparators(where));
    const QString why = QString::fromLocal8Bit(std::strerror(error));
    switch (error) {
    case ENOSPC:
        return {DiskProblem::Kind::Full,
                QCoreApplication::translate("Transfers", "The disk is full: there is no room left for %1")
                    .arg(shown)};
    case EDQUOT:
        return {DiskProblem::Kind::Full,
                QCoreApplication::translate("Transfers",
                                            "Your disk quota is used up: there is no room left for %1")
                    .arg(shown)};
    case EFBIG:
        return {DiskProblem::Kind::Full,
                QCoreApplication::translate("Transfers", "%1 is too big for the disk it goes to").arg(shown)};
    case EROFS:
        return {DiskProblem::Kind::NotWritable,
                QCoreApplication::translate("Transfers", "%1 cannot be written: the disk is read-only")
                    .arg(shown)};
    case EACCES:
    case EPERM:
        return {
            DiskProblem::Kind::NotWritable,
            QCoreApplication::translate("Transfers", "%1 cannot be written: permission denied").arg(shown)};
    case ELOOP:
        return {DiskProblem::Kind::Refused,
                QCoreApplication::translate("Transfers", "%1 is a link; nothing is written through it")
                    .arg(shown)};
    case ENOTDIR:
        return {DiskProblem::Kind::Refused,
                QCoreApplication::translate("Transfers", "%1 is not a folder; nothing is written into it")
                    .arg(shown)};
    case ENOENT:
        return {DiskProblem::Kind::Gone, QCoreApplication::translate("Transfers", "%1 is gone").arg(shown)};
    default:
        return {DiskProblem::Kind::Other,
                QCoreApplication::translate("Transfers", "%1 cannot be written: %2").arg(shown, why)};
    }
}

const char* toString(DiskProblem::Kind kind)
{
    switch (kind) {
    case DiskProblem::Kind::Full:
        return "full";
    case DiskProblem::Kind::NotWritable:
        return "not writable";
    case DiskProblem::Kind::Refused:
        return "refused";
    case DiskProblem::Kind::Gone:
        return "gone";
    case DiskProblem::Kind::Other:
        return "other";
    }
    return "other";
}

} // namespace confab::files
