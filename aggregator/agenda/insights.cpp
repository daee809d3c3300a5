// What the staff side shows: themes with rankings, FFT counts, small-number suppression.
#include "aggregator/agenda/insights.hpp"

#include "aggregator/cli/csv.hpp"
#include "aggregator/themes/engine.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace wardvoice::aggregator {

namespace {

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

constexpr std::int64_t kDay = 86400;

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

Insights::Insights(Store& store, ThemeService& service) : m_store(store), m_service(service) {}

common::Result<InsightResult> Insights::themes(const InsightQuery& query, std::int64_t now) {
    (void)now;
    InsightResult result;
    const auto model = m_service.active();
    if (!model) {
        return result; // the first model is being fitted
    }
    auto seq = m_store.lastSubmissionSeq();
    if (!seq) {
        return seq.error();
    }
    // One computation per view at a time: a request that arrives while the same view is being
    // computed waits for it, and takes its result when that includes every submission stored
    // before the request came; those that came later share the next computation.
    // (and a staff correction changes what every view shows)
    const std::string key = std::to_string(model->version) + "." +
                            std::to_string(m_store.themeOverlay()->generation) + "|" +
                            scopeKey(query) + "|" + std::to_string(query.since) + "|" +
                            std::to_string(query.until);
    std::unique_lock lock(m_mutex);
    if (m_flights.size() > 256) {
        for (auto it = m_flights.begin(); it != m_flights.end();) {
            it = it->second->running || it->second->waiting > 0 ? std::next(it)
                                                                : m_flights.erase(it);
        }
    }
    auto& slot = m_flights[key];
    if (!slot) {
        slot = std::make_unique<Flight>();
    }
    Flight& flight = *slot;
    for (;;) {
        if (flight.resultSeq >= seq.value()) {
            return flight.result;
        }
        if (!flight.running) {
            break;
        }
        ++flight.waiting;
        flight.done.wait(lock);
        --flight.waiting;
    }
    flight.running = true;
    lock.unlock();
    // read after the request's own: the result includes at least what the request saw
    auto runSeq = m_store.lastSubmissionSeq();
    auto computed = runSeq ? compute(query, *model) : common::Result<InsightResult>(runSeq.error());
    lock.lock();
    flight.running = false;
    if (computed) {
        flight.result = computed.value();
        flight.resultSeq = runSeq.value();
    }
    flight.done.notify_all();
    return computed;
}

namespace {
/// A theme's examples come from its newest this many comments of the period.
constexpr std::size_t kExampleWindow = 60;

/// The words of a comment in lower case (ASCII letters folded; other bytes kept).
std::set<std::string> wordSet(const std::string& text) {
    std::set<std::string> out;
    std::string word;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || u >= 0x80) {
            word += static_cast<char>(std::tolower(u));
        } else if (!word.empty()) {
            out.insert(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        out.insert(std::move(word));
    }
    return out;
}

/// Two comments say much the same when half their words or more are shared (Jaccard).
bool similarWords(const std::set<std::string>& a, const std::set<std::string>& b) {
    if (a.empty() || b.empty()) {
        return a.empty() && b.empty();
    }
    std::size_t shared = 0;
    for (const auto& w : a) {
        shared += b.count(w);
    }
    return 2 * shared >= a.size() + b.size() - shared;
}

/// Three examples that differ from one another (a comment much like one chosen is passed over,
/// unless nothing else is left), the `dominant` side's first, in the candidates' order.
std::vector<std::string> differentExamples(const std::vector<ThemeExample>& candidates,
                                           int dominant) {
    std::vector<std::string> out;
    std::vector<std::set<std::string>> chosen;
    for (const bool strict : {true, false}) {
        for (const bool own : {true, false}) {
            for (const ThemeExample& e : candidates) {
                if (out.size() >= 3 || (e.side == dominant) != own ||
                    std::find(out.begin(), out.end(), e.text) != out.end()) {
                    continue;
                }
                auto words = wordSet(e.text);
                if (strict && std::any_of(chosen.begin(), chosen.end(),
                                          [&](const auto& c) { return similarWords(c, words); })) {
                    continue;
                }
                out.push_back(e.text);
                chosen.push_back(std::move(words));
            }
        }
    }
    return out;
}
} // namespace

ThemeInsight combineInsights(const std::vector<const ThemeInsight*>& parts) {
    if (parts.empty()) {
        return {};
    }
    ThemeInsight out = *parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const ThemeInsight& t = *parts[i];
        out.current += t.current;
        out.previous += t.previous;
        out.thisWeek += t.thisWeek;
        for (std::size_t side = 0; side < out.bySentiment.size(); ++side) {
            out.bySentiment[side] += t.bySentiment[side];
        }
        out.sparkline.resize(std::max(out.sparkline.size(), t.sparkline.size()));
        for (std::size_t w = 0; w < t.sparkline.size(); ++w) {
            out.sparkline[w] += t.sparkline[w];
        }
        for (const auto& [ward, n] : t.perWard) {
            out.perWard[ward] += n;
        }
        out.counts.current += t.counts.current;
        out.counts.previous += t.counts.previous;
        out.counts.negative += t.counts.negative;
        out.counts.ratingSum += t.counts.ratingSum;
        out.counts.rated += t.counts.rated;
    }
    double sentiment = 0;
    for (const ThemeInsight* t : parts) {
        sentiment += t->meanSentiment * static_cast<double>(t->current);
    }
    out.meanSentiment = out.current > 0 ? sentiment / static_cast<double>(out.current) : 0;
    out.wards.clear();
    for (const auto& [ward, n] : out.perWard) {
        if (n > 0) {
            out.wards.push_back(ward);
        }
    }
    out.counts.wards = std::max<std::size_t>(1, out.wards.size());
    out.ranking = themes::rankTheme(out.counts);
    // examples: each side's recent ones from every theme, three that differ, the side most of
    // the merged comments are on first
    std::vector<ThemeExample> candidates;
    for (std::size_t side = 0; side < out.bySentiment.size(); ++side) {
        out.sideExamples[side].clear();
        for (const ThemeInsight* t : parts) {
            for (const auto& text : t->sideExamples[side]) {
                candidates.push_back({text, static_cast<int>(side)});
                if (out.sideExamples[side].size() < 2) {
                    out.sideExamples[side].push_back(text);
                }
            }
        }
    }
    out.examples = differentExamples(candidates, themes::dominantSide(out.bySentiment));
    if (!out.examples.empty()) {
        out.example = out.examples.front();
    }
    return out;
}

