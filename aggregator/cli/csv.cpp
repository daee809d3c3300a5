// RFC 4180 CSV writing, safe to open in a spreadsheet.
#include "aggregator/cli/csv.hpp"

namespace wardvoice::aggregator {

std::string csvField(std::string_view value) {
    std::string text(value);
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                          text[0] == '\t' || text[0] == '\r')) {
        text.insert(text.begin(), '\'');
    }
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string csvRow(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line.push_back(',');
        }
        line += csvField(fields[i]);
    }
    line += "\r\n";
    return line;
}

} // namespace wardvoice::aggregator
