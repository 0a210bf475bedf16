#pragma once

#include "base/message_id.h"
#include "base/peer_id.h"
#include "proto/envelope.h"

#include <QObject>

#include <cstdint>
#include <optional>

namespace confab::session {

// How a service reaches a peer it has no link to: sealed to the peer and
// carried by other peers that cannot read it (core/relay implements it). A
// service uses it only for peers MessagePort::isConnected() says no to.
class RelayPath : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Whether an envelope for `peer` can be handed to relays now: its
    // identity key is known and some neighbour carries envelopes.
    [[nodiscard]] virtual bool canReach(const PeerId& peer) const = 0;
    // Seals `envelope` to its recipient and hands it to relays. False when it
    // cannot (see canReach); nothing is then sent.
    virtual bool send(const proto::Envelope& envelope) = 0;
    // A neighbour that links to `peer` itself and passes transfer
    // connections on (capability TransferRelay): the way for a transfer
    // connection to a peer without a link. None when the best route is longer.
    [[nodiscard]] virtual std::optional<PeerId> transferRelayFor(const PeerId& peer) const = 0;
    // The proto::Capability bits `peer` announced in its newest reachability
    // statement: what it takes when relays carry envelopes to it. nullopt
    // when no statement of it is known.
    [[nodiscard]] virtual std::optional<std::uint32_t> capabilitiesOf(const PeerId& peer) const = 0;

signals:
    // A sealed envelope addressed to this node arrived and opened: its
    // sender is authenticated, as on a direct link.
    void envelopeReceived(const confab::PeerId& from, const confab::proto::Envelope& envelope);
    // A relay took charge of an envelope this node sent (by envelope id).
    void custodyTaken(const confab::MessageId& envelopeId);
    // A peer without a link became reachable through relays: queued
    // messages for it can go now.
    void reachable(const confab::PeerId& peer);
};

} // namespace confab::session
