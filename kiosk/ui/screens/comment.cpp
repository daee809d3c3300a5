// The comment screen.
#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void comment(const Flow& flow, const UiContext& ctx, const std::string& lang, CommentBuffer& buffer,
             UiOutput& out) {
    const std::string& current = flow.state().draft.comment;
    heading(t(ctx, lang, "comment.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "comment.privacy").c_str());
    // quick phrases: an answer without typing; they flow onto as many lines as they need
    if (flow.state().draft.topic) {
        const std::string topic(common::toString(*flow.state().draft.topic));
        const ImGuiStyle& style = ImGui::GetStyle();
        const float avail = ImGui::GetContentRegionAvail().x;
        float used = 0;
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->buttonText));
        for (int k = 1; k <= 3; ++k) {
            const std::string phrase = t(ctx, lang, "chip." + topic + "." + std::to_string(k));
            const float w =
                std::min(avail, ImGui::CalcTextSize(phrase.c_str()).x + 2 * style.FramePadding.x);
            if (k > 1 && used + style.ItemSpacing.x + w <= avail) {
                ImGui::SameLine();
                used += style.ItemSpacing.x + w;
            } else {
                used = w;
            }
            ImGui::PushID(k);
            const bool chosen =
                ImGui::Button(phrase.c_str(),
                              ImVec2(w, std::max(ctx.metrics.buttonHeight * 0.75f,
                                                 ImGui::GetFontSize() + 2 * style.FramePadding.y)));
            control(ctx, "chip." + std::to_string(k));
            if (chosen) {
                // appended whole or not at all, never cut in the middle
                out.action = action::SetComment{applyKey(
                    current, (current.empty() ? "" : ". ") + phrase, common::kMaxCommentChars)};
            }
            ImGui::PopID();
        }
        ImGui::PopStyleColor();
    }
    const float height = ctx.metrics.fontPx * 2.6f;
    const ImVec2 boxPos = ImGui::GetCursorScreenPos();
    if (ImGui::InputTextMultiline("##comment", buffer.bytes.data(), buffer.bytes.size(),
                                  ImVec2(ImGui::GetContentRegionAvail().x, height))) {
        std::string text(buffer.bytes.data());
        if (!common::utf8::isValid(text)) {
            text = current;
        }
        out.action = action::SetComment{text};
    }
    const bool boxActivated = ImGui::IsItemActivated();
    control(ctx, "comment.box");
    const std::size_t chars = common::utf8::length(current);
    ImGui::Text("%zu %s  |  %zu %s", wordCount(current), t(ctx, lang, "comment.words").c_str(),
                common::kMaxCommentChars - std::min(chars, common::kMaxCommentChars),
                t(ctx, lang, "comment.chars_left").c_str());
    // On a screen too short for the question, the phrases and the keyboard together (800x480),
    // the keyboard waits until the person taps the box, as a phone's does, instead of showing
    // with its last row (shift, space, backspace) below the fold; then it scrolls into view.
    const float keyboardH = keyboardHeight(lang, buffer.keyboard, ctx.metrics);
    const bool fits = ImGui::GetCursorPosY() + keyboardH <= ImGui::GetWindowHeight();
    const bool opening = !buffer.keyboardOpen && boxActivated;
    buffer.keyboardOpen = buffer.keyboardOpen || boxActivated;
    if (fits || buffer.keyboardOpen) {
        if (auto typed = drawKeyboard(current, lang, buffer.keyboard, *ctx.palette, ctx.metrics,
                                      common::kMaxCommentChars, ctx.trace, ctx.focus)) {
            out.action = action::SetComment{*typed};
        }
        if ((opening || current != buffer.shownText) && ImGui::GetScrollMaxY() > 0) {
            ImGui::SetScrollHereY(1.0f);
        }
    } else if (current.empty()) {
        // the invitation to type, inside the empty box
        const ImGuiStyle& style = ImGui::GetStyle();
        ImGui::GetWindowDrawList()->AddText(
            ImVec2(boxPos.x + style.FramePadding.x, boxPos.y + style.FramePadding.y),
            ImGui::GetColorU32(v4(ctx.palette->text)), t(ctx, lang, "comment.tap_to_type").c_str());
    }
    buffer.shownText = current;
}

} // namespace wardvoice::kiosk::ui::screens
