#pragma once

#include <QString>

#include <optional>

namespace confab::api {

// Checks a display name typed by the user with the limits the handshake and
// the mDNS announcement apply, so a front end can say what is wrong before it
// saves the name. nullopt when it is acceptable (after trimming).
std::optional<QString> displayNameError(const QString& name);

} // namespace confab::api
