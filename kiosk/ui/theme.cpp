// Colours, sizes and fonts of the kiosk.
#include "kiosk/ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <imgui.h>
#include <imgui_internal.h>

namespace wardvoice::kiosk::ui {
namespace {

ImVec4 v4(const Rgb& c, float a = 1.0f) {
    return ImVec4(c.r, c.g, c.b, a);
}

double channel(float c) {
    const double v = c;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(const Rgb& c) {
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

} // namespace

const Palette& standardPalette() {
    // NHS identity colours: blue #005EB8, dark grey #212B32, pale grey #F0F4F5.
    static const Palette p{{0.941f, 0.957f, 0.961f}, {0.129f, 0.169f, 0.196f},
                           {0.0f, 0.369f, 0.722f},   {1.0f, 1.0f, 1.0f},
                           {0.0f, 0.188f, 0.529f},   {0.259f, 0.333f, 0.376f},
                           {1.0f, 1.0f, 1.0f},       {0.678f, 0.0f, 0.0f}};
    return p;
}

const Palette& highContrastPalette() {
    static const Palette p{{0.0f, 0.0f, 0.0f}, {1.0f, 1.0f, 1.0f}, {1.0f, 1.0f, 0.0f},
                           {0.0f, 0.0f, 0.0f}, {1.0f, 1.0f, 0.6f}, {1.0f, 1.0f, 1.0f},
                           {0.0f, 0.0f, 0.0f}, {1.0f, 0.6f, 0.6f}};
    return p;
}

double contrastRatio(const Rgb& a, const Rgb& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Metrics metricsFor(int width, int height, bool largeText, float ppi) {
    const float h = static_cast<float>(std::max(height, 1));
    const float w = static_cast<float>(std::max(width, 1));
    const float scale = largeText ? 1.5f : 1.0f;
    const float pxPerMm = std::max(ppi, kBaselinePpi) / 25.4f;
    Metrics m{};
    m.target = std::ceil(12.0f * pxPerMm);
    m.gap = std::ceil(2.0f * pxPerMm);
    m.fontPx = std::clamp(h / 27.0f, 16.0f, 96.0f) * scale;
    m.buttonHeight = std::max({h / 15.0f, m.fontPx * 1.8f, m.target}); // 72 px at 1080 p
    // ImGui puts 1.5 paddings between items: at least the 2 mm between targets
    m.padding = std::max({8.0f, h / 90.0f, m.gap / 1.5f});
    m.columnWidth = std::min(w - 2 * m.padding, std::max(w * 0.7f, 760.0f));
    return m;
}

const ImWchar* fontGlyphRanges() {
    // Only the letters the shipped languages use beyond Latin-1: every glyph is atlas memory.
    // Latin-1 has Welsh â ê î ô û, Spanish ñ ¿ ¡ and Portuguese ã õ ç; Latin Extended-A has
    // Polish, Romanian ă, Welsh ŵ ŷ, Lithuanian ą č ė į š ų ū ž and Turkish ğ ı İ ş.
    static const ImWchar kRanges[] = {
        0x0020, 0x00FF, // Basic Latin + Latin-1
        0x0100, 0x017F, // Latin Extended-A
        0x0218, 0x021B, // Romanian Ș ș Ț ț
        0x02BC, 0x02BC, // Ukrainian apostrophe
        0x0400, 0x045F, // Cyrillic: Ukrainian (and Russian, which some patients will type)
        0x0490, 0x0491, // Ukrainian Ґ ґ
        0x2010, 0x2027, // dashes, quotes, ellipsis
        0x20AC, 0x20AC, // euro
        0x21E7, 0x21E7, // ⇧ the keyboard's shift
        0x232B, 0x232B, // ⌫ its backspace
        0,
    };
    return kRanges;
}

bool loadFonts(const std::string& fontPath, float px) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    if (!std::filesystem::exists(fontPath)) {
        io.Fonts->AddFontDefault();
        return false;
    }
    // No rounding of the atlas height up to a power of two (GL 2+ takes any size).
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    ImFontConfig config;
    // No horizontal oversampling: at kiosk text sizes (28 px and up) it is invisible, and it
    // halves the font atlas (1024x2048 instead of 1024x4096 at 1080p), which under software GL
    // is process memory: 26 MB less RSS.
    config.OversampleH = 1;
    config.OversampleV = 1;
    if (io.Fonts->AddFontFromFileTTF(fontPath.c_str(), px, &config, fontGlyphRanges()) == nullptr) {
        io.Fonts->AddFontDefault();
        return false;
    }
    // Headings: the bold face beside the regular one, a third larger (falls back to regular).
    std::string bold = fontPath;
    if (const auto dot = bold.rfind(".ttf"); dot != std::string::npos) {
        bold.insert(dot, "-Bold");
    }
    const std::string& headingFace = std::filesystem::exists(bold) ? bold : fontPath;
    io.Fonts->AddFontFromFileTTF(headingFace.c_str(), px * 1.35f, &config, fontGlyphRanges());
    return true;
}

void traceLastItem(std::vector<TraceItem>* trace, const std::string& id) {
    if (trace == nullptr) {
        return;
    }
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    // `focused` is filled in when the frame ends: focus may still move to a control drawn
    // earlier in this frame (Tab from the last control to the first)
    trace->push_back({id, min.x, min.y, max.x - min.x, max.y - min.y, false, ImGui::GetItemID()});
}

void markTraceFocus(std::vector<TraceItem>& trace) {
    const ImGuiID focus = ImGui::GetFocusID();
    for (TraceItem& t : trace) {
        t.focused = t.itemId != 0 && t.itemId == focus;
    }
}

void applyStyle(const Palette& p, const Metrics& m) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowRounding = 0;
    style.FrameRounding = m.padding;
    style.FramePadding = ImVec2(m.padding * 1.5f, m.padding);
    style.ItemSpacing = ImVec2(m.padding * 1.5f, m.padding * 1.5f);
    style.WindowPadding = ImVec2(m.padding * 2, m.padding * 2);
    style.ScrollbarSize = m.fontPx;
    style.FrameBorderSize = 2.0f;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = v4(p.background);
    c[ImGuiCol_Text] = v4(p.text);
    c[ImGuiCol_Button] = v4(p.button);
    // A touch screen has no hover: the pointer stays where the last finger was, and a darker
    // button there looked chosen to the next person. Only a press shows.
    c[ImGuiCol_ButtonHovered] = v4(p.button);
    c[ImGuiCol_ButtonActive] = v4(p.buttonHover);
    c[ImGuiCol_FrameBg] = v4(p.background);
    c[ImGuiCol_Border] = v4(p.text);
    c[ImGuiCol_NavHighlight] = v4(p.notice);
    c[ImGuiCol_PopupBg] = v4(p.background);
    // all but opaque: what someone typed is not readable behind "are you still there?"
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.98f);
    c[ImGuiCol_TextSelectedBg] = v4(p.button, 0.35f);
}

} // namespace wardvoice::kiosk::ui
