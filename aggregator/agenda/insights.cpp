// What the staff side shows: themes with rankings, FFT counts, small-number suppression.
#include "aggregator/agenda/insights.hpp"

#include "aggregator/cli/csv.hpp"
#include "aggregator/themes/engine.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace wardvoice::aggregator {

namespace {

constexpr std::int64_t kWeek = 7 * 86400;
constexpr std::size_t kSparklineSlices = 12;

std::string scopeKey(const InsightQuery& q) {
    std::string key;
    for (const auto& w : q.wards) {
        key += w + ",";
    }
    key += "|";
    key += q.topic ? std::string(common::toString(*q.topic)) : "all";
    return key;
}

std::int64_t createdUnix(const StoredSubmission& s, std::int64_t fallback) {
    auto t = common::parseRfc3339(s.submission.createdAt);
    return t ? t.value() : fallback;
}

} // namespace

nlohmann::json suppressedCount(std::int64_t n) {
    if (n > 0 && n < kSmallNumber) {
        return "fewer than 5";
    }
    return n;
}

nlohmann::json suppressedPercent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0 || (whole > 0 && whole < kSmallNumber) || (part > 0 && part < kSmallNumber)) {
        return nullptr;
    }
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

Insights::Insights(Store& store, themes::CommentModel model)
    : m_store(store), m_model(std::move(model)) {}

