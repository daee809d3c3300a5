// Time as Unix seconds and as RFC 3339 UTC text ("2026-11-23T10:15:00Z").
#pragma once

#include "result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace wardvoice::common {

/// Current wall-clock time in whole Unix seconds.
std::int64_t nowUnix();

/// Formats Unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string formatRfc3339(std::int64_t unixSeconds);

/// Parses RFC 3339 ("2026-11-23T10:15:00Z", "...T10:15:00.123+01:00"); fractions are dropped.
/// Fails with "bad_timestamp" naming what is wrong.
Result<std::int64_t> parseRfc3339(std::string_view text);

/// Parses a date "YYYY-MM-DD" (as the start of that day, UTC) or a full RFC 3339 time.
Result<std::int64_t> parseDateOrTime(std::string_view text);

} // namespace wardvoice::common
