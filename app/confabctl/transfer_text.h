#pragma once

#include <QJsonObject>
#include <QString>

namespace confab::app {

// One file drop on one line: id, direction, state, peer, names, size,
// progress with speed and time left, the problem if any.
QString transferLine(const QJsonObject& transfer);
// Whether a command's result is a file drop (decline answers a call or a drop).
bool isTransfer(const QJsonObject& result);

} // namespace confab::app
