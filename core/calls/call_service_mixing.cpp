#include "call_service.h"
#include "call_service_call.h"

namespace confab::calls {

// A room call above kMeshMembers members: who mixes, what each side sends
// where, and what the mixer and the others tell each other (docs/PROTOCOL.md,
// "A mixer above four members").

std::optional<PeerId> CallService::mixerOf(const proto::RoomId& room) const
{
    std::vector<MixCandidate> others;
    for (const Call* call : callsOf(room)) {
        others.push_back({call->peer, call->media != nullptr, call->remoteMixes});
    }
    return chooseMixer(m_links.self(), others);
}

void CallService::arrangeRoomMedia(const proto::RoomId& room)
{
    const std::optional<PeerId> mixer = mixerOf(room);
    const bool mixing = mixer == m_links.self();
    const std::vector<Call*> links = callsOf(room);
    m_hub.setForwarding(mixing);
    // A member that does not take part talks with everyone directly: the
    // mixer neither passes it on nor sends it the others.
    std::vector<proto::MixMember> silenced;
    for (Call* call : links) {
        const bool viaMixer = mixer && !mixing && call->peer != *mixer && call->remoteMixes;
        if (call->viaMixer != viaMixer) {
            call->viaMixer = viaMixer;
            applyMicrophone(*call);
            emit callChanged(view(*call));
        }
        if (call->port) {
            call->port->setInMix(call->remoteMixes);
        }
        if (call->silenced) {
            silenced.push_back(mixMember(call->peer));
        }
    }
    for (Call* call : links) {
        if (!call->media) {
            continue;
        }
        // Our mixer leaves out whom our user silenced; nobody else is asked.
        call->media->setLeaveOut(mixer && !mixing && call->peer == *mixer ? std::optional(silenced)
                                                                          : std::nullopt);
        // As the mixer, each member's wishes.
        std::vector<std::uint64_t> leftOut;
        for (const proto::MixMember member : call->media->leftOutByPeer()) {
            for (const Call* other : links) {
                if (other->port && mixMember(other->peer) == member) {
                    leftOut.push_back(other->port->serial());
                }
            }
        }
        if (call->port) {
            call->port->setLeftOut(mixing ? leftOut : std::vector<std::uint64_t>{});
        }
    }
}

void CallService::sendLevels(const proto::RoomId& room)
{
    const std::vector<Call*> links = callsOf(room);
    std::vector<proto::MemberLevel> levels;
    for (const Call* call : links) {
        if (call->media) {
            // The microphone is one for every link: any link's meter shows it.
            if (levels.empty()) {
                levels.push_back({mixMember(m_links.self()),
                                  levelToWire(static_cast<float>(call->media->voiceStats().inputLevel))});
            }
            if (call->port && call->remoteMixes) {
                levels.push_back({mixMember(call->peer), levelToWire(call->port->sourceLevel())});
            }
        }
    }
    for (Call* call : links) {
        if (!call->media || !call->remoteMixes) {
            continue;
        }
        std::vector<proto::MemberLevel> forThem;
        for (const proto::MemberLevel& entry : levels) {
            if (entry.member != mixMember(call->peer)) {
                forThem.push_back(entry);
            }
        }
        call->media->sendLevels(forThem);
    }
}

double CallService::playbackLevelOf(const Call& call) const
{
    const double played = call.port ? call.port->playbackLevel() : 0.0;
    const std::optional<PeerId> mixer = call.group ? mixerOf(call.group->room) : std::nullopt;
    if (call.silenced || !mixer || *mixer == m_links.self() || !(call.viaMixer || call.peer == *mixer)) {
        return played; // heard directly, or not at all
    }
    // Through a mixer, whose stream carries everyone: it says who speaks,
    // itself included.
    const auto it = m_calls.find(*mixer);
    const std::optional<float> reported = it != m_calls.end() && it->second->media
                                              ? it->second->media->reportedLevel(mixMember(call.peer))
                                              : std::nullopt;
    return reported ? *reported : (call.viaMixer ? 0.0 : played);
}

} // namespace confab::calls
