#include "base/software_version.h"
#include "contact_card.h"
#include "crypto/safety_number.h"
#include "net/local_addresses.h"
#include "node_parts.h"
#include "proto/call_signal.h"
#include "proto/limits.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcNode, "confab.node")

namespace confab::api {
namespace {

// Notifications that something a peer list shows changed are held this long,
// so a burst of messages or link changes costs one refresh.
constexpr int kPeersChangedDelayMs = 50;
// Give probing, announcing and the first queries time to work before
// judging whether multicast is blocked.
constexpr std::int64_t kDiagnosisSettleMs = 10000;

QString loginName()
{
    QString name = qEnvironmentVariable("USER");
    return name.isEmpty() ? QStringLiteral("Confab user") : name;
}

// Settings: the discovery mode, sound cards and relaying saved in the
// profile, when the front end lets the profile decide; the file drop settings.
NodeConfig withSavedSettings(NodeConfig config, const storage::Profile& profile)
{
    const storage::ProfileSettings saved = profile.settings();
    if (config.relayCarryFromSettings) {
        config.relay.carry = saved.relayCarry;
    }
    if (config.relayStoreFromSettings && saved.relayStoreMb >= kMinRelayStoreMb &&
        saved.relayStoreMb <= kMaxRelayStoreMb) {
        config.relay.storeLimitBytes = std::int64_t{saved.relayStoreMb} * kBytesPerMiB;
    }
    if (config.relayRateFromSettings && saved.relayRateKib >= 0 && saved.relayRateKib <= kMaxRelayRateKib) {
        config.relay.forwardBytesPerSecond = static_cast<std::uint64_t>(saved.relayRateKib) * 1024;
    }
    if (config.discoveryFromSettings) {
        if (auto mode = net::parseDiscoveryMode(saved.discoveryMode)) {
            config.discovery = *mode;
        }
    }
    if (config.frameMsFromSettings) {
        config.callSettings.frameMs = calls::frameMsForLowLatency(saved.lowLatencyCalls);
    }
    if (config.echoCancellationFromSettings) {
        config.callSettings.voice.echoCancellation = saved.echoCancellation;
    }
    if (config.audioFromSettings && !config.audio.usesFiles()) {
        config.audio.inputDevice = saved.audioInputDevice;
        config.audio.outputDevice = saved.audioOutputDevice;
    }
    // File drops: --download-dir wins over the saved folder; either the
    // saved choice or --auto-accept-verified turns accepting by itself on.
    if (config.downloadFolder.isEmpty() && QDir::isAbsolutePath(saved.downloadFolder)) {
        config.downloadFolder = saved.downloadFolder;
    }
    config.autoAcceptVerified = config.autoAcceptVerified || saved.autoAcceptVerified;
    return config;
}

// The name for this run: the one the front end was given (--name) wins, then
// the profile's saved one, then the login name. Says which, and why.
QString chooseDisplayName(const NodeConfig& config, const storage::Profile& profile)
{
    QString given = config.displayName.trimmed();
    QString saved = profile.displayName();
    if (!given.isEmpty()) {
        if (!saved.isEmpty() && saved != given) {
            qCInfo(lcNode).noquote() << QStringLiteral(
                                            "display name \"%1\": given with --name, for this run; "
                                            "the saved name \"%2\" stays for starts without it")
                                            .arg(given, saved);
        } else {
            qCInfo(lcNode).noquote() << QStringLiteral("display name \"%1\": given with --name").arg(given);
        }
        return given;
    }
    if (!saved.isEmpty()) {
        qCInfo(lcNode).noquote() << QStringLiteral("display name \"%1\": saved in the profile").arg(saved);
        return saved;
    }
    QString login = loginName();
    qCInfo(lcNode).noquote()
        << QStringLiteral("display name \"%1\": the login name (none given or saved yet)").arg(login);
    return login;
}

// Where accepted drops go: --download-dir, else the system's download folder.
QString downloadFolderFor(const NodeConfig& config)
{
    if (!config.downloadFolder.isEmpty()) {
        return config.downloadFolder;
    }
    const QString system = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return system.isEmpty() ? QDir::home().filePath(QStringLiteral("Downloads")) : system;
}

} // namespace

OpenProfile::OpenProfile(const NodeConfig& config, const NodeEnvironment& environment,
                         std::unique_ptr<storage::Profile> openedProfile,
                         std::unique_ptr<storage::Database> openedDb)
    : profile(std::move(openedProfile)), db(std::move(openedDb)), peerStore(*db), messageStore(*db),
      eventLog(*db), keyWarnings(*db), relayStore(*db), transferStore(*db), roomStore(*db), avatarStore(*db),
      trust(peerStore, environment.clock), displayName(chooseDisplayName(config, *profile)),
      openedAtMs(environment.clock.monotonicMs()),
      links(profile->identity(), trust, environment.network, environment.clock, config.timings),
      dialer(links, environment.clock), exchange(links, environment.clock),
      chat(links, messageStore, environment.clock), presence(links, environment.clock),
      avatars(links, avatarStore, environment.clock), searchIndexer(messageStore, environment.clock),
      relay(links, profile->identity(), trust, relayStore, environment.clock, config.relay),
      forwarder(links, environment.network, environment.clock,
                config.relay.carry ? config.relay.forwardBytesPerSecond : 0),
      transfers(
          links, links, transferStore, environment.clock,
          [this](const PeerId& to, proto::EnvelopeKind kind, ByteView body) {
              return chat.sendServiceEnvelope(to, kind, body);
          },
          [this](const PeerId& peer) {
              return peerStore.peer(peer).value_or(storage::PeerRecord{}).verified;
          },
          {downloadFolderFor(config), config.autoAcceptVerified, config.sendBytesPerSecond}),
      rooms(links, roomStore, profile->identity(), environment.clock,
            [this](const PeerId& to, proto::EnvelopeKind kind, ByteView body) {
                // A linked peer gets room envelopes only if it announced
                // rooms; one reached through relays is a member, so it has.
                const auto info = links.linkInfo(to);
                if (info && !proto::hasCapability(info->hello.capabilities, proto::Capability::Rooms)) {
                    return false;
                }
                return chat.sendServiceEnvelope(to, kind, body);
            })
{
    relay.setDisplayName(displayName);
    links.setCapabilities(relay.capabilities() | static_cast<std::uint32_t>(proto::Capability::FileDrops) |
                          static_cast<std::uint32_t>(proto::Capability::DropSwarm) |
                          static_cast<std::uint32_t>(proto::Capability::Rooms) |
                          static_cast<std::uint32_t>(proto::Capability::Presence) |
                          static_cast<std::uint32_t>(proto::Capability::MessageChanges) |
                          static_cast<std::uint32_t>(proto::Capability::Avatars));
    if (const auto chosen = presenceFromText(profile->presence())) {
        presence.setOwnState(toProto(*chosen));
    }
    QObject::connect(&chat, &chat::ChatService::fileDropEnvelope, &transfers,
                     &files::TransferService::onEnvelope);
    QObject::connect(&chat, &chat::ChatService::roomEnvelope, &rooms, &rooms::RoomService::acceptEnvelope);
    // Members compare what they hold whenever they can reach each other.
    QObject::connect(&links, &session::MessagePort::peerConnected, &rooms,
                     &rooms::RoomService::peerReachable);
    QObject::connect(&relay, &session::RelayPath::reachable, &rooms, &rooms::RoomService::peerReachable);
    chat.setRelayPath(relay);
    transfers.setRelayPath(relay);
    searchIndexer.noteStored(); // what an older version stored, or a search interrupted
}

NodeParts::NodeParts(NodeConfig nodeConfig, NodeEnvironment nodeEnvironment)
    : config(std::move(nodeConfig)), environment(nodeEnvironment),
      peersChangedTimer(environment.clock.createTimer([this] { emit events.peersChanged(); })),
      roomsChangedTimer(environment.clock.createTimer([this] { emit events.roomsChanged(); }))
{
}

void NodeParts::schedulePeersChanged()
{
    if (!peersChangedTimer->isActive()) {
        peersChangedTimer->start(kPeersChangedDelayMs);
    }
}

void NodeParts::scheduleRoomsChanged()
{
    if (!roomsChangedTimer->isActive()) {
        roomsChangedTimer->start(kPeersChangedDelayMs);
    }
}

void NodeParts::wire()
{
    OpenProfile& o = *open;
    Clock& clock = environment.clock;
    QObject::connect(&o.staticDiscovery, &net::Discovery::peerSighted, &o.dialer,
                     &session::Dialer::addTarget);
    // Addresses given by hand are listed while no peer answers from them:
    // their attempts change the list. (Other targets are known peers, whose
    // links announce themselves.)
    QObject::connect(&o.dialer, &session::Dialer::targetChanged, &events,
                     [this, &o](const net::HostPort& address) {
                         const auto target = o.dialer.target(address);
                         if (target && target->source == QLatin1String("static") && !target->peer) {
                             schedulePeersChanged();
                         }
                     });
    QObject::connect(&o.exchange, &net::Discovery::peerSighted, &events,
                     [this](const net::PeerSighting& sighting) { onSighting(sighting); });
    QObject::connect(&o.chat, &chat::ChatService::messageStored, &events,
                     [this, &o](const storage::StoredMessage& message) {
                         if (!message.outgoing) {
                             o.presence.messageArrived(message.peer);
                         }
                         o.searchIndexer.noteStored();
                         emit events.messageStored(toApi(message));
                         schedulePeersChanged();
                     });
    QObject::connect(&o.presence, &chat::PresenceService::changed, &events,
                     [this] { schedulePeersChanged(); });
    QObject::connect(&o.avatars, &chat::AvatarService::changed, &events, [this] { schedulePeersChanged(); });
    QObject::connect(&o.rooms, &rooms::RoomService::messageStored, &events,
                     [this](const storage::StoredRoomMessage& message) {
                         emit events.roomMessageStored(roomMessageView(message));
                         scheduleRoomsChanged();
                     });
    QObject::connect(&o.rooms, &rooms::RoomService::roomChanged, &events, [this] { scheduleRoomsChanged(); });
    QObject::connect(&o.rooms, &rooms::RoomService::receiptsChanged, &events,
                     [this] { scheduleRoomsChanged(); });
    QObject::connect(&o.chat, &chat::ChatService::messageStateChanged, &events,
                     [this](const storage::StoredMessage& message) {
                         emit events.messageStateChanged(toApi(message));
                         if (message.deletedMs) {
                             schedulePeersChanged(); // an unread one deleted no longer counts
                         }
                     });
    QObject::connect(&o.chat, &chat::ChatService::conversationRead, &events,
                     [this](const PeerId& peer, std::size_t count) {
                         emit events.conversationRead(peer, static_cast<int>(count));
                         schedulePeersChanged();
                     });
    QObject::connect(
        &o.links, &session::MessagePort::peerConnected, &events, [this, &o, &clock](const PeerId& peer) {
            const auto info = o.links.linkInfo(peer);
            const auto listen = info ? info->listenAddress : std::nullopt;
            const QString address = listen ? listen->toString() : QString();
            const QString name = info ? QString::fromStdString(info->hello.displayName) : QString();
            o.peerStore.recordSeen(peer, name, address, clock.wallMs());
            if (listen) {
                // Remembered, so a dropped link is dialed again from this side too.
                o.dialer.addTarget({*listen, peer, QStringLiteral("remembered")});
            }
            logEvent(QStringLiteral("peer-connected"), peer, address);
            verifyFromContactCard(peer);
        });
    QObject::connect(&o.links, &session::MessagePort::peerDisconnected, &events,
                     [this, &o, &clock](const PeerId& peer, const QString& reason) {
                         // Only a peer still known: one the user removed is not listed again.
                         if (const auto known = o.peerStore.peer(peer)) {
                             o.peerStore.recordSeen(peer, known->displayName, QString(), clock.wallMs());
                         }
                         logEvent(QStringLiteral("peer-disconnected"), peer, reason);
                     });
    QObject::connect(&o.links, &session::LinkManager::securityEvent, &events,
                     [this](const std::optional<PeerId>& claimedPeer, const QString& detail) {
                         logEvent(QStringLiteral("security"), claimedPeer, detail);
                         raiseKeyWarning(claimedPeer, detail);
                     });
    QObject::connect(
        &o.transfers, &files::TransferService::dropOffered, &events,
        [this, &o](const files::DropView& drop) { emit events.transferOffered(transferView(o, drop)); });
    QObject::connect(
        &o.transfers, &files::TransferService::dropChanged, &events,
        [this, &o](const files::DropView& drop) { emit events.transferChanged(transferView(o, drop)); });
    // Peers met through relays are listed like the ones met directly.
    QObject::connect(&o.relay, &relay::RelayService::peerLearned, &events,
                     [this, &o, &clock](const PeerId& peer, const QString& displayName) {
                         o.peerStore.recordSeen(peer, displayName, QString(), clock.wallMs());
                         schedulePeersChanged();
                     });
    QObject::connect(&o.relay, &session::RelayPath::reachable, &events, [this] { schedulePeersChanged(); });
    QObject::connect(&o.relay, &relay::RelayService::routesChanged, &events,
                     [this] { schedulePeersChanged(); });
    QObject::connect(&o.relay, &relay::RelayService::refused, &events, [this](const QString& reason) {
        logEvent(QStringLiteral("relay-refused"), std::nullopt, reason);
    });
    QObject::connect(
        &o.forwarder, &relay::TransferForwarder::refused, &events,
        [this](const QString& reason) { logEvent(QStringLiteral("relay-refused"), std::nullopt, reason); });
}

Result<QStringList, QString> NodeParts::start()
{
    OpenProfile& o = *open;
    QStringList notices;
    o.listener = environment.network.createListener();
    auto bound = o.listener->listen(config.listen, config.listenChosenByUser);
    if (!bound) {
        o.listener.reset();
        return bound.error();
    }
    if (!bound.value().notice.isEmpty()) {
        notices.append(bound.value().notice);
    }
    QObject::connect(o.listener.get(), &net::StreamListener::accepted, &o.links,
                     &session::LinkManager::acceptIncoming);
    o.listenAddress = bound.value().bound;
    o.links.setOwnInfo(o.displayName, o.listenAddress.port);
    if (const QString notice = startCalls(); !notice.isEmpty()) {
        notices.append(notice);
    }

    for (const QString& text : config.peers) {
        auto address = net::HostPort::parse(text, net::kDefaultPort);
        if (!address) {
            return address.error();
        }
        o.staticDiscovery.add({address.value(), std::nullopt, QStringLiteral("static")});
    }
    for (const QString& text : o.peerStore.staticAddresses()) {
        if (auto address = net::HostPort::parse(text, net::kDefaultPort)) {
            o.staticDiscovery.add({address.value(), std::nullopt, QStringLiteral("static")});
        }
    }
    for (const storage::PeerRecord& peer : o.peerStore.peers()) {
        if (peer.lastAddress.isEmpty()) {
            continue;
        }
        if (auto address = net::HostPort::parse(peer.lastAddress, net::kDefaultPort)) {
            o.staticDiscovery.add({address.value(), peer.id, QStringLiteral("remembered")});
        }
    }
    o.staticDiscovery.start();
    o.exchange.start();

    if (injectedDiscovery) {
        o.serviceDiscovery = std::move(injectedDiscovery);
    } else {
        net::DiscoveryChoice choice = net::chooseDiscovery(config.discovery, environment.clock);
        if (!choice.error.isEmpty()) {
            return choice.error;
        }
        if (!choice.notice.isEmpty()) {
            notices.append(choice.notice);
        }
        o.serviceDiscovery = std::move(choice.backend);
    }
    if (o.serviceDiscovery) {
        o.serviceDiscovery->setLocalService(
            {o.profile->identity().peerId(), o.displayName, o.listenAddress.port});
        QObject::connect(o.serviceDiscovery.get(), &net::Discovery::peerSighted, &events,
                         [this](const net::PeerSighting& sighting) { onSighting(sighting); });
        QObject::connect(o.serviceDiscovery.get(), &net::ServiceDiscovery::servicesChanged, &events,
                         [this] { schedulePeersChanged(); });
        o.serviceDiscovery->start();
    }
    o.running = true;
    return notices;
}

QString NodeParts::startCalls()
{
    if (!environment.calls) {
        return {};
    }
    OpenProfile& o = *open;
    o.mediaSocket = std::make_unique<calls::MediaSocket>();
    o.audioDevice = calls::makeAudioDevice(config.audio);
    o.calls = std::make_unique<calls::CallService>(o.links, *o.mediaSocket, *o.audioDevice, environment.clock,
                                                   config.callSettings);
    QObject::connect(
        o.calls.get(), &calls::CallService::callChanged, &events, [this](const calls::CallView& call) {
            if (call.phase != proto::CallPhase::Ended && microphoneTest) {
                // The call needs the sound card; its own meter shows the level now.
                microphoneTest->cancel(
                    QCoreApplication::translate("Node", "The microphone test stopped: a call started."));
            }
            emit events.callChanged(toApi(call));
        });
    o.calls->setQuiet(o.presence.ownState() == proto::PresenceState::Busy);
    // A room's call invites its members, and takes invites from them only.
    o.calls->setRoomMembers([&o](const proto::RoomId& room) -> std::optional<std::vector<PeerId>> {
        const auto found = o.rooms.room(room);
        if (!found || found->left) {
            return std::nullopt;
        }
        std::vector<PeerId> members;
        for (const rooms::RoomMemberView& member : found->members) {
            members.push_back(member.peer);
        }
        return members;
    });
    // Media uses the UDP port with the TCP listener's number when it is free.
    QString error = o.mediaSocket->bind(QHostAddress(o.listenAddress.host), o.listenAddress.port);
    if (!error.isEmpty()) {
        return error;
    }
    o.links.setMediaPort(config.mediaAnnouncePort != 0 ? config.mediaAnnouncePort : o.mediaSocket->port());
    return {};
}

void NodeParts::onSighting(const net::PeerSighting& sighting)
{
    // Our own announcement coming back: proof that mDNS works at least locally.
    if (sighting.expectedPeer == open->profile->identity().peerId()) {
        return;
    }
    open->dialer.addTarget(sighting);
}

void NodeParts::logEvent(const QString& kind, const std::optional<PeerId>& peer, const QString& detail)
{
    if (kind == QLatin1String("security")) {
        qCWarning(lcNode).noquote() << "security event:" << detail;
    }
    emit events.eventLogged(toApi(open->eventLog.append(kind, peer, detail, environment.clock.wallMs())));
    schedulePeersChanged();
}

void NodeParts::raiseKeyWarning(const std::optional<PeerId>& claimedPeer, const QString& detail)
{
    // Only a peer we already know has a conversation to warn in; a stranger's
    // failed handshake is in the event log and nowhere else.
    OpenProfile& o = *open;
    if (!claimedPeer || (!o.peerStore.pinnedKey(*claimedPeer) && !o.peerStore.peer(*claimedPeer))) {
        return;
    }
    o.keyWarnings.raise(*claimedPeer, detail, environment.clock.wallMs());
}

bool NodeParts::inCall() const
{
    if (!open || !open->calls) {
        return false;
    }
    const auto calls = open->calls->calls();
    return std::any_of(calls.begin(), calls.end(),
                       [](const calls::CallView& call) { return call.phase != proto::CallPhase::Ended; });
}

// Node: lifecycle and who we are.

Node::Node(const NodeConfig& config, const NodeEnvironment& environment)
    : m_parts(std::make_unique<NodeParts>(config, environment))
{
}

Node::~Node()
{
    // Stop dialing and say goodbye while the stores still exist.
    shutdown();
}

NodeEvents& Node::events()
{
    return m_parts->events;
}

Clock& Node::clock() const
{
    return m_parts->environment.clock;
}

Result<NodeStatus, QString> Node::open()
{
    NodeParts& p = *m_parts;
    if (p.open) {
        return status();
    }
    auto profile = storage::Profile::open(p.config.profileDir);
    if (!profile) {
        return profile.error();
    }
    auto db = storage::Database::open(profile.value()->databasePath());
    if (!db) {
        return db.error();
    }
    p.config = withSavedSettings(p.config, *profile.value());
    p.open = std::make_unique<OpenProfile>(p.config, p.environment, std::move(profile).value(),
                                           std::move(db).value());
    OpenProfile& o = *p.open;
    o.db->checkpointInBackground();
    // A name given at start names a profile that has none yet; it does not
    // replace one saved there (in the settings), which later starts use.
    if (o.profile->displayName().isEmpty()) {
        o.profile->setDisplayName(o.displayName);
    }
    p.wire();
    p.applyBlocks();
    return status();
}

Result<QStringList, QString> Node::start()
{
    NodeParts& p = *m_parts;
    if (!p.open) {
        if (auto opened = open(); !opened) {
            return opened.error();
        }
    }
    if (p.open->running) {
        return QStringList{};
    }
    auto notices = p.start();
    if (notices) {
        const QString saved = p.open->profile->displayName();
        if (p.open->displayName != saved) {
            notices.value().prepend(
                QCoreApplication::translate(
                    "Node", "Your name is \u201c%1\u201d for this run, as given with --name; the saved name "
                            "\u201c%2\u201d applies when Confab starts without it.")
                    .arg(p.open->displayName, saved));
        }
    }
    if (!notices || p.config.controlSocket == NodeConfig::ControlSocket::Off) {
        return notices;
    }
    p.control = std::make_unique<ControlServer>(*this);
    if (auto error = p.control->listen(controlSocketPath())) {
        p.control.reset();
        if (p.config.controlSocket == NodeConfig::ControlSocket::Required) {
            shutdown();
            return *error;
        }
        // A window still works without confabctl access; say so rather than fail.
        notices.value().append(*error);
    }
    return notices;
}

void Node::shutdown()
{
    NodeParts& p = *m_parts;
    if (p.microphoneTest) {
        p.microphoneTest->cancel(QCoreApplication::translate("Node", "The node is shutting down."));
    }
    p.control.reset();
    if (!p.open) {
        return;
    }
    OpenProfile& o = *p.open;
    if (o.calls) {
        o.calls->shutdown(); // hang up while the links can still carry it
    }
    if (o.serviceDiscovery) {
        o.serviceDiscovery->stop(); // goodbye on mDNS too
    }
    o.links.shutdown();
    o.running = false;
}

void Node::setServiceDiscovery(std::unique_ptr<net::ServiceDiscovery> discovery)
{
    m_parts->injectedDiscovery = std::move(discovery);
}

NodeStatus Node::status() const
{
    NodeStatus result;
    if (!m_parts->open) {
        return result;
    }
    result.id = QString::fromStdString(id().toText());
    result.displayName = displayName();
    result.listenAddress = listenAddress().toString();
    if (m_parts->open->running) {
        for (const net::HostPort& address : net::reachableAddresses(m_parts->open->listenAddress)) {
            result.reachableAt.append(address.toString());
        }
    }
    result.discoveryMode = discoveryMode();
    result.discoveryChoice = net::discoveryModeName(m_parts->config.discovery);
    result.discoverySetAtStart = !m_parts->config.discoveryFromSettings;
    const relay::RelaySettings& relaying = m_parts->open->relay.settings();
    result.relayCarry = relaying.carry;
    result.relayStoreMb = static_cast<int>(relaying.storeLimitBytes / kBytesPerMiB);
    result.relayCarrySetAtStart = !m_parts->config.relayCarryFromSettings;
    result.relayStoreSetAtStart = !m_parts->config.relayStoreFromSettings;
    result.relayRateKib = static_cast<int>(relaying.forwardBytesPerSecond / 1024);
    result.relayRateSetAtStart = !m_parts->config.relayRateFromSettings;
    result.networkDiagnosis = networkDiagnosis();
    result.fingerprint = ownFingerprint();
    if (!result.reachableAt.isEmpty()) {
        result.contactCard = formatContactCard({id(), result.fingerprint, displayName(), result.reachableAt});
    }
    result.presence = presence();
    result.avatar = avatar();
    result.newProfile = isNewProfile();
    result.running = m_parts->open->running;
    return result;
}

PeerId Node::id() const
{
    return m_parts->open->profile->identity().peerId();
}

QString Node::displayName() const
{
    return m_parts->open->displayName;
}

NetworkAddress Node::listenAddress() const
{
    const net::HostPort& address = m_parts->open->listenAddress;
    return {address.host, address.port};
}

QString Node::profileDir() const
{
    return m_parts->open->profile->dir();
}

QString Node::controlSocketPath() const
{
    return m_parts->open->profile->controlSocketPath();
}

QString Node::ownFingerprint() const
{
    return QString::fromStdString(crypto::fingerprint(m_parts->open->profile->identity().publicKey()));
}

std::int64_t Node::uptimeMs() const
{
    return m_parts->environment.clock.monotonicMs() - m_parts->open->openedAtMs;
}

quint16 Node::mediaPort() const
{
    const OpenProfile& o = *m_parts->open;
    return o.mediaSocket ? o.mediaSocket->port() : 0;
}

std::size_t Node::connectedCount() const
{
    return m_parts->open->links.connectedPeers().size();
}

QString Node::discoveryMode() const
{
    const OpenProfile& o = *m_parts->open;
    return o.serviceDiscovery ? o.serviceDiscovery->name() : o.staticDiscovery.name();
}

QString Node::networkDiagnosis() const
{
    const OpenProfile& o = *m_parts->open;
    if (!o.serviceDiscovery) {
        return {};
    }
    if (QString problem = o.serviceDiscovery->problem(); !problem.isEmpty()) {
        return problem;
    }
    if (uptimeMs() < kDiagnosisSettleMs) {
        return {};
    }
    bool ownSeen = false;
    bool othersSeen = false;
    for (const net::DiscoveredService& service : o.serviceDiscovery->services()) {
        (service.idHint == id() ? ownSeen : othersSeen) = true;
    }
    if (!ownSeen) {
        return QCoreApplication::translate(
            "Node", "Our own mDNS announcements never came back: multicast looks blocked on this host "
                    "(a firewall dropping UDP 5353?). Allow UDP port 5353 and 224.0.0.251, or add peers "
                    "by their address.");
    }
    if (!othersSeen && connectedCount() > 0) {
        return QCoreApplication::translate(
                   "Node",
                   "mDNS finds nobody while %1 peer(s) are linked by address: multicast looks blocked "
                   "on the network (Wi-Fi client isolation or a firewall). Allow UDP port 5353 and "
                   "224.0.0.251, or keep adding peers by their address.")
            .arg(connectedCount());
    }
    return {};
}

NodeVersion Node::version() const
{
    return {QString::fromLatin1(softwareVersion()), proto::kProtocolVersion};
}

bool Node::isNewProfile() const
{
    return m_parts->open->profile->isNew();
}

} // namespace confab::api
