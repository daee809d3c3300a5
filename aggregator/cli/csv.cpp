// RFC 4180 CSV writing, safe to open in a spreadsheet.
#include "aggregator/cli/csv.hpp"

#include "common/model.hpp"
#include "common/utf8.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

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

int CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

common::Result<CsvTable> parseCsv(std::string_view text, const std::string& sourceName) {
    auto failAt = [&](std::size_t line, const std::string& what) {
        return common::makeError("bad_csv", sourceName + ":" + std::to_string(line) + ": " + what);
    };
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    CsvTable table;
    std::vector<std::string> row;
    std::string field;
    std::size_t line = 1;
    std::size_t rowLine = 1;
    bool quoted = false;
    bool fieldStarted = false;
    auto endField = [&] {
        row.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
    };
    bool rowQuoted = false; // `""` is an empty value, not a blank line
    auto endRow = [&]() -> common::Status {
        const bool blank = row.empty() && field.empty() && !fieldStarted && !rowQuoted;
        endField();
        rowQuoted = false;
        for (const auto& f : row) {
            if (!common::utf8::isValid(f)) {
                return failAt(rowLine, "invalid UTF-8");
            }
        }
        if (table.header.empty()) {
            if (blank) {
                return failAt(rowLine, "the header row is empty");
            }
            table.header = std::move(row);
        } else if (!blank) {
            if (row.size() != table.header.size()) {
                return failAt(rowLine, "expected " + std::to_string(table.header.size()) +
                                           " fields as in the header, found " +
                                           std::to_string(row.size()));
            }
            table.rows.push_back(std::move(row));
            table.lines.push_back(rowLine);
        }
        row.clear();
        rowLine = line;
        return {};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') {
                    ++line;
                }
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            rowQuoted = true;
        } else if (c == ',') {
            endField();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            ++line;
            if (auto st = endRow(); !st) {
                return st.error();
            }
        } else {
            field.push_back(c);
            fieldStarted = true;
        }
    }
    if (quoted) {
        return failAt(rowLine, "a quoted field is never closed");
    }
    if (!field.empty() || !row.empty() || fieldStarted) {
        if (auto st = endRow(); !st) {
            return st.error();
        }
    }
    if (table.header.empty()) {
        return common::makeError("bad_csv", sourceName + ": the file is empty (no header row)");
    }
    return table;
}

common::Result<CsvTable> readCsvFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return common::makeError("io", "cannot read " + path);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parseCsv(buffer.str(), path);
}

common::Result<CommentColumns> readCommentColumns(const std::string& path,
                                                  const std::string& textColumn,
                                                  const std::string& ratingColumn) {
    auto table = readCsvFile(path);
    if (!table) {
        return table.error();
    }
    return commentColumns(table.value(), path, textColumn, ratingColumn);
}

common::Result<CommentColumns> commentColumns(const CsvTable& t, const std::string& path,
                                              const std::string& textColumn,
                                              const std::string& ratingColumn) {
    const int text = t.column(textColumn);
    if (text < 0) {
        return common::makeError("bad_csv", path + ":1: no column named \"" + textColumn + "\"");
    }
    int rating = -1;
    if (!ratingColumn.empty()) {
        rating = t.column(ratingColumn);
        if (rating < 0) {
            return common::makeError("bad_csv",
                                     path + ":1: no column named \"" + ratingColumn + "\"");
        }
    }
    if (t.rows.empty()) {
        return common::makeError("bad_csv", path + ": no data rows after the header");
    }
    CommentColumns out;
    out.texts.reserve(t.rows.size());
    out.ratings.reserve(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out.texts.push_back(t.rows[r][static_cast<std::size_t>(text)]);
        std::optional<int> value;
        if (rating >= 0) {
            const std::string& cell = t.rows[r][static_cast<std::size_t>(rating)];
            const bool digit = cell.size() == 1 && cell[0] >= '0' && cell[0] <= '9';
            if (!cell.empty() && (!digit || cell[0] - '0' < common::kRatingMin ||
                                  cell[0] - '0' > common::kRatingMax)) {
                return common::makeError("bad_csv", path + ":" + std::to_string(t.lines[r]) +
                                                        ": rating \"" + cell +
                                                        "\" is not an FFT answer 1-6");
            }
            if (digit) {
                value = cell[0] - '0';
            }
        }
        out.ratings.push_back(value);
    }
    return out;
}

common::Status writeFileAtomically(const std::string& path,
                                   const std::function<void(std::ostream&)>& write) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            return common::makeError("io", "cannot write " + temp);
        }
        write(out);
        if (!out.flush()) {
            return common::makeError("io", "cannot write " + temp);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        return common::makeError("io",
                                 "cannot rename " + temp + " to " + path + ": " + ec.message());
    }
    return {};
}

} // namespace wardvoice::aggregator
