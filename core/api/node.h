#pragma once

#include "calls/audio_choice.h"
#include "calls/call_service.h"
#include "calls/media_socket.h"
#include "chat/chat_service.h"
#include "net/discovery/discovery_mode.h"
#include "net/discovery/static_discovery.h"
#include "net/tcp_listener.h"
#include "session/dialer.h"
#include "session/link_manager.h"
#include "session/peer_exchanger.h"
#include "storage/database.h"
#include "storage/event_log.h"
#include "storage/key_warning_store.h"
#include "storage/message_store.h"
#include "storage/peer_store.h"
#include "storage/profile.h"
#include "store_trust.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace confab::api {

struct NodeConfig {
    QString profileDir;
    QString displayName; // empty: keep the profile's (first run: the login name)
    net::HostPort listen{QStringLiteral("0.0.0.0"), net::kDefaultPort};
    bool listenChosenByUser = false;
    QStringList peers; // host:port to dial
    net::DiscoveryMode discovery = net::DiscoveryMode::Auto;
    // The mode saved in the profile's settings (if any) replaces `discovery`:
    // for front ends where the user did not choose one on the command line.
    bool discoveryFromSettings = false;
    session::LinkTimings timings;
    // Voice calls.
    calls::CallSettings callSettings;
    calls::AudioChoice audio;
    // The sound cards saved in the profile's settings replace `audio`'s (when
    // it plays no files): for front ends where the user chose none on the
    // command line.
    bool audioFromSettings = false;
    // UDP port announced to peers instead of the bound one: lets tests put an
    // impairing relay in front of this node. 0: the bound port.
    quint16 mediaAnnouncePort = 0;
};

// What a front end shows about a peer.
struct PeerView {
    storage::PeerRecord record;
    bool connected = false;
    QString address; // current link's remote listen address, or the last known one
    int unread = 0;
    // Set for a DNS-SD service seen on the LAN that no known peer matches
    // (not necessarily a Confab node): the backend that saw it.
    QString source;
    QString instance;
    // A security event about this peer that the user has not acknowledged.
    std::optional<storage::KeyWarning> keyWarning;
};

// The whole node as front ends see it: confabd and the GUI run one each.
// Lives on one thread (the network thread); everything here is non-blocking.
class Node : public QObject {
    Q_OBJECT
public:
    static proto::Result<std::unique_ptr<Node>, QString> create(const NodeConfig& config,
                                                                const session::Clock& clock);
    ~Node() override;

    // Listens and starts dialing. Returns notices for the user, or an error.
    proto::Result<QStringList, QString> start();
    // Says goodbye to every peer.
    void shutdown();

    [[nodiscard]] proto::PeerId id() const { return m_profile->identity().peerId(); }
    [[nodiscard]] QString displayName() const { return m_displayName; }
    [[nodiscard]] net::HostPort listenAddress() const { return m_listenAddress; }
    [[nodiscard]] const storage::Profile& profile() const { return *m_profile; }
    // The backend actually in use: "avahi", "embedded" or "static".
    [[nodiscard]] QString discoveryMode() const;
    // Empty when discovery looks healthy; otherwise what seems wrong and what to try.
    [[nodiscard]] QString networkDiagnosis() const;
    // Replaces the backend --discovery would choose; call before start().
    void setServiceDiscovery(std::unique_ptr<net::ServiceDiscovery> discovery);
    [[nodiscard]] qint64 uptimeMs() const { return m_uptime.elapsed(); }

