// `screen`: the safeguarding screen over the comments of a CSV file, for outside tools.
#pragma once

#include <string>

namespace wardvoice::aggregator {

struct ScreenArgs {
    std::string csv;
    std::string textColumn;
    std::string ratingColumn;
    std::string out;
};

/// Writes `row,flag,class,reason` (row 0-based, flag 1 or 0, class self_harm | harm_abuse |
/// neglect_unsafe | complaint_intent | none), one line per data row, reading the CSV with the
/// same rules and errors as `themes`. Returns the process exit code.
int runScreen(const ScreenArgs& args);

} // namespace wardvoice::aggregator
