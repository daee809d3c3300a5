// One-vs-rest linear classifiers (L2-regularised L2-loss SVM, dual coordinate descent).
#pragma once

#include "aggregator/themes/vectorizer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace wardvoice::themes {

/// Weights of K one-vs-rest linear classifiers over D features, stored feature-major so that
/// scoring a sparse document touches one contiguous row of K weights per feature.
struct LinearModel {
    std::size_t dims = 0;
    std::vector<std::string> classes;
    std::vector<float> weights; ///< dims * classes.size(), weights[f * K + k]
    std::vector<float> bias;    ///< one per class

    std::size_t classCount() const { return classes.size(); }

    /// Decision values (margins) of every class for `x`, written to `out` (size K).
    void scores(const SparseVector& x, std::vector<float>& out) const;
};

/// Training settings. `c` is the SVM cost; with `balanced`, a class's positives get a cost
/// scaled up by sqrt(negatives / positives) so that rare categories are not ignored.
struct TrainOptions {
    double c = 0.5;
    bool balanced = true;
    int maxEpochs = 60;
    double tolerance = 0.05;
    std::uint64_t seed = 42;
    unsigned threads = 2;
};

/// Trains one classifier per class; `labels[i]` lists the classes of document i (may be empty).
LinearModel trainOneVsRest(const std::vector<SparseVector>& documents,
                           const std::vector<std::vector<std::uint16_t>>& labels,
                           std::vector<std::string> classes, std::size_t dims,
                           const TrainOptions& options);

/// A small deterministic random generator (splitmix64), the same on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /// Uniform in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t m_state;
};

} // namespace wardvoice::themes
