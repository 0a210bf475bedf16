#include "relay/reachability_book.h"
#include "support/qt_environment.h"

#include <gtest/gtest.h>

namespace confab::relay {
namespace {

using Verdict = ReachabilityBook::Verdict;

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kMinute = 60'000;

// A statement as `subject` issues it at `issuedMs`, signed by `signer`.
proto::ReachabilityStatement statementBy(const crypto::IdentityKeyPair& subject, std::int64_t issuedMs,
                                         const std::string& name = "Alice",
                                         const crypto::IdentityKeyPair* signer = nullptr)
{
    proto::ReachabilityStatement statement;
    statement.peer = subject.peerId();
    statement.identityKey = subject.publicKey();
    statement.issuedMs = static_cast<std::uint64_t>(issuedMs);
    statement.expiresMs = static_cast<std::uint64_t>(issuedMs + ReachabilityBook::kValidityMs);
    statement.capabilities = 3;
    statement.displayName = name;
    statement.signature =
        (signer != nullptr ? *signer : subject).sign(proto::reachabilitySignedBytes(statement));
    return statement;
}

proto::ReachabilityStatement resigned(proto::ReachabilityStatement statement,
                                      const crypto::IdentityKeyPair& signer)
{
    statement.signature = signer.sign(proto::reachabilitySignedBytes(statement));
    return statement;
}

class ReachabilityBookTest : public ::testing::Test {
protected:
    crypto::IdentityKeyPair self = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair alice = crypto::IdentityKeyPair::generate();
    crypto::IdentityKeyPair mallory = crypto::IdentityKeyPair::generate();
    ReachabilityBook book{self};
};

TEST_F(ReachabilityBookTest, AcceptsAValidStatementOnceThenKnowsIt)
{
    const auto statement = statementBy(alice, kNow);
    EXPECT_TRUE(verifyStatement(statement));
    EXPECT_EQ(book.accept(statement, kNow), Verdict::New);
    EXPECT_EQ(book.statementOf(alice.peerId()), statement);
    EXPECT_EQ(book.accept(statement, kNow + kMinute), Verdict::Known);
    EXPECT_FALSE(book.statementOf(mallory.peerId()).has_value());
}

TEST_F(ReachabilityBookTest, BadSignatureIsInvalid)
{
    auto statement = statementBy(alice, kNow);
    statement.signature[5] ^= 0x01;
    EXPECT_FALSE(verifyStatement(statement));
    EXPECT_EQ(book.accept(statement, kNow), Verdict::Invalid);
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());
}

TEST_F(ReachabilityBookTest, EverySignedFieldIsCovered)
{
    const auto genuine = statementBy(alice, kNow);
    std::vector<proto::ReachabilityStatement> altered(6, genuine);
    altered[0].displayName = "Mallory";
    altered[1].capabilities = 1;
    altered[2].issuedMs += 1;
    altered[3].expiresMs -= 1;
    altered[4].identityKey = mallory.publicKey();
    altered[5].peer = mallory.peerId();
    for (const auto& statement : altered) {
        EXPECT_FALSE(verifyStatement(statement));
        EXPECT_EQ(book.accept(statement, kNow), Verdict::Invalid);
    }
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());
}

TEST_F(ReachabilityBookTest, ForgedKeyBindingIsRejected)
{
    // Mallory binds its own key to Alice's id, and signs it properly.
    proto::ReachabilityStatement forged = statementBy(mallory, kNow, "Alice");
    forged.peer = alice.peerId();
    forged = resigned(forged, mallory);
    EXPECT_FALSE(verifyStatement(forged));
    EXPECT_EQ(book.accept(forged, kNow), Verdict::Invalid);
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());

    // Alice's own id and key, but Mallory's signature.
    EXPECT_EQ(book.accept(statementBy(alice, kNow, "Alice", &mallory), kNow), Verdict::Invalid);
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());

    // Once Alice's genuine statement is held, a newer forged one does not replace it.
    const auto genuine = statementBy(alice, kNow);
    ASSERT_EQ(book.accept(genuine, kNow), Verdict::New);
    proto::ReachabilityStatement newer = statementBy(mallory, kNow + kMinute, "Alice");
    newer.peer = alice.peerId();
    newer = resigned(newer, mallory);
    EXPECT_EQ(book.accept(newer, kNow + kMinute), Verdict::Invalid);
    EXPECT_EQ(book.statementOf(alice.peerId()), genuine);
}