common::Result<InsightResult> Insights::themes(const InsightQuery& query, std::int64_t now) {
    auto seq = m_store.lastSubmissionSeq();
    if (!seq) {
        return seq.error();
    }
    const std::string scope = scopeKey(query);
    const std::string cacheKey =
        scope + "|" + std::to_string(query.since) + "|" + std::to_string(query.until);
    std::lock_guard lock(m_mutex);
    if (auto it = m_cache.find(cacheKey); it != m_cache.end() && it->second.first == seq.value()) {
        return it->second.second;
    }
    const std::int64_t length = std::max<std::int64_t>(86400, query.until - query.since);
    const std::int64_t windowStart = query.since - length * query.previousPeriods;
    std::vector<themes::ThemeComment> comments;
    std::vector<StoredSubmission> rows;
    std::vector<std::int64_t> created; ///< each row's time, parsed once
    auto visited =
        m_store.forEachSubmission(windowStart, query.until, [&](const StoredSubmission& s) {
            if (s.submission.comment.empty() ||
                !std::binary_search(query.wards.begin(), query.wards.end(), s.submission.ward) ||
                (query.topic && s.submission.topic != *query.topic)) {
                return;
            }
            rows.push_back(s);
            created.push_back(createdUnix(s, query.since));
            comments.push_back({s.submission.comment, s.submission.rating, s.submission.topic});
        });
    if (!visited) {
        return visited.error();
    }
    // The earlier periods count only from when this scope's feedback starts (a new ward
    // must not look "rising" against days when it had no kiosk).
    std::int64_t dataStart = query.since;
    for (const std::int64_t t : created) {
        dataStart = std::min(dataStart, t);
    }
    dataStart = std::max(dataStart, windowStart);
    InsightResult result;
    if (comments.empty()) {
        m_cache[cacheKey] = {seq.value(), result};
        return result;
    }
    std::optional<themes::ThemeState> previous;
    if (auto saved = m_store.themeState(scope); saved && saved.value()) {
        if (auto parsed = themes::ThemeState::fromJson(*saved.value(), "theme state " + scope)) {
            previous = std::move(parsed.value());
        }
    }
    themes::EngineOptions options;
    const auto run =
        themes::buildThemes(m_model, comments, options, previous ? &*previous : nullptr);
    if (auto saved = m_store.saveThemeState(scope, run.state.toJson(), now); !saved) {
        return saved.error();
    }
    std::map<int, ThemeInsight> byId;
    std::map<int, std::set<std::string>> wards;
    std::map<int, double> ratingSums;
    std::map<int, std::size_t> rated;
    std::map<int, std::size_t> negative;
    std::map<int, double> sentimentSums;
    for (const auto& t : run.state.themes) {
        ThemeInsight& insight = byId[t.id];
        insight.id = t.id;
        insight.label = t.label;
        insight.category = t.category;
        insight.example = t.example;
        insight.sparkline.assign(kSparklineSlices, 0);
    }
    const double windowLength = static_cast<double>(query.until - windowStart);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int id = run.comments[i].themeId;
        result.themeOf[rows[i].submission.id] = id;
        auto it = byId.find(id);
        if (it == byId.end()) {
            continue; // no words at all
        }
        ThemeInsight& insight = it->second;
        const auto slice = static_cast<std::size_t>(
            std::clamp(static_cast<double>(created[i] - windowStart) / windowLength *
                           static_cast<double>(kSparklineSlices),
                       0.0, static_cast<double>(kSparklineSlices - 1)));
        ++insight.sparkline[slice];
        if (created[i] < query.since) {
            ++insight.previous;
            continue;
        }
        ++insight.current;
        result.comments += 1;
        if (created[i] >= query.until - kWeek) {
            ++insight.thisWeek;
        }
        wards[id].insert(rows[i].submission.ward);
        ++insight.perWard[rows[i].submission.ward];
        sentimentSums[id] += run.comments[i].sentiment;
        if (run.comments[i].sentimentClass == 2) {
            ++negative[id];
        }
        if (const auto r = rows[i].submission.rating; r && *r >= 1 && *r <= 5) {
            ratingSums[id] += *r;
            ++rated[id];
        }
    }
    // Up to three recent examples per theme, newest first.
    for (std::size_t i = rows.size(); i-- > 0;) {
        auto it = byId.find(run.comments[i].themeId);
        if (it == byId.end() || it->second.examples.size() >= 3) {
            continue;
        }
        if (created[i] >= query.since) {
            it->second.examples.push_back(rows[i].submission.comment);
        }
    }
    for (auto& [id, insight] : byId) {
        if (insight.current == 0) {
            continue;
        }
        insight.wards.assign(wards[id].begin(), wards[id].end());
        insight.meanSentiment = sentimentSums[id] / static_cast<double>(insight.current);
        themes::ThemeCounts counts;
        counts.current = insight.current;
        counts.previous = insight.previous;
        counts.currentDays = static_cast<double>(query.until - query.since) / 86400.0;
        counts.previousDays = static_cast<double>(query.since - dataStart) / 86400.0;
        counts.negative = negative[id];
        counts.ratingSum = ratingSums[id];
        counts.rated = rated[id];
        counts.wards = insight.wards.size();
        insight.ranking = themes::rankTheme(counts);
        result.themes.push_back(std::move(insight));
    }
    std::sort(result.themes.begin(), result.themes.end(), [](const auto& a, const auto& b) {
        return a.ranking.score != b.ranking.score ? a.ranking.score > b.ranking.score : a.id < b.id;
    });
    if (m_cache.size() > 64) {
        m_cache.clear();
    }
    m_cache[cacheKey] = {seq.value(), result};
    return result;
}

