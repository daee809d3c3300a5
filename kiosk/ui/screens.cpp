// Drawing of every kiosk screen with Dear ImGui.
//
// [SECTION] widgets
// [SECTION] screens
// [SECTION] frame
#include "kiosk/ui/screens.hpp"

#include "common/redact.hpp"
#include "common/utf8.hpp"

#include <cmath>
#include <cstring>
#include <imgui.h>

namespace wardvoice::kiosk::ui {
namespace {

using common::Respondent;
using common::Topic;

// [SECTION] widgets

ImVec4 v4(const Rgb& c) {
    return ImVec4(c.r, c.g, c.b, 1.0f);
}

/// Right after drawing a control: the UI test trace and the keyboard focus ring see it.
void control(const UiContext& ctx, const std::string& id) {
    traceLastItem(ctx.trace, id);
    if (ctx.focus != nullptr) {
        ctx.focus->control();
    }
}

std::string t(const UiContext& ctx, const std::string& lang, const std::string& key) {
    return ctx.tr->text(lang, key);
}

/// Wrapped text centred in the column.
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

/// A full-width primary button with a label that wraps instead of being clipped.
bool bigButton(const UiContext& ctx, const std::string& label, const char* id,
               float widthFraction = 1.0f) {
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

/// Back and Start over, pinned below the column on every screen but the welcome and thank-you
/// screens. On the comment screen the bar also carries Next, so that it is always in view.
void navigationBar(const UiContext& ctx, const std::string& lang, UiOutput& out, bool withNext) {
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
        if (bigButton(ctx, t(ctx, lang, "common.next") + " >", "next", 1.0f)) {
            out.action = action::Next{};
        }
    }
}

/// Large text and high contrast toggles, always in the top-right corner.
void accessibilityToggles(const UiContext& ctx, const std::string& lang, UiOutput& out) {
    const std::string large = t(ctx, lang, ctx.largeText ? "a11y.normal_text" : "a11y.large_text");
    const std::string contrast = t(ctx, lang, "a11y.contrast");
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

// [SECTION] screens

void welcome(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out,
             double now) {
    heading(t(ctx, lang, "welcome.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "welcome.subtitle").c_str());
    ImGui::Spacing();
    if (bigButton(ctx, t(ctx, lang, "welcome.start"), "start")) {
        out.action = action::Start{};
    }
    if (!ctx.youSaidWeDid.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextWrapped("%s", t(ctx, lang, "welcome.you_said_we_did").c_str());
        const auto index = static_cast<std::size_t>(now / 8.0) % ctx.youSaidWeDid.size();
        ImGui::TextWrapped("%s", ctx.youSaidWeDid[index].c_str());
        traceLastItem(ctx.trace, "you_said_we_did:" + ctx.youSaidWeDid[index]);
    }
}

void language(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "language.title"));
    for (const std::string& code : ctx.languages) {
        // each language's name in that language, so people find their own
        if (bigButton(ctx, t(ctx, code, "language.name"), code.c_str())) {
            out.action = action::ChooseLanguage{code};
        }
    }
}

void respondent(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "respondent.title"));
    for (const Respondent r : common::kAllRespondents) {
        const std::string key = "respondent." + std::string(common::toString(r));
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseRespondent{r};
        }
    }
}

void topic(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "topic.title"));
    for (const Topic tp : common::kAllTopics) {
        const std::string key = "topic." + std::string(common::toString(tp));
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseTopic{tp};
        }
    }
}

void rating(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "rating.title"));
    for (int r = common::kRatingMin; r <= common::kRatingMax; ++r) {
        const std::string key = "rating." + std::to_string(r);
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseRating{r};
        }
    }
    if (bigButton(ctx, t(ctx, lang, "common.skip"), "skip")) {
        out.action = action::ChooseRating{std::nullopt};
    }
}

void question(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    const auto& questions = flow.currentQuestions();
    const std::size_t index = flow.state().questionIndex;
    if (index >= questions.size()) {
        return;
    }
    const Question& q = questions[index];
    ImGui::TextUnformatted(
        (std::to_string(index + 1) + " / " + std::to_string(questions.size())).c_str());
    heading(t(ctx, lang, "q." + q.id));
    for (const std::string& answer : q.answers) {
        if (bigButton(ctx, t(ctx, lang, "a." + answer), answer.c_str())) {
            out.action = action::Answer{answer};
        }
    }
    if (bigButton(ctx, t(ctx, lang, "common.skip"), "skip")) {
        out.action = action::Answer{std::nullopt};
    }
}

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

void review(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    const Draft& d = flow.state().draft;
    heading(t(ctx, lang, "review.title"));
    if (d.respondent) {
        ImGui::BulletText(
            "%s",
            t(ctx, lang, "respondent." + std::string(common::toString(*d.respondent))).c_str());
    }
    if (d.topic) {
        ImGui::BulletText("%s",
                          t(ctx, lang, "topic." + std::string(common::toString(*d.topic))).c_str());
    }
    ImGui::BulletText("%s", d.rating ? t(ctx, lang, "rating." + std::to_string(*d.rating)).c_str()
                                     : t(ctx, lang, "review.no_rating").c_str());
    if (!d.comment.empty()) {
        // shown as it will be stored: personal details already hidden
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::TextWrapped("\"%s\"", common::redact(d.comment).c_str());
    }
    if (!flow.state().notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::TextWrapped("%s", t(ctx, lang, flow.state().notice).c_str());
        ImGui::PopStyleColor();
    }
    if (bigButton(ctx, t(ctx, lang, "review.send"), "send")) {
        out.action = action::Submit{};
    }
}

