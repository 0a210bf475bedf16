#pragma once

#include "proto/relay_envelope.h"
#include "session/message_port.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace confab::test {

// Links as a service sees them, without any network: the test says who is
// linked with which capabilities, hands the service link messages, and
// reads back everything the service sent and every peer it dropped.
class FakePort : public session::MessagePort {
public:
    struct Sent {
        PeerId to;
        proto::LinkMessageType type;
        Bytes body;
    };

    explicit FakePort(const PeerId& self) : m_self(self) {}

    [[nodiscard]] const PeerId& self() const override { return m_self; }
    bool send(const PeerId& peer, proto::LinkMessageType type, ByteView body) override
    {
        if (m_links.count(peer) == 0) {
            return false;
        }
        sent.push_back({peer, type, Bytes(body.begin(), body.end())});
        return true;
    }
    [[nodiscard]] bool isConnected(const PeerId& peer) const override { return m_links.count(peer) > 0; }
    [[nodiscard]] std::vector<PeerId> connectedPeers() const override
    {
        std::vector<PeerId> peers;
        for (const auto& [peer, capabilities] : m_links) {
            peers.push_back(peer);
        }
        return peers;
    }
    [[nodiscard]] std::optional<session::PeerLinkInfo> linkInfo(const PeerId& peer) const override
    {
        const auto it = m_links.find(peer);
        if (it == m_links.end()) {
            return std::nullopt;
        }
        session::PeerLinkInfo info;
        info.hello.peerId = peer;
        info.hello.capabilities = it->second;
        return info;
    }
    void setHandler(proto::LinkMessageType type, Handler handler) override
    {
        m_handlers[type] = std::move(handler);
    }
    void dropPeer(const PeerId& peer, const QString& reason) override { dropped.emplace_back(peer, reason); }
    [[nodiscard]] bool isBlocked(const PeerId& peer) const override { return m_blocked.count(peer) > 0; }

    // The user blocks the peer (its link goes first, as the links close it) or unblocks it.
    void block(const PeerId& peer, bool blocked)
    {
        if (blocked) {
            m_blocked.insert(peer);
            if (m_links.count(peer) != 0) {
                unlink(peer);
            }
        } else {
            m_blocked.erase(peer);
        }
        emit blockChanged(peer, blocked);
    }

    void link(const PeerId& peer, std::uint32_t capabilities)
    {
        m_links[peer] = capabilities;
        emit peerConnected(peer);
    }
    void unlink(const PeerId& peer)
    {
        m_links.erase(peer);
        emit peerDisconnected(peer, QStringLiteral("gone"));
    }
    // A link message from `from`, as the links hand it to its service.
    void deliver(const PeerId& from, proto::LinkMessageType type, const Bytes& body)
    {
        const auto it = m_handlers.find(type);
        if (it != m_handlers.end()) {
            it->second(from, {body});
        }
    }

    // The relayed envelopes sent to `to`, decoded, in order.
    [[nodiscard]] std::vector<proto::RelayEnvelope> envelopesTo(const PeerId& to) const
    {
        std::vector<proto::RelayEnvelope> result;
        for (const Sent& message : sent) {
            if (message.to == to && message.type == proto::LinkMessageType::RelayEnvelope) {
                auto envelope = proto::decodeRelayEnvelope(message.body);
                if (envelope) {
                    result.push_back(std::move(envelope).value());
                }
            }
        }
        return result;
    }
    // The routing ids `to` was told this node holds, in order.
    [[nodiscard]] std::vector<MessageId> custodyTo(const PeerId& to) const
    {
        std::vector<MessageId> result;
        for (const Sent& message : sent) {
            if (message.to == to && message.type == proto::LinkMessageType::RelayCustody) {
                auto ids = proto::decodeRelayCustody(message.body);
                if (ids) {
                    result.insert(result.end(), ids.value().begin(), ids.value().end());
                }
            }
        }
        return result;
    }
    [[nodiscard]] std::size_t countOf(proto::LinkMessageType type) const
    {
        std::size_t count = 0;
        for (const Sent& message : sent) {
            count += message.type == type ? 1 : 0;
        }
        return count;
    }

    std::vector<Sent> sent;
    std::vector<std::pair<PeerId, QString>> dropped;

private:
    PeerId m_self;
    std::map<PeerId, std::uint32_t> m_links; // linked peer -> announced capabilities
    std::set<PeerId> m_blocked;
    std::map<proto::LinkMessageType, Handler> m_handlers;
};

} // namespace confab::test
