// The CSV reader: any bytes are read or refused with a message; fields written by csvRow
// (with or without a leading U+FEFF) read back as written.
#include "aggregator/cli/csv.hpp"
#include "common/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace wardvoice;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    auto table = aggregator::parseCsv(raw, "fuzz.csv");
    if (!table) {
        FUZZ_CHECK(table.error().message.find("fuzz.csv") != std::string::npos);
    } else {
        for (const auto& row : table->rows) {
            FUZZ_CHECK(row.size() == table->header.size());
        }
    }
    // Round trip: the input cut into fields at \x01, rows at \x02 (valid UTF-8 only).
    if (!common::utf8::isValid(raw) || raw.empty()) {
        return 0;
    }
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    for (const char c : raw) {
        if (c == '\x01' || c == '\x02') {
            rows.back().push_back(field);
            field.clear();
            if (c == '\x02') {
                rows.emplace_back();
            }
        } else {
            field.push_back(c);
        }
    }
    rows.back().push_back(field);
    const std::size_t width = rows.front().size();
    for (auto& r : rows) {
        r.resize(width);
        if (width == 1 && r[0].empty()) {
            return 0; // a row of one empty field is an empty line: CSV cannot tell it apart
        }
    }
    std::string text = (raw[0] & 1) != 0 ? "\xEF\xBB\xBF" : "";
    for (const auto& r : rows) {
        text += aggregator::csvRow(r);
    }
    auto back = aggregator::parseCsv(text, "round.csv");
    FUZZ_CHECK(back.ok());
    auto expected = [](const std::string& f) {
        const bool guarded = !f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '-' ||
                                            f[0] == '@' || f[0] == '\t' || f[0] == '\r');
        return guarded ? "'" + f : f;
    };
    FUZZ_CHECK(back->header.size() == width);
    for (std::size_t c = 0; c < width; ++c) {
        FUZZ_CHECK(back->header[c] == expected(rows[0][c]));
    }
    FUZZ_CHECK(back->rows.size() + 1 == rows.size());
    for (std::size_t r = 1; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < width; ++c) {
            FUZZ_CHECK(back->rows[r - 1][c] == expected(rows[r][c]));
        }
    }
    return 0;
}
