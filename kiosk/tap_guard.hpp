// Taps that land on a screen the person has not yet seen are dropped: a double tap on "Good"
// must not also answer the next question, unseen, with whatever sits under the finger.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

namespace wardvoice::kiosk {

class TapGuard {
public:
    /// How long after a new screen is first drawn a tap is taken as part of the last one.
    static constexpr double kGuardS = 0.3;

    /// Called for every frame drawn, with what it shows (screen and question index) and when.
    void drawn(int screen, std::size_t step, double now) {
        const std::pair<int, std::size_t> shown{screen, step};
        if (shown != m_shown) {
            m_shown = shown;
            m_shownAt = now;
        }
    }

    /// Whether a choice made by a tap (pointer press) at `now` counts. Keys and switches always
    /// count: they act on the focused control, which the person has seen highlighted.
    bool accept(bool pointer, double now) const {
        return !pointer || !m_shownAt || now - *m_shownAt >= kGuardS;
    }

private:
    std::pair<int, std::size_t> m_shown{-1, 0};
    std::optional<double> m_shownAt;
};

} // namespace wardvoice::kiosk
