// Primary and secondary small-number suppression.
#include "aggregator/agenda/suppression.hpp"

#include <cmath>
#include <limits>

namespace wardvoice::aggregator {
namespace {

constexpr std::int64_t kSmall = 5;

Shown primary(std::int64_t n) {
    return n > 0 && n < kSmall ? Shown::FewerThan5 : Shown::Value;
}

/// Whether the hidden cells' values follow from the total and the shown cells.
bool pinned(const std::vector<std::int64_t>& cells, const std::vector<Shown>& shown,
            std::int64_t total) {
    std::int64_t k1 = 0;
    std::int64_t k2 = 0;
    std::int64_t hiddenSum = total;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (shown[i] == Shown::FewerThan5) {
            ++k1;
        } else if (shown[i] == Shown::Hidden) {
            ++k2;
        } else {
            hiddenSum -= cells[i];
        }
    }
    if (k1 + k2 == 0) {
        return false;
    }
    return k1 + k2 == 1 || hiddenSum == k1 + kSmall * k2 || (k2 == 0 && hiddenSum == 4 * k1);
}

/// Hides the smallest shown non-zero cell; false when there is none.
bool hideOneMore(const std::vector<std::int64_t>& cells, std::vector<Shown>& shown) {
    std::size_t best = cells.size();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (shown[i] == Shown::Value && cells[i] > 0 &&
            (best == cells.size() || cells[i] < cells[best])) {
            best = i;
        }
    }
    if (best == cells.size()) {
        return false;
    }
    shown[best] = Shown::Hidden;
    return true;
}

/// Makes one group safe given what is already hidden; true when it hid anything.
bool secureGroup(const std::vector<std::int64_t>& cells, std::vector<Shown>& shown,
                 std::int64_t total, bool& totalHidden) {
    bool changed = false;
    while (!totalHidden && pinned(cells, shown, total)) {
        if (!hideOneMore(cells, shown)) {
            totalHidden = true;
        }
        changed = true;
    }
    return changed;
}

} // namespace

GroupSuppression suppressGroup(const std::vector<std::int64_t>& cells, std::int64_t total) {
    GroupSuppression s;
    for (const std::int64_t n : cells) {
        s.cells.push_back(primary(n));
    }
    if (total > 0 && total < kSmall) {
        s.totalHidden = true; // shown as "fewer than 5" by the caller
    }
    secureGroup(cells, s.cells, total, s.totalHidden);
    return s;
}

std::vector<std::vector<Shown>> suppressTable(const std::vector<std::vector<std::int64_t>>& cells) {
    std::vector<std::vector<Shown>> shown;
    for (const auto& row : cells) {
        std::vector<Shown> r;
        for (const std::int64_t n : row) {
            r.push_back(primary(n));
        }
        shown.push_back(std::move(r));
    }
    const std::size_t columns = cells.empty() ? 0 : cells.front().size();
    for (int round = 0; round < 64; ++round) {
        bool changed = false;
        for (std::size_t r = 0; r < cells.size(); ++r) {
            std::int64_t total = 0;
            for (const std::int64_t n : cells[r]) {
                total += n;
            }
            bool totalHidden = false;
            changed |= secureGroup(cells[r], shown[r], total, totalHidden);
        }
        for (std::size_t c = 0; c < columns; ++c) {
            std::vector<std::int64_t> column;
            std::vector<Shown> columnShown;
            std::int64_t total = 0;
            for (std::size_t r = 0; r < cells.size(); ++r) {
                column.push_back(cells[r][c]);
                columnShown.push_back(shown[r][c]);
                total += cells[r][c];
            }
            bool totalHidden = false;
            if (secureGroup(column, columnShown, total, totalHidden)) {
                changed = true;
                for (std::size_t r = 0; r < cells.size(); ++r) {
                    shown[r][c] = columnShown[r];
                }
            }
        }
        if (!changed) {
            break;
        }
    }
    return shown;
}

nlohmann::json shownCount(std::int64_t n, Shown how) {
    switch (how) {
    case Shown::FewerThan5:
        return "fewer than 5";
    case Shown::Hidden:
        return "hidden";
    case Shown::Value:
        break;
    }
    return n;
}

nlohmann::json shownTotal(std::int64_t total, const GroupSuppression& s) {
    if (total > 0 && total < kSmall) {
        return "fewer than 5";
    }
    return s.totalHidden ? nlohmann::json("hidden") : nlohmann::json(total);
}

Shown shownAlone(std::int64_t n) {
    return primary(n);
}

nlohmann::json shownPercent(const std::vector<std::int64_t>& cells, const GroupSuppression& s,
                            std::int64_t whole, const std::vector<std::size_t>& parts) {
    if (s.totalHidden || whole < kSmall) {
        return nullptr;
    }
    std::int64_t part = 0;
    for (const std::size_t i : parts) {
        if (s.cells[i] != Shown::Value) {
            return nullptr;
        }
        part += cells[i];
    }
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

} // namespace wardvoice::aggregator
