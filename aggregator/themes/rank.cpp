// Ranking themes for a panel's agenda.
#include "aggregator/themes/rank.hpp"

#include <algorithm>
#include <cmath>

namespace wardvoice::themes {

namespace {

// ln of the binomial probability mass, stable for large n through lgamma.
double logPmf(std::size_t k, std::size_t n, double p) {
    if (p <= 0) {
        return k == 0 ? 0.0 : -INFINITY;
    }
    if (p >= 1) {
        return k == n ? 0.0 : -INFINITY;
    }
    const double kd = static_cast<double>(k);
    const double nd = static_cast<double>(n);
    return std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) + kd * std::log(p) +
           (nd - kd) * std::log1p(-p);
}

} // namespace

std::string_view toString(Trend trend) {
    switch (trend) {
    case Trend::Rising:
        return "rising";
    case Trend::Falling:
        return "falling";
    case Trend::New:
        return "new";
    case Trend::Steady:
        break;
    }
    return "steady";
}

double binomialUpperTail(std::size_t x, std::size_t n, double p) {
    if (x == 0) {
        return 1.0;
    }
    double sum = 0;
    for (std::size_t k = x; k <= n; ++k) {
        sum += std::exp(logPmf(k, n, p));
    }
    return std::min(1.0, sum);
}

double binomialLowerTail(std::size_t x, std::size_t n, double p) {
    double sum = 0;
    for (std::size_t k = 0; k <= std::min(x, n); ++k) {
        sum += std::exp(logPmf(k, n, p));
    }
    return std::min(1.0, sum);
}

Ranking rankTheme(const ThemeCounts& c, double alpha) {
    Ranking r;
    r.volume = c.current;
    r.wards = std::max<std::size_t>(1, c.wards);
    r.negativeShare =
        c.current == 0 ? 0.0 : static_cast<double>(c.negative) / static_cast<double>(c.current);
    if (c.rated > 0) {
        r.meanRating = c.ratingSum / static_cast<double>(c.rated);
    }
    const std::size_t total = c.current + c.previous;
    const double allDays = c.currentDays + c.previousDays;
    if (c.previous == 0 || c.previousDays <= 0) {
        r.trend = c.current >= 3 ? Trend::New : Trend::Steady;
        r.rateRatio = 1;
    } else if (total > 0 && allDays > 0) {
        const double share = c.currentDays / allDays;
        r.pRising = binomialUpperTail(c.current, total, share);
        r.pFalling = binomialLowerTail(c.current, total, share);
        r.rateRatio = (static_cast<double>(c.current) / c.currentDays) /
                      (static_cast<double>(c.previous) / c.previousDays);
        r.trend = r.pRising < alpha    ? Trend::Rising
                  : r.pFalling < alpha ? Trend::Falling
                                       : Trend::Steady;
    }
    r.volumePart = std::log1p(static_cast<double>(c.current));
    r.negativePart = 0.25 + r.negativeShare;
    r.trendPart = r.trend == Trend::Rising || r.trend == Trend::New ? 1.5
                  : r.trend == Trend::Falling                       ? 0.75
                                                                    : 1.0;
    r.spreadPart = 1.0 + 0.25 * std::log(static_cast<double>(r.wards));
    r.score = r.volumePart * r.negativePart * r.trendPart * r.spreadPart;
    return r;
}

} // namespace wardvoice::themes
