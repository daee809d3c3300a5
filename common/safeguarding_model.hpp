// The safeguarding screen's learned second opinion: a multinomial logistic regression over the
// comment's words and word pairs and the rating, trained on the
// team's labelled comments. It only adds flags the patterns missed (recall first); it never
// takes a pattern's flag away.
#pragma once

#include "common/result.hpp"
#include "common/safeguarding.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::common {

class ScreenModel {
public:
    static constexpr std::size_t kClasses = kAllConcernClasses.size();
    static constexpr std::size_t kBuckets = std::size_t{1} << 18; ///< hashed feature space

    struct Example {
        std::string text;
        std::optional<int> rating;
        ConcernClass label = ConcernClass::None;
    };
    struct TrainOptions {
        int epochs = 20;
        double rate = 0.1;
        double l2 = 1e-4;
        std::uint64_t seed = 7;
    };

    /// Trains on `examples`.
    static ScreenModel train(const std::vector<Example>& examples, const TrainOptions& options);

    /// What k-fold cross-validation says of one example: the patterns' answer and, from a
    /// model that never saw it, P(any concern) and the most likely concern.
    struct HeldOut {
        ScreenResult lexicon;
        double concern = 0;
        ConcernClass likely = ConcernClass::None;
    };
    /// One HeldOut per example, in order (folds by position modulo `folds`).
    static std::vector<HeldOut> crossValidate(const std::vector<Example>& examples, int folds,
                                              const TrainOptions& options);

    /// Reads a model written by save(); refuses one trained against other lexicons (its
    /// fingerprint differs: retrain with `wardvoice-aggregator train-screen`).
    static Result<ScreenModel> load(const std::string& path);
    Status save(const std::string& path) const;

    /// Probabilities of the classes, in kAllConcernClasses order.
    std::array<double, kClasses> predict(std::string_view text, std::optional<int> rating) const;

    /// The words of `text` that most raised the probability of `concern` (at most `n`).
    std::vector<std::string> strongestWords(std::string_view text, ConcernClass concern,
                                            std::size_t n) const;

    /// A comment the patterns did not flag is flagged when P(any concern) reaches this.
    double threshold() const { return m_threshold; }
    void setThreshold(double t) { m_threshold = t; }

    /// A hash of every lexicon entry: a model is only valid with the lexicons it learnt from.
    static std::string lexiconFingerprint();

private:
    std::vector<float> m_weights; ///< kBuckets * kClasses, bucket-major
    std::array<float, kClasses> m_bias{};
    double m_threshold = 1.01; ///< above 1: adds nothing until a threshold is chosen
};

} // namespace wardvoice::common
