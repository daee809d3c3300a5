// The themes engine: comments -> category, sentiment, emergent theme with a label and a stable id.
#pragma once

#include "aggregator/themes/comment_model.hpp"
#include "aggregator/themes/grouping.hpp"
#include "aggregator/themes/subjects.hpp"
#include "common/result.hpp"

#include <array>
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::themes {

/// A comment to group. `rating` is the FFT answer 1..6 (6 "don't know" carries no rating).
struct ThemeComment {
    std::string text;
    std::optional<int> rating;
    std::optional<common::Topic> topic;
};

inline constexpr int kNoTheme = 0;  ///< theme id of a comment never read (stored before themes)
inline constexpr int kNewPool = -1; ///< theme id of "new this period": far from every theme
// kGeneralTheme (-2, subjects.hpp): praise alone, nothing to improve, no words at all.

/// Sentiment sides as the comment model's classes number them.
inline constexpr int kPositive = 0;
inline constexpr int kNeutral = 1;
inline constexpr int kNegative = 2;

/// A theme as a person sees it, plus what is needed to recognise it again later.
struct Theme {
    int id = 0;
    std::string label;   ///< the subject, and the problem when most comments name one
    std::string subject; ///< the vocabulary's key ("call_bells"); "" when grouped by its words
    std::string example; ///< from the side (negative, neutral, positive) that dominates
    std::size_t size = 0;
    std::string category;     ///< the framework category most of its comments have
    double meanSentiment = 0; ///< in [-1, 1]
    double negativeShare = 0; ///< share of its comments classed negative
    /// Comments by sentiment class (kPositive, kNeutral, kNegative) and up to two examples each.
    std::array<std::size_t, 3> bySentiment{};
    std::array<std::vector<std::string>, 3> examples;
    /// The centre over stable hashed features (top words and categories), unit length.
    std::vector<std::pair<FeatureId, float>> signature;
    float admitSimilarity = 0; ///< a new comment closer than this joins the theme

    /// The side most of its comments are on (ties: negative, then neutral).
    int dominantSide() const;
};

/// The side (kPositive, kNeutral, kNegative) most of these counts are on; ties go to negative,
/// then neutral.
int dominantSide(const std::array<std::size_t, 3>& bySentiment);

/// Everything a run knows of the themes: saved after a run, read before the next one so that
/// ids stay stable, and used to place single new comments.
struct ThemeState {
    int nextId = 1;
    std::vector<Theme> themes;
    std::size_t general = 0; ///< comments of the general bucket when it was fitted
    std::vector<std::pair<FeatureId, float>> idf; ///< idf of the signature word features

    static common::Result<ThemeState> load(const std::string& path);
    common::Status save(const std::string& path) const;
    /// The same as JSON text; `source` names where the text came from in errors.
    static common::Result<ThemeState> fromJson(const std::string& text, const std::string& source);
    std::string toJson() const;
};

/// Per-comment results, in input order.
struct CommentResult {
    int themeId = kGeneralTheme;
    CommentKind kind = CommentKind::General;
    int category = -1; ///< index into the model's category names
    float sentiment = 0;
    int sentimentClass = 1;
};

struct ThemeRun {
    ThemeState state;
    std::vector<CommentResult> comments;
    bool cancelled = false; ///< stopped by EngineOptions::cancel: nothing in it is usable
};

/// Progress: a stage name, units done, units in all.
using ProgressFn = std::function<void(const char* stage, std::size_t done, std::size_t total)>;

struct EngineOptions {
    GroupingOptions grouping;
    float categoryWeight = 0.3f;  ///< share of a comment's vector given to its category block
    double matchSimilarity = 0.5; ///< a new theme inherits an old id at least this close
    unsigned threads = 2;
    /// For evaluation only: category margins to use instead of the model's (e.g. out-of-fold
    /// predictions, so that no comment is grouped by a model that saw its own label).
    const std::vector<std::vector<float>>* categoryMargins = nullptr;
    /// Checked at every stage and inside the grouping: a run asked to stop ends within a few
    /// hundred milliseconds, with `cancelled` set.
    const std::atomic<bool>* cancel = nullptr;
};

/// Groups `comments` into themes: the general bucket (praise alone, nothing to improve), one
/// theme per subject of the vocabulary that people named, and groups of the comments that name
/// something the vocabulary does not know (`options.grouping.themes` fixes how many of those).
/// Two themes never share a label. With `previous`, themes that match an earlier run's keep
/// their ids (by subject, else by signature); new ones get fresh ids. Deterministic.
ThemeRun buildThemes(const CommentModel& model, const std::vector<ThemeComment>& comments,
                     const EngineOptions& options, const ThemeState* previous = nullptr,
                     const ProgressFn& progress = {});

/// Places single new comments into the themes of a state (well under a millisecond each).
class ThemeIndex {
public:
    ThemeIndex(const CommentModel& model, const ThemeState& state, float categoryWeight = 0.3f);

    /// The theme id for `comment`: kGeneralTheme for the general bucket, its subject's theme,
    /// else the nearest theme by words, kNewPool when it is far from every theme (or names a
    /// subject no theme has yet); `similarity` gets the cosine to the nearest theme.
    int assign(TextPipeline& pipeline, const ThemeComment& comment,
               float* similarity = nullptr) const;

    /// The same for a comment already tokenised and analysed with the index's comment model
    /// (so that several indexes, and the store's sentiment, share one analysis).
    int assignAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                       const CommentAnalysis& analysis, float* similarity = nullptr) const;
    /// The same when what the comment is about has been read already (readSubject).
    int assignRead(TextPipeline& pipeline, const std::vector<Token>& tokens,
                   const CommentAnalysis& analysis, const SubjectReading& reading,
                   float* similarity = nullptr) const;

    /// The cosine of `comment` to theme number `theme` (a position in the state).
    void similarityTo(TextPipeline& pipeline, const ThemeComment& comment, std::size_t theme,
                      float& similarity) const;

private:
    /// Tokenises and analyses one comment with the index's comment model.
    CommentAnalysis analyseComment(TextPipeline& pipeline, const ThemeComment& comment,
                                   std::vector<Token>& tokens) const;
    /// Cosine of a comment's words to every theme.
    void scoreAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                       const CommentAnalysis& analysis, std::vector<float>& scores) const;
    int best(const std::vector<float>& scores, float* similarity) const;

    const CommentModel& m_model;
    std::unordered_map<std::string, int> m_bySubject; ///< subject key -> theme id
    std::unordered_map<std::string, int> m_byLabel;   ///< label -> id, themes of no subject
    const ThemeState& m_state;
    float m_categoryWeight;
    std::unordered_map<FeatureId, float> m_idf;
    float m_rarestIdf = 1.0f;
    std::unordered_map<FeatureId, std::vector<std::pair<std::size_t, float>>> m_postings;
};

/// The stable feature id of a category in theme signatures.
FeatureId categoryFeature(const std::string& name);

/// Reads what a comment is about and lets the subject it names point its framework category
/// (as a kiosk topic does): "the hand gel ran out" is cleanliness and infection control.
SubjectReading readSubject(const CommentModel& model, const std::vector<Token>& tokens,
                           CommentAnalysis& analysis);

/// The words a comment is grouped by when it names no subject of the vocabulary: its content
/// words less the general and evaluative ones ("friendly", "staff", "excellent").
std::vector<std::pair<FeatureId, float>> groupingFeatures(TextPipeline& pipeline,
                                                          const std::vector<Token>& tokens);

} // namespace wardvoice::themes