TEST_F(ReachabilityBookTest, NewerReplacesOlderAndOlderIsStale)
{
    const auto first = statementBy(alice, kNow, "Alice");
    const auto second = statementBy(alice, kNow + 10 * kMinute, "Alice B.");
    EXPECT_EQ(book.accept(first, kNow), Verdict::New);
    EXPECT_EQ(book.accept(second, kNow + 10 * kMinute), Verdict::New);
    EXPECT_EQ(book.statementOf(alice.peerId()), second);
    // A relay replaying the older one changes nothing.
    EXPECT_EQ(book.accept(first, kNow + 10 * kMinute), Verdict::Stale);
    EXPECT_EQ(book.statementOf(alice.peerId()), second);
}

TEST_F(ReachabilityBookTest, StaleStatements)
{
    // Expired.
    EXPECT_EQ(book.accept(statementBy(alice, kNow - ReachabilityBook::kValidityMs), kNow), Verdict::Stale);
    // Issued too far in the future for clock skew.
    EXPECT_EQ(book.accept(statementBy(alice, kNow + ReachabilityBook::kClockSkewMs + 1), kNow),
              Verdict::Stale);
    // Claims to live longer than a statement may.
    auto tooLong = statementBy(alice, kNow);
    tooLong.expiresMs += 1;
    EXPECT_EQ(book.accept(resigned(tooLong, alice), kNow), Verdict::Stale);
    // About this node itself.
    EXPECT_EQ(book.accept(statementBy(self, kNow), kNow), Verdict::Stale);
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());
    EXPECT_FALSE(book.statementOf(self.peerId()).has_value());

    // Times beyond the signed range of a 64-bit clock are stale, not a crash.
    auto huge = statementBy(alice, kNow);
    huge.issuedMs = 0xffffffffffffffff;
    huge.expiresMs = 0xffffffffffffffff;
    EXPECT_EQ(book.accept(resigned(huge, alice), kNow), Verdict::Stale);
    huge.issuedMs = 0x8000000000000000;
    huge.expiresMs = 0x7fffffffffffffff;
    EXPECT_EQ(book.accept(resigned(huge, alice), kNow), Verdict::Stale);
}

TEST_F(ReachabilityBookTest, AcceptsWithinTheClockSkew)
{
    EXPECT_EQ(book.accept(statementBy(alice, kNow + ReachabilityBook::kClockSkewMs), kNow), Verdict::New);
}

TEST_F(ReachabilityBookTest, ExpireForgetsExpiredStatements)
{
    const auto statement = statementBy(alice, kNow);
    ASSERT_EQ(book.accept(statement, kNow), Verdict::New);
    book.expire(kNow + ReachabilityBook::kValidityMs - 1);
    EXPECT_TRUE(book.statementOf(alice.peerId()).has_value());
    book.expire(kNow + ReachabilityBook::kValidityMs);
    EXPECT_FALSE(book.statementOf(alice.peerId()).has_value());
}

TEST_F(ReachabilityBookTest, OwnStatementIsSignedAndRenewedWhenDue)
{
    const auto own = book.own("Me", 3, kNow);
    EXPECT_TRUE(verifyStatement(own));
    EXPECT_EQ(own.peer, self.peerId());
    EXPECT_EQ(own.identityKey, self.publicKey());
    EXPECT_EQ(own.issuedMs, static_cast<std::uint64_t>(kNow));
    EXPECT_EQ(own.expiresMs, static_cast<std::uint64_t>(kNow + ReachabilityBook::kValidityMs));
    EXPECT_EQ(own.displayName, "Me");
    EXPECT_EQ(own.capabilities, 3U);

    EXPECT_FALSE(book.ownIsDue("Me", 3, kNow + ReachabilityBook::kReissueMs - 1));
    EXPECT_EQ(book.own("Me", 3, kNow + ReachabilityBook::kReissueMs - 1), own);
    EXPECT_TRUE(book.ownIsDue("Me", 3, kNow + ReachabilityBook::kReissueMs));
    EXPECT_TRUE(book.ownIsDue("Me too", 3, kNow + 1));
    EXPECT_TRUE(book.ownIsDue("Me", 1, kNow + 1));

    const auto renamed = book.own("Me too", 3, kNow + 1);
    EXPECT_TRUE(verifyStatement(renamed));
    EXPECT_EQ(renamed.displayName, "Me too");
    EXPECT_EQ(renamed.issuedMs, static_cast<std::uint64_t>(kNow + 1));

    // Another node takes it.
    ReachabilityBook other(alice);
    EXPECT_EQ(other.accept(renamed, kNow + 1), Verdict::New);
}

TEST_F(ReachabilityBookTest, OwnStatementWithALongNameVerifiesAfterTransit)
{
    const auto own = book.own(std::string(80, 'x'), 3, kNow);
    const auto decoded = proto::decodeReachability(proto::encodeReachability({{0, own}}));
    ASSERT_TRUE(decoded.ok());
    ReachabilityBook other(alice);
    EXPECT_EQ(other.accept(decoded.value()[0].statement, kNow), Verdict::New);
}

} // namespace
} // namespace confab::relay
