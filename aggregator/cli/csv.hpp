// RFC 4180 CSV writing, safe to open in a spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::aggregator {

/// Quotes a field when needed; a field that a spreadsheet would run as a formula (=, +, -, @,
/// tab, CR) gets a leading apostrophe so that patient text can never execute.
std::string csvField(std::string_view value);

/// One line: fields joined by commas, ending with CRLF.
std::string csvRow(const std::vector<std::string>& fields);

} // namespace wardvoice::aggregator
