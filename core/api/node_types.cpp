#include "node_types.h"

namespace confab::api {

void registerNodeTypes()
{
    qRegisterMetaType<proto::PeerId>();
    qRegisterMetaType<storage::StoredMessage>();
    qRegisterMetaType<storage::EventRecord>();
    qRegisterMetaType<NodeStatus>();
    qRegisterMetaType<PeerSummaries>();
    qRegisterMetaType<StoredMessages>();
    qRegisterMetaType<PeerDetails>();
    qRegisterMetaType<storage::ProfileSettings>();
    qRegisterMetaType<calls::CallView>();
    qRegisterMetaType<AudioDeviceList>();
}

} // namespace confab::api
