// Time as Unix seconds and as RFC 3339 UTC text.
#include "timeutil.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace wardvoice::common {
namespace {

bool readDigits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) {
        return false;
    }
    out = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const char c = s[pos + k];
        if (c < '0' || c > '9') {
            return false;
        }
        out = out * 10 + (c - '0');
    }
    return true;
}

bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<std::int64_t>(y - era * 400);
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Error bad(std::string_view text, const char* why) {
    return makeError("bad_timestamp", std::string(why) + " in \"" + std::string(text) + "\"");
}

Result<std::int64_t> parseDate(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (!readDigits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !readDigits(s, 5, 2, m) ||
        s[7] != '-' || !readDigits(s, 8, 2, d)) {
        return bad(s, "expected YYYY-MM-DD");
    }
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
        return bad(s, "no such date");
    }
    return daysFromCivil(y, m, d) * 86400;
}

} // namespace

std::int64_t nowUnix() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatRfc3339(std::int64_t unixSeconds) {
    const auto t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

Result<std::int64_t> parseRfc3339(std::string_view s) {
    auto date = parseDate(s);
    if (!date) {
        return date.error();
    }
    int hh = 0, mm = 0, ss = 0;
    if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || !readDigits(s, 11, 2, hh) ||
        s[13] != ':' || !readDigits(s, 14, 2, mm) || s[16] != ':' || !readDigits(s, 17, 2, ss)) {
        return bad(s, "expected YYYY-MM-DDTHH:MM:SS followed by Z or an offset");
    }
    if (hh > 23 || mm > 59 || ss > 60) {
        return bad(s, "time of day out of range");
    }
    std::size_t p = 19;
    if (s[p] == '.') {
        ++p;
        const std::size_t fracStart = p;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            ++p;
        }
        if (p == fracStart || p - fracStart > 9) {
            return bad(s, "bad fraction of a second");
        }
    }
    std::int64_t offset = 0;
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) {
        offset = 0;
    } else if (p + 6 == s.size() && (s[p] == '+' || s[p] == '-') && s[p + 3] == ':') {
        int oh = 0, om = 0;
        if (!readDigits(s, p + 1, 2, oh) || !readDigits(s, p + 4, 2, om) || oh > 23 || om > 59) {
            return bad(s, "bad UTC offset");
        }
        offset = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
    } else {
        return bad(s, "expected Z or an offset like +01:00 at the end");
    }
    return date.value() + hh * 3600 + mm * 60 + std::min(ss, 59) - offset;
}

Result<std::int64_t> parseDateOrTime(std::string_view text) {
    if (text.size() == 10) {
        return parseDate(text);
    }
    return parseRfc3339(text);
}

} // namespace wardvoice::common
