// Spherical k-means over unit-length sparse vectors: over-cluster, then merge near-duplicates.
#pragma once

#include "aggregator/themes/vectorizer.hpp"

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace wardvoice::themes {

struct GroupingOptions {
    std::optional<int> themes; ///< fixed number of groups; chosen automatically when empty
    int restarts = 3;          ///< k-means++ restarts; the best objective wins
    int maxIterations = 25;
    std::uint64_t seed = 20240601;
    std::size_t sampleSize = 30000; ///< centroids are fitted on at most this many documents
    double mergeSimilarity = 0.4;   ///< automatic mode: merge groups whose centres are this close
    std::size_t minGroupSize = 3;   ///< automatic mode: smaller groups join their nearest one
    unsigned threads = 2;
    /// Checked between iterations: when it turns true the grouping stops early (its result is
    /// then only good for throwing away).
    const std::atomic<bool>* cancel = nullptr;
};

/// Groups and the documents in them.
struct Grouping {
    std::size_t dims = 0;
    std::vector<std::vector<float>> centroids; ///< unit length, dense over dims
    std::vector<int> assignment;               ///< group per document, -1 for empty documents
    std::vector<float> similarity;             ///< cosine of each document to its group's centre
};

/// Groups unit-length documents. Deterministic for the same input and options.
Grouping groupDocuments(const std::vector<SparseVector>& documents, std::size_t dims,
                        const GroupingOptions& options);

/// Normalised mutual information of two labellings of the same items (arithmetic-mean
/// normalisation, as scikit-learn's default); 1 when they agree up to renaming.
double normalisedMutualInformation(const std::vector<int>& a, const std::vector<int>& b);

/// The number of groups automatic mode over-clusters into before merging.
int overClusterCount(std::size_t documents);

} // namespace wardvoice::themes
