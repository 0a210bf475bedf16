#include "crypto/identity.h"
#include "proto/limits.h"
#include "session/peer_authenticator.h"
#include "support/memory_trust_store.h"
#include "support/qt_environment.h"

#include <gtest/gtest.h>

namespace confab::session {
namespace {

using Verdict = AuthDecision::Verdict;

proto::HandshakePayload payloadFor(const crypto::IdentityKeyPair& identity)
{
    proto::HandshakePayload payload;
    payload.protocolVersion = proto::kProtocolVersion;
    payload.peerId = identity.peerId();
    payload.identityKey = identity.publicKey();
    payload.displayName = "remote";
    payload.listenPort = 42042;
    return payload;
}

crypto::PublicKey noiseKeyOf(const crypto::IdentityKeyPair& identity)
{
    return identity.noiseStaticKey().publicKey;
}

class PeerAuthenticatorTest : public ::testing::Test {
protected:
    crypto::IdentityKeyPair m_self = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair m_remote = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair m_other = crypto::IdentityKeyPair::generate();
    test::MemoryTrustStore m_trust;
    PeerAuthenticator m_auth{m_self.peerId(), m_trust};
};

TEST_F(PeerAuthenticatorTest, AcceptsAConsistentNewPeerAndPinsItsKey)
{
    const AuthDecision decision = m_auth.check(payloadFor(m_remote), noiseKeyOf(m_remote), std::nullopt);
    EXPECT_TRUE(decision.accepted());
    EXPECT_EQ(decision.verdict, Verdict::Accept);
    EXPECT_TRUE(decision.reason.isEmpty());
    ASSERT_TRUE(m_trust.pinnedKey(m_remote.peerId()));
    EXPECT_EQ(*m_trust.pinnedKey(m_remote.peerId()), m_remote.publicKey());
}

TEST_F(PeerAuthenticatorTest, AcceptsAKnownPeerWithItsPinnedKeyWithoutPinningAgain)
{
    m_trust.preset(m_remote.peerId(), m_remote.publicKey());
    EXPECT_TRUE(m_auth.check(payloadFor(m_remote), noiseKeyOf(m_remote), m_remote.peerId()).accepted());
    EXPECT_EQ(m_trust.pinCalls(), 0);
}

TEST_F(PeerAuthenticatorTest, IdentityKeyNotOwningTheNoiseKeyIsASecurityViolation)
{
    // The payload claims m_remote, but the handshake was done with m_other's key.
    const AuthDecision decision = m_auth.check(payloadFor(m_remote), noiseKeyOf(m_other), std::nullopt);
    EXPECT_EQ(decision.verdict, Verdict::SecurityViolation);
    EXPECT_FALSE(decision.reason.isEmpty());
    EXPECT_EQ(m_trust.pinCalls(), 0);
}

TEST_F(PeerAuthenticatorTest, InvalidIdentityKeyIsASecurityViolation)
{
    proto::HandshakePayload payload = payloadFor(m_remote);
    payload.identityKey.fill(0xFF); // not an Ed25519 point
    const AuthDecision decision = m_auth.check(payload, noiseKeyOf(m_remote), std::nullopt);
    EXPECT_EQ(decision.verdict, Verdict::SecurityViolation);
    EXPECT_EQ(m_trust.pinCalls(), 0);
}

TEST_F(PeerAuthenticatorTest, KnownIdWithADifferentKeyIsASecurityViolation)
{
    // m_other takes over m_remote's ID, with a consistent handshake of its own.
    m_trust.preset(m_remote.peerId(), m_remote.publicKey());
    proto::HandshakePayload payload = payloadFor(m_other);
    payload.peerId = m_remote.peerId();
    const AuthDecision decision = m_auth.check(payload, noiseKeyOf(m_other), std::nullopt);
    EXPECT_EQ(decision.verdict, Verdict::SecurityViolation);
    EXPECT_TRUE(decision.reason.contains(QStringLiteral("pinned"))) << decision.reason.toStdString();
    EXPECT_EQ(*m_trust.pinnedKey(m_remote.peerId()), m_remote.publicKey()); // pin unchanged
    EXPECT_EQ(m_trust.pinCalls(), 0);
}

TEST_F(PeerAuthenticatorTest, IdNotDerivedFromTheKeyIsASecurityViolation)
{
    proto::HandshakePayload payload = payloadFor(m_remote);
    payload.peerId = m_other.peerId(); // unknown ID, not m_remote's
    const AuthDecision decision = m_auth.check(payload, noiseKeyOf(m_remote), std::nullopt);
    EXPECT_EQ(decision.verdict, Verdict::SecurityViolation);
    EXPECT_FALSE(decision.reason.isEmpty());
    EXPECT_EQ(m_trust.size(), 0u);
}

TEST_F(PeerAuthenticatorTest, ConnectionToSelfIsRejected)
{
    const AuthDecision decision = m_auth.check(payloadFor(m_self), noiseKeyOf(m_self), std::nullopt);
    EXPECT_EQ(decision.verdict, Verdict::Reject);
    EXPECT_FALSE(decision.reason.isEmpty());
    EXPECT_EQ(m_trust.size(), 0u);
}

TEST_F(PeerAuthenticatorTest, UnexpectedPeerIsRejectedAndNotPinned)
{
    const AuthDecision decision = m_auth.check(payloadFor(m_remote), noiseKeyOf(m_remote), m_other.peerId());
    EXPECT_EQ(decision.verdict, Verdict::Reject);
    EXPECT_TRUE(decision.reason.contains(QString::fromStdString(m_other.peerId().toText())))
        << decision.reason.toStdString();
    EXPECT_EQ(m_trust.size(), 0u);
}

TEST_F(PeerAuthenticatorTest, ExpectedPeerIsAccepted)
{
    EXPECT_TRUE(m_auth.check(payloadFor(m_remote), noiseKeyOf(m_remote), m_remote.peerId()).accepted());
}

} // namespace
} // namespace confab::session