    // PEER may be a full ID, a unique ID prefix or a unique display name.
    proto::Result<proto::PeerId, QString> resolvePeer(const QString& query);
    std::vector<PeerView> peers();
    std::size_t connectedCount() const { return m_links->connectedPeers().size(); }
    // `done` runs once the message is stored (see ChatService::sendText).
    void sendText(const proto::PeerId& to, const QString& text, chat::ChatService::SendCallback done);
    std::vector<storage::StoredMessage> history(const proto::PeerId& peer, int limit);
    std::vector<storage::StoredMessage> historyBefore(const proto::PeerId& peer, std::int64_t beforeSeq,
                                                      int limit);
    // The oldest unread incoming message, marked read (and the sender told).
    std::optional<storage::StoredMessage> takeOldestUnread(const std::optional<proto::PeerId>& from);
    proto::Result<net::HostPort, QString> addPeer(const QString& address);
    proto::Result<std::string, QString> safetyNumber(const proto::PeerId& peer);
    QString ownFingerprint() const;
    std::vector<storage::EventRecord> events(int limit);
    // Voice calls; available once start() has run.
    calls::CallService& callService() { return *m_calls; }
    [[nodiscard]] quint16 mediaPort() const { return m_mediaSocket ? m_mediaSocket->port() : 0; }

    // Trust and settings
    // True when this run created the profile and its identity.
    [[nodiscard]] bool isNewProfile() const { return m_profile->isNew(); }
    // Before start(): the name this run uses. After: saved for the next start
    // (handshakes and announcements already made carry the old one).
    void setDisplayName(const QString& name);
    bool setVerified(const proto::PeerId& peer, bool verified);
    std::optional<storage::KeyWarning> keyWarning(const proto::PeerId& peer);
    // Ends the pending warning about the peer; false if there was none.
    bool acknowledgeKeyWarning(const proto::PeerId& peer);
    // The saved settings with the defaults filled in.
    [[nodiscard]] storage::ProfileSettings settings() const;
    // Checks and saves them. The display name and the discovery mode take
    // effect at the next start.
    proto::Result<storage::ProfileSettings, QString> saveSettings(const storage::ProfileSettings& settings);

signals:
    void messageStored(const confab::storage::StoredMessage& message);
    void messageStateChanged(const confab::storage::StoredMessage& message);
    void eventLogged(const confab::storage::EventRecord& event);
    void callChanged(const confab::calls::CallView& call);

private:
    Node(const NodeConfig& config, const session::Clock& clock, std::unique_ptr<storage::Profile> profile,
         std::unique_ptr<storage::Database> db);
    void onSighting(const net::PeerSighting& sighting);
    // Opens the media socket and the call service; returns a notice when calls are unavailable.
    QString startCalls();
    void appendDiscovered(std::vector<PeerView>& views) const;
    void logEvent(const QString& kind, const std::optional<proto::PeerId>& peer, const QString& detail);
    // Trust: a security event about a peer we know arms its key warning.
    void raiseKeyWarning(const std::optional<proto::PeerId>& claimedPeer, const QString& detail);

    NodeConfig m_config;
    const session::Clock& m_clock;
    std::unique_ptr<storage::Profile> m_profile;
    std::unique_ptr<storage::Database> m_db;
    storage::PeerStore m_peerStore;
    storage::MessageStore m_messageStore;
    storage::EventLog m_eventLog;
    storage::KeyWarningStore m_keyWarnings;
    StoreTrust m_trust;
    QString m_displayName;
    net::HostPort m_listenAddress;
    QElapsedTimer m_uptime;
    // Declared after the stores they use, so they are destroyed first.
    std::unique_ptr<net::TcpListener> m_listener;
    std::unique_ptr<session::LinkManager> m_links;
    std::unique_ptr<session::Dialer> m_dialer;
    std::unique_ptr<net::StaticDiscovery> m_staticDiscovery;
    std::unique_ptr<net::ServiceDiscovery> m_serviceDiscovery;
    std::unique_ptr<session::PeerExchanger> m_exchange;
    bool m_serviceDiscoveryInjected = false;
    std::unique_ptr<chat::ChatService> m_chat;
    std::unique_ptr<calls::MediaSocket> m_mediaSocket;
    std::unique_ptr<audio::AudioDevice> m_audioDevice;
    std::unique_ptr<calls::CallService> m_calls;
};

} // namespace confab::api
