// The curated vocabulary of ward subjects as text tables (compiled by subjects.cpp).
//
// Pattern syntax, matched against a comment's case-folded words with apostrophes removed:
//   `a|b`      alternatives
//   `call bell` consecutive words
//   `wash* ~2 hand*` up to 2 other words may stand between
//   `bell*`    a word starting with "bell"
// Problems: "label=patterns;label=patterns", searched near the subject's mention.
#pragma once

#include "aggregator/themes/subjects.hpp"

#include <cstddef>

namespace wardvoice::themes {

struct SubjectText {
    const char* key;
    const char* label;
    int tier; ///< 2 specific, 1 broad
    const char* terms;
    const char* problems;
};

struct CategoryText {
    const char* category; ///< a framework category name as the comment model has it
    const char* label;    ///< "" when the category names no subject
};

extern const SubjectText kSubjectTexts[];
extern const std::size_t kSubjectTextCount;

/// Words of the general bucket (praise, people, thanks, "nothing", fillers), space separated.
extern const char* const kGeneralWords;
/// Words that only say how good or bad (space separated, `*` prefix allowed).
extern const char* const kEvaluativeWords;
/// Bare verbs and fillers that never make a label.
extern const char* const kNonLabelWords;
/// Whole-comment "nothing to say" patterns (same syntax as terms).
extern const char* const kNothingPatterns;

/// The framework category a subject belongs to, where it has one.
struct SubjectCategoryText {
    const char* key;
    const char* category;
};
extern const SubjectCategoryText kSubjectCategories[];
extern const std::size_t kSubjectCategoryCount;

extern const CategoryText kCategoryTexts[];
extern const std::size_t kCategoryTextCount;

} // namespace wardvoice::themes
