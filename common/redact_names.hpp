// Redaction of people's names where the text marks them as names (part of redact()).
#pragma once

#include <string>
#include <string_view>

namespace wardvoice::common {

/// Replaces names after a title or role, and capitalised common given names, with `[name]`;
/// adds how many to `count`. Idempotent, linear in the text's length.
std::string redactNames(std::string_view text, int& count);

} // namespace wardvoice::common
