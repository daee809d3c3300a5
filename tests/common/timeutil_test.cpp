// RFC 3339 parsing and formatting.
#include "common/timeutil.hpp"

#include <gtest/gtest.h>

namespace wardvoice::common {
namespace {

TEST(Time, FormatsUtc) {
    EXPECT_EQ(formatRfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(formatRfc3339(1795428900), "2026-11-23T10:15:00Z");
}

TEST(Time, ParsesZuluOffsetsAndFractions) {
    EXPECT_EQ(parseRfc3339("2026-11-23T10:15:00Z").value(), 1795428900);
    EXPECT_EQ(parseRfc3339("2026-11-23T10:15:00.250Z").value(), 1795428900);
    EXPECT_EQ(parseRfc3339("2026-11-23T11:15:00+01:00").value(), 1795428900);
    EXPECT_EQ(parseRfc3339("2026-11-23T05:15:00-05:00").value(), 1795428900);
    EXPECT_EQ(parseRfc3339("2024-02-29T00:00:00Z").value(), 1709164800);
}

TEST(Time, RejectsMalformedTimes) {
    for (const char* bad :
         {"", "2026-11-23", "2026-11-23 10:15:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
          "2023-02-29T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:15:00",
          "2026-11-23T10:15:00+1", "2026-11-23T10:15:00.Z", "yesterday"}) {
        auto r = parseRfc3339(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "bad_timestamp");
    }
}

TEST(Time, DateOrTime) {
    EXPECT_EQ(parseDateOrTime("2026-11-23").value(), 1795392000);
    EXPECT_EQ(parseDateOrTime("2026-11-23T10:15:00Z").value(), 1795428900);
    EXPECT_FALSE(parseDateOrTime("23/11/2026").ok());
}

} // namespace
} // namespace wardvoice::common
