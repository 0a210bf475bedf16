#include "peer_authenticator.h"

#include "crypto/identity.h"

namespace confab::session {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

} // namespace

AuthDecision PeerAuthenticator::check(const proto::HandshakePayload& payload,
                                      const crypto::PublicKey& noiseRemoteStatic,
                                      const std::optional<PeerId>& expectedPeer)
{
    using Verdict = AuthDecision::Verdict;
    const auto noiseKey = noiseKeyOf(payload.identityKey);
    if (!noiseKey || *noiseKey != noiseRemoteStatic) {
        return {Verdict::SecurityViolation,
                QStringLiteral("identity key of %1 does not match its handshake key")
                    .arg(idText(payload.peerId))};
    }
    // Checked before the derivation so that an impersonation of a peer we know
    // is reported as exactly that.
    if (const auto pinned = m_trust.pinnedKey(payload.peerId); pinned && *pinned != payload.identityKey) {
        return {Verdict::SecurityViolation,
                QStringLiteral("peer %1 presented a different identity key than the one pinned for it")
                    .arg(idText(payload.peerId))};
    }
    if (crypto::derivePeerId(payload.identityKey) != payload.peerId) {
        return {Verdict::SecurityViolation,
                QStringLiteral("peer ID %1 does not belong to the identity key presented")
                    .arg(idText(payload.peerId))};
    }
    if (payload.peerId == m_self) {
        return {Verdict::Reject, QStringLiteral("connected to itself")};
    }
    if (expectedPeer && *expectedPeer != payload.peerId) {
        return {Verdict::Reject, QStringLiteral("expected peer %1 but %2 answered")
                                     .arg(idText(*expectedPeer), idText(payload.peerId))};
    }
    if (!m_trust.pinnedKey(payload.peerId)) {
        m_trust.pin(payload.peerId, payload.identityKey);
    }
    return {};
}

std::optional<crypto::PublicKey> PeerAuthenticator::noiseKeyOf(const crypto::PublicKey& identityKey)
{
    if (const auto it = m_noiseKeys.find(identityKey); it != m_noiseKeys.end()) {
        return it->second;
    }
    const auto noiseKey = crypto::identityToNoiseKey(identityKey);
    if (noiseKey) {
        if (m_noiseKeys.size() >= kMaxRememberedKeys) {
            m_noiseKeys.clear(); // strangers flooding handshakes cannot grow it
        }
        m_noiseKeys.emplace(identityKey, *noiseKey);
    }
    return noiseKey;
}

} // namespace confab::session
