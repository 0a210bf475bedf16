#pragma once

// Node's internals: included by the files that implement Node, never by
// front ends (they see node.h only).

#include "background_job.h"
#include "calls/call_service.h"
#include "calls/media_socket.h"
#include "calls/microphone_test.h"
#include "chat/avatar_service.h"
#include "chat/chat_service.h"
#include "chat/presence_service.h"
#include "chat/search_indexer.h"
#include "control_server.h"
#include "files/transfer_service.h"
#include "net/discovery/service_discovery.h"
#include "net/discovery/static_discovery.h"
#include "node.h"
#include "node_config.h"
#include "node_environment.h"
#include "node_values.h"
#include "relay/relay_service.h"
#include "relay/transfer_forwarder.h"
#include "rooms/room_service.h"
#include "session/dialer.h"
#include "session/link_manager.h"
#include "session/peer_exchanger.h"
#include "storage/database.h"
#include "storage/event_log.h"
#include "storage/key_warning_store.h"
#include "storage/message_store.h"
#include "storage/peer_store.h"
#include "storage/profile.h"
#include "storage/relay_store.h"
#include "storage/room_store.h"
#include "storage/transfer_store.h"
#include "store_trust.h"

#include <map>
#include <memory>

namespace confab::api {

// Everything that exists once the profile is open: its stores and the
// services on top of them. Declared in the order they are built; members
// are destroyed in reverse, so services go before the stores they use.
struct OpenProfile {
    OpenProfile(const NodeConfig& config, const NodeEnvironment& environment,
                std::unique_ptr<storage::Profile> openedProfile, std::unique_ptr<storage::Database> openedDb);

    std::unique_ptr<storage::Profile> profile;
    std::unique_ptr<storage::Database> db;
    storage::PeerStore peerStore;
    storage::MessageStore messageStore;
    storage::EventLog eventLog;
    storage::KeyWarningStore keyWarnings;
    storage::RelayStore relayStore;
    storage::TransferStore transferStore;
    storage::RoomStore roomStore;
    storage::AvatarStore avatarStore;
    StoreTrust trust;
    QString displayName;
    net::HostPort listenAddress;
    std::int64_t openedAtMs = 0; // monotonic
    std::unique_ptr<net::StreamListener> listener;
    session::LinkManager links;
    session::Dialer dialer;
    net::StaticDiscovery staticDiscovery;
    session::PeerExchanger exchange;
    chat::ChatService chat;
    chat::PresenceService presence;
    chat::AvatarService avatars;
    chat::SearchIndexer searchIndexer;
    relay::RelayService relay;
    relay::TransferForwarder forwarder;
    files::TransferService transfers;
    rooms::RoomService rooms;
    std::unique_ptr<net::ServiceDiscovery> serviceDiscovery;
    std::unique_ptr<calls::MediaSocket> mediaSocket;
    std::unique_ptr<audio::AudioDevice> audioDevice;
    std::unique_ptr<calls::CallService> calls;
    // Peers added from their contact text and not met since: the
    // fingerprint the text named, checked against the key on their first
    // link (then they are verified). Kept for this run only.
    std::map<PeerId, QString> contactFingerprints;
    bool running = false;
};

// A drop as front ends see it, with its peer's name.
TransferView transferView(OpenProfile& o, const files::DropView& drop);

// The node's state and the wiring between its parts; Node is its face.
struct NodeParts {
    NodeParts(NodeConfig nodeConfig, NodeEnvironment nodeEnvironment);

    // Connects the services of a freshly opened profile to each other and to events.
    void wire();
    // Listens, starts discovery and calls; returns notices or an error.
    Result<QStringList, QString> start();
    // Opens the media socket and the call service; a notice when calls are unavailable.
    QString startCalls();
    void onSighting(const net::PeerSighting& sighting);
    void logEvent(const QString& kind, const std::optional<PeerId>& peer, const QString& detail);
    // Trust: a security event about a peer we know arms its key warning.
    void raiseKeyWarning(const std::optional<PeerId>& claimedPeer, const QString& detail);
    void schedulePeersChanged();
    void appendDiscovered(std::vector<PeerView>& views) const;
    // Blocks or unblocks every part of the node (the links tell the rest).
    void applyBlocks();
    // Adds the addresses of a peer's contact text, dialed expecting its ID,
    // and verifies the peer once it is met with the key the text names.
    Result<NetworkAddress, QString> addContact(const QString& text);
    // A peer added from contact text is met: verified if its key matches.
    void verifyFromContactCard(const PeerId& peer);
    // How a sentence for the user names a peer: "Bob (ab12cd34)".
    [[nodiscard]] QString peerLabel(const PeerId& peer) const;
    // The nickname or the name the peer announced; empty for one never met.
    [[nodiscard]] QString peerName(const PeerId& peer) const;
    // Rooms (node_rooms.cpp): the identity key that adds a peer to a room,
    // or why it cannot be added; a room named by the user; a room as
    // front ends see it.
    [[nodiscard]] Result<proto::IdentityKeyBytes, QString> roomMemberKey(const PeerId& peer) const;
    [[nodiscard]] Result<proto::RoomId, QString> resolveRoom(const QString& room) const;
    RoomResult roomResult(const Result<proto::RoomId, QString>& room);
    // A stored room message as front ends see it.
    RoomMessageView roomMessageView(const storage::StoredRoomMessage& message);
    // Why `what` ("nothing can be sent to them") cannot be done for a
    // blocked peer, and how to unblock it.
    [[nodiscard]] QString blockedError(const PeerId& peer, const QString& what) const;
    [[nodiscard]] bool inCall() const;

    NodeConfig config;
    NodeEnvironment environment;
    NodeEvents events;
    // Coalesces peersChanged, so a burst of messages costs one peer query.
    std::unique_ptr<Timer> peersChangedTimer;
    // Coalesces roomsChanged the same way: a room's members read at once.
    std::unique_ptr<Timer> roomsChangedTimer;
    void scheduleRoomsChanged();
    std::unique_ptr<calls::MicrophoneTest> microphoneTest;
    // Set by setServiceDiscovery(): used instead of the --discovery choice.
    std::unique_ptr<net::ServiceDiscovery> injectedDiscovery;
    std::unique_ptr<OpenProfile> open;
    // Identity backups and restores (copies of what they need, no parts).
    BackgroundJob identityJob;
    // Refers to the node: declared last, destroyed first.
    std::unique_ptr<ControlServer> control;
};

} // namespace confab::api
