// One-vs-rest linear SVM: learns separable classes, rare classes too, deterministically.
#include "aggregator/themes/linear.hpp"

#include <gtest/gtest.h>

namespace wardvoice::themes {
namespace {

SparseVector vec(std::vector<std::pair<std::uint32_t, float>> entries) {
    SparseVector v;
    for (auto [i, x] : entries) {
        v.index.push_back(i);
        v.value.push_back(x);
    }
    normalise(v);
    return v;
}

struct Toy {
    std::vector<SparseVector> x;
    std::vector<std::vector<std::uint16_t>> y;
};

// Three classes, each marked by its own feature plus shared noise features 3..5.
Toy toy() {
    Toy t;
    Random random(5);
    for (int i = 0; i < 90; ++i) {
        const auto c = static_cast<std::uint16_t>(i % 3);
        const auto noise = static_cast<std::uint32_t>(3 + random.below(3));
        t.x.push_back(vec({{c, 1.0f}, {noise, 0.7f}}));
        t.y.push_back({c});
    }
    return t;
}

int top(const LinearModel& m, const SparseVector& x) {
    std::vector<float> s;
    m.scores(x, s);
    return static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
}

TEST(Linear, SeparatesClassesMarkedByTheirOwnFeature) {
    const Toy t = toy();
    const auto m = trainOneVsRest(t.x, t.y, {"a", "b", "c"}, 6, TrainOptions{});
    for (std::uint32_t c = 0; c < 3; ++c) {
        EXPECT_EQ(top(m, vec({{c, 1.0f}, {4, 0.7f}})), static_cast<int>(c));
    }
}

TEST(Linear, PositiveMarginMeansMemberOfTheClass) {
    const Toy t = toy();
    const auto m = trainOneVsRest(t.x, t.y, {"a", "b", "c"}, 6, TrainOptions{});
    std::vector<float> s;
    m.scores(vec({{1, 1.0f}}), s);
    EXPECT_GT(s[1], 0.0f);
    EXPECT_LT(s[0], 0.0f);
    EXPECT_LT(s[2], 0.0f);
}

TEST(Linear, BalancedCostFindsARareClass) {
    std::vector<SparseVector> x;
    std::vector<std::vector<std::uint16_t>> y;
    for (int i = 0; i < 200; ++i) {
        const bool rare = i % 40 == 0; // 5 of 200
        x.push_back(vec({{rare ? 1u : 0u, 0.4f}, {2, 1.0f}}));
        y.push_back({static_cast<std::uint16_t>(rare ? 1 : 0)});
    }
    TrainOptions balanced;
    const auto m = trainOneVsRest(x, y, {"common", "rare"}, 3, balanced);
    std::vector<float> s;
    m.scores(vec({{1, 0.4f}, {2, 1.0f}}), s);
    EXPECT_GT(s[1], 0.0f);
}

TEST(Linear, TrainingIsDeterministic) {
    const Toy t = toy();
    const auto a = trainOneVsRest(t.x, t.y, {"a", "b", "c"}, 6, TrainOptions{});
    const auto b = trainOneVsRest(t.x, t.y, {"a", "b", "c"}, 6, TrainOptions{});
    EXPECT_EQ(a.weights, b.weights);
    EXPECT_EQ(a.bias, b.bias);
}

} // namespace
} // namespace wardvoice::themes
