// Sparse TF-IDF vectors over hashed features, with a vocabulary fitted on a corpus.
#pragma once

#include "aggregator/themes/text.hpp"

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

namespace wardvoice::themes {

/// A sparse vector: sorted feature indices and their values.
struct SparseVector {
    std::vector<std::uint32_t> index;
    std::vector<float> value;

    std::size_t size() const { return index.size(); }
    bool empty() const { return index.empty(); }
};

/// Raw feature counts of one document, as TextPipeline::features returns them.
using FeatureCounts = std::vector<std::pair<FeatureId, float>>;

/// Dot product of two sparse vectors.
float dot(const SparseVector& a, const SparseVector& b);

/// Scales `v` to unit length (a zero vector stays zero).
void normalise(SparseVector& v);

/// The features kept from a corpus and their inverse document frequencies.
class Vocabulary {
public:
    /// Keeps features seen in at least `minDf` documents and in at most `maxDfRatio` of them;
    /// idf = ln((1 + n) / (1 + df)) + 1 (smoothed, as most IR toolkits do).
    static Vocabulary fit(const std::vector<FeatureCounts>& documents, std::size_t minDf,
                          double maxDfRatio = 1.0);

    /// Rebuilds a vocabulary from stored ids and idf values (a model file).
    static Vocabulary fromParts(std::vector<FeatureId> ids, std::vector<float> idf);

    /// Sublinear TF-IDF: (1 + ln tf) * idf over known features, L2-normalised.
    SparseVector transform(const FeatureCounts& counts) const;

    std::optional<std::uint32_t> find(FeatureId id) const;
    std::size_t size() const { return m_ids.size(); }
    const std::vector<FeatureId>& ids() const { return m_ids; }
    const std::vector<float>& idf() const { return m_idf; }

private:
    std::vector<FeatureId> m_ids;
    std::vector<float> m_idf;
    std::unordered_map<FeatureId, std::uint32_t> m_lookup;
};

} // namespace wardvoice::themes
