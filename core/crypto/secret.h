#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace confab::crypto {

void wipe(std::span<std::uint8_t> bytes);

// Fixed-size secret bytes that are wiped from memory when destroyed or
// overwritten. Never log or print one.
template <std::size_t N> class Secret {
public:
    Secret() = default;
    explicit Secret(const std::array<std::uint8_t, N>& bytes) : m_bytes(bytes) {}
    Secret(const Secret&) = default;
    Secret& operator=(const Secret& other)
    {
        if (this != &other) {
            m_bytes = other.m_bytes;
        }
        return *this;
    }
    ~Secret() { wipe(m_bytes); }

    [[nodiscard]] std::uint8_t* data() { return m_bytes.data(); }
    [[nodiscard]] const std::uint8_t* data() const { return m_bytes.data(); }
    [[nodiscard]] static constexpr std::size_t size() { return N; }
    [[nodiscard]] std::span<const std::uint8_t, N> view() const { return m_bytes; }
    [[nodiscard]] std::span<std::uint8_t, N> mutableView() { return m_bytes; }

private:
    std::array<std::uint8_t, N> m_bytes{};
};

using PublicKey = std::array<std::uint8_t, 32>;

} // namespace confab::crypto
