#pragma once

#include "base/clock.h"
#include "crypto/identity.h"
#include "proto/relay_envelope.h"
#include "reachability_book.h"
#include "routing_table.h"
#include "session/message_port.h"
#include "session/peer_authenticator.h"
#include "session/relay_path.h"
#include "storage/relay_store.h"

#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace confab::relay {

struct RelaySettings {
    bool carry = true; // hold and pass on envelopes for others (--relay on|off)
    // With `carry`: pass other peers' transfer connections on, at most this
    // fast in total (--relay-rate-kib); 0: pass none on.
    std::uint64_t forwardBytesPerSecond = 2560ULL * 1024;
    std::int64_t storeLimitBytes = 64LL * 1024 * 1024;
    std::int64_t perOriginMessages = 200;
    std::int64_t perOriginBytes = 1024LL * 1024;
    std::int64_t expiryMs = 24LL * 60 * 60 * 1000; // how long a sealed envelope may travel
};

// How a peer is reached now.
struct RouteView {
    enum class Kind { None, Direct, Relay };
    Kind kind = Kind::None;
    std::optional<PeerId> via; // next hop, for Relay
    std::uint8_t hops = 0;
};

struct RelayStats {
    storage::RelayStore::Use held;
    std::vector<std::pair<PeerId, storage::RelayStore::Use>> heldByOrigin;
    std::uint64_t forwarded = 0;     // envelopes passed on along a route or to their recipient
    std::uint64_t flooded = 0;       // envelopes passed to every carrying neighbour
    std::uint64_t transmissions = 0; // relayed envelopes handed to links, one per neighbour
    std::uint64_t delivered = 0;     // sealed envelopes for this node that opened
    std::uint64_t sent = 0;          // sealed envelopes this node sent as their origin
    std::uint64_t refusedQuota = 0;
    std::uint64_t refusedInvalid = 0; // failed authentication, forged sender, bad content
    std::uint64_t refusedExpired = 0;
    std::uint64_t refusedReplay = 0;
    std::uint64_t refusedBlocked = 0; // for a peer the user blocked, or sealed by one
    std::size_t knownPeers = 0;       // reachable through relays now
    // Hops travelled by the sealed envelopes for this node that opened (each
    // kMaxHopLimit - hopLimit + 1, from the hop limit it arrived with): in
    // total, and the most for one of them.
    std::uint64_t deliveredHops = 0;
    std::uint64_t deliveredHopsMax = 0;
};

// Relaying: seals envelopes for peers without a link, carries sealed
// envelopes for others (holding them while their recipient is away), learns
// who is reachable through whom from signed reachability statements and
// from the paths receipts take, and opens what is addressed to this node
// (docs/PROTOCOL.md, "Relaying"). Nothing is carried for a peer the user
// blocked, nor opened from one, and no route to it is used or advertised.
// Lives on the network thread.
class RelayService : public session::RelayPath {
    Q_OBJECT
public:
    // Statements are passed on this long after a change, gathered together.
    static constexpr int kAdvertiseDelayMs = 500;
    // A neighbour that does not confirm custody this soon is tried again.
    static constexpr std::int64_t kCustodyTimeoutMs = 3000;
    // An envelope sent along a known route whose receipt does not come back
    // this soon is sent again by flooding (flagged, so that every carrier
    // floods it on), and that route avoided for a while.
    static constexpr std::int64_t kDeliveryTimeoutMs = 8000;
    static constexpr std::int64_t kAvoidRouteMs = 60000;
    static constexpr int kMaxAttempts = 3;
    // After those attempts, a message whose receipt still does not come
    // back while its recipient is reachable is sealed afresh this often:
    // its receipt may have been the one lost, and only a copy that reaches
    // the recipient again makes it send another.
    static constexpr std::int64_t kLateResealMs = 60000;
    static constexpr int kMaintenanceMs = 1000;

    RelayService(session::MessagePort& port, const crypto::IdentityKeyPair& identity,
                 session::TrustStore& trust, storage::RelayStore& store, Clock& clock, RelaySettings settings,
                 QObject* parent = nullptr);
    ~RelayService() override;

    void setDisplayName(const QString& name) { m_displayName = name.toStdString(); }
    // The capabilities this node announces in its handshakes.
    [[nodiscard]] std::uint32_t capabilities() const;

    // RelayPath
    [[nodiscard]] bool canReach(const PeerId& peer) const override;
    bool send(const proto::Envelope& envelope) override;
    [[nodiscard]] std::optional<PeerId> transferRelayFor(const PeerId& peer) const override;
    [[nodiscard]] std::optional<std::uint32_t> capabilitiesOf(const PeerId& peer) const override;

