// "Help us choose": the patients' votes among the agenda items a ward's kiosks offer, counted
// and said in words, with small numbers suppressed.
#pragma once

#include "aggregator/store/store.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

inline constexpr std::size_t kMaxOpenChoices = 3;
inline constexpr std::size_t kMaxChoiceTitleChars = 80;
inline constexpr std::size_t kMaxDoingChars = 160;
/// A choice agreed or done is shown back on the welcome screen; a done one for this long.
inline constexpr std::int64_t kDoneShownForS = 60 * 86400;

/// "You said: <title>. We are: <doing>" for the kiosk config's `progress`: the ward's choices,
/// open or not, whose items are agreed, under way, or done within kDoneShownForS, with an
/// agreed action; newest first.
nlohmann::json progressJson(const std::vector<AgendaChoice>& choices, std::int64_t now);

/// One choice with its votes. An open choice is ranked among its ward's open choices, and its
/// share is of the ward's voters: the submissions that chose one of them.
struct ChoiceTally {
    AgendaChoice choice;
    std::int64_t votes = 0;
    std::int64_t voters = 0; ///< open choices: votes for any open choice of the ward
    int rank = 0;            ///< 1 = most votes (ties share a rank); 0 when closed
    int of = 0;              ///< open choices of the ward
    std::map<std::string, std::int64_t> byWeek;
};

/// Every choice with its tally, in the order given.
std::vector<ChoiceTally> tallyChoices(const std::vector<AgendaChoice>& choices,
                                      const std::vector<ChoiceVotes>& votes);

/// {"ward", "item", "title", "doing", "open", "opened_at", "opened_by", "closed_at", "votes",
/// "voters", "share_percent", "rank", "of", "by_week": [{"week", "votes"}]}, suppressed.
nlohmann::json tallyJson(const ChoiceTally& t);

/// "ward-7: 1st of 3, 41% of 212 votes" (`ward` is what to call the ward); "fewer than 5
/// votes" while there are few.
std::string tallyWords(const ChoiceTally& t, const std::string& ward);

} // namespace wardvoice::aggregator
