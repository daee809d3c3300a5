// Colour contrast of both themes (WCAG AA, 4.5:1), touch-target sizes, and font coverage.
#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/theme.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
    // 12 mm at a 7-inch 800x480 panel's 133 pixels per inch, 2 mm between
    EXPECT_GE(metricsFor(800, 480, false).buttonHeight, 63.0f);
    EXPECT_GE(metricsFor(800, 480, false).target, 62.8f);
    EXPECT_GE(metricsFor(800, 480, false).gap, 10.4f);
    EXPECT_GE(metricsFor(800, 480, false).padding * 1.5f, metricsFor(800, 480, false).gap);
    // a denser screen the monitor tells us about: 12 mm there is more pixels
    EXPECT_NEAR(metricsFor(1920, 1200, false, 224.0f).target, 106.0f, 1.0f);
    // a coarser one (or a made-up size) never makes targets smaller than the baseline's
    EXPECT_EQ(metricsFor(800, 480, false, 60.0f).target, metricsFor(800, 480, false).target);
    EXPECT_NEAR(metricsFor(1280, 800, true).fontPx, 1.5f * metricsFor(1280, 800, false).fontPx,
                1e-3);
    EXPECT_LE(metricsFor(800, 480, false).columnWidth, 800.0f);
}

bool inAtlas(char32_t c) {
    for (const ImWchar* r = fontGlyphRanges(); r[0] != 0; r += 2) {
        if (c >= r[0] && c <= r[1]) {
            return true;
        }
    }
    return false;
}

/// The characters of `text` the font atlas lacks (a glyph missing there shows as '?').
std::string missingGlyphs(const std::string& text) {
    auto decoded = common::utf8::decode(text);
    EXPECT_TRUE(decoded.ok()) << text;
    std::string missing;
    for (const char32_t c : decoded.ok() ? decoded.value() : std::u32string()) {
        if (c >= 0x20 && !inAtlas(c)) {
            common::utf8::append(missing, c);
        }
    }
    return missing;
}

TEST(Theme, TheFontHasEveryCharacterOfEveryShippedText) {
    for (const char* lang : {"en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"}) {
        std::ifstream file(std::string(WARDVOICE_SOURCE_DIR "/assets/i18n/") + lang + ".json");
        const auto table = nlohmann::json::parse(file, nullptr, false);
        ASSERT_TRUE(table.is_object()) << lang;
        for (const auto& [key, value] : table.items()) {
            if (value.is_string()) {
                EXPECT_EQ(missingGlyphs(value.get<std::string>()), "") << lang << " " << key;
            }
        }
        for (const bool shift : {false, true}) {
            for (const bool alternate : {false, true}) {
                KeyboardState state;
                state.shift = shift;
                state.alternate = alternate;
                for (const auto& row : keyboardRows(lang, state)) {
                    for (const std::string& key : row) {
                        EXPECT_EQ(missingGlyphs(key), "") << lang << " keyboard";
                    }
                }
            }
        }
    }
    // the keyboard's own symbols: shift and backspace
    EXPECT_EQ(missingGlyphs("\u21e7\u232b"), "");
    EXPECT_FALSE(inAtlas(U'\u4e2d')) << "the ranges are a selection, not everything";
}

} // namespace
} // namespace wardvoice::kiosk::ui