    [[nodiscard]] RouteView route(const PeerId& peer) const;
    [[nodiscard]] RelayStats stats();
    [[nodiscard]] const RelaySettings& settings() const { return m_settings; }

signals:
    // A peer's signed statement arrived (its name may have changed): the node
    // lists it, pinned like a peer met directly.
    void peerLearned(const confab::PeerId& peer, const QString& displayName);
    // Hostile or broken input that was refused, for the event log (rate limited).
    void refused(const QString& reason);
    // The way to some peer changed (a route came, went or moved): what the
    // peer list shows as "via" may have changed too.
    void routesChanged();

private:
    struct Originated;
    struct Pending;

    void onPeerConnected(const PeerId& peer);
    void onPeerDisconnected(const PeerId& peer);
    void onBlockChanged(const PeerId& peer, bool blocked);
    // False (and the link closed) for a peer that never announced relaying.
    bool acceptsRelayMessagesFrom(const PeerId& from);
    void onEnvelopes(const PeerId& from, const std::vector<Bytes>& bodies);
    void onReachability(const PeerId& from, const std::vector<Bytes>& bodies);
    void onCustody(const PeerId& from, const std::vector<Bytes>& bodies);
    void receive(const PeerId& from, proto::RelayEnvelope envelope);
    void openForUs(const PeerId& from, const proto::RelayEnvelope& envelope);
    void learnFromReceipt(const PeerId& from, const proto::RelayEnvelope& receipt);
    // A receipt opened here: what this node sealed for the messages it names is settled.
    void settleAcknowledged(const proto::Envelope& receiptEnvelope);
    // Passes an envelope on; `origin` (the neighbour it came from) never gets it back.
    void forward(const proto::RelayEnvelope& envelope, const std::optional<PeerId>& origin, bool flood);
    void forwardHeldFor(const PeerId& recipient);
    // Passes on an envelope this node holds for someone else, one hop further.
    void passOnHeld(const storage::HeldEnvelope& held, bool flood);
    void sendCustody(const PeerId& to, const MessageId& routingId);
    void maintain();
    void queueAdvertisement(const PeerId& subject);
    void advertiseAll(const PeerId& neighbour);
    void flushAdvertisements();
    void sendEntries(const PeerId& neighbour, const std::vector<proto::ReachabilityEntry>& entries);
    [[nodiscard]] std::vector<PeerId> neighbours(bool carriersOnly) const;
    [[nodiscard]] bool isNeighbour(const PeerId& peer, bool carrierOnly) const;
    [[nodiscard]] std::optional<crypto::PublicKey> identityKeyOf(const PeerId& peer) const;
    std::optional<proto::RelayEnvelope> seal(const proto::Envelope& envelope,
                                             const crypto::PublicKey& recipientKey);
    void refuse(std::uint64_t& counter, const QString& reason);
    // Whether what we seal now for the envelope's recipient goes flagged ("Delivery timeout").
    // How long after its last sealing a message without a receipt is sealed afresh.
    [[nodiscard]] static std::int64_t lateAfterMs(int attempts);
    [[nodiscard]] bool floodsTo(const proto::Envelope& envelope) const;
    // Floods what we seal for `peer` (as `until` says) for the next kAvoidRouteMs.
    void floodFor(std::map<PeerId, std::int64_t>& until, const PeerId& peer);

    session::MessagePort& m_port;
    const crypto::IdentityKeyPair& m_identity;
    session::TrustStore& m_trust;
    storage::RelayStore& m_store;
    Clock& m_clock;
    RelaySettings m_settings;
    std::string m_displayName;
    RoutingTable m_routes;
    ReachabilityBook m_book;
    std::unique_ptr<Timer> m_advertiseTimer;
    std::unique_ptr<Timer> m_maintenanceTimer;
    std::set<PeerId> m_toAdvertise;
    std::map<MessageId, Originated> m_originated; // by routing id
    std::map<MessageId, Pending> m_pending;       // awaiting a neighbour's custody, by routing id
    std::map<MessageId, MessageId> m_routingOf;   // envelope id -> routing id it arrived with
    // Flagged floods passed on -> the most hops left a copy arrived with.
    std::map<MessageId, std::uint8_t> m_floodHopLimits;
    // Peers whose route failed silently -> until when all we seal for them is flooded.
    std::map<PeerId, std::int64_t> m_floodUntil;
    // Peers whose envelopes arrived flooded -> until when our receipts to them
    // are flooded too (the way back may fail the same way).
    std::map<PeerId, std::int64_t> m_floodReceiptsUntil;
    RelayStats m_stats;
    std::optional<std::int64_t> m_lastRefusalLogMs;
    std::int64_t m_lastPruneMs = 0;
};

} // namespace confab::relay
