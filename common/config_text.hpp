// Checks a TOML config file's bytes before the TOML parser sees them.
#pragma once

#include "result.hpp"

#include <string>
#include <string_view>

namespace wardvoice::common {

/// Refuses, naming `origin`:line:column, what no valid TOML holds and what toml++ 3.x does not
/// survive in every build (it asserts on some of it): malformed UTF-8, control characters
/// other than tab, CR and LF, and any non-ASCII character outside a quoted string or comment.
Status checkConfigText(std::string_view text, const std::string& origin);

} // namespace wardvoice::common
