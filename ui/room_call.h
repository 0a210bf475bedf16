#pragma once

#include "api/node_types.h"

#include <vector>

namespace confab::ui {

// One room call as the user sees it. The node reports a room's call as its
// links: one pairwise call with each other member, all with the same
// roomCallId. Taken together they are one call: ringing here while every
// link rings here, joined once any link is past that (and from then on: a
// member's invite that comes later is answered by the node at once), over
// when the last link ends.
class RoomCall {
public:
    // Takes a link's latest state (an ended link leaves). Links of another
    // room call are the caller's to keep apart (id()).
    void update(const api::CallView& link);
    void clear()
    {
        m_links.clear();
        m_joined = false;
    }

    [[nodiscard]] bool isEmpty() const { return m_links.empty(); }
    // The room call's id and its room's id (32 hex digits each); empty when empty.
    [[nodiscard]] QString id() const;
    [[nodiscard]] QString room() const;
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
