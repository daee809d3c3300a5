// The comment screen.
#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <imgui.h>
#include <imgui_internal.h>
#include <optional>

namespace wardvoice::kiosk::ui::screens {

namespace {

/// The comment as written, wrapped at word boundaries in a framed box that grows with it (two
/// lines to five), then scrolls so that its end, where typing goes, stays in view. Typing
/// always happens at the end: the on-screen keyboard's keys, or a physical keyboard's letters
/// and Backspace while the box has the focus. Returns true when the box was tapped or pressed.
/// `room`: on a screen the keyboard fills, how tall the box may be; its padding is halved there.
bool commentBox(const std::string& current, const UiContext& ctx, UiOutput& out,
                std::optional<float> room = std::nullopt) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 padding(style.FramePadding.x,
                         room ? style.FramePadding.y * 0.5f : style.FramePadding.y);
    const float width = ImGui::GetContentRegionAvail().x;
    const float wrap = width - 2 * style.FramePadding.x - style.ScrollbarSize;
    const std::string shown = current + "|"; // the caret, after the last letter
    const float textH = ImGui::CalcTextSize(shown.c_str(), nullptr, false, wrap).y;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    // a 12 mm target at least; on a screen the keyboard fills, no taller than the room left
    // (the tap target is the box inside its padding)
    const float least = ctx.metrics.target + 2 * padding.y;
    const float grown = std::max(std::clamp(textH, 2 * line, 5 * line) + 2 * padding.y, least);
    const float height = room ? std::clamp(grown, least, std::max(*room, least)) : grown;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::BeginChild("##comment.view", ImVec2(width, height), true);
    // one control over the whole box: taps and the focus ring land on it
    const ImVec2 start = ImGui::GetCursorPos();
    // the control is the box as seen, wherever its text has scrolled to
    ImGui::SetCursorPos(ImVec2(start.x, start.y + ImGui::GetScrollY()));
    const bool pressed = ImGui::InvisibleButton("##comment", ImVec2(wrap, height - 2 * padding.y));
    const bool focused = ImGui::IsItemFocused();
    control(ctx, "comment.box");
    ImGui::SetCursorPos(start);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
    ImGui::TextUnformatted(shown.c_str());
    ImGui::PopTextWrapPos();
    if (textH > height - 2 * padding.y) {
        ImGui::SetScrollHereY(1.0f); // follow the end of the text
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    if (focused) {
        const std::string text = typedThisFrame(current, common::kMaxCommentChars);
        if (text != current) {
            out.action = action::SetComment{text};
        }
    }
    return pressed;
}

/// The comment on a screen the keyboard fills (see CommentBuffer::typing): the question on one
/// line, the box, and the keyboard, whose Done key brings back the screen with its bars.
void commentTyping(const Flow& flow, const UiContext& ctx, const std::string& lang,
                   CommentBuffer& buffer, UiOutput& out) {
    const std::string& current = flow.state().draft.comment;
    const ImGuiStyle& style = ImGui::GetStyle();
    // the question stays in sight, on one line above the box
    const std::string question = t(ctx, lang, "comment.title");
    ImGui::SetWindowFontScale(0.8f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float lineH = ImGui::GetTextLineHeight();
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, ImVec2(at.x + width, at.y + lineH),
                              at.x + width, at.x + width, question.c_str(), nullptr, nullptr);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 2.0f));
    ImGui::Dummy(ImVec2(width, lineH));
    ImGui::PopStyleVar();
    traceLastItem(ctx.trace, "sticky_title:" + question);
    ImGui::SetWindowFontScale(1.0f);
    const float keyboardH = keyboardHeight(lang, buffer.keyboard, ctx.metrics);
    const float room = ImGui::GetContentRegionAvail().y - keyboardH - style.ItemSpacing.y;
    commentBox(current, ctx, out, room);
    if (auto typed =
            personsKeyboard(ctx, lang, current, common::kMaxCommentChars, buffer, out, true)) {
        out.action = action::SetComment{*typed};
    }
    buffer.shownText = current;
}

} // namespace

void comment(const Flow& flow, const UiContext& ctx, const std::string& lang, CommentBuffer& buffer,
             UiOutput& out) {
    if (buffer.typing) {
        commentTyping(flow, ctx, lang, buffer, out);
        return;
    }
    const std::string& current = flow.state().draft.comment;
    heading(t(ctx, lang, "comment.title"));
    body(t(ctx, lang, "comment.privacy"));
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
            // a phrase already in the comment is shown dimmed and adds nothing a second time
            const bool added = hasPhrase(current, phrase);
            ImGui::BeginDisabled(added);
            const bool chosen = ImGui::Button(
                phrase.c_str(), ImVec2(std::max(w, ctx.metrics.target),
                                       std::max(ctx.metrics.target,
                                                ImGui::GetFontSize() + 2 * style.FramePadding.y)));
            ImGui::EndDisabled();
            control(ctx, "chip." + std::to_string(k));
            if (chosen && !added) {
                out.action =
                    action::SetComment{addPhrase(current, phrase, common::kMaxCommentChars)};
            }
            ImGui::PopID();
        }
        ImGui::PopStyleColor();
    }
    const ImVec2 boxPos = ImGui::GetCursorScreenPos();
    const float boxTop = ImGui::GetCursorPosY();
    const bool boxActivated = commentBox(current, ctx, out);
    const std::size_t chars = common::utf8::length(current);
    const std::string words = ctx.tr->count(lang, "comment.words", wordCount(current));
    const std::string left =
        ctx.tr->count(lang, "comment.chars_left",
                      common::kMaxCommentChars - std::min(chars, common::kMaxCommentChars));
    ImGui::TextUnformatted((words + "  |  " + left).c_str());
    // On a screen too short for the question, the phrases and the keyboard together (800x480),
    // the keyboard waits until the person taps the box, as a phone's does, instead of showing
    // with its last row (shift, space, backspace) below the fold; then it scrolls into view.
    const float keyboardH = keyboardHeight(lang, buffer.keyboard, ctx.metrics);
    const bool fits = ImGui::GetCursorPosY() + keyboardH <= ImGui::GetWindowHeight();
    const bool opening = !buffer.keyboardOpen && boxActivated;
    buffer.keyboardOpen = buffer.keyboardOpen || boxActivated;
    if (fits || buffer.keyboardOpen) {
        const bool wasAlternate = buffer.keyboard.alternate;
        if (auto typed =
                personsKeyboard(ctx, lang, current, common::kMaxCommentChars, buffer, out, false)) {
            out.action = action::SetComment{*typed};
        }
        // The whole keyboard, its bottom row (Shift, space, backspace) included, comes into
        // view when it opens, when the text changes and when the layer changes. The scroll
        // limit is only known a frame after the keyboard is first drawn, so this goes on for a
        // few frames; the keys take no taps while they move.
        if (opening || current != buffer.shownText || wasAlternate != buffer.keyboard.alternate) {
            buffer.scrollFrames = 4;
        }
        if (buffer.scrollFrames > 0) {
            ImGui::SetScrollHereY(1.0f);
            --buffer.scrollFrames;
            out.redraw = true;
        }
        // Scrolled to show the whole keyboard, the box must not slip under the question's
        // band at the top: when the box, the keyboard and the band do not fit together, the
        // keyboard takes the whole screen (CommentBuffer::typing) from the next frame.
        const float keyboardBottom = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y;
        if (buffer.keyboardOpen && keyboardBottom > ImGui::GetWindowHeight() &&
            keyboardBottom - boxTop + stickyBandHeight(ctx) > ImGui::GetWindowHeight()) {
            buffer.wholeScreen = true;
            out.redraw = true;
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