common::Result<InsightResult> Insights::compute(const InsightQuery& query, const LiveTheme& live) {
    const LiveTheme* model = &live;
    InsightResult result;
    result.model = model->version;
    // Whole UTC days (the staff gate widens every period to them).
    const std::int64_t sinceDay = query.since / kDay;
    const std::int64_t untilDay = std::max(sinceDay + 1, (query.until + kDay - 1) / kDay);
    const std::int64_t lengthDays = untilDay - sinceDay;
    const std::int64_t windowDay = sinceDay - lengthDays * query.previousPeriods;
    ThemeRollupQuery period{model->version, query.wards, query.topic, sinceDay, untilDay};
    ThemeRollupQuery window = period;
    window.fromDay = windowDay;
    auto cells = m_store.themeWardCounts(period, untilDay - 7);
    auto slices = m_store.themeSliceCounts(window, static_cast<int>(kSparklineSlices), sinceDay);
    if (!cells || !slices) {
        return !cells ? cells.error() : slices.error();
    }
    std::map<int, ThemeInsight> byId;
    std::map<int, const themes::Theme*> known;
    for (const auto& t : model->state.themes) {
        known[t.id] = &t;
    }
    // Staff corrections: renamed labels, and the themes comments were merged or moved into when
    // a refit no longer has them.
    const auto overlay = m_store.themeOverlay();
    auto insightOf = [&](int id) -> ThemeInsight* {
        const auto k = known.find(id);
        const auto corrected = overlay->known.find(id);
        if (k == known.end() && corrected == overlay->known.end()) {
            return nullptr;
        }
        ThemeInsight& insight = byId[id];
        if (insight.id == 0) {
            insight.id = id;
            if (k != known.end()) {
                insight.label = k->second->label;
                const auto& lexicon = themes::SubjectLexicon::standard();
                const auto subject = lexicon.find(k->second->subject);
                insight.subject = subject
                                      ? lexicon.subjects()[static_cast<std::size_t>(*subject)].label
                                      : k->second->label;
                insight.category = k->second->category;
                insight.example = k->second->example;
            } else {
                insight.label = corrected->second.first;
                insight.subject = corrected->second.first;
                insight.category = corrected->second.second;
            }
            if (const auto renamed = overlay->labels.find(id); renamed != overlay->labels.end()) {
                insight.label = renamed->second;
                insight.subject = renamed->second;
            }
            insight.sparkline.assign(kSparklineSlices, 0);
        }
        return &insight;
    };
    // The earlier periods count only from when this scope's feedback starts (a new ward must
    // not look "rising" against days when it had no kiosk).
    std::int64_t dataStartDay = sinceDay;
    for (const ThemeSliceCounts& c : slices.value()) {
        if (c.theme == themes::kNoTheme) {
            continue;
        }
        dataStartDay = std::min(dataStartDay, c.firstDay);
        if (ThemeInsight* insight = insightOf(c.theme)) {
            insight->sparkline[static_cast<std::size_t>(c.slice)] +=
                static_cast<std::size_t>(c.comments);
            if (c.beforePeriod) {
                insight->previous += static_cast<std::size_t>(c.comments);
            }
        }
    }
    dataStartDay = std::max(dataStartDay, windowDay);
    std::map<int, double> ratingSums;
    std::map<int, std::size_t> rated;
    std::map<int, double> sentimentSums;
    for (const ThemeWardCounts& c : cells.value()) {
        if (c.theme == themes::kNoTheme) {
            continue; // no words at all
        }
        result.comments += static_cast<std::size_t>(c.comments);
        if (c.theme == themes::kNewPool) {
            result.unplaced += static_cast<std::size_t>(c.comments);
            continue;
        }
        if (c.theme == themes::kGeneralTheme) {
            result.general += static_cast<std::size_t>(c.comments);
            continue;
        }
        ThemeInsight* insight = insightOf(c.theme);
        if (insight == nullptr) {
            continue;
        }
        insight->current += static_cast<std::size_t>(c.comments);
        insight->thisWeek += static_cast<std::size_t>(c.lastWeek);
        insight->perWard[c.ward] += static_cast<std::size_t>(c.comments);
        sentimentSums[c.theme] += c.sentimentSum;
        insight->bySentiment[themes::kPositive] += static_cast<std::size_t>(c.positive);
        insight->bySentiment[themes::kNeutral] += static_cast<std::size_t>(c.neutral);
        insight->bySentiment[themes::kNegative] += static_cast<std::size_t>(c.negative);
        ratingSums[c.theme] += static_cast<double>(c.ratingSum);
        rated[c.theme] += static_cast<std::size_t>(c.rated);
    }
    for (auto& [id, insight] : byId) {
        if (insight.current == 0) {
            continue;
        }
        for (const auto& [ward, n] : insight.perWard) {
            if (n > 0) {
                insight.wards.push_back(ward);
            }
        }
        // Recent examples of each side (from the newest few dozen), and three to show first:
        // the side most comments are on, newest first, then the others.
        auto examples = m_store.themeExamples(period, id, query.since, query.until, kExampleWindow);
        if (!examples) {
            return examples.error();
        }
        for (const ThemeExample& e : examples.value()) {
            auto& side = insight.sideExamples[static_cast<std::size_t>(std::clamp(e.side, 0, 2))];
            if (side.size() < 2) {
                side.push_back(e.text);
            }
        }
        insight.examples =
            differentExamples(examples.value(), themes::dominantSide(insight.bySentiment));
        insight.meanSentiment = sentimentSums[id] / static_cast<double>(insight.current);
        themes::ThemeCounts counts;
        counts.current = insight.current;
        counts.previous = insight.previous;
        counts.currentDays = static_cast<double>(lengthDays);
        counts.previousDays = static_cast<double>(sinceDay - dataStartDay);
        counts.negative = insight.bySentiment[themes::kNegative];
        counts.ratingSum = ratingSums[id];
        counts.rated = rated[id];
        counts.wards = insight.wards.size();
        insight.ranking = themes::rankTheme(counts);
        insight.counts = counts;
        result.themes.push_back(std::move(insight));
    }
    std::sort(result.themes.begin(), result.themes.end(), [](const auto& a, const auto& b) {
        return a.ranking.score != b.ranking.score ? a.ranking.score > b.ranking.score : a.id < b.id;
    });
    return result;
}

