// "Help us choose": the patients' votes among a ward's choices.
#include "aggregator/agenda/choices.hpp"

#include "aggregator/agenda/insights.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cmath>

namespace wardvoice::aggregator {

std::vector<ChoiceTally> tallyChoices(const std::vector<AgendaChoice>& choices,
                                      const std::vector<ChoiceVotes>& votes) {
    std::vector<ChoiceTally> out;
    for (const AgendaChoice& c : choices) {
        ChoiceTally t;
        t.choice = c;
        for (const ChoiceVotes& v : votes) {
            if (v.ward == c.ward && v.itemId == c.itemId) {
                t.votes = v.votes;
                t.byWeek = v.byWeek;
            }
        }
        out.push_back(std::move(t));
    }
    for (ChoiceTally& t : out) {
        if (!t.choice.open()) {
            continue;
        }
        for (const ChoiceTally& other : out) {
            if (other.choice.ward != t.choice.ward || !other.choice.open()) {
                continue;
            }
            t.voters += other.votes;
            ++t.of;
            t.rank += other.votes > t.votes ? 1 : 0;
        }
        t.rank += 1;
    }
    return out;
}

namespace {

std::string ordinal(int n) {
    const int lastTwo = n % 100;
    const char* suffix = (lastTwo >= 11 && lastTwo <= 13) ? "th"
                         : n % 10 == 1                    ? "st"
                         : n % 10 == 2                    ? "nd"
                         : n % 10 == 3                    ? "rd"
                                                          : "th";
    return std::to_string(n) + suffix;
}

} // namespace

nlohmann::json tallyJson(const ChoiceTally& t) {
    using nlohmann::json;
    json weeks = json::array();
    for (const auto& [week, n] : t.byWeek) {
        weeks.push_back({{"week", week}, {"votes", suppressedCount(n)}});
    }
    const bool open = t.choice.open();
    // a rank is a comparison of counts: shown once the ward's voters are not few
    const bool ranked = open && t.voters >= kSmallNumber;
    return {{"ward", t.choice.ward},
            {"item", t.choice.itemId},
            {"title", t.choice.titles},
            {"doing", t.choice.doing},
            {"open", open},
            {"opened_by", t.choice.openedBy},
            {"opened_at", common::formatRfc3339(t.choice.openedAt)},
            {"closed_at",
             t.choice.closedAt ? json(common::formatRfc3339(*t.choice.closedAt)) : json(nullptr)},
            {"votes", suppressedCount(t.votes)},
            {"voters", open ? suppressedCount(t.voters) : json(nullptr)},
            {"share_percent", open ? suppressedPercent(t.votes, t.voters) : json(nullptr)},
            {"rank", ranked ? json(t.rank) : json(nullptr)},
            {"of", open ? json(t.of) : json(nullptr)},
            {"by_week", weeks}};
}

nlohmann::json progressJson(const std::vector<AgendaChoice>& choices, std::int64_t now) {
    nlohmann::json out = nlohmann::json::array();
    for (auto it = choices.rbegin(); it != choices.rend(); ++it) {
        const AgendaChoice& c = *it;
        const bool done =
            c.itemStatus == "done" && c.itemClosedAt && *c.itemClosedAt >= now - kDoneShownForS;
        const char* status = c.itemStatus == "action_agreed" ? "agreed"
                             : c.itemStatus == "in_progress" ? "in_progress"
                             : done                          ? "done"
                                                             : nullptr;
        if (status == nullptr || c.itemAction.empty()) {
            continue;
        }
        auto doing = c.doing;
        if (doing.count("en") == 0) {
            doing["en"] = c.itemAction.substr(0, 4 * kMaxDoingChars); // staff words, as agreed
        }
        out.push_back({{"id", c.itemId}, {"said", c.titles}, {"doing", doing}, {"status", status}});
    }
    return out;
}

std::string tallyWords(const ChoiceTally& t, const std::string& ward) {
    if (!t.choice.open()) {
        const std::string votes =
            t.votes > 0 && t.votes < kSmallNumber ? "fewer than 5" : std::to_string(t.votes);
        return ward + ": " + votes + " votes while it was offered";
    }
    if (t.voters < kSmallNumber) {
        return ward + ": one of " + std::to_string(t.of) + " choices, fewer than 5 votes so far";
    }
    const auto share = suppressedPercent(t.votes, t.voters);
    const std::string percent =
        share.is_number() ? std::to_string(static_cast<int>(std::lround(share.get<double>()))) + "%"
                          : "fewer than 5";
    return ward + ": " + ordinal(t.rank) + " of " + std::to_string(t.of) + ", " + percent + " of " +
           std::to_string(t.voters) + " votes";
}

} // namespace wardvoice::aggregator
