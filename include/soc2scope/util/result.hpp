#pragma once

#include <utility>
#include <variant>

namespace soc2scope {

// Stands in for std::expected (C++23) until the toolchain has it.
template <typename T, typename E>
class Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    static Result failure(E error) { return Result(std::in_place_index<1>, std::move(error)); }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    const E& error() const { return std::get<1>(m_v); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    template <std::size_t I, typename U>
    Result(std::in_place_index_t<I> tag, U&& u) : m_v(tag, std::forward<U>(u)) {}

    std::variant<T, E> m_v;
};

} // namespace soc2scope
