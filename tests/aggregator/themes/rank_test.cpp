// Ranking maths on hand-made counts.
#include "aggregator/themes/rank.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace wardvoice::themes {
namespace {

TEST(Binomial, TailsMatchHandComputedValues) {
    // Binomial(4, 0.5): P(X >= 3) = (4 + 1) / 16.
    EXPECT_NEAR(binomialUpperTail(3, 4, 0.5), 5.0 / 16.0, 1e-12);
    EXPECT_NEAR(binomialLowerTail(1, 4, 0.5), 5.0 / 16.0, 1e-12);
    EXPECT_NEAR(binomialUpperTail(0, 10, 0.3), 1.0, 1e-12);
    // Binomial(10, 0.25): P(X >= 8) = C(10,8)/4^8*(3/4)^2 + ... computed by hand.
    const double p = 45 * std::pow(0.25, 8) * std::pow(0.75, 2) + 10 * std::pow(0.25, 9) * 0.75 +
                     std::pow(0.25, 10);
    EXPECT_NEAR(binomialUpperTail(8, 10, 0.25), p, 1e-15);
}

TEST(Rank, ThreeAgainstOneIsNotATrend) {
    ThemeCounts c;
    c.current = 3;
    c.previous = 1;
    c.currentDays = 30;
    c.previousDays = 30;
    const auto r = rankTheme(c);
    EXPECT_NEAR(r.rateRatio, 3.0, 1e-12) << "the ratio is shown";
    EXPECT_NEAR(r.pRising, 5.0 / 16.0, 1e-12);
    EXPECT_EQ(r.trend, Trend::Steady) << "but 3 vs 1 is not significant";
}

TEST(Rank, ThirtyAgainstTenIsRising) {
    ThemeCounts c;
    c.current = 30;
    c.previous = 10;
    c.currentDays = 30;
    c.previousDays = 30;
    const auto r = rankTheme(c);
    EXPECT_EQ(r.trend, Trend::Rising);
    EXPECT_LT(r.pRising, 0.01);
}

TEST(Rank, ComparesDailyRatesNotRawCounts) {
    ThemeCounts c; // 10 in 30 days against 30 in 90 days: the same rate
    c.current = 10;
    c.previous = 30;
    c.currentDays = 30;
    c.previousDays = 90;
    const auto r = rankTheme(c);
    EXPECT_NEAR(r.rateRatio, 1.0, 1e-12);
    EXPECT_EQ(r.trend, Trend::Steady);
    c.current = 1;
    EXPECT_EQ(rankTheme(c).trend, Trend::Falling);
}

TEST(Rank, NewThemeNeedsAtLeastThreeComments) {
    ThemeCounts c;
    c.current = 2;
    c.previous = 0;
    EXPECT_EQ(rankTheme(c).trend, Trend::Steady);
    c.current = 3;
    EXPECT_EQ(rankTheme(c).trend, Trend::New);
}

TEST(Rank, ScoreIsTheProductOfItsVisibleParts) {
    ThemeCounts c;
    c.current = 20;
    c.previous = 20;
    c.currentDays = 30;
    c.previousDays = 90; // rising: 20 in 30 days against 20 in 90
    c.negative = 15;
    c.ratingSum = 80;
    c.rated = 20;
    c.wards = 4;
    const auto r = rankTheme(c);
    EXPECT_EQ(r.trend, Trend::Rising);
    EXPECT_NEAR(r.negativeShare, 0.75, 1e-12);
    ASSERT_TRUE(r.meanRating.has_value());
    EXPECT_NEAR(*r.meanRating, 4.0, 1e-12);
    EXPECT_NEAR(r.volumePart, std::log(21.0), 1e-12);
    EXPECT_NEAR(r.negativePart, 1.0, 1e-12);
    EXPECT_NEAR(r.trendPart, 1.5, 1e-12);
    EXPECT_NEAR(r.spreadPart, 1.0 + 0.25 * std::log(4.0), 1e-12);
    EXPECT_NEAR(r.score, r.volumePart * r.negativePart * r.trendPart * r.spreadPart, 1e-12);
}

TEST(Rank, NegativeWidespreadThemesOutrankPraiseOfTheSameVolume) {
    ThemeCounts praise;
    praise.current = 40;
    praise.previous = 120;
    praise.negative = 1;
    ThemeCounts complaint = praise;
    complaint.negative = 30;
    complaint.wards = 5;
    EXPECT_GT(rankTheme(complaint).score, 2 * rankTheme(praise).score);
}

} // namespace
} // namespace wardvoice::themes
