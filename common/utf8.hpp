// UTF-8 validation, decoding and normalisation of text typed by people.
#pragma once

#include "result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::common::utf8 {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValid(std::string_view text);

/// Number of code points in valid UTF-8 text (what a person calls "characters").
std::size_t length(std::string_view text);

/// Decodes valid UTF-8 into code points; invalid input gives an "invalid_utf8" error.
Result<std::u32string> decode(std::string_view text);

/// Encodes one code point (assumed valid) and appends it to `out`.
void append(std::string& out, char32_t codePoint);

/// Byte length of the longest prefix of valid `text` holding at most `maxChars` code points.
std::size_t prefixBytes(std::string_view text, std::size_t maxChars);

/// Byte offset of the start of the last code point (for a keyboard's backspace); 0 when empty.
std::size_t lastCharStart(std::string_view text);

/// The code point starting at byte `pos` (< text.size()) and its length in bytes; a malformed
/// or cut sequence reads as U+FFFD of length 1, so a scan always moves forward.
char32_t codePointAt(std::string_view text, std::size_t pos, std::size_t& length);

/// The code point ending just before byte `pos` (> 0), found by stepping back over
/// continuation bytes; malformed input reads as U+FFFD.
char32_t codePointBefore(std::string_view text, std::size_t pos);

/// Letters, combining marks and numbers of any script (Unicode categories L*, M*, N*): what
/// makes up a word. Punctuation, symbols, spaces and controls of any script do not.
bool isWordCodePoint(char32_t codePoint);

/// Normalises free text: rejects invalid UTF-8 ("invalid_utf8"), turns CR LF / CR into LF and
/// tabs into spaces, drops other control characters (C0, DEL, C1), zero-width and bidirectional
/// override characters, and trims white space at both ends.
Result<std::string> normalise(std::string_view text);

} // namespace wardvoice::common::utf8
