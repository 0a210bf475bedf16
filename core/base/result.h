#pragma once

#include <utility>
#include <variant>

namespace confab {

// A value or an error enum. Decoders return this; nothing throws across layers.
template <typename T, typename E> class Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(E error) : m_state(std::in_place_index<1>, error) {} // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { return std::get<0>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<0>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_state)); }
    [[nodiscard]] E error() const { return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};

} // namespace confab
