#include "node_types.h"

namespace confab::api {

void registerNodeTypes()
{
    qRegisterMetaType<PeerId>();
    qRegisterMetaType<StoredMessage>();
    qRegisterMetaType<EventRecord>();
    qRegisterMetaType<NodeStatus>();
    qRegisterMetaType<PeerSummaries>();
    qRegisterMetaType<StoredMessages>();
    qRegisterMetaType<PeerDetails>();
    qRegisterMetaType<ProfileSettings>();
    qRegisterMetaType<CallView>();
    qRegisterMetaType<AudioDeviceList>();
    qRegisterMetaType<RoomMessageView>();
}

} // namespace confab::api
