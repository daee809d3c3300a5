// What every kiosk screen is drawn with.
#include "kiosk/ui/screens/widgets.hpp"

#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"

#include <algorithm>

namespace wardvoice::kiosk::ui::screens {

ImVec4 v4(const Rgb& c) {
    return ImVec4(c.r, c.g, c.b, 1.0f);
}

void control(const UiContext& ctx, const std::string& id) {
    traceLastItem(ctx.trace, id);
    if (ctx.focus != nullptr) {
        ctx.focus->control();
    }
}

std::string t(const UiContext& ctx, const std::string& lang, const std::string& key) {
    return ctx.tr->text(lang, key);
}

void helpBox(const UiContext& ctx, const std::string& title, const std::string& text,
             const Rgb* colour) {
    const Rgb& frame = colour != nullptr ? *colour : ctx.palette->notice;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.FramePadding.x * 2;
    ImGui::Spacing();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    ImGui::PushStyleColor(ImGuiCol_Text, v4(frame));
    heading(title);
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    traceLastItem(ctx.trace, "help_now"); // the group: the box's words, for the UI tests
    const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad);
    ImGui::GetWindowDrawList()->AddRect(start, end, ImGui::GetColorU32(v4(frame)),
                                        style.FrameRounding, 0, 3.0f);
    ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
    ImGui::Dummy(ImVec2(width, style.ItemSpacing.y));
}

void heading(const std::string& text) {
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    const bool large = fonts->Fonts.Size > 1;
    if (large) {
        ImGui::PushFont(fonts->Fonts[1]);
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopTextWrapPos();
    if (large) {
        ImGui::PopFont();
    }
    ImGui::Spacing();
}

std::string typedThisFrame(const std::string& text, std::size_t maxChars) {
    std::string typed = text;
    for (const ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        if (c >= 0x20 && c != 0x7f) {
            std::string key;
            common::utf8::append(key, c);
            typed = applyKey(typed, key, maxChars);
        }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) {
        typed = applyKey(typed, "\b", maxChars);
    }
    return typed;
}

bool bigButton(const UiContext& ctx, const std::string& label, const char* id,
               float widthFraction) {
    const Metrics& m = ctx.metrics;
    const float width = ImGui::GetContentRegionAvail().x * widthFraction;
    const float wrap = width - 2 * ImGui::GetStyle().FramePadding.x;
    const ImVec2 textSize = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
    const float height =
        std::max(m.buttonHeight, textSize.y + 2 * ImGui::GetStyle().FramePadding.y);
    ImGui::PushID(id);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->buttonText));
    const bool pressed = ImGui::Button("##b", ImVec2(width, height));
    control(ctx, id);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 textPos(pos.x + (width - textSize.x) * 0.5f, pos.y + (height - textSize.y) * 0.5f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), textPos,
                  ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap);
    ImGui::PopStyleColor();
    ImGui::PopID();
    return pressed;
}

bool secondaryButton(const UiContext& ctx, const std::string& label, const char* id, float width) {
    ImGui::PushStyleColor(ImGuiCol_Button, v4(ctx.palette->secondary));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(ctx.palette->secondary));
    ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->secondaryText));
    ImGui::PushID(id);
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(width, ctx.metrics.buttonHeight));
    control(ctx, id);
    ImGui::PopID();
    ImGui::PopStyleColor(3);
    return pressed;
}

void navigationBar(const UiContext& ctx, const std::string& lang, UiOutput& out, bool withNext,
                   const std::string& nextLabel, const Action& nextAction, bool nextEnabled,
                   const char* nextId) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const int buttons = withNext ? 3 : 2;
    const float width = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(buttons - 1)) /
                        static_cast<float>(buttons);
    if (secondaryButton(ctx, "< " + t(ctx, lang, "nav.back"), "back", width)) {
        out.action = action::Back{};
    }
    ImGui::SameLine();
    if (secondaryButton(ctx, t(ctx, lang, "nav.start_over"), "startover", width)) {
        out.action = action::StartOver{};
    }
    if (withNext) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!nextEnabled);
        if (bigButton(ctx, nextLabel.empty() ? t(ctx, lang, "common.next") + " >" : nextLabel,
                      nextId, 1.0f) &&
            nextEnabled) {
            out.action = nextAction;
        }
        ImGui::EndDisabled();
    }
}

void accessibilityToggles(const UiContext& ctx, const std::string& lang, UiOutput& out) {
    const std::string large = t(ctx, lang, ctx.largeText ? "a11y.normal_text" : "a11y.large_text");
    // each toggle says what it does, and high contrast also says when it is on
    const std::string contrast =
        t(ctx, lang, ctx.highContrast ? "a11y.contrast_on" : "a11y.contrast");
    // sized to the longer label so that no language is clipped
    const float width =
        std::max(ImGui::CalcTextSize(large.c_str()).x, ImGui::CalcTextSize(contrast.c_str()).x) +
        4 * ImGui::GetStyle().FramePadding.x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - 2 * width - gap - 2 * ctx.metrics.padding,
                               ctx.metrics.padding));
    if (secondaryButton(ctx, large, "large", width)) {
        out.toggleLargeText = true;
    }
    ImGui::SameLine();
    if (secondaryButton(ctx, contrast, "contrast", width)) {
        out.toggleHighContrast = true;
    }
}

} // namespace wardvoice::kiosk::ui::screens
