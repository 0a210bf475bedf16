#pragma once

#include "audio/portaudio_device.h"
#include "calls/call_view.h"
#include "files/transfer_service.h"
#include "node_types.h"
#include "proto/presence.h"
#include "storage/key_warning_store.h"
#include "storage/profile_settings.h"
#include "storage/records.h"

// Internal to core/api: the layers' own types turned into the front ends'
// values of node_types.h (and settings back again).
namespace confab::api {

MessageState toApi(storage::MessageState state);
StoredMessage toApi(const storage::StoredMessage& message);
StoredMessages toApi(const std::vector<storage::StoredMessage>& messages);
PeerRecord toApi(const storage::PeerRecord& record);
EventRecord toApi(const storage::EventRecord& event);
KeyWarning toApi(const storage::KeyWarning& warning);
ProfileSettings toApi(const storage::ProfileSettings& settings);
storage::ProfileSettings toStorage(const ProfileSettings& settings);
AudioDeviceInfo toApi(const audio::AudioDeviceInfo& device);
Presence toApi(proto::PresenceState state);
proto::PresenceState toProto(Presence presence);
CallView toApi(const calls::CallView& call);
// Without the peer's name: the caller knows it.
TransferView toApi(const files::DropView& drop);

} // namespace confab::api
