// What the staff side shows: themes of a set of wards over a period with their ranking, FFT
// figures per ward, and small-number suppression.
#pragma once

#include "aggregator/agenda/suppression.hpp"
#include "aggregator/agenda/theme_service.hpp"
#include "aggregator/store/store.hpp"
#include "aggregator/themes/comment_model.hpp"
#include "aggregator/themes/rank.hpp"

#include <array>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

/// Counts of people below this are never shown on their own (as a number or a percentage).
inline constexpr std::int64_t kSmallNumber = 5;

/// A count as the staff side shows it: the number, or "fewer than 5" for 1-4.
nlohmann::json suppressedCount(std::int64_t n);

/// A percentage (0-100, one decimal) of part/whole, or null when either is 1-4 or whole is 0.
nlohmann::json suppressedPercent(std::int64_t part, std::int64_t whole);

struct InsightQuery {
    std::vector<std::string> wards; ///< sorted; the wards the caller asked for and may see
    std::optional<common::Topic> topic;
    std::int64_t since = 0; ///< this period is [since, until)
    std::int64_t until = 0;
    int previousPeriods = 3; ///< the trend compares against this many earlier periods
};

/// One theme as a ward manager or panel sees it.
struct ThemeInsight {
    int id = 0;
    std::string label;
    std::string subject; ///< the subject alone ("food and drink" for "food served cold")
    std::string category;
    std::string example;
    std::vector<std::string> examples; ///< up to 3 recent comments, the dominant side's first
    /// Comments this period by side (themes::kPositive, kNeutral, kNegative) and up to two
    /// recent examples of each.
    std::array<std::size_t, 3> bySentiment{};
    std::array<std::vector<std::string>, 3> sideExamples;
    std::vector<std::string> wards; ///< wards it came from this period
    std::size_t current = 0;
    std::size_t previous = 0;
    std::size_t thisWeek = 0; ///< comments in the last 7 days of the period
    double meanSentiment = 0;
    themes::Ranking ranking;
    std::vector<std::size_t> sparkline;         ///< comments per slice, oldest first, whole window
    std::map<std::string, std::size_t> perWard; ///< comments this period per ward
    themes::ThemeCounts counts;                 ///< what the ranking was computed from
};

/// Several themes as one (an agenda item that merges them): their counts, sides, weeks and
/// wards added up and ranked again, with three examples that differ from one another; the
/// first theme's id, label and category. The themes' comments are disjoint, so the sums are
/// exact.
ThemeInsight combineInsights(const std::vector<const ThemeInsight*>& parts);

struct InsightResult {
    std::vector<ThemeInsight> themes; ///< by agenda score, highest first; current > 0 only
    std::size_t comments = 0;         ///< comments with words in this period
    std::size_t unplaced = 0;         ///< of them, close to no theme yet ("new this period")
    std::size_t general = 0; ///< of them, praise alone or nothing to improve (never ranked)
    std::int64_t model = 0;  ///< the theme model's version; 0 while the first is built
};

/// The themes of a query, read from the rollups of the active theme model (nothing is fitted
/// here); results are kept until a submission arrives or the model changes.
class Insights {
public:
    Insights(Store& store, ThemeService& service);

    common::Result<InsightResult> themes(const InsightQuery& query, std::int64_t now);
    ThemeService& service() { return m_service; }

    /// The JSON form of a theme insight, with small numbers suppressed.
    /// `volume` says how the theme's volume may be shown in its view (the view's group
    /// suppression may hide more than its own size asks for); every figure derived from a
    /// hidden count (score and its parts, rate ratio, trend tests) is null then.
    static nlohmann::json toJson(const ThemeInsight& theme, std::optional<Shown> volume = {});

private:
    Store& m_store;
    ThemeService& m_service;
    /// The latest result of one view, and whether it is being computed.
    struct Flight {
        bool running = false;
        int waiting = 0;
        std::int64_t resultSeq = -1; ///< every submission up to this one is in `result`
        InsightResult result;
        std::condition_variable done;
    };
    common::Result<InsightResult> compute(const InsightQuery& query, const LiveTheme& model);

    std::mutex m_mutex; ///< guards m_flights (different views are computed beside each other)
    std::map<std::string, std::unique_ptr<Flight>> m_flights;
};

/// A theme's label and framework category as staff see them: the active model's with staff
/// renames, or what a correction recorded of a theme a refit lost; the general bucket (praise
/// alone, nothing to improve) is "general". Nullopt for an id neither knows.
struct ThemeName {
    std::string label;
    std::string category;
};
std::optional<ThemeName> themeName(const LiveTheme* model, const ThemeOverlay& overlay, int id);

/// FFT answers per ward for [since, until): counts of ratings 1..6 and the total.
using FftCounts = WardDayTotals;
common::Result<std::map<std::string, FftCounts>> fftCounts(Store& store,
                                                           const std::vector<std::string>& wards,
                                                           std::int64_t since, std::int64_t until);

/// The FFT monthly return: header and one CSV line per ward, exact counts (as the national
/// return needs them).
std::string fftReturnCsv(const std::map<std::string, FftCounts>& counts);

/// First instant of month `yyyy-mm` and of the month after; nullopt when malformed.
std::optional<std::pair<std::int64_t, std::int64_t>> monthRange(const std::string& month);

} // namespace wardvoice::aggregator
