// Colours, sizes and fonts of the kiosk: the NHS-style default and a high-contrast theme.
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

struct ImFont;

namespace wardvoice::kiosk::ui {

struct Rgb {
    float r, g, b;
};

struct Palette {
    Rgb background;
    Rgb text;
    Rgb button;
    Rgb buttonText;
    Rgb buttonHover;
    Rgb secondary; ///< Back / Start over
    Rgb secondaryText;
    Rgb notice; ///< warnings on the page background
};

const Palette& standardPalette();
const Palette& highContrastPalette();

/// WCAG 2.x contrast ratio of two colours (1 to 21).
double contrastRatio(const Rgb& a, const Rgb& b);

/// Sizes derived from the window and the screen's density: every touch target at least
/// 12 mm high and wide with 2 mm between targets (NHS and WCAG guidance for people with tremor
/// or poor sight), so 63 px at a 7-inch 800x480 panel's 133 pixels per inch.
struct Metrics {
    float fontPx;
    float buttonHeight; ///< at least `target`
    float padding;
    float columnWidth;
    float target = 0; ///< the smallest a touch target may be, each way (12 mm)
    float gap = 0;    ///< the least space between two targets (2 mm)
};

/// The density targets are measured at: never below a 7-inch 800x480 panel's 133 pixels per
/// inch (monitors without a size, or a made-up one, count as that), so a target is 12 mm on
/// that panel and larger on a coarser screen, never smaller.
constexpr float kBaselinePpi = 133.0f;

Metrics metricsFor(int width, int height, bool largeText, float ppi = kBaselinePpi);

/// Loads DejaVu Sans at `px` (font 0) and its bold face a third larger for headings (font 1),
/// with Latin (incl. Welsh, Polish, Romanian) and Cyrillic glyphs.
/// Returns false (and keeps ImGui's built-in font) when the font file is missing.
bool loadFonts(const std::string& fontPath, float px);

/// The characters the font atlas holds (pairs of first, last; 0-terminated): the letters of
/// the shipped languages, not whole Unicode blocks, since every glyph is atlas memory.
const ImWchar* fontGlyphRanges();

/// Where a labelled control was drawn, for UI tests that click like a person
/// (written when WARDVOICE_UI_TRACE names a file).
struct TraceItem {
    std::string id;
    float x, y, w, h;
    bool focused;        ///< keyboard/switch navigation is on it (at the end of the frame)
    unsigned int itemId; ///< ImGui's id, to tell which one has the focus once the frame ends
};

/// Records the last item ImGui drew under `id` when `trace` is set.
void traceLastItem(std::vector<TraceItem>* trace, const std::string& id);

/// After the frame: marks the item that holds the keyboard focus now.
void markTraceFocus(std::vector<TraceItem>& trace);

/// Applies the palette and metrics to ImGui's style.
void applyStyle(const Palette& palette, const Metrics& metrics);

} // namespace wardvoice::kiosk::ui
