// The trained comment model: framework category and sentiment of one comment.
#pragma once

#include "aggregator/themes/linear.hpp"
#include "aggregator/themes/text.hpp"
#include "aggregator/themes/vectorizer.hpp"
#include "common/model.hpp"
#include "common/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::themes {

/// Labelled comments to train on (from the FFT file) or to score.
struct TrainingSet {
    std::vector<std::string> categoryNames;
    std::vector<std::string> texts;
    std::vector<std::vector<std::uint16_t>> categories; ///< indices into categoryNames
    std::vector<std::optional<int>> sentiment;          ///< 1 very positive .. 5 very negative
    std::vector<std::optional<int>> ratings;            ///< FFT 1 very good .. 5 very poor
    std::vector<std::string> groups; ///< where each comment came from (the FFT file's trust)
};

/// The framework's catch-all categories of praise and of dissatisfaction: a comment's category
/// never contradicts its sentiment.
inline constexpr std::string_view kPositiveCategory = "Positive experience & gratitude";
inline constexpr std::string_view kNegativeCategory = "Negative experience & dissatisfaction";

/// Three-class sentiment: 0 positive (1-2), 1 neutral or mixed (3), 2 negative (4-5).
int sentimentClass(int label);

/// Spearman's rank correlation of two equally long series (ties get their mean rank).
double spearman(const std::vector<double>& a, const std::vector<double>& b);

/// What the model says of one comment.
struct CommentAnalysis {
    int category = -1;                 ///< top-1 framework category (index), -1 when no words
    std::vector<int> categories;       ///< every category whose margin is positive (incl. top-1)
    std::vector<float> categoryScores; ///< margins of all categories
    int sentimentClass = 1;            ///< 0 positive, 1 neutral/mixed, 2 negative
    /// in [-1, 1]: half P(positive) - P(negative), half the expected value of the five-point
    /// model (1 very positive ... -1 very negative)
    float sentiment = 0.0f;
};

/// Cross-validated quality figures.
struct ModelMetrics {
    double categoryMicroF1 = 0;
    double categoryMacroF1 = 0;
    double categoryTop1 = 0; ///< the top-1 category is one the coders gave
    double sentimentMacroF1 = 0;
    double sentimentNegativeF1 = 0;
    double sentimentMacroF1WithRating = 0;
    double sentimentNegativeF1WithRating = 0;
    /// Spearman correlation of the sentiment score with the coders' 1-5 (very positive high).
    double sentimentSpearman = 0;
    std::size_t comments = 0;
    std::size_t sentimentLabelled = 0;
};

/// Settings that decide the features and the classifiers.
struct ModelOptions {
    FeatureOptions features{true, true, true, true};
    std::size_t minDf = 2;
    TrainOptions category{0.1, true, 60, 0.05, 42, 2};
    TrainOptions sentiment{0.3, true, 60, 0.05, 7, 2};
    float topicHint = 2.0f; ///< added to the margin of the category a kiosk topic points at
};

class CommentModel {
public:
    /// Trains on every comment of `data`.
    static CommentModel train(const TrainingSet& data, const ModelOptions& options = {});

    /// k-fold cross-validation (the vocabulary is refitted inside every fold); also returns
    /// every comment's out-of-fold category margins when `outOfFold` is given.
    static ModelMetrics crossValidate(const TrainingSet& data, const ModelOptions& options,
                                      int folds,
                                      std::vector<std::vector<float>>* outOfFold = nullptr);
    /// The same with the given folds (`fold[i]` is comment i's, 0..folds-1), e.g. one per trust
    /// so that no comment is scored by a model that saw its trust's other comments.
    static ModelMetrics crossValidateFolds(const TrainingSet& data, const ModelOptions& options,
                                           const std::vector<int>& fold,
                                           std::vector<std::vector<float>>* outOfFold = nullptr);

    /// Loads a model written by save(); checks magic, version and checksum.
    static common::Result<CommentModel> load(const std::string& path);
    common::Status save(const std::string& path) const;

    /// Features of one comment (tokenised by `pipeline`), ready for analyse().
    SparseVector vectorise(TextPipeline& pipeline, std::string_view text) const;
    SparseVector vectorise(const FeatureCounts& counts) const {
        return m_vocabulary.transform(counts);
    }

    /// Category and sentiment; `rating` (FFT 1..5) and the kiosk `topic` sharpen them.
    CommentAnalysis analyse(const SparseVector& x, std::optional<int> rating = std::nullopt,
                            std::optional<common::Topic> topic = std::nullopt) const;

    const std::vector<std::string>& categoryNames() const { return m_category.classes; }
    const FeatureOptions& featureOptions() const { return m_options.features; }
    const ModelMetrics& metrics() const { return m_metrics; }
    void setMetrics(const ModelMetrics& metrics) { m_metrics = metrics; }
    std::size_t featureCount() const { return m_vocabulary.size(); }
    /// Raises the margin of `category` as a kiosk topic would (a subject the comment names
    /// points at it) and re-derives the categories; nothing for -1.
    void hintCategory(CommentAnalysis& analysis, int category) const;
    /// Index of the category named `name`, or -1.
    int categoryIndex(std::string_view name) const;
    /// Index of the category that a kiosk topic points at, or -1.
    int hintedCategory(common::Topic topic) const;

private:
    void respectSentiment(CommentAnalysis& a) const;

    ModelOptions m_options;
    Vocabulary m_vocabulary;
    LinearModel m_category;
    LinearModel m_sentiment;           ///< text only
    LinearModel m_sentimentWithRating; ///< text + one-hot FFT rating features
    LinearModel m_fivePoint;           ///< the coders' 1-5 (text): refines the score
    ModelMetrics m_metrics;
};

} // namespace wardvoice::themes
