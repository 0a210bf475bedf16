// Node: the user's presence, told to linked peers, and the typing indicator.
#include "node.h"
#include "node_parts.h"

namespace confab::api {

void Node::setPresence(Presence presence, PresenceOrigin origin)
{
    OpenProfile& o = *m_parts->open;
    o.presence.setOwnState(toProto(presence));
    if (origin == PresenceOrigin::Chosen) {
        o.profile->setPresence(QLatin1String(toString(presence)));
    }
    if (o.calls) {
        o.calls->setQuiet(presence == Presence::Busy);
    }
}

Presence Node::presence() const
{
    return toApi(m_parts->open->presence.ownState());
}

void Node::setTyping(const PeerId& peer, bool typing)
{
    m_parts->open->presence.setTyping(peer, typing);
}

} // namespace confab::api
