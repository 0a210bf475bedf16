#include "routing_table.h"

#include "proto/relay_envelope.h"

namespace confab::relay {
namespace {

bool sameRoute(const std::optional<Route>& a, const std::optional<Route>& b)
{
    if (a.has_value() != b.has_value()) {
        return false;
    }
    return !a || (a->via == b->via && a->hops == b->hops);
}

} // namespace

bool RoutingTable::offer(const PeerId& subject, const PeerId& via, std::uint8_t hops, std::int64_t expiresMs,
                         std::int64_t nowMs)
{
    // Judged before adding one, which would wrap 255 round to 0.
    if (hops >= proto::kMaxHopLimit) {
        return false; // beyond what any envelope may travel
    }
    const auto total = static_cast<std::uint8_t>(hops + 1);
    const auto before = best(subject, nowMs);
    m_offers[subject][via] = Route{via, total, expiresMs};
    return !sameRoute(before, best(subject, nowMs));
}

bool RoutingTable::learn(const PeerId& subject, const PeerId& via, std::uint8_t hops, std::int64_t expiresMs,
                         std::int64_t nowMs)
{
    if (const auto offers = m_offers.find(subject); offers != m_offers.end()) {
        if (const auto known = offers->second.find(via);
            known != offers->second.end() && known->second.hops <= hops + 1) {
            return false;
        }
    }
    return offer(subject, via, hops, expiresMs, nowMs);
}

bool RoutingTable::withdraw(const PeerId& subject, const PeerId& via, std::int64_t nowMs)
{
    const auto it = m_offers.find(subject);
    if (it == m_offers.end()) {
        return false;
    }
    const auto before = best(subject, nowMs);
    it->second.erase(via);
    if (it->second.empty()) {
        m_offers.erase(it);
    }
    noteLoss(subject, before, nowMs);
    return !sameRoute(before, best(subject, nowMs));
}

void RoutingTable::noteLoss(const PeerId& subject, const std::optional<Route>& before, std::int64_t nowMs)
{
    if (before && !best(subject, nowMs)) {
        m_lastKnown[subject] = LastKnown{before->via, nowMs};
    }
}

void RoutingTable::neighbourLeft(const PeerId& subject, std::int64_t nowMs)
{
    if (!best(subject, nowMs)) {
        m_lastKnown[subject] = LastKnown{std::nullopt, nowMs};
    }
}

std::optional<LastKnown> RoutingTable::lastKnown(const PeerId& subject) const
{
    const auto it = m_lastKnown.find(subject);
    return it == m_lastKnown.end() ? std::nullopt : std::optional(it->second);
}

std::vector<PeerId> RoutingTable::dropNeighbour(const PeerId& via, std::int64_t nowMs)
{
    std::vector<PeerId> changed;
    for (const PeerId& subject : subjects()) {
        if (withdraw(subject, via, nowMs)) {
            changed.push_back(subject);
        }
    }
    return changed;
}

void RoutingTable::avoid(const PeerId& subject, const PeerId& via, std::int64_t untilMs)
{
    m_avoided[{subject, via}] = untilMs;
}

std::vector<PeerId> RoutingTable::expire(std::int64_t nowMs)
{
    std::vector<PeerId> changed;
    for (auto subject = m_offers.begin(); subject != m_offers.end();) {
        const auto before = best(subject->first, nowMs - 1);
        for (auto offer = subject->second.begin(); offer != subject->second.end();) {
            offer = offer->second.expiresMs <= nowMs ? subject->second.erase(offer) : std::next(offer);
        }
        if (!sameRoute(before, best(subject->first, nowMs))) {
            changed.push_back(subject->first);
        }
        noteLoss(subject->first, before, nowMs);
        subject = subject->second.empty() ? m_offers.erase(subject) : std::next(subject);
    }
    for (auto it = m_avoided.begin(); it != m_avoided.end();) {
        it = it->second <= nowMs ? m_avoided.erase(it) : std::next(it);
    }
    for (auto it = m_lastKnown.begin(); it != m_lastKnown.end();) {
        it = nowMs - it->second.sinceMs > kLastKnownMs ? m_lastKnown.erase(it) : std::next(it);
    }
    return changed;
}

std::optional<Route> RoutingTable::best(const PeerId& subject, std::int64_t nowMs) const
{
    const auto it = m_offers.find(subject);
    if (it == m_offers.end()) {
        return std::nullopt;
    }
    std::optional<Route> result;
    for (const auto& [via, route] : it->second) {
        if (route.expiresMs <= nowMs) {
            continue;
        }
        if (const auto avoided = m_avoided.find({subject, via});
            avoided != m_avoided.end() && avoided->second > nowMs) {
            continue;
        }
        // Fewest hops; ties go to the smaller neighbour ID, so the choice is stable.
        if (!result || route.hops < result->hops) {
            result = route;
        }
    }
    return result;
}

std::vector<PeerId> RoutingTable::subjects() const
{
    std::vector<PeerId> result;
    result.reserve(m_offers.size());
    for (const auto& [subject, offers] : m_offers) {
        result.push_back(subject);
    }
    return result;
}

} // namespace confab::relay
