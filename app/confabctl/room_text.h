#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace confab::app {

// What a room command prints without --json; nullopt for other commands.
std::optional<QString> roomText(const QString& command, const QJsonValue& result);

} // namespace confab::app
