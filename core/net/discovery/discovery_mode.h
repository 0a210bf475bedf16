#pragma once

#include "base/clock.h"
#include "service_discovery.h"

#include <QString>

#include <memory>
#include <optional>

namespace confab::net {

enum class DiscoveryMode { Auto, Avahi, Embedded, Off };

std::optional<DiscoveryMode> parseDiscoveryMode(const QString& text);
QString discoveryModeName(DiscoveryMode mode);

// The backend a mode leads to. Auto prefers the system's avahi-daemon and
// falls back to the embedded responder; `notice` says which and why.
struct DiscoveryChoice {
    std::unique_ptr<ServiceDiscovery> backend; // null for Off, or on error
    QString notice;
    QString error; // the mode cannot work here (e.g. avahi asked for, no daemon)
};

DiscoveryChoice chooseDiscovery(DiscoveryMode mode, Clock& clock);

} // namespace confab::net
