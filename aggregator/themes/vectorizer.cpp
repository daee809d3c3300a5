// Sparse TF-IDF vectors over hashed features.
#include "aggregator/themes/vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wardvoice::themes {

float dot(const SparseVector& a, const SparseVector& b) {
    float sum = 0.0f;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.index.size() && j < b.index.size()) {
        if (a.index[i] == b.index[j]) {
            sum += a.value[i++] * b.value[j++];
        } else if (a.index[i] < b.index[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return sum;
}

void normalise(SparseVector& v) {
    double norm = 0.0;
    for (float x : v.value) {
        norm += static_cast<double>(x) * x;
    }
    if (norm <= 0.0) {
        return;
    }
    const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (float& x : v.value) {
        x *= scale;
    }
}

Vocabulary Vocabulary::fit(const std::vector<FeatureCounts>& documents, std::size_t minDf,
                           double maxDfRatio) {
    std::unordered_map<FeatureId, std::uint32_t> df;
    for (const auto& doc : documents) {
        for (const auto& [id, count] : doc) {
            ++df[id];
        }
    }
    const double n = static_cast<double>(documents.size());
    const double maxDf = maxDfRatio * n;
    std::vector<FeatureId> ids;
    for (const auto& [id, count] : df) {
        if (count >= minDf && count <= maxDf) {
            ids.push_back(id);
        }
    }
    std::sort(ids.begin(), ids.end()); // a deterministic order, whatever the hash map did
    std::vector<float> idf(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        idf[i] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[ids[i]])) + 1.0);
    }
    return fromParts(std::move(ids), std::move(idf));
}

Vocabulary Vocabulary::fromParts(std::vector<FeatureId> ids, std::vector<float> idf) {
    Vocabulary v;
    v.m_ids = std::move(ids);
    v.m_idf = std::move(idf);
    v.m_lookup.reserve(v.m_ids.size());
    for (std::size_t i = 0; i < v.m_ids.size(); ++i) {
        v.m_lookup.emplace(v.m_ids[i], static_cast<std::uint32_t>(i));
    }
    return v;
}

std::optional<std::uint32_t> Vocabulary::find(FeatureId id) const {
    auto it = m_lookup.find(id);
    if (it == m_lookup.end()) {
        return std::nullopt;
    }
    return it->second;
}

SparseVector Vocabulary::transform(const FeatureCounts& counts) const {
    std::vector<std::pair<std::uint32_t, float>> entries;
    entries.reserve(counts.size());
    for (const auto& [id, count] : counts) {
        if (auto index = find(id)) {
            entries.emplace_back(*index, (1.0f + std::log(count)) * m_idf[*index]);
        }
    }
    std::sort(entries.begin(), entries.end());
    SparseVector v;
    v.index.reserve(entries.size());
    v.value.reserve(entries.size());
    for (const auto& [index, value] : entries) {
        v.index.push_back(index);
        v.value.push_back(value);
    }
    normalise(v);
    return v;
}

} // namespace wardvoice::themes
