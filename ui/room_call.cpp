#include "room_call.h"

#include <algorithm>

namespace confab::ui {

namespace {
// How far a link has come, from this side's point of view.
int progress(api::CallPhase phase)
{
    switch (phase) {
    case api::CallPhase::Active:
        return 3;
    case api::CallPhase::Ringing:
        return 2;
    case api::CallPhase::Calling:
        return 1;
    case api::CallPhase::Incoming:
    case api::CallPhase::Ended:
        break;
    }
    return 0;
}
} // namespace

void RoomCall::update(const api::CallView& link)
{
    // One call per peer at a time: a member who left and came back is a new link in the old place.
    const auto found = std::find_if(m_links.begin(), m_links.end(),
                                    [&](const api::CallView& known) { return known.peer == link.peer; });
    if (link.phase == api::CallPhase::Ended) {
        if (found != m_links.end() && found->callId == link.callId) {
            m_links.erase(found);
        }
        if (m_links.empty()) {
            m_joined = false;
        }
        return;
    }
    m_joined = m_joined || link.phase != api::CallPhase::Incoming;
    if (found != m_links.end()) {
        *found = link;
    } else {
        m_links.push_back(link);
    }
}

QString RoomCall::id() const
{
    return m_links.empty() ? QString() : m_links.front().roomCallId;
}

QString RoomCall::room() const
{
    return m_links.empty() ? QString() : m_links.front().room;
}

bool RoomCall::isOf(const QString& room) const
{
    // Both are hex; the case of the digits is the only way they could differ.
    return !m_links.empty() && !room.isEmpty() &&
           m_links.front().room.compare(room, Qt::CaseInsensitive) == 0;
}

const api::CallView* RoomCall::link(const PeerId& peer) const
{
    const auto found = std::find_if(m_links.begin(), m_links.end(),
                                    [&](const api::CallView& known) { return known.peer == peer; });
    return found != m_links.end() ? &*found : nullptr;
}

std::vector<PeerId> RoomCall::callers() const
{
    std::vector<PeerId> callers;
    for (const api::CallView& link : m_links) {
        if (link.phase == api::CallPhase::Incoming) {
            callers.push_back(link.peer);
        }
    }
    return callers;
}

int RoomCall::peopleInCall() const
{
    const auto talking = std::count_if(m_links.begin(), m_links.end(), [](const api::CallView& link) {
        return link.phase == api::CallPhase::Active;
    });
    return static_cast<int>(talking) + (isJoined() ? 1 : 0);
}

api::CallView RoomCall::summary() const
{
    const auto furthest =
        std::max_element(m_links.begin(), m_links.end(), [](const api::CallView& a, const api::CallView& b) {
            return progress(a.phase) < progress(b.phase);
        });
    api::CallView call = *furthest;
    if (m_joined && call.phase == api::CallPhase::Incoming) {
        call.phase = api::CallPhase::Calling;
    }
    for (const api::CallView& link : m_links) {
        call.durationMs = std::max(call.durationMs, link.durationMs);
        call.inputLevel = std::max(call.inputLevel, link.inputLevel);
        if (link.phase != api::CallPhase::Incoming) {
            // The microphone is one for all links: muted on one is muted.
            call.muted = call.muted || link.muted;
            call.microphoneWorks = call.microphoneWorks && link.microphoneWorks;
            call.speakerWorks = call.speakerWorks && link.speakerWorks;
            if (call.audioNotice.isEmpty()) {
                call.audioNotice = link.audioNotice;
            }
        }
    }
    return call;
}

} // namespace confab::ui
