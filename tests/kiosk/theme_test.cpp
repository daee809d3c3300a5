// Colour contrast of both themes (WCAG AA, 4.5:1) and touch-target sizes.
#include "kiosk/ui/theme.hpp"

#include <gtest/gtest.h>

namespace wardvoice::kiosk::ui {
namespace {

TEST(Theme, ContrastFormulaKnownValues) {
    EXPECT_NEAR(contrastRatio({0, 0, 0}, {1, 1, 1}), 21.0, 1e-9);
    EXPECT_NEAR(contrastRatio({1, 1, 1}, {1, 1, 1}), 1.0, 1e-9);
    // #767676 on white is the classic 4.54:1
    EXPECT_NEAR(contrastRatio({118 / 255.f, 118 / 255.f, 118 / 255.f}, {1, 1, 1}), 4.54, 0.01);
}

TEST(Theme, EveryColourPairMeetsWcagAA) {
    for (const Palette* p : {&standardPalette(), &highContrastPalette()}) {
        EXPECT_GE(contrastRatio(p->text, p->background), 4.5);
        EXPECT_GE(contrastRatio(p->buttonText, p->button), 4.5);
        EXPECT_GE(contrastRatio(p->buttonText, p->buttonHover), 4.5);
        EXPECT_GE(contrastRatio(p->secondaryText, p->secondary), 4.5);
        EXPECT_GE(contrastRatio(p->notice, p->background), 4.5);
    }
    EXPECT_GE(contrastRatio(highContrastPalette().text, highContrastPalette().background), 7.0);
}

TEST(Theme, TouchTargetsAreAtLeast12mm) {
    EXPECT_GE(metricsFor(1920, 1080, false).buttonHeight, 72.0f);
    EXPECT_GE(metricsFor(3840, 2160, false).buttonHeight, 144.0f);
    EXPECT_GE(metricsFor(800, 480, false).buttonHeight, 32.0f);
    EXPECT_NEAR(metricsFor(1280, 800, true).fontPx, 1.5f * metricsFor(1280, 800, false).fontPx,
                1e-3);
    EXPECT_LE(metricsFor(800, 480, false).columnWidth, 800.0f);
}

} // namespace
} // namespace wardvoice::kiosk::ui
