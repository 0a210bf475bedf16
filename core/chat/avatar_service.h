#pragma once

#include "base/clock.h"
#include "session/message_port.h"
#include "storage/avatar_store.h"

#include <QByteArray>
#include <QObject>

#include <map>

namespace confab::chat {

// Users' pictures, between linked peers that announced Capability::Avatars.
// Sends this node's picture (or word that it has none) on every new link
// and to every linked peer when the user changes it; keeps, in the store and
// in memory, the picture each peer last sent. Pictures go over direct links
// only: a peer reached through relays shows initials until it is linked.
class AvatarService : public QObject {
    Q_OBJECT
public:
    // A peer that sends more than this many pictures within kFloodWindowMs is
    // flooding: its link is closed. A well-behaved one sends one per link and
    // one each time its user picks a picture.
    static constexpr int kMaxPicturesPerWindow = 5;
    static constexpr std::int64_t kFloodWindowMs = 10'000;

    AvatarService(session::MessagePort& port, storage::AvatarStore& store, Clock& clock,
                  QObject* parent = nullptr);

    // Stores and sends the user's picture: a valid Avatar body (proto/avatar.h,
    // checked by the caller), empty for none. False when it could not be stored.
    bool setOwn(const QByteArray& image);
    [[nodiscard]] QByteArray own() const { return of(m_port.self()); }
    // The picture `peer` sent last; empty when none.
    [[nodiscard]] QByteArray of(const PeerId& peer) const;
    // The peer was removed (its stored picture with it): forget it here too.
    void forget(const PeerId& peer);

signals:
    // A peer's picture changed (or was removed).
    void changed(const confab::PeerId& peer);

private:
    struct FloodWindow {
        std::int64_t startMs = 0;
        int pictures = 0;
    };

    [[nodiscard]] bool takesPictures(const PeerId& peer) const;
    void onPeerConnected(const PeerId& peer);
    void onPicture(const PeerId& from, const std::vector<Bytes>& bodies);
    // Counts a picture from `peer`; false (and the link closed) once it floods.
    bool admit(const PeerId& peer);

    session::MessagePort& m_port;
    storage::AvatarStore& m_store;
    Clock& m_clock;
    std::map<PeerId, QByteArray> m_pictures; // ours under our own ID
    std::map<PeerId, FloodWindow> m_windows; // linked peers that sent pictures
};

} // namespace confab::chat
