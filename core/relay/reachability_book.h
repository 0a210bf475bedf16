#pragma once

#include "crypto/identity.h"
#include "proto/reachability.h"

#include <map>
#include <optional>
#include <vector>

namespace confab::relay {

// The newest valid reachability statement of every peer heard of, and this
// node's own. A statement is accepted only with a good signature by the
// identity key it names, and only for the peer ID that key derives.
class ReachabilityBook {
public:
    // How long a statement is valid, and how often a node issues a new one.
    static constexpr std::int64_t kValidityMs = 30LL * 60 * 1000;
    static constexpr std::int64_t kReissueMs = 10LL * 60 * 1000;
    // Clocks on a LAN disagree; a statement issued this far in the future is still taken.
    static constexpr std::int64_t kClockSkewMs = 10LL * 60 * 1000;

    enum class Verdict { New, Known, Stale, Invalid };

    explicit ReachabilityBook(const crypto::IdentityKeyPair& identity) : m_identity(identity) {}

    // Checks `statement`; New when it is newer than what was known (then kept).
    Verdict accept(const proto::ReachabilityStatement& statement, std::int64_t nowMs);
    [[nodiscard]] std::optional<proto::ReachabilityStatement> statementOf(const PeerId& peer) const;

    // This node's statement, signed; a new one when the last is due for renewal
    // or the name or capabilities changed.
    const proto::ReachabilityStatement& own(const std::string& displayName, std::uint32_t capabilities,
                                            std::int64_t nowMs);
    // Whether own() would issue a new statement now.
    [[nodiscard]] bool ownIsDue(const std::string& displayName, std::uint32_t capabilities,
                                std::int64_t nowMs) const;
    // Forgets statements that expired.
    void expire(std::int64_t nowMs);

private:
    const crypto::IdentityKeyPair& m_identity;
    std::map<PeerId, proto::ReachabilityStatement> m_statements;
    std::optional<proto::ReachabilityStatement> m_own;
};

// Whether `statement` is signed by the key it names and that key is `peer`'s.
bool verifyStatement(const proto::ReachabilityStatement& statement);

} // namespace confab::relay
