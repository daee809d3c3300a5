// Small-number suppression that arithmetic cannot undo (pure logic): counts of 1-4 people are
// hidden ("primary"), and further cells or totals are hidden ("secondary") wherever a shown
// total, the other cells, or the bounds of the hidden ones would give a hidden count away.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace wardvoice::aggregator {

/// How one published number is shown.
enum class Shown { Value, FewerThan5, Hidden };

/// A group of counts published with (or summing to) `total`: which to hide. Zeros are shown
/// (they say no one, not a few). The rule, applied until nothing changes: with k1 primary
/// cells (1-4) and k2 secondary cells (5 or more) hidden, their sum is total minus the shown
/// cells; when that sum fixes every hidden value (k1 + k2 = 1, or the sum is k1 + 5 k2, or
/// k2 = 0 and the sum is 4 k1), the smallest shown non-zero cell is hidden too, or the total
/// when there is none.
struct GroupSuppression {
    std::vector<Shown> cells;
    bool totalHidden = false;
};
GroupSuppression suppressGroup(const std::vector<std::int64_t>& cells, std::int64_t total);

/// The same rule over a table: each row and each column is a group whose total is published
/// elsewhere (a theme's volume, a ward's count); repeated until every group is safe.
std::vector<std::vector<Shown>> suppressTable(const std::vector<std::vector<std::int64_t>>& cells);

/// The JSON form: the number, "fewer than 5", or "hidden".
nlohmann::json shownCount(std::int64_t n, Shown how);

/// A group's total: the number, "fewer than 5" under 5, or "hidden" when the group needs it.
nlohmann::json shownTotal(std::int64_t total, const GroupSuppression& s);

/// How a lone count is shown (primary suppression only).
Shown shownAlone(std::int64_t n);

/// A percentage of `whole` made of the cells `parts` (indices into the group): null unless
/// every part and the total are shown and the total is at least 5.
nlohmann::json shownPercent(const std::vector<std::int64_t>& cells, const GroupSuppression& s,
                            std::int64_t whole, const std::vector<std::size_t>& parts);

} // namespace wardvoice::aggregator
