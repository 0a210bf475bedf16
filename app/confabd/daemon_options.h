#pragma once

#include "api/node_config.h"

#include <QStringList>

#include <optional>

namespace confab::app {

// Parses confabd's command line into a node configuration; on a mistake
// returns a message that says what to do.
Result<api::NodeConfig, QString> parseDaemonOptions(const QStringList& arguments);

} // namespace confab::app
