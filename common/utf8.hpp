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

/// Normalises free text: rejects invalid UTF-8 ("invalid_utf8"), turns CR LF / CR into LF and
/// tabs into spaces, drops other control characters (C0, DEL, C1), zero-width and bidirectional
/// override characters, and trims white space at both ends.
Result<std::string> normalise(std::string_view text);

} // namespace wardvoice::common::utf8
