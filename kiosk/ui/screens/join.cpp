// Joining the patient and carer panel: the consent text, then the contact details. What is typed
// here stays in memory until it is sealed to the aggregator's panel key (main.cpp) and is
// wiped when the person sends it or leaves.
#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

namespace {

constexpr const char* kFieldLabels[] = {"join.name", "join.contact", "join.best_time"};

/// The page's field: a framed box holding what was typed, with the caret at its end, that
/// grows with the text. A physical keyboard types into it while it has the focus. With
/// `placeholder`, an empty field shows it (dimmed). Returns true when it was tapped.
bool field(const UiContext& ctx, const JoinDraft& j, UiOutput& out,
           const std::string& placeholder = "") {
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string& text = j.text(j.field);
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string shown = text + "|";
    const float wrap = width - 2 * style.FramePadding.x;
    const float textH = ImGui::CalcTextSize(shown.c_str(), nullptr, false, wrap).y;
    const float height = std::max(ctx.metrics.buttonHeight, textH + 2 * style.FramePadding.y);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##field", ImVec2(width, height));
    const bool focused = ImGui::IsItemFocused();
    control(ctx, "join.field:" + std::to_string(j.field));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + height);
    draw->AddRectFilled(pos, end, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    draw->AddRect(pos, end, ImGui::GetColorU32(v4(ctx.palette->button)), style.FrameRounding, 0,
                  3.0f);
    const bool empty = text.empty() && !placeholder.empty();
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(pos.x + style.FramePadding.x, pos.y + (height - textH) * 0.5f),
                  ImGui::GetColorU32(empty ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                  empty ? placeholder.c_str() : shown.c_str(), nullptr, wrap);
    if (focused) {
        const std::string typed = typedThisFrame(text, joinFieldLimit(j.field));
        if (typed != text) {
            out.action = action::SetJoinField{j.field, typed};
        }
    }
    return pressed;
}

} // namespace

void joinConsent(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    (void)flow;
    heading(t(ctx, lang, "join.consent_title"));
    // The trust's own words in this language; else its English words (what it keeps and for
    // how long is its promise, not ours); the built-in text only where it wrote none.
    const auto own = ctx.panelConsent.find(lang);
    const auto english = ctx.panelConsent.find("en");
    const std::string text = own != ctx.panelConsent.end() ? own->second
                             : english != ctx.panelConsent.end()
                                 ? english->second
                                 : t(ctx, lang, "join.consent_body");
    body(text);
    traceLastItem(ctx.trace, "join.consent_text");
    ImGui::Spacing();
    if (bigButton(ctx, t(ctx, lang, "join.agree"), "join.agree")) {
        out.action = action::JoinAgree{};
    }
    ImGui::Dummy(ImVec2(0.0f, ctx.metrics.padding));
    if (secondaryButton(ctx, t(ctx, lang, "join.no_thanks"), "join.no_thanks",
                        ImGui::GetContentRegionAvail().x * 0.5f)) {
        out.action = action::Back{};
    }
}

void joinDetails(const Flow& flow, const UiContext& ctx, const std::string& lang,
                 CommentBuffer& buffer, UiOutput& out) {
    const JoinDraft& j = flow.state().join;
    if (buffer.joinKeyboardFor != static_cast<int>(j.field)) {
        buffer.joinKeyboardFor = static_cast<int>(j.field); // each page opens with its keyboard
        buffer.keyboardOpen = true;
    }
    const std::string& typing = j.text(j.field);
    if (buffer.typing) {
        // the keyboard has the screen: the field says what it is for until something is typed
        field(ctx, j, out, t(ctx, lang, kFieldLabels[j.field]));
        if (auto typed =
                personsKeyboard(ctx, lang, typing, joinFieldLimit(j.field), buffer, out, true)) {
            out.action = action::SetJoinField{j.field, *typed};
        }
        return;
    }
    // one field a page, so that the field and the whole keyboard fit on a 7-inch screen
    ImGui::TextUnformatted(ctx.tr->count(lang, "join.page", j.field + 1).c_str());
    heading(t(ctx, lang, kFieldLabels[j.field]));
    if (field(ctx, j, out)) {
        buffer.keyboardOpen = true;
    }
    if (j.field == 1 && !typing.empty() && !plausibleContact(typing)) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::TextWrapped("%s", t(ctx, lang, "join.contact_hint").c_str());
        ImGui::PopStyleColor();
    }
    drawNotice(flow, ctx, lang);
    ImGui::Spacing();
    if (!buffer.keyboardOpen) {
        return; // closed with Done: a tap on the field opens it again
    }
    if (auto typed =
            personsKeyboard(ctx, lang, typing, joinFieldLimit(j.field), buffer, out, false)) {
        out.action = action::SetJoinField{j.field, *typed};
    }
}

} // namespace wardvoice::kiosk::ui::screens
