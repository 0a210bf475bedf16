#include "reachability_book.h"

namespace confab::relay {

bool verifyStatement(const proto::ReachabilityStatement& statement)
{
    return crypto::derivePeerId(statement.identityKey) == statement.peer &&
           crypto::verifySignature(statement.identityKey, proto::reachabilitySignedBytes(statement),
                                   statement.signature);
}

ReachabilityBook::Verdict ReachabilityBook::accept(const proto::ReachabilityStatement& statement,
                                                   std::int64_t nowMs)
{
    const auto issued = static_cast<std::int64_t>(statement.issuedMs);
    const auto expires = static_cast<std::int64_t>(statement.expiresMs);
    if (expires <= nowMs || issued > nowMs + kClockSkewMs || expires > issued + kValidityMs ||
        statement.peer == m_identity.peerId()) {
        return Verdict::Stale;
    }
    const auto known = m_statements.find(statement.peer);
    if (known != m_statements.end()) {
        if (known->second.issuedMs > statement.issuedMs) {
            return Verdict::Stale;
        }
        if (known->second == statement) {
            return Verdict::Known; // checked when it first came: no signature check again
        }
    }
    if (!verifyStatement(statement)) {
        return Verdict::Invalid;
    }
    if (known != m_statements.end() && known->second.identityKey != statement.identityKey) {
        return Verdict::Invalid; // the ID derives from the key: a different key cannot be valid
    }
    m_statements[statement.peer] = statement;
    return Verdict::New;
}

std::optional<proto::ReachabilityStatement> ReachabilityBook::statementOf(const PeerId& peer) const
{
    const auto it = m_statements.find(peer);
    if (it == m_statements.end()) {
        return std::nullopt;
    }
    return it->second;
}

const proto::ReachabilityStatement& ReachabilityBook::own(const std::string& displayName,
                                                          std::uint32_t capabilities, std::int64_t nowMs)
{
    if (ownIsDue(displayName, capabilities, nowMs)) {
        proto::ReachabilityStatement statement;
        statement.peer = m_identity.peerId();
        statement.identityKey = m_identity.publicKey();
        statement.issuedMs = static_cast<std::uint64_t>(nowMs);
        statement.expiresMs = static_cast<std::uint64_t>(nowMs + kValidityMs);
        statement.capabilities = capabilities;
        statement.displayName = displayName;
        statement.signature = m_identity.sign(proto::reachabilitySignedBytes(statement));
        m_own = statement;
    }
    return *m_own;
}

bool ReachabilityBook::ownIsDue(const std::string& displayName, std::uint32_t capabilities,
                                std::int64_t nowMs) const
{
    return !m_own || static_cast<std::int64_t>(m_own->issuedMs) + kReissueMs <= nowMs ||
           m_own->displayName != displayName || m_own->capabilities != capabilities;
}

void ReachabilityBook::expire(std::int64_t nowMs)
{
    for (auto it = m_statements.begin(); it != m_statements.end();) {
        it =
            static_cast<std::int64_t>(it->second.expiresMs) <= nowMs ? m_statements.erase(it) : std::next(it);
    }
}

} // namespace confab::relay
