// What a comment is about: a curated vocabulary of ward subjects (call bells, hand gel, noise
// at night, discharge letters...), the problems people name about each, and the "general" bucket
// of comments that only praise or say there is nothing to improve.
//
// A theme is *what* people talk about; how they feel about it is a separate axis (sentiment).
// The vocabulary names subjects in the words a panel member uses, so a theme built on it has a
// label such as "call bells not answered" rather than the commonest word of its comments.
#pragma once

#include "aggregator/themes/text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::themes {

/// Theme id of the general bucket (praise alone, nothing to improve, no answer): the same in
/// every run and every store, never a ranked theme.
inline constexpr int kGeneralTheme = -2;

/// The key of the subject a complaint about the experience as a whole belongs to when it names
/// nothing ("awful", "terrible service").
inline constexpr const char* kOverallSubject = "overall_experience";

enum class CommentKind {
    General, ///< only praise, or nothing to improve, or no answer at all
    Subject, ///< names a subject of the vocabulary
    Other,   ///< says something specific the vocabulary does not know (grouped by its words)
};

/// A problem people name about a subject, with the theme label to use when it dominates.
struct SubjectProblem {
    std::string label; ///< e.g. "call bells not answered"
};

struct Subject {
    std::string key;      ///< stable identity, e.g. "call_bells" (theme ids follow it across runs)
    std::string label;    ///< e.g. "call bells"
    std::string category; ///< its framework category, e.g. "Staff responsiveness"; may be ""
    int tier = 2;         ///< 2 a specific thing; 1 a broad one (waiting, staff attitude)
    std::vector<SubjectProblem> problems;
};

/// What the vocabulary reads in one comment.
struct SubjectReading {
    CommentKind kind = CommentKind::Other;
    int subject = -1;          ///< index into subjects(), when kind is Subject
    int problem = -1;          ///< index into that subject's problems, -1 when none was named
    bool nothingToSay = false; ///< "nothing", "n/a", "all good", "did not answer"
};

class SubjectLexicon {
public:
    /// The vocabulary compiled from subject_lexicon.cpp (built once, thread-safe to read).
    static const SubjectLexicon& standard();
    ~SubjectLexicon();
    SubjectLexicon(const SubjectLexicon&) = delete;
    SubjectLexicon& operator=(const SubjectLexicon&) = delete;

    /// Reads a tokenised comment; `sentimentClass` (0 positive, 1 neutral, 2 negative) decides
    /// whether a comment without a subject is praise (general) or a complaint about the
    /// experience as a whole, and which subject of several leads.
    SubjectReading read(const std::vector<Token>& tokens, int sentimentClass) const;

    const std::vector<Subject>& subjects() const;
    /// The index of the subject with `key`, or nullopt.
    std::optional<int> find(std::string_view key) const;
    /// The index of the subject labelled `label` (its own label, not a problem's), or nullopt.
    std::optional<int> findByLabel(std::string_view label) const;

    /// True for a word that only says how good or bad something was ("excellent", "poor",
    /// "friendly"): never a label, and no help in telling subjects apart.
    bool isEvaluative(std::string_view word) const;
    /// True for a word of the general bucket: praise, people, "nothing", fillers.
    bool isGeneralWord(std::string_view word) const;
    /// True when `word` may stand in a theme label (not evaluative, not a bare verb or filler,
    /// not a stop word).
    bool isLabelWord(std::string_view word) const;
    /// A short label in a panel's words for a framework category ("Staff manner & personal
    /// attributes" -> "staff manner"), "" for categories that say nothing of a subject.
    std::string categoryLabel(std::string_view category) const;
    /// The framework category subject `subject` belongs to ("" when none fits).
    const std::string& subjectCategory(int subject) const;

    struct Compiled;

private:
    SubjectLexicon();
    std::unique_ptr<Compiled> m;
};

/// True when a phrase people wrote reads as a theme label: 1-5 words, none of them evaluative,
/// and both ends are words that carry meaning (not a stop word, a bare verb or a filler).
bool isReadableLabel(std::string_view label);

} // namespace wardvoice::themes
