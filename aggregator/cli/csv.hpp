// RFC 4180 CSV writing, safe to open in a spreadsheet.
#pragma once

#include "common/result.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::aggregator {

/// Quotes a field when needed; a field that a spreadsheet would run as a formula (=, +, -, @,
/// tab, CR) gets a leading apostrophe so that patient text can never execute.
std::string csvField(std::string_view value);

/// One line: fields joined by commas, ending with CRLF.
std::string csvRow(const std::vector<std::string>& fields);

/// A CSV file read whole: the header and the data rows, each row as long as the header.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines; ///< 1-based line where each data row starts

    /// Index of the column called `name`, or -1.
    int column(std::string_view name) const;
};

/// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines; CRLF or LF; a UTF-8
/// byte-order mark is skipped). Errors name `sourceName` and the line: invalid UTF-8, an
/// unterminated quote, a row with a different number of fields than the header, no header.
common::Result<CsvTable> parseCsv(std::string_view text, const std::string& sourceName);

/// Reads and parses a CSV file; a file that cannot be read is an error naming it.
common::Result<CsvTable> readCsvFile(const std::string& path);

/// The comments of a CSV file, as the offline commands (`themes`, `screen`) read them.
struct CommentColumns {
    std::vector<std::string> texts;
    std::vector<std::optional<int>> ratings; ///< empty cell: no rating; all empty without a column
};

/// Reads `path` and takes the column named `textColumn` and, when `ratingColumn` is not empty,
/// the FFT rating (1-6 or empty) from the column of that name. Errors name the file and line:
/// a missing column, a rating that is not an FFT answer, no data rows.
common::Result<CommentColumns> readCommentColumns(const std::string& path,
                                                  const std::string& textColumn,
                                                  const std::string& ratingColumn);

/// The same from a table already read from `path` (named in the errors).
common::Result<CommentColumns> commentColumns(const CsvTable& table, const std::string& path,
                                              const std::string& textColumn,
                                              const std::string& ratingColumn);

/// Writes `path` through `path.tmp` and a rename, so that a reader never sees half a file.
common::Status writeFileAtomically(const std::string& path,
                                   const std::function<void(std::ostream&)>& write);

} // namespace wardvoice::aggregator
