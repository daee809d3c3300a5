// CSV quoting and spreadsheet-formula neutralising.
#include "aggregator/cli/csv.hpp"

#include <gtest/gtest.h>

namespace wardvoice::aggregator {
namespace {

TEST(Csv, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(csvField("plain"), "plain");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvRow({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(Csv, FormulasCannotRunInASpreadsheet) {
    EXPECT_EQ(csvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(csvField("+1"), "'+1");
    EXPECT_EQ(csvField("-2"), "'-2");
    EXPECT_EQ(csvField("@cmd"), "'@cmd");
}

} // namespace
} // namespace wardvoice::aggregator