nlohmann::json Insights::toJson(const ThemeInsight& t, std::optional<Shown> volume) {
    const auto& r = t.ranking;
    const auto current = static_cast<std::int64_t>(t.current);
    const auto previous = static_cast<std::int64_t>(t.previous);
    const Shown volumeShown = volume.value_or(shownAlone(current));
    const auto negatives =
        static_cast<std::int64_t>(std::lround(r.negativeShare * static_cast<double>(t.current)));
    // the weeks of the sparkline are a group of their own
    std::vector<std::int64_t> weeks(t.sparkline.begin(), t.sparkline.end());
    std::int64_t weeksTotal = 0;
    for (const std::int64_t n : weeks) {
        weeksTotal += n;
    }
    const GroupSuppression w = suppressGroup(weeks, weeksTotal);
    nlohmann::json sparkline = nlohmann::json::array();
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        sparkline.push_back(shownCount(weeks[i], w.cells[i]));
    }
    // a hidden count must not come back through anything computed from it
    const bool hidden = volumeShown != Shown::Value;
    const bool compared = hidden || shownAlone(previous) != Shown::Value;
    using nlohmann::json;
    auto rounded = [](double v, double scale) { return json(std::round(v * scale) / scale); };
    return {{"id", t.id},
            {"label", t.label},
            {"category", t.category},
            {"example", t.example},
            {"examples", t.examples},
            {"wards", t.wards},
            {"volume", shownCount(current, volumeShown)},
            {"previous", suppressedCount(previous)},
            {"this_week", suppressedCount(static_cast<std::int64_t>(t.thisWeek))},
            {"negative_percent", hidden ? json(nullptr) : suppressedPercent(negatives, current)},
            {"mean_rating", hidden || !r.meanRating ? json(nullptr) : rounded(*r.meanRating, 100)},
            {"mean_sentiment", hidden ? json(nullptr) : rounded(t.meanSentiment, 100)},
            {"trend", std::string(themes::toString(r.trend))},
            {"rate_ratio", compared ? json(nullptr) : rounded(r.rateRatio, 100)},
            {"p_rising", compared ? json(nullptr) : rounded(r.pRising, 1000)},
            {"p_falling", compared ? json(nullptr) : rounded(r.pFalling, 1000)},
            {"sparkline", sparkline},
            {"score", hidden ? json(nullptr) : rounded(r.score, 100)},
            {"score_parts", hidden ? json(nullptr)
                                   : json{{"volume", rounded(r.volumePart, 100)},
                                          {"negativity", rounded(r.negativePart, 100)},
                                          {"trend", r.trendPart},
                                          {"spread", rounded(r.spreadPart, 100)}}}};
}

common::Result<std::map<std::string, FftCounts>> fftCounts(Store& store, std::int64_t since,
                                                           std::int64_t until) {
    std::map<std::string, FftCounts> out;
    auto s = store.forEachSubmission(since, until, [&](const StoredSubmission& row) {
        if (const auto r = row.submission.rating; r && *r >= 1 && *r <= 6) {
            auto& c = out[row.submission.ward];
            ++c.answers[static_cast<std::size_t>(*r - 1)];
            ++c.total;
        }
    });
    if (!s) {
        return s.error();
    }
    return out;
}

std::string fftReturnCsv(const std::map<std::string, FftCounts>& counts) {
    std::string out = csvRow({"ward", "very_good", "good", "neither_good_nor_poor", "poor",
                              "very_poor", "dont_know", "total"});
    for (const auto& [ward, c] : counts) {
        std::vector<std::string> fields = {ward};
        for (auto n : c.answers) {
            fields.push_back(std::to_string(n));
        }
        fields.push_back(std::to_string(c.total));
        out += csvRow(fields);
    }
    return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> monthRange(const std::string& month) {
    if (month.size() != 7 || month[4] != '-' || month.find_first_not_of("0123456789", 0) != 4 ||
        month.find_first_not_of("0123456789", 5) != std::string::npos) {
        return std::nullopt;
    }
    auto start = common::parseDateOrTime(month + "-01");
    if (!start) {
        return std::nullopt;
    }
    int year = std::stoi(month.substr(0, 4));
    int m = std::stoi(month.substr(5, 2)) + 1;
    if (m == 13) {
        m = 1;
        ++year;
    }
    char next[32];
    std::snprintf(next, sizeof next, "%04d-%02d-01", year, m);
    auto end = common::parseDateOrTime(next);
    if (!end) {
        return std::nullopt;
    }
    return std::pair{start.value(), end.value()};
}

} // namespace wardvoice::aggregator
