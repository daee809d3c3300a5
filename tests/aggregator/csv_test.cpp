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

TEST(CsvRead, HandlesQuotesNewlinesCrlfAndByteOrderMark) {
    auto t = parseCsv("\xEF\xBB\xBFid,comment\r\n1,\"two\nlines, \"\"quoted\"\"\"\r\n2,plain\r\n",
                      "in.csv");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->header, (std::vector<std::string>{"id", "comment"}));
    ASSERT_EQ(t->rows.size(), 2u);
    EXPECT_EQ(t->rows[0][1], "two\nlines, \"quoted\"");
    EXPECT_EQ(t->rows[1][1], "plain");
    EXPECT_EQ(t->lines, (std::vector<std::size_t>{2, 4}))
        << "a quoted newline moves the next row down";
    EXPECT_EQ(t->column("comment"), 1);
    EXPECT_EQ(t->column("missing"), -1);
}

TEST(CsvRead, LastRowWithoutNewlineAndBlankLinesAreFine) {
    auto t = parseCsv("a,b\n\n1,2", "in.csv");
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->rows.size(), 1u);
    EXPECT_EQ(t->rows[0], (std::vector<std::string>{"1", "2"}));
}

TEST(CsvRead, AQuotedEmptyValueIsARowNotABlankLine) {
    // one column: `""` is an empty comment, and row numbers must stay those of the input
    auto t = parseCsv("comment\nfirst\n\"\"\nthird\n\n\"\"", "in.csv");
    ASSERT_TRUE(t.ok()) << t.error().message;
    ASSERT_EQ(t->rows.size(), 4u);
    EXPECT_EQ(t->rows[1], (std::vector<std::string>{""}));
    EXPECT_EQ(t->rows[2], (std::vector<std::string>{"third"}));
    EXPECT_EQ(t->rows[3], (std::vector<std::string>{""}));
}

TEST(CsvRead, ErrorsNameTheSourceAndLine) {
    EXPECT_EQ(parseCsv("a,b\n1,\"open\n", "x.csv").error().message,
              "x.csv:2: a quoted field is never closed");
    EXPECT_EQ(parseCsv("a,b\n1,2,3\n", "x.csv").error().message,
              "x.csv:2: expected 2 fields as in the header, found 3");
    EXPECT_EQ(parseCsv("a\n\xC3\x28\n", "x.csv").error().message, "x.csv:2: invalid UTF-8");
    EXPECT_EQ(parseCsv("", "x.csv").error().message, "x.csv: the file is empty (no header row)");
    EXPECT_FALSE(readCsvFile("/nonexistent/file.csv").ok());
}

} // namespace
} // namespace wardvoice::aggregator
