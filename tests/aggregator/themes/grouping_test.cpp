// Spherical k-means grouping and the NMI measure.
#include "aggregator/themes/grouping.hpp"
#include "aggregator/themes/linear.hpp"

#include <gtest/gtest.h>

namespace wardvoice::themes {
namespace {

// `groups` well-separated groups: each document has its group's 3 features plus one noise feature.
std::vector<SparseVector> separated(int groups, int perGroup, std::vector<int>& truth) {
    std::vector<SparseVector> docs;
    Random random(3);
    for (int i = 0; i < groups * perGroup; ++i) {
        const int g = i % groups;
        std::vector<std::pair<std::uint32_t, float>> entries;
        for (int f = 0; f < 3; ++f) {
            entries.emplace_back(static_cast<std::uint32_t>(g * 3 + f),
                                 0.5f + static_cast<float>(random.unit()));
        }
        entries.emplace_back(static_cast<std::uint32_t>(groups * 3 + random.below(5)), 0.3f);
        std::sort(entries.begin(), entries.end());
        SparseVector v;
        for (auto [index, value] : entries) {
            v.index.push_back(index);
            v.value.push_back(value);
        }
        normalise(v);
        docs.push_back(v);
        truth.push_back(g);
    }
    return docs;
}

TEST(Nmi, IsOneForTheSameGroupingUnderOtherNamesAndZeroForIndependentOnes) {
    EXPECT_NEAR(normalisedMutualInformation({0, 0, 1, 1, 2, 2}, {5, 5, 3, 3, 9, 9}), 1.0, 1e-12);
    EXPECT_NEAR(normalisedMutualInformation({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0, 1e-12);
    // Hand-computed: a = {0,0,1,1}, b = {0,0,0,1}: I = 0.2158, H(a) = 0.6931, H(b) = 0.5623.
    EXPECT_NEAR(normalisedMutualInformation({0, 0, 1, 1}, {0, 0, 0, 1}), 0.3438, 1e-4);
}

TEST(Grouping, RecoversSeparatedGroupsWithAFixedCount) {
    std::vector<int> truth;
    const auto docs = separated(6, 40, truth);
    GroupingOptions options;
    options.themes = 6;
    const auto g = groupDocuments(docs, 6 * 3 + 5, options);
    EXPECT_EQ(g.centroids.size(), 6u);
    EXPECT_NEAR(normalisedMutualInformation(truth, g.assignment), 1.0, 1e-9);
}

TEST(Grouping, ChoosesTheCountAutomaticallyByMergingNearDuplicates) {
    std::vector<int> truth;
    const auto docs = separated(5, 60, truth);
    const auto g = groupDocuments(docs, 5 * 3 + 5, GroupingOptions{});
    EXPECT_EQ(g.centroids.size(), 5u) << "over-clustered into " << overClusterCount(docs.size());
    EXPECT_GT(normalisedMutualInformation(truth, g.assignment), 0.95);
}

TEST(Grouping, IsDeterministicAndLeavesEmptyDocumentsOut) {
    std::vector<int> truth;
    auto docs = separated(4, 30, truth);
    docs.push_back(SparseVector{});
    const auto a = groupDocuments(docs, 4 * 3 + 5, GroupingOptions{});
    const auto b = groupDocuments(docs, 4 * 3 + 5, GroupingOptions{});
    EXPECT_EQ(a.assignment, b.assignment);
    EXPECT_EQ(a.assignment.back(), -1);
    for (std::size_t i = 0; i + 1 < docs.size(); ++i) {
        EXPECT_GT(a.similarity[i], 0.5f);
    }
}

TEST(Grouping, FitsOnASampleAndStillPlacesEveryDocument) {
    std::vector<int> truth;
    const auto docs = separated(3, 400, truth);
    GroupingOptions options;
    options.themes = 3;
    options.sampleSize = 90;
    const auto g = groupDocuments(docs, 3 * 3 + 5, options);
    EXPECT_NEAR(normalisedMutualInformation(truth, g.assignment), 1.0, 1e-9);
}

} // namespace
} // namespace wardvoice::themes
