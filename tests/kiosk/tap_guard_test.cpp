// The tap guard: a second tap landing on a screen shown for under 300 ms is not a choice.
#include "kiosk/tap_guard.hpp"

#include <gtest/gtest.h>

namespace wardvoice::kiosk {
namespace {

TEST(TapGuard, ATapOnAScreenShownUnder300msIsDropped) {
    TapGuard g;
    g.drawn(0, 0, 10.0);
    EXPECT_FALSE(g.accept(true, 10.0)) << "the very frame a screen first appears";
    EXPECT_FALSE(g.accept(true, 10.18)) << "a double tap 180 ms later";
    EXPECT_TRUE(g.accept(true, 10.31));
    g.drawn(0, 0, 11.0); // the same screen drawn again: its time does not restart
    EXPECT_TRUE(g.accept(true, 11.0));
}

TEST(TapGuard, TheNextQuestionIsANewScreen) {
    TapGuard g;
    g.drawn(5, 0, 1.0);
    EXPECT_TRUE(g.accept(true, 2.0));
    g.drawn(5, 1, 2.0);
    EXPECT_FALSE(g.accept(true, 2.1));
    EXPECT_TRUE(g.accept(true, 2.4));
}

TEST(TapGuard, KeysAndSwitchesAreNeverDropped) {
    TapGuard g;
    g.drawn(1, 0, 3.0);
    EXPECT_TRUE(g.accept(false, 3.0));
    EXPECT_TRUE(g.accept(false, 3.05));
}

} // namespace
} // namespace wardvoice::kiosk
