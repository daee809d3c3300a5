// The safeguarding screen's reading of text (internal to common/): words case-folded with their
// diacritics removed ("Ś" -> "s", "ї" -> "і"), numbers, sentences and pauses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::common::screen_text {

struct Word {
    std::string text;      ///< folded: lower case, no diacritics, apostrophes as '
    std::size_t begin = 0; ///< bytes in the text
    std::size_t end = 0;
    int sentence = 0;
    bool pauseAfter = false; ///< a comma, bracket or dash follows: a negation stops there
    bool number = false;     ///< digits ("1.5" is one number)
    double value = 0;
};

/// The words of valid UTF-8 `text` (invalid bytes separate words).
std::vector<Word> tokenise(std::string_view text);

/// Folds a lexicon word the way comment words are folded, keeping a trailing '*'.
std::string foldWord(std::string_view word);

} // namespace wardvoice::common::screen_text
