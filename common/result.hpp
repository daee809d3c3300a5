// Result<T>: a value or an Error (stable code plus human-readable message) for expected failures.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace wardvoice::common {

/// An expected failure: `code` is stable and machine-readable (e.g. "rating_out_of_range"),
/// `message` explains it to a person (lower-case, no trailing period).
struct Error {
    std::string code;
    std::string message;
};

/// Either a T or an Error. Check with `ok()` (or `if (result)`) before calling `value()`.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok() && "value() on an error result");
        return std::get<T>(m_data);
    }
    const T& value() const& {
        assert(ok() && "value() on an error result");
        return std::get<T>(m_data);
    }
    T&& value() && {
        assert(ok() && "value() on an error result");
        return std::get<T>(std::move(m_data));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok() && "error() on a success result");
        return std::get<Error>(m_data);
    }

private:
    std::variant<T, Error> m_data;
};

/// Success or an Error, for operations that return nothing.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(m_failed && "error() on a success status");
        return m_error;
    }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(std::string code, std::string message) {
    return Error{std::move(code), std::move(message)};
}

} // namespace wardvoice::common