std::optional<ThemeName> themeName(const LiveTheme* model, const ThemeOverlay& overlay, int id) {
    if (id == themes::kGeneralTheme) {
        return ThemeName{"general", ""};
    }
    std::optional<ThemeName> name;
    if (model != nullptr) {
        for (const auto& t : model->state.themes) {
            if (t.id == id) {
                name = ThemeName{t.label, t.category};
            }
        }
    }
    if (!name) {
        const auto known = overlay.known.find(id);
        if (known == overlay.known.end()) {
            return std::nullopt;
        }
        name = ThemeName{known->second.first, known->second.second};
    }
    if (const auto renamed = overlay.labels.find(id); renamed != overlay.labels.end()) {
        name->label = renamed->second;
    }
    return name;
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
    auto side = [&](int which) {
        return hidden ? json(nullptr)
                      : suppressedCount(static_cast<std::int64_t>(
                            t.bySentiment[static_cast<std::size_t>(which)]));
    };
    return {{"id", t.id},
            {"label", t.label},
            {"subject", t.subject},
            {"negative", side(themes::kNegative)},
            {"neutral", side(themes::kNeutral)},
            {"positive", side(themes::kPositive)},
            {"examples_by_side", hidden ? json(nullptr)
                                        : json{{"negative", t.sideExamples[themes::kNegative]},
                                               {"neutral", t.sideExamples[themes::kNeutral]},
                                               {"positive", t.sideExamples[themes::kPositive]}}},
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

common::Result<std::map<std::string, FftCounts>> fftCounts(Store& store,
                                                           const std::vector<std::string>& wards,
                                                           std::int64_t since, std::int64_t until) {
    return store.wardTotals(wards, since, until);
}

std::string fftReturnCsv(const std::map<std::string, FftCounts>& counts) {
    std::string out = csvRow({"ward", "very_good", "good", "neither_good_nor_poor", "poor",
                              "very_poor", "dont_know", "total", "assisted"});
    for (const auto& [ward, c] : counts) {
        std::vector<std::string> fields = {ward};
        for (auto n : c.answers) {
            fields.push_back(std::to_string(n));
        }
        fields.push_back(std::to_string(c.total));
        fields.push_back(std::to_string(c.assisted)); // of all the ward's submissions
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
