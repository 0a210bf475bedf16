#pragma once

#include "base/peer_id.h"

#include <QByteArray>
#include <QSettings>

#include <optional>

namespace confab::ui {

// Where the user left the window, kept in a small file beside the profile
// (window.ini): its size and place, the split between the peers and the
// conversation, and the conversation that was open. The next start opens
// the same way. A missing or unreadable file means the defaults.
class WindowMemory {
public:
    explicit WindowMemory(const QString& path);

    [[nodiscard]] QByteArray geometry() const;
    [[nodiscard]] QByteArray splitter() const;
    [[nodiscard]] std::optional<PeerId> lastPeer() const;

    void setLayout(const QByteArray& geometry, const QByteArray& splitter);
    void setLastPeer(const PeerId& peer);

private:
    QSettings m_settings;
};

} // namespace confab::ui