void thankYou(const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "thankyou.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "thankyou.body").c_str());
    if (bigButton(ctx, t(ctx, lang, "thankyou.done"), "done")) {
        out.action = action::Next{};
    }
}

void idleWarning(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
                 double now) {
    ImGui::OpenPopup("idle");
    const ImVec2 size(ctx.metrics.columnWidth * 0.8f, 0);
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("idle", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
        if (ctx.focus != nullptr) {
            ctx.focus->beginModal();
        }
        heading(t(ctx, lang, "idle.title"));
        const int seconds = static_cast<int>(std::ceil(flow.idleCountdown(now)));
        ImGui::TextWrapped("%s %d", t(ctx, lang, "idle.body").c_str(), seconds);
        if (bigButton(ctx, t(ctx, lang, "idle.still_here"), "still")) {
            out.action = action::StillHere{};
        }
        ImGui::EndPopup();
    }
}

/// Staff only: a numeric pad for the exit PIN, opened by a 5 s hold on the top-left corner.
void adminPinPad(const UiContext& ctx, UiOutput& out, double now) {
    AdminGate& gate = *ctx.admin;
    ImGui::OpenPopup("admin");
    ImGui::SetNextWindowSize(
        ImVec2(std::min(ctx.metrics.columnWidth, ctx.metrics.buttonHeight * 6), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("admin", nullptr,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
        return;
    }
    if (ctx.focus != nullptr) {
        ctx.focus->beginModal();
    }
    ImGui::TextUnformatted(gate.lastAttemptFailed() ? "Wrong PIN. Administrator PIN:"
                                                    : "Administrator PIN:");
    ImGui::TextUnformatted(std::string(gate.typedLength(), '*').append(" ").c_str());
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<-", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
        ImGui::PushID(i);
        const bool pressed = ImGui::Button(keys[i], ImVec2(w, ctx.metrics.buttonHeight));
        control(ctx, std::string("pin:") + keys[i]);
        ImGui::PopID();
        if (pressed) {
            if (i == 9) {
                gate.erase();
            } else if (i == 11) {
                out.exitRequested = gate.submit(now);
            } else {
                gate.typeDigit(keys[i][0]);
            }
        }
        if (i % 3 != 2) {
            ImGui::SameLine();
        }
    }
    if (ImGui::Button("Cancel",
                      ImVec2(ImGui::GetContentRegionAvail().x, ctx.metrics.buttonHeight))) {
        gate.cancel();
    }
    control(ctx, "pin:cancel");
    ImGui::EndPopup();
}

} // namespace

// [SECTION] frame

UiOutput drawFrame(const Flow& flow, const UiContext& ctx, CommentBuffer& buffer, double now) {
    UiOutput out;
    const FlowState& s = flow.state();
    const std::string& lang = s.draft.language;
    if (s.screen != Screen::Comment) {
        buffer.keyboardOpen = false; // the next comment screen starts as the first did
        buffer.shownText = s.draft.comment;
    }
    // Keep the typed text in step with the flow: when the flow forgets, the buffer does too.
    if (s.draft.comment != buffer.bytes.data()) {
        const std::size_t n = std::min(s.draft.comment.size(), buffer.bytes.size() - 1);
        std::memcpy(buffer.bytes.data(), s.draft.comment.data(), n);
        buffer.bytes[n] = '\0';
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
        welcome(flow, ctx, lang, out, now);
        break;
    case Screen::Language:
        language(flow, ctx, lang, out);
        break;
    case Screen::Respondent:
        respondent(flow, ctx, lang, out);
        break;
    case Screen::Topic:
        topic(flow, ctx, lang, out);
        break;
    case Screen::Rating:
        rating(flow, ctx, lang, out);
        break;
    case Screen::Question:
        question(flow, ctx, lang, out);
        break;
    case Screen::Comment:
        comment(flow, ctx, lang, buffer, out);
        break;
    case Screen::Review:
        review(flow, ctx, lang, out);
        break;
    case Screen::ThankYou:
        thankYou(ctx, lang, out);
        break;
    }
    ImGui::EndChild();
    if (hasNav) {
        ImGui::SetCursorPos(
            ImVec2(left, ImGui::GetWindowHeight() - navHeight + ctx.metrics.padding));
        ImGui::BeginChild("navigation", ImVec2(column, ctx.metrics.buttonHeight), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened |
                              ImGuiWindowFlags_NoScrollbar);
        navigationBar(ctx, lang, out, s.screen == Screen::Comment);
        ImGui::EndChild();
    }
    // Drawn after the screen so that a new screen's focus starts on its own first control and
    // Tab reaches the toggles last.
    accessibilityToggles(ctx, lang, out);
    if (ctx.admin != nullptr && ctx.admin->pinPadOpen()) {
        adminPinPad(ctx, out, now);
    } else if (s.idleWarning) {
        idleWarning(flow, ctx, lang, out, now);
    }
    if (!ctx.staffWarning.empty()) {
        // small, in a corner: for the ward's staff, not for patients
        ImGui::SetCursorPos(ImVec2(ctx.metrics.padding,
                                   ImGui::GetWindowHeight() - ImGui::GetTextLineHeight() * 1.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::SetWindowFontScale(0.6f);
        ImGui::TextUnformatted(ctx.staffWarning.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopStyleColor();
    }
    ImGui::End();
    return out;
}

} // namespace wardvoice::kiosk::ui
