// The safeguarding screen's reading of text: words case-folded with their diacritics removed,
// numbers, sentences and pauses, with byte offsets into the comment for the reason.
#include "common/screen_text.hpp"

#include "common/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

namespace wardvoice::common::screen_text {
namespace {

bool isApostrophe(char32_t c) {
    return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'`';
}

bool isSentenceEnd(char32_t c) {
    return c == U'.' || c == U'!' || c == U'?' || c == U';' || c == U':' || c == U'\n' ||
           c == U'\u2026' || c == U'\u3002';
}

bool isDigit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

const UNormalizer2* nfd() {
    static const UNormalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const UNormalizer2* n = unorm2_getNFDInstance(&status);
        return U_SUCCESS(status) ? n : nullptr;
    }();
    return instance;
}

/// Appends `c` case-folded with its diacritics removed ("Ś" -> "s", "ї" -> "і", "ł" -> "l").
void appendFolded(std::string& out, char32_t c) {
    c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    switch (c) {
    case U'\u0142': // ł
        out += 'l';
        return;
    case U'\u0111': // đ
        out += 'd';
        return;
    case U'\u00F8': // ø
        out += 'o';
        return;
    case U'\u0131': // dotless ı
        out += 'i';
        return;
    default:
        break;
    }
    if (c < 0x80) {
        out += static_cast<char>(c);
        return;
    }
    if (u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK) {
        return;
    }
    UChar buffer[16];
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* normaliser = nfd();
    const std::int32_t length =
        normaliser == nullptr
            ? -1
            : unorm2_getDecomposition(normaliser, static_cast<UChar32>(c), buffer, 16, &status);
    if (length <= 0 || U_FAILURE(status)) {
        utf8::append(out, c);
        return;
    }
    for (std::int32_t i = 0; i < length;) {
        UChar32 part = 0;
        U16_NEXT(buffer, i, length, part);
        if (u_charType(part) != U_NON_SPACING_MARK) {
            utf8::append(out, static_cast<char32_t>(part));
        }
    }
}

} // namespace

std::string foldWord(std::string_view word) {
    std::string out;
    for (std::size_t pos = 0; pos < word.size();) {
        std::size_t len = 0;
        const char32_t c = utf8::codePointAt(word, pos, len);
        if (isApostrophe(c)) {
            out += '\'';
        } else if (c == U'*') {
            out += '*';
        } else {
            appendFolded(out, c);
        }
        pos += len;
    }
    return out;
}

std::vector<Word> tokenise(std::string_view text) {
    std::vector<Word> words;
    Word current;
    bool inWord = false;
    bool currentIsDigits = false;
    int sentence = 0;
    auto finish = [&] {
        if (inWord) {
            current.sentence = sentence;
            if (currentIsDigits) {
                current.number = true;
                try {
                    current.value = std::stod(current.text);
                } catch (const std::exception&) {
                    current.value = 0;
                }
            }
            words.push_back(std::move(current));
            current = Word{};
        }
        inWord = false;
    };
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t len = 0;
        const char32_t c = utf8::codePointAt(text, pos, len);
        const std::size_t next = pos + len;
        std::size_t nextLen = 0;
        const char32_t following = next < text.size() ? utf8::codePointAt(text, next, nextLen) : 0;
        if (isApostrophe(c) && inWord && !currentIsDigits && utf8::isWordCodePoint(following) &&
            !isDigit(following)) {
            current.text += '\'';
            current.end = next;
        } else if ((c == U'.' || c == U',') && inWord && currentIsDigits && isDigit(following)) {
            if (c == U'.') {
                current.text += '.';
            }
            current.end = next;
        } else if (utf8::isWordCodePoint(c)) {
            const bool digit = isDigit(c);
            if (inWord && digit != currentIsDigits) {
                finish();
            }
            if (!inWord) {
                inWord = true;
                currentIsDigits = digit;
                current.begin = pos;
            }
            appendFolded(current.text, c);
            current.end = next;
        } else {
            finish();
            if (isSentenceEnd(c)) {
                ++sentence;
            } else if (!words.empty() &&
                       (c == U',' || c == U'(' || c == U')' || c == U'\u2013' || c == U'\u2014')) {
                words.back().pauseAfter = true;
            }
        }
        pos = next;
    }
    finish();
    return words;
}

} // namespace wardvoice::common::screen_text
