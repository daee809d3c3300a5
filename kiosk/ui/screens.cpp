// The frame: one full-window ImGui window holding the current screen (kiosk/ui/screens/, one
// file per screen), the pinned navigation bar, the accessibility toggles and any dialog.
#include "kiosk/ui/screens.hpp"

#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <cstring>
#include <imgui.h>

namespace wardvoice::kiosk::ui {

UiOutput drawFrame(const Flow& flow, const UiContext& ctx, CommentBuffer& buffer, double now) {
    UiOutput out;
    const FlowState& s = flow.state();
    const std::string& lang = s.draft.language;
    if (s.screen != Screen::Comment && s.screen != Screen::JoinDetails) {
        buffer.keyboardOpen = false;       // the next comment screen starts as the first did
        buffer.keyboard = KeyboardState{}; // lower case, letters: the next person's layer too
        buffer.shownText = s.draft.comment;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float column = ctx.metrics.columnWidth;
    const float left = (ImGui::GetWindowWidth() - column) * 0.5f;
    ImGui::SetCursorPos(ImVec2(left, ctx.metrics.buttonHeight + 2 * ctx.metrics.padding));
    // Back / Start over stay pinned at the bottom, outside the scrolling column, so that they
    // are always in sight even when a long screen (the keyboard at 800x480) has to scroll.
    const bool hasNav = s.screen != Screen::Welcome && s.screen != Screen::ThankYou;
    const float navHeight = hasNav ? ctx.metrics.buttonHeight + 2 * ctx.metrics.padding : 0.0f;
    ImGui::BeginChild("column", ImVec2(column, hasNav ? -navHeight : 0.0f), false,
                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
    if (ctx.focus != nullptr && ctx.focus->newScreen()) {
        ImGui::SetScrollY(0.0f); // a new screen starts at its top, whatever the last one showed
    }
    switch (s.screen) {
    case Screen::Welcome:
        screens::welcome(flow, ctx, lang, out, now);
        break;
    case Screen::Language:
        screens::language(flow, ctx, lang, out);
        break;
    case Screen::Respondent:
        screens::respondent(flow, ctx, lang, out);
        break;
    case Screen::Topic:
        screens::topic(flow, ctx, lang, out);
        break;
    case Screen::Rating:
        screens::rating(flow, ctx, lang, out);
        break;
    case Screen::Question:
        screens::question(flow, ctx, lang, out);
        break;
    case Screen::Comment:
        screens::comment(flow, ctx, lang, buffer, out);
        break;
    case Screen::Choose:
        screens::choose(flow, ctx, lang, out);
        break;
    case Screen::Review:
        screens::review(flow, ctx, lang, out);
        break;
    case Screen::ThankYou:
        screens::thankYou(flow, ctx, lang, out);
        break;
    case Screen::JoinConsent:
        screens::joinConsent(flow, ctx, lang, out);
        break;
    case Screen::JoinDetails:
        screens::joinDetails(flow, ctx, lang, buffer, out);
        break;
    }
    ImGui::EndChild();
    if (hasNav) {
        ImGui::SetCursorPos(
            ImVec2(left, ImGui::GetWindowHeight() - navHeight + ctx.metrics.padding));
        ImGui::BeginChild("navigation", ImVec2(column, ctx.metrics.buttonHeight), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened |
                              ImGuiWindowFlags_NoScrollbar);
        if (s.screen == Screen::JoinDetails) {
            // Next (Send on the last page) stays in view whatever the keyboard takes
            const bool last = s.join.field == 2;
            screens::navigationBar(
                ctx, lang, out, true, last ? screens::t(ctx, lang, "join.send") : std::string(),
                action::Next{}, flow.joinPageReady(), last ? "join.send" : "next");
        } else {
            screens::navigationBar(ctx, lang, out, s.screen == Screen::Comment);
        }
        ImGui::EndChild();
    }
    // Drawn after the screen so that a new screen's focus starts on its own first control and
    // Tab reaches the toggles last.
    screens::accessibilityToggles(ctx, lang, out);
    const bool pinPad = ctx.admin != nullptr && ctx.admin->pinPadOpen();
    screens::adminPinPad(ctx, out, now, pinPad);
    screens::idleWarning(flow, ctx, lang, out, now, s.idleWarning && !pinPad);
    if (!ctx.staffWarning.empty()) {
        // small, in a corner: for the ward's staff, not for patients
        ImGui::SetCursorPos(ImVec2(ctx.metrics.padding,
                                   ImGui::GetWindowHeight() - ImGui::GetTextLineHeight() * 1.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, screens::v4(ctx.palette->notice));
        ImGui::SetWindowFontScale(0.6f);
        ImGui::TextUnformatted(ctx.staffWarning.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopStyleColor();
    }
    ImGui::End();
    return out;
}

} // namespace wardvoice::kiosk::ui
