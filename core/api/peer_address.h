#pragma once

#include <QString>

#include <optional>

namespace confab::api {

// Checks an address typed by the user ("host", "host:port", "[v6]:port") with
// the rules the node applies when it adds a peer, so a front end can say what
// is wrong before anything is sent to the node. nullopt when it is acceptable.
std::optional<QString> peerAddressError(const QString& text);

} // namespace confab::api
