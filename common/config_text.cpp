// A small lexical pass over TOML text: strings, comments and everything else.
#include "config_text.hpp"

#include "utf8.hpp"

namespace wardvoice::common {

Status checkConfigText(std::string_view text, const std::string& origin) {
    std::size_t line = 1;
    std::size_t column = 1;
    auto fail = [&](const std::string& what) {
        return makeError("bad_config", origin + ":" + std::to_string(line) + ":" +
                                           std::to_string(column) + ": " + what);
    };
    enum class In { Code, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Code;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = 1;
        if (c >= 0x80) {
            char32_t cp = utf8::codePointAt(text, i, len);
            if (cp == 0xFFFD && !utf8::isValid(text.substr(i, len == 1 ? 1 : len))) {
                return fail("not valid UTF-8");
            }
            if (in == In::Code) {
                return fail("a non-ASCII character outside a quoted string");
            }
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            return fail("a control character");
        } else {
            switch (in) {
            case In::Code:
                if (c == '#') {
                    in = In::Comment;
                } else if (text.substr(i, 3) == "\"\"\"") {
                    in = In::MultiBasic;
                    len = 3;
                } else if (text.substr(i, 3) == "'''") {
                    in = In::MultiLiteral;
                    len = 3;
                } else if (c == '"') {
                    in = In::Basic;
                } else if (c == '\'') {
                    in = In::Literal;
                }
                break;
            case In::Comment:
                break;
            case In::Basic:
                if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
                    len = 2; // an escape: the next character cannot end the string
                } else if (c == '"') {
                    in = In::Code;
                }
                break;
            case In::Literal:
                if (c == '\'') {
                    in = In::Code;
                }
                break;
            case In::MultiBasic:
                if (c == '\\' && i + 1 < text.size()) {
                    len = 2;
                } else if (text.substr(i, 3) == "\"\"\"") {
                    in = In::Code;
                    len = 3;
                }
                break;
            case In::MultiLiteral:
                if (text.substr(i, 3) == "'''") {
                    in = In::Code;
                    len = 3;
                }
                break;
            }
            if (c == '\n') {
                if (in == In::Comment || in == In::Basic || in == In::Literal) {
                    in = In::Code; // a single-line string left open is toml++'s to report
                }
                ++line;
                column = 0;
            }
        }
        i += len;
        column += 1;
    }
    return {};
}

} // namespace wardvoice::common
