// Typed reading of staff request bodies and path ids: every field checked, the first wrong
// one named in a 400 (`bad_<field>`), never an exception from a wrong JSON type.
#pragma once

#include "common/result.hpp"
#include "common/utf8.hpp"
#include "common/wire.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::aggregator {

class BodyFields {
public:
    explicit BodyFields(const nlohmann::json& body) : m_body(body) {}

    /// A whole number in [min, max]; `fallback` when absent or null.
    BodyFields& integer(const char* key, std::int64_t min, std::int64_t max, std::int64_t fallback,
                        std::int64_t& out) {
        out = fallback;
        const auto it = m_body.find(key);
        if (!m_error && it != m_body.end() && !it->is_null()) {
            if (!it->is_number_integer() || it->get<std::int64_t>() < min ||
                it->get<std::int64_t>() > max) {
                fail(key, std::string(key) + " must be a whole number from " + std::to_string(min) +
                              " to " + std::to_string(max));
            } else {
                out = it->get<std::int64_t>();
            }
        }
        return *this;
    }

    /// UTF-8 text of at most `maxChars` characters; "" when absent or null unless required.
    BodyFields& text(const char* key, std::size_t maxChars, std::string& out,
                     bool required = false) {
        out.clear();
        const auto it = present(key, required);
        if (it == m_body.end()) {
            return *this;
        }
        if (!it->is_string()) {
            fail(key, std::string(key) + " must be a string");
            return *this;
        }
        const auto& value = it->get_ref<const std::string&>();
        if (!common::utf8::isValid(value) || common::utf8::length(value) > maxChars) {
            fail(key, std::string(key) + " must be UTF-8 text of at most " +
                          std::to_string(maxChars) + " characters");
            return *this;
        }
        out = value;
        return *this;
    }

    /// true or false; `fallback` when absent or null.
    BodyFields& boolean(const char* key, bool fallback, bool& out) {
        out = fallback;
        const auto it = m_body.find(key);
        if (!m_error && it != m_body.end() && !it->is_null()) {
            if (!it->is_boolean()) {
                fail(key, std::string(key) + " must be true or false");
            } else {
                out = it->get<bool>();
            }
        }
        return *this;
    }

    /// An array of whole numbers in [min, max] of at most `maxItems`; empty when absent.
    BodyFields& integers(const char* key, std::int64_t min, std::int64_t max, std::size_t maxItems,
                         std::vector<std::int64_t>& out) {
        out.clear();
        const auto it = m_body.find(key);
        if (m_error || it == m_body.end() || it->is_null()) {
            return *this;
        }
        const std::string rule = std::string(key) + " must be an array of at most " +
                                 std::to_string(maxItems) + " whole numbers from " +
                                 std::to_string(min) + " to " + std::to_string(max);
        if (!it->is_array() || it->size() > maxItems) {
            fail(key, rule);
            return *this;
        }
        for (const auto& v : *it) {
            if (!v.is_number_integer() || v.get<std::int64_t>() < min ||
                v.get<std::int64_t>() > max) {
                fail(key, rule);
                return *this;
            }
            out.push_back(v.get<std::int64_t>());
        }
        return *this;
    }

    /// An array of strings of at most `maxItems`, each at most `maxChars`.
    BodyFields& strings(const char* key, std::size_t maxItems, std::size_t maxChars,
                        std::vector<std::string>& out, bool required = false) {
        out.clear();
        const auto it = present(key, required);
        if (it == m_body.end()) {
            return *this;
        }
        const std::string rule = std::string(key) + " must be an array of at most " +
                                 std::to_string(maxItems) + " strings";
        if (!it->is_array() || it->size() > maxItems) {
            fail(key, rule);
            return *this;
        }
        for (const auto& v : *it) {
            if (!v.is_string() || !common::utf8::isValid(v.get_ref<const std::string&>()) ||
                common::utf8::length(v.get_ref<const std::string&>()) > maxChars) {
                fail(key, rule);
                return *this;
            }
            out.push_back(v.get<std::string>());
        }
        return *this;
    }

    /// The first wrong field, as (code "bad_<field>", detail); none when all were right.
    const std::optional<std::pair<std::string, std::string>>& error() const { return m_error; }

private:
    /// The field, or end() when it is absent or null (failing then if it is required) or an
    /// earlier field already failed.
    nlohmann::json::const_iterator present(const char* key, bool required) {
        const auto it = m_body.find(key);
        if (m_error) {
            return m_body.end();
        }
        if (it == m_body.end() || it->is_null()) {
            if (required) {
                fail(key, std::string(key) + " is required");
            }
            return m_body.end();
        }
        return it;
    }

    void fail(const char* key, std::string detail) {
        m_error = std::make_pair("bad_" + std::string(key), std::move(detail));
    }

    const nlohmann::json& m_body;
    std::optional<std::pair<std::string, std::string>> m_error;
};

/// A positive id from a path segment of digits; none when it does not fit 63 bits.
inline std::optional<std::int64_t> pathId(std::string_view digits) {
    if (digits.empty() || digits.size() > 18) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        v = v * 10 + (c - '0');
    }
    return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

} // namespace wardvoice::aggregator
