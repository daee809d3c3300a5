// The safeguarding screen's lexicons: trigger patterns, defusing contexts and negation cues
// of every supported language, as text the screen compiles once.
#pragma once

#include "common/safeguarding.hpp"

#include <span>

namespace wardvoice::common::safeguarding {

/// A trigger: words that raise `concern`. Pattern syntax, matched against the comment's
/// case-folded words with diacritics removed (so "samobójstwo" and "samobojstwo" both match):
///   `a|b|c`  one word out of several      `word*`  any word starting with "word"
///   `~N`     up to N words of anything    ` && `   each part matches somewhere in the comment
///   `@delay` a wait of an hour or more (or 45 minutes or more), not an estimate or a "within"
///   `@discharge` the person chose the discharge topic on the kiosk
/// A part does not match across a sentence or a clause ("but", "however"). The last part of a
/// pattern carries the concern: it does not count where a negation cue of the language stands
/// just before it ("I never felt unsafe") or a defuser applies; parts before it are context.
/// A pattern starting with `?` is weak: it counts only when the rating is not 1-2 (good), for
/// words that are as often part of a thank-you ("he was in so much pain").
struct TriggerText {
    const char* language;
    ConcernClass concern;
    const char* pattern;
};

/// A defuser: a context that takes the flag off triggers of `concerns` (letters S, A, N, C)
/// in the same clause ("staff saved me when I was suicidal", "if my child had been unsafe").
/// With `before` > 0 it must end at most that many words before the trigger starts; with
/// `before` < 0 it must start fewer than -before words after the trigger ends.
struct DefuserText {
    const char* language;
    const char* concerns;
    const char* pattern;
    int before = 0;
};

/// Words of one language that negate what follows, end a clause, or end a negation's reach.
struct CueText {
    const char* language;
    const char* negations;     ///< space-separated words; "*" prefixes allowed
    const char* clauseBreaks;  ///< words that start a new clause ("but")
    const char* negationStops; ///< words a negation does not reach past ("and", "because")
};

std::span<const TriggerText> triggers();
std::span<const DefuserText> defusers();
std::span<const CueText> cues();

} // namespace wardvoice::common::safeguarding
