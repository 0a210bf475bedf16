#pragma once

#include "api/node_types.h"

#include <vector>

namespace confab::ui {

// One room call as the user sees it. The node reports a room's call as its
// links: one pairwise call with each other member, all with the same room.
// Taken together they are one call: ringing here while every link rings
// here, joined once any link is past that (and from then on: a member's
// invite that comes later is answered by the node at once), over when the
// last link ends. What makes a link part of it is its room, not the
// invitation it came with (roomCallId): a member who calls the room again
// makes a new invitation, which those in the call take at once, and two
// members who start the room's call at the same moment make two; their
// links are all one call.
class RoomCall {
public:
    // Takes a link's latest state (an ended link leaves). Links of another
    // room are the caller's to keep apart (isOf()).
    void update(const api::CallView& link);
    void clear()
    {
        m_links.clear();
        m_joined = false;
    }

    [[nodiscard]] bool isEmpty() const { return m_links.empty(); }
    // Its room's id (32 hex digits); empty when empty.
    [[nodiscard]] QString room() const;
    // Whether it is the call of ROOM (a room's id): not empty, and of that room.
    [[nodiscard]] bool isOf(const QString& room) const;
    // The invitation its first link came with (32 hex digits), for naming
    // it; other links may carry others. Empty when empty.
    [[nodiscard]] QString id() const;
    // Every link not ended, in the order they came.
    [[nodiscard]] const std::vector<api::CallView>& links() const { return m_links; }
    [[nodiscard]] const api::CallView* link(const PeerId& peer) const;
    // This side answered or started it: some link has been past ringing here.
    [[nodiscard]] bool isJoined() const { return m_joined; }
    // The members whose invites ring here, in the order they came.
    [[nodiscard]] std::vector<PeerId> callers() const;
    // People talking in it here, this side included once joined.
    [[nodiscard]] int peopleInCall() const;
    // The call as a whole, as one CallView: a link in the furthest phase
    // (Active, then Ringing, Calling, Incoming), since a command given any
    // one link acts on all of them (answer, decline, hang up, mute), with the
    // longest duration, the loudest microphone and any sound failure of the
    // links. Once joined it no longer rings (Calling while only invites are
    // left). Call only when not empty.
    [[nodiscard]] api::CallView summary() const;

private:
    std::vector<api::CallView> m_links;
    bool m_joined = false;
};

} // namespace confab::ui
