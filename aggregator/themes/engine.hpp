// The themes engine: comments -> category, sentiment, emergent theme with a label and a stable id.
#pragma once

#include "aggregator/themes/comment_model.hpp"
#include "aggregator/themes/grouping.hpp"
#include "common/result.hpp"

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

inline constexpr int kNoTheme = 0;  ///< theme id of a comment with no words at all
inline constexpr int kNewPool = -1; ///< theme id of "new this period": far from every theme

/// A theme as a person sees it, plus what is needed to recognise it again later.
struct Theme {
    int id = 0;
    std::string label;
    std::string example;
    std::size_t size = 0;
    std::string category;     ///< the framework category most of its comments have
    double meanSentiment = 0; ///< in [-1, 1]
    double negativeShare = 0; ///< share of its comments classed negative
    /// The centre over stable hashed features (top words and categories), unit length.
    std::vector<std::pair<FeatureId, float>> signature;
    float admitSimilarity = 0; ///< a new comment closer than this joins the theme
};

/// Everything a run knows of the themes: saved after a run, read before the next one so that
/// ids stay stable, and used to place single new comments.
struct ThemeState {
    int nextId = 1;
    std::vector<Theme> themes;
    std::vector<std::pair<FeatureId, float>> idf; ///< idf of the signature word features

    static common::Result<ThemeState> load(const std::string& path);
    common::Status save(const std::string& path) const;
    /// The same as JSON text; `source` names where the text came from in errors.
    static common::Result<ThemeState> fromJson(const std::string& text, const std::string& source);
    std::string toJson() const;
};

/// Per-comment results, in input order.
struct CommentResult {
    int themeId = kNoTheme;
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

/// Groups `comments` into themes. With `previous`, themes that match an earlier run's keep
/// their ids; new ones get fresh ids. Deterministic for the same input.
ThemeRun buildThemes(const CommentModel& model, const std::vector<ThemeComment>& comments,
                     const EngineOptions& options, const ThemeState* previous = nullptr,
                     const ProgressFn& progress = {});

/// Places single new comments into the themes of a state (well under a millisecond each).
class ThemeIndex {
public:
    ThemeIndex(const CommentModel& model, const ThemeState& state, float categoryWeight = 0.3f);

    /// The theme id for `comment`, kNewPool when it is far from every theme, kNoTheme when it
    /// has no words; `similarity` gets the cosine to the nearest theme.
    int assign(TextPipeline& pipeline, const ThemeComment& comment,
               float* similarity = nullptr) const;

    /// The same for a comment already tokenised and analysed with the index's comment model
    /// (so that several indexes, and the store's sentiment, share one analysis).
    int assignAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                       const CommentAnalysis& analysis, float* similarity = nullptr) const;

    /// The cosine of `comment` to theme number `theme` (a position in the state).
    void similarityTo(TextPipeline& pipeline, const ThemeComment& comment, std::size_t theme,
                      float& similarity) const;

private:
    /// Cosine to every theme; false when the comment has no words.
    bool score(TextPipeline& pipeline, const ThemeComment& comment,
               std::vector<float>& scores) const;
    void scoreAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                       const CommentAnalysis& analysis, std::vector<float>& scores) const;
    int best(const std::vector<float>& scores, float* similarity) const;

    const CommentModel& m_model;
    const ThemeState& m_state;
    float m_categoryWeight;
    std::unordered_map<FeatureId, float> m_idf;
    float m_rarestIdf = 1.0f;
    std::unordered_map<FeatureId, std::vector<std::pair<std::size_t, float>>> m_postings;
};

/// The stable feature id of a category in theme signatures.
FeatureId categoryFeature(const std::string& name);

} // namespace wardvoice::themes
