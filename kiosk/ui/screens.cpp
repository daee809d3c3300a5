// The frame: one full-window ImGui window holding the current screen (kiosk/ui/screens/, one
// file per screen), the pinned navigation bar, the accessibility toggles and any dialog.
#include "kiosk/ui/screens.hpp"

#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <cstring>
#include <imgui.h>
#include <imgui_internal.h>

namespace wardvoice::kiosk::ui {

void SpokenScreen::add(const std::string& words) {
    if (!inColumn || words.empty()) {
        return;
    }
    if (!text.empty()) {
        text += '\n';
    }
    text += words;
}

namespace {

/// Whether the person has chosen or typed anything that Start over would throw away.
bool somethingToLose(const FlowState& s) {
    const Draft& d = s.draft;
    return d.rating || d.respondent || d.topic || !d.answers.empty() || !d.comment.empty() ||
           d.priorityVote || !s.join.name.empty() || !s.join.contact.empty() ||
           !s.join.bestTime.empty();
}

} // namespace

UiOutput drawFrame(const Flow& flow, const UiContext& ctx, CommentBuffer& buffer, double now) {
    UiOutput out;
    const FlowState& s = flow.state();
    const std::string& lang = s.draft.language;
    if (s.screen != Screen::Comment && s.screen != Screen::JoinDetails) {
        buffer.keyboardOpen = false;       // the next comment screen starts as the first did
        buffer.keyboard = KeyboardState{}; // lower case, letters: the next person's layer too
        buffer.shownText = s.draft.comment;
        buffer.joinKeyboardFor = -1;
    }
    if (!buffer.keyboardOpen) {
        buffer.wholeScreen = false;
    }
    // Typing on a short screen: the box and the keyboard take the whole window when they and
    // the bars above and below do not fit together.
    {
        const float chrome = 2 * (ctx.metrics.buttonHeight + 2 * ctx.metrics.padding);
        const float box = 2 * ImGui::GetTextLineHeightWithSpacing() +
                          2 * ImGui::GetStyle().FramePadding.y + ImGui::GetTextLineHeight();
        buffer.typing = (s.screen == Screen::Comment || s.screen == Screen::JoinDetails) &&
                        buffer.keyboardOpen &&
                        (buffer.wholeScreen ||
                         chrome + box + keyboardHeight(lang, buffer.keyboard, ctx.metrics) +
                                 3 * ImGui::GetStyle().ItemSpacing.y >
                             ImGui::GetMainViewport()->Size.y);
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float column = ctx.metrics.columnWidth;
    const float left = (ImGui::GetWindowWidth() - column) * 0.5f;
    ImGui::SetCursorPos(ImVec2(left, buffer.typing
                                         ? ctx.metrics.padding * 0.5f
                                         : ctx.metrics.buttonHeight + 2 * ctx.metrics.padding));
    // Back / Start over stay pinned at the bottom, outside the scrolling column, so that they
    // are always in sight even when a long screen has to scroll.
    const bool hasNav =
        !buffer.typing && s.screen != Screen::Welcome && s.screen != Screen::ThankYou;
    const float navHeight = hasNav ? ctx.metrics.buttonHeight + 2 * ctx.metrics.padding : 0.0f;
    // The review screen's Send is pinned above them too: the answers it lists may need to
    // scroll (larger text at 800x480), Send never does.
    const std::string sendLabel =
        s.screen == Screen::Review ? screens::t(ctx, lang, "review.send") : "";
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const float sendHeight =
        sendLabel.empty()
            ? 0.0f
            : std::max(
                  ctx.metrics.buttonHeight,
                  ImGui::CalcTextSize(sendLabel.c_str(), nullptr, false, column - 2 * pad.x).y +
                      2 * pad.y);
    // 2 mm at least between Send and the bar's buttons
    const float pinnedHeight =
        sendLabel.empty() ? 0.0f : sendHeight + std::max(ctx.metrics.padding, ctx.metrics.gap);
    // typing: the keyboard's last row may go into the window's padding, as far as it shows
    const float columnHeight = buffer.typing ? ImGui::GetWindowHeight() - ctx.metrics.padding
                               : hasNav      ? -(navHeight + pinnedHeight)
                                             : 0.0f;
    ImGui::BeginChild("column", ImVec2(column, columnHeight), false,
                      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
    if ((ctx.focus != nullptr && ctx.focus->newScreen()) || buffer.typing) {
        ImGui::SetScrollY(0.0f); // a new screen starts at its top, whatever the last one showed
    }
    screens::collectSpeech(ctx.spoken);
    if (ctx.spoken != nullptr) {
        ctx.spoken->inColumn = true; // the screen's own words; the bars around it are not read
    }
    switch (s.screen) {
    case Screen::Welcome:
        screens::welcome(flow, ctx, lang, out, now);
        break;
    case Screen::More:
        screens::more(flow, ctx, lang, out, now);
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
    screens::stickyTitle(ctx);
    screens::touchScroll(ctx, lang);
    ImGui::EndChild();
    if (ctx.spoken != nullptr) {
        ctx.spoken->inColumn = false;
    }
    if (!sendLabel.empty()) {
        ImGui::SetCursorPos(ImVec2(left, ImGui::GetWindowHeight() - navHeight - pinnedHeight +
                                             ctx.metrics.padding));
        ImGui::BeginChild("pinned", ImVec2(column, sendHeight), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened |
                              ImGuiWindowFlags_NoScrollbar);
        if (screens::bigButton(ctx, sendLabel, "send")) {
            out.action = action::Submit{};
        }
        ImGui::EndChild();
    }
    if (hasNav) {
        ImGui::SetCursorPos(
            ImVec2(left, ImGui::GetWindowHeight() - navHeight + ctx.metrics.padding));
        ImGui::BeginChild("navigation", ImVec2(column, ctx.metrics.buttonHeight), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened |
                              ImGuiWindowFlags_NoScrollbar);
        // Skip, on every question, is the bar's forward button: always in sight, and never
        // taken for one more answer
        const std::string skip = screens::t(ctx, lang, "choose.skip") + " >";
        switch (s.screen) {
        case Screen::JoinDetails: {
            // Next (Send on the last page) stays in view whatever the keyboard takes
            const bool last = s.join.field == 2;
            screens::navigationBar(
                ctx, lang, out, true, last ? screens::t(ctx, lang, "join.send") : std::string(),
                action::Next{}, flow.joinPageReady(), last ? "join.send" : "next");
            break;
        }
        case Screen::Rating:
            screens::navigationBar(ctx, lang, out, true, skip, action::ChooseRating{}, true,
                                   "skip");
            break;
        case Screen::Respondent:
            screens::navigationBar(ctx, lang, out, true, skip, action::ChooseRespondent{}, true,
                                   "skip");
            break;
        case Screen::Topic:
            screens::navigationBar(ctx, lang, out, true, skip, action::ChooseTopic{}, true, "skip");
            break;
        case Screen::Question:
            screens::navigationBar(ctx, lang, out, true, skip, action::Answer{}, true, "skip");
            break;
        case Screen::Choose:
            screens::navigationBar(ctx, lang, out, true, skip, action::ChooseVote{}, true, "skip");
            break;
        default:
            screens::navigationBar(ctx, lang, out, s.screen == Screen::Comment);
        }
        ImGui::EndChild();
    }
    // Start over asks first when it would throw away something the person chose or typed
    if (out.action && std::holds_alternative<action::StartOver>(*out.action) &&
        somethingToLose(s)) {
        out.action.reset();
        buffer.confirmStartOver = true;
    }
    // Drawn after the screen so that a new screen's focus starts on its own first control and
    // Tab reaches the toggles last.
    if (!buffer.typing) {
        screens::accessibilityToggles(ctx, lang, out);
    }
    const bool pinPad = ctx.admin != nullptr && ctx.admin->pinPadOpen();
    screens::adminPinPad(ctx, out, now, pinPad);
    screens::idleWarning(flow, ctx, lang, out, now, s.idleWarning && !pinPad);
    if (s.idleWarning || pinPad || s.screen == Screen::Welcome || s.screen == Screen::ThankYou) {
        buffer.confirmStartOver = false; // the question ends with the person or the screen
    }
    screens::confirmStartOver(ctx, lang, out, buffer.confirmStartOver);
    if ((s.idleWarning || pinPad || buffer.confirmStartOver) && GImGui->DimBgRatio < 1.0f) {
        out.redraw = true; // ImGui fades a dialog's dimming in over frames: draw them
    }
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
    if (ctx.spoken != nullptr) {
        const auto focused = ctx.spoken->labels.find(ImGui::GetFocusID());
        ctx.spoken->focused = focused != ctx.spoken->labels.end() ? focused->second : "";
    }
    screens::collectSpeech(nullptr);
    ImGui::End();
    return out;
}

} // namespace wardvoice::kiosk::ui
