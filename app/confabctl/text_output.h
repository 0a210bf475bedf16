#pragma once

#include <QJsonValue>
#include <QString>

namespace confab::app {

// Human-readable forms of the control API's results (--json prints them raw).
QString formatResult(const QString& command, const QJsonValue& result);
QString formatEvent(const QJsonObject& event);

} // namespace confab::app
