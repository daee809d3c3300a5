// Ranking themes for a panel's agenda: volume, negativity, rating, trend (tested for counts) and
// spread across wards, combined into a score whose parts stay visible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace wardvoice::themes {

/// What is known of one theme over the current period and the periods before it.
struct ThemeCounts {
    std::size_t current = 0;  ///< comments this period
    std::size_t previous = 0; ///< comments in the earlier periods compared against
    double currentDays = 30;  ///< length of this period
    double previousDays = 90; ///< length of the earlier periods together
    std::size_t negative = 0; ///< comments this period classed negative
    double ratingSum = 0;     ///< sum of FFT ratings (1 very good .. 5 very poor) this period
    std::size_t rated = 0;    ///< comments with a rating this period
    std::size_t wards = 1;    ///< wards the theme's comments this period came from
};

enum class Trend { Rising, Falling, Steady, New };

std::string_view toString(Trend trend);

/// A theme's ranking with every part of its score.
struct Ranking {
    std::size_t volume = 0;
    double negativeShare = 0;
    std::optional<double> meanRating; ///< none when no comment had a rating
    double rateRatio = 1;             ///< this period's daily rate over the earlier one's
    double pRising = 1;               ///< one-sided p-value that the rate went up
    double pFalling = 1;              ///< one-sided p-value that it went down
    Trend trend = Trend::Steady;
    std::size_t wards = 1;
    // The score is the product of these parts.
    double volumePart = 0;   ///< ln(1 + volume)
    double negativePart = 0; ///< 0.25 + share of negative comments
    double trendPart = 1;    ///< 1.5 when rising significantly, 0.75 when falling, else 1
    double spreadPart = 1;   ///< 1 + 0.25 ln(wards)
    double score = 0;
};

/// P(X >= x) for X ~ Binomial(n, p).
double binomialUpperTail(std::size_t x, std::size_t n, double p);

/// P(X <= x) for X ~ Binomial(n, p).
double binomialLowerTail(std::size_t x, std::size_t n, double p);

/// Ranks one theme. The trend is a conditional binomial test of two Poisson counts: given
/// current + previous comments, the current count is Binomial(total, currentDays / allDays)
/// when the daily rate did not change. A change counts only at p < `alpha`, so 3 comments
/// against 1 in equal periods (p = 0.31) is "steady", not "+200%". A theme with no earlier
/// comments and at least 3 now is "new".
Ranking rankTheme(const ThemeCounts& counts, double alpha = 0.05);

} // namespace wardvoice::themes
