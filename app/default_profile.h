#pragma once

#include <QDir>
#include <QStandardPaths>
#include <QString>

namespace confab::app {

// Where the profile lives when --profile is not given.
inline QString defaultProfileDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share") : base)
        .filePath(QStringLiteral("confab/default"));
}

} // namespace confab::app
