// UTF-8 validation, decoding and normalisation of text typed by people.
#include "utf8.hpp"

#include <unicode/uchar.h>

namespace wardvoice::common::utf8 {
namespace {

/// Decodes the code point at `pos`; returns its length in bytes, or 0 when malformed.
std::size_t decodeAt(std::string_view s, std::size_t pos, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (pos + len > s.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

bool isDropped(char32_t cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
        return true; // control characters (LF and tab are handled before this)
    }
    if (cp >= 0x200B && cp <= 0x200F) {
        return true; // zero-width space/joiners, LRM/RLM
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        return true; // bidirectional embeddings, overrides and isolates
    }
    return cp == 0xFEFF; // byte order mark / zero-width no-break space
}

bool isSpace(char32_t cp) {
    return cp == ' ' || cp == '\n' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

} // namespace

char32_t codePointAt(std::string_view text, std::size_t pos, std::size_t& length) {
    char32_t cp = 0;
    length = decodeAt(text, pos, cp);
    if (length == 0) {
        length = 1;
        return 0xFFFD;
    }
    return cp;
}

char32_t codePointBefore(std::string_view text, std::size_t pos) {
    std::size_t start = pos - 1;
    while (start > 0 && pos - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
    }
    std::size_t length = 0;
    const char32_t cp = codePointAt(text, start, length);
    return start + length == pos ? cp : 0xFFFD;
}

bool isWordCodePoint(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
        return true;
    default:
        return false;
    }
}

bool isValid(std::string_view text) {
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = decodeAt(text, pos, cp);
        if (n == 0) {
            return false;
        }
        pos += n;
    }
    return true;
}

std::size_t length(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

Result<std::u32string> decode(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    char32_t cp = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t n = decodeAt(text, pos, cp);
        if (n == 0) {
            return makeError("invalid_utf8", "invalid UTF-8 at byte " + std::to_string(pos));
        }
        out.push_back(cp);
        pos += n;
    }
    return out;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t prefixBytes(std::string_view text, std::size_t maxChars) {
    std::size_t chars = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
            if (chars == maxChars) {
                return pos;
            }
            ++chars;
        }
    }
    return text.size();
}

std::size_t lastCharStart(std::string_view text) {
    std::size_t pos = text.size();
    while (pos > 0) {
        --pos;
        if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
            return pos;
        }
    }
    return 0;
}

Result<std::string> normalise(std::string_view text) {
    auto decoded = decode(text);
    if (!decoded) {
        return decoded.error();
    }
    const std::u32string& in = decoded.value();
    std::u32string kept;
    kept.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char32_t cp = in[i];
        if (cp == '\r') {
            if (i + 1 < in.size() && in[i + 1] == '\n') {
                continue; // CR LF -> LF, taken at the LF
            }
            cp = '\n';
        } else if (cp == '\t') {
            cp = ' ';
        }
        if (cp != '\n' && isDropped(cp)) {
            continue;
        }
        kept.push_back(cp);
    }
    std::size_t begin = 0;
    std::size_t end = kept.size();
    while (begin < end && isSpace(kept[begin])) {
        ++begin;
    }
    while (end > begin && isSpace(kept[end - 1])) {
        --end;
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = begin; i < end; ++i) {
        append(out, kept[i]);
    }
    return out;
}

} // namespace wardvoice::common::utf8
