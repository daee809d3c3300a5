// What every kiosk screen is drawn with.
#include "kiosk/ui/screens/widgets.hpp"

#include "common/timeutil.hpp"
#include "common/utf8.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/ui/keyboard.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace wardvoice::kiosk::ui::screens {

ImVec4 v4(const Rgb& c) {
    return ImVec4(c.r, c.g, c.b, 1.0f);
}

namespace {
SpokenScreen* g_spoken = nullptr; // this frame's words, while drawFrame collects them
// the column's first heading this frame and where it ends (window coordinates, unscrolled)
struct FirstHeading {
    ImGuiID window = 0;
    std::string text;
    float top = 0;
    float bottom = 0;
};
FirstHeading g_heading;
} // namespace

void collectSpeech(SpokenScreen* spoken) {
    g_spoken = spoken;
}

void spoken(const std::string& words) {
    if (g_spoken != nullptr) {
        g_spoken->add(words);
    }
}

void spokenLabel(const std::string& words) {
    if (g_spoken != nullptr) {
        g_spoken->labels[ImGui::GetItemID()] = words;
    }
}

std::optional<std::string> personsKeyboard(const UiContext& ctx, const std::string& lang,
                                           const std::string& text, std::size_t maxChars,
                                           CommentBuffer& buffer, UiOutput& out, bool withDone) {
    KeySpeech speech;
    if (g_spoken != nullptr) {
        speech.labels = &g_spoken->labels;
        speech.shift = t(ctx, lang, "key.shift");
        speech.backspace = t(ctx, lang, "key.backspace");
        speech.symbols = t(ctx, lang, "key.symbols");
        speech.letters = t(ctx, lang, "key.letters");
    }
    auto typed = drawKeyboard(text, lang, buffer.keyboard, *ctx.palette, ctx.metrics, maxChars,
                              t(ctx, lang, "key.space"), ctx.trace, ctx.focus,
                              withDone ? t(ctx, lang, "key.done") : std::string(), &speech);
    if (buffer.keyboard.closeRequested) {
        buffer.keyboard.closeRequested = false;
        buffer.keyboardOpen = false;
    }
    out.redraw = out.redraw || buffer.keyboard.moved; // keys that moved are drawn again first
    return typed;
}

void control(const UiContext& ctx, const std::string& id) {
    traceLastItem(ctx.trace, id);
    if (ctx.focus != nullptr) {
        ctx.focus->control();
    }
}

std::string t(const UiContext& ctx, const std::string& lang, const std::string& key) {
    // the children's (or easy read) words in the person's language; else the usual ones in it
    for (const auto& [on, suffix] :
         {std::pair{ctx.children, ".child"}, std::pair{ctx.easyRead, ".easy"}}) {
        if (!on) {
            continue;
        }
        const std::string variant = key + suffix;
        if (ctx.tr->has(lang, variant) || (!ctx.tr->has(lang, key) && ctx.tr->has("en", variant))) {
            return ctx.tr->text(lang, variant);
        }
    }
    return ctx.tr->text(lang, key);
}

std::string forRespondent(const UiContext& ctx, const std::string& lang, const Draft& draft,
                          const std::string& key) {
    const std::string others = key + ".others";
    if (draft.respondent && *draft.respondent != common::Respondent::Patient &&
        (ctx.tr->has(lang, others) || ctx.tr->has("en", others))) {
        return t(ctx, lang, others);
    }
    return t(ctx, lang, key);
}

void drawNotice(const Flow& flow, const UiContext& ctx, const std::string& lang) {
    const FlowState& s = flow.state();
    if (s.notice.empty()) {
        return;
    }
    std::string text = t(ctx, lang, s.notice);
    if (s.notice == "notice.too_soon") {
        const auto left = static_cast<std::size_t>(std::ceil(s.sendWait));
        text = left > 0 ? ctx.tr->count(lang, s.notice, left) : t(ctx, lang, "notice.send_now");
    }
    ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    traceLastItem(ctx.trace, "notice:" + text);
}

std::string localDate(const UiContext& ctx, const std::string& lang, std::int64_t unixSeconds) {
    const std::string iso = common::formatRfc3339(unixSeconds); // 2026-11-20T09:00:00Z
    const int year = std::stoi(iso.substr(0, 4));
    const int month = std::stoi(iso.substr(5, 2));
    const int day = std::stoi(iso.substr(8, 2));
    std::string out = t(ctx, lang, "date.format");
    const auto put = [&](const std::string& field, const std::string& value) {
        if (const auto at = out.find(field); at != std::string::npos) {
            out.replace(at, field.size(), value);
        }
    };
    put("{d}", std::to_string(day));
    put("{month}", t(ctx, lang, "month." + std::to_string(month)));
    put("{y}", std::to_string(year));
    return out;
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

void body(const std::string& text) {
    ImGui::TextWrapped("%s", text.c_str());
    spoken(text);
}

void heading(const std::string& text) {
    spoken(text);
    if (g_heading.window != ImGui::GetCurrentWindow()->ID) {
        // the first heading of this window this frame (stickyTitle clears it after each)
        g_heading.window = ImGui::GetCurrentWindow()->ID;
        g_heading.text = text;
        g_heading.bottom = -1;
    }
    const bool first = g_heading.bottom < 0;
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
    if (first) {
        g_heading.top = ImGui::GetItemRectMin().y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
        g_heading.bottom =
            ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
    }
    ImGui::Spacing();
}

namespace {

/// The band's width and height in this window for a heading of `text`.
ImVec2 bandSize(const UiContext& ctx, const std::string& text) {
    const float width = ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize;
    const float wrap = width - 2 * ctx.metrics.padding;
    return {width,
            ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y + 2 * ctx.metrics.padding};
}

} // namespace

float stickyBandHeight(const UiContext& ctx) {
    if (g_heading.window != ImGui::GetCurrentWindow()->ID || g_heading.text.empty()) {
        return 0.0f;
    }
    return bandSize(ctx, g_heading.text).y;
}

void stickyTitle(const UiContext& ctx) {
    const FirstHeading seen = g_heading;
    g_heading = FirstHeading{};
    // as soon as any of the question is scrolled out of sight: half a question is none
    if (seen.window != ImGui::GetCurrentWindow()->ID || seen.text.empty() ||
        ImGui::GetScrollY() <= seen.top + 1.0f) {
        return;
    }
    const ImVec2 origin = ImGui::GetWindowPos();
    const auto [width, band] = bandSize(ctx, seen.text);
    const float wrap = width - 2 * ctx.metrics.padding;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + band),
                        ImGui::GetColorU32(v4(ctx.palette->background)));
    draw->AddLine(ImVec2(origin.x, origin.y + band), ImVec2(origin.x + width, origin.y + band),
                  ImGui::GetColorU32(v4(ctx.palette->text)), 2.0f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                  ImVec2(origin.x + ctx.metrics.padding, origin.y + ctx.metrics.padding),
                  ImGui::GetColorU32(v4(ctx.palette->text)), seen.text.c_str(), nullptr, wrap);
    // for the UI tests: where the band is, inside the content so that it adds no height to it
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, band - 1.0f));
    traceLastItem(ctx.trace, "sticky_title:" + seen.text);
    ImGui::SetCursorScreenPos(cursor);
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

namespace {

/// How tall a button of `width` is with `label` wrapped in it.
float buttonHeightFor(const UiContext& ctx, const std::string& label, float width) {
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const ImVec2 text = ImGui::CalcTextSize(label.c_str(), nullptr, false, width - 2 * pad.x);
    return std::max(ctx.metrics.buttonHeight, text.y + 2 * pad.y);
}

} // namespace

bool bigButton(const UiContext& ctx, const std::string& label, const char* id, float widthFraction,
               float minHeight) {
    const float width = ImGui::GetContentRegionAvail().x * widthFraction;
    const float wrap = width - 2 * ImGui::GetStyle().FramePadding.x;
    const ImVec2 textSize = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
    const float height = std::max(buttonHeightFor(ctx, label, width), minHeight);
    ImGui::PushID(id);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->buttonText));
    const bool pressed = ImGui::Button("##b", ImVec2(width, height));
    control(ctx, id);
    spoken(label);
    spokenLabel(label);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 textPos(pos.x + (width - textSize.x) * 0.5f, pos.y + (height - textSize.y) * 0.5f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), textPos,
                  ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap);
    ImGui::PopStyleColor();
    ImGui::PopID();
    return pressed;
}

void drawIcon(ImDrawList* draw, ImVec2 min, float size, Icon icon, ImU32 ink) {
    const float s = size;
    const float line = std::max(2.0f, s * 0.07f);
    const auto at = [&](float x, float y) { return ImVec2(min.x + x * s, min.y + y * s); };
    // a person: a head and shoulders, centred on x, scaled by k
    const auto person = [&](float x, float k) {
        draw->AddCircleFilled(at(x, 0.3f + (1 - k) * 0.5f), s * 0.14f * k, ink, 24);
        draw->PathArcTo(at(x, 0.95f), s * 0.3f * k, 3.3f, 6.12f, 16);
        draw->PathFillConvex(ink);
    };
    switch (icon) {
    case Icon::None:
        return;
    case Icon::Patient: // in bed: the mattress, the headboard, a head on the pillow
        draw->AddRectFilled(at(0.05f, 0.6f), at(0.95f, 0.72f), ink);
        draw->AddLine(at(0.07f, 0.35f), at(0.07f, 0.9f), ink, line);
        draw->AddLine(at(0.93f, 0.6f), at(0.93f, 0.9f), ink, line);
        draw->AddCircleFilled(at(0.25f, 0.48f), s * 0.1f, ink, 20);
        draw->AddRectFilled(at(0.38f, 0.45f), at(0.92f, 0.6f), ink, s * 0.05f);
        return;
    case Icon::Visitor:
        person(0.5f, 1.0f);
        return;
    case Icon::Carer: // a grown-up beside someone smaller
        person(0.33f, 1.0f);
        person(0.72f, 0.75f);
        return;
    case Icon::Helping: // two side by side, a hand between them
        person(0.28f, 0.85f);
        person(0.72f, 0.85f);
        draw->AddLine(at(0.4f, 0.7f), at(0.6f, 0.7f), ink, line * 1.5f);
        return;
    case Icon::Other:
        draw->AddCircle(at(0.5f, 0.5f), s * 0.42f, ink, 32, line);
        draw->AddText(nullptr, s * 0.6f, at(0.36f, 0.18f), ink, "?");
        return;
    case Icon::Home: // a roof over a house with a door
        draw->AddTriangleFilled(at(0.5f, 0.08f), at(0.05f, 0.48f), at(0.95f, 0.48f), ink);
        draw->AddRect(at(0.18f, 0.48f), at(0.82f, 0.92f), ink, 0, 0, line);
        draw->AddRectFilled(at(0.42f, 0.62f), at(0.58f, 0.92f), ink);
        return;
    case Icon::Hands: // a drop of water over an open hand
        draw->AddCircleFilled(at(0.5f, 0.38f), s * 0.14f, ink, 20);
        draw->AddTriangleFilled(at(0.5f, 0.08f), at(0.37f, 0.33f), at(0.63f, 0.33f), ink);
        draw->PathArcTo(at(0.5f, 0.62f), s * 0.38f, 0.3f, 2.84f, 16);
        draw->PathStroke(ink, 0, line * 1.4f);
        return;
    case Icon::Clock:
        draw->AddCircle(at(0.5f, 0.5f), s * 0.42f, ink, 32, line);
        draw->AddLine(at(0.5f, 0.5f), at(0.5f, 0.22f), ink, line);
        draw->AddLine(at(0.5f, 0.5f), at(0.7f, 0.6f), ink, line);
        return;
    case Icon::Speech: // a speech bubble
        draw->AddRect(at(0.08f, 0.15f), at(0.92f, 0.68f), ink, s * 0.12f, 0, line);
        draw->AddTriangleFilled(at(0.25f, 0.66f), at(0.45f, 0.66f), at(0.22f, 0.9f), ink);
        return;
    case Icon::Yes: {
        const ImVec2 tick[3] = {at(0.12f, 0.52f), at(0.4f, 0.8f), at(0.9f, 0.2f)};
        draw->AddPolyline(tick, 3, ink, 0, line * 1.8f);
        return;
    }
    case Icon::No:
        draw->AddLine(at(0.18f, 0.18f), at(0.82f, 0.82f), ink, line * 1.8f);
        draw->AddLine(at(0.82f, 0.18f), at(0.18f, 0.82f), ink, line * 1.8f);
        return;
    }
}

void markChosen(const UiContext& ctx, const std::string& id, bool tick) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const ImU32 colour = ImGui::GetColorU32(v4(ctx.palette->buttonText));
    const float line = std::max(3.0f, ctx.metrics.fontPx * 0.15f);
    const float inset = line;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRect(ImVec2(min.x + inset, min.y + inset), ImVec2(max.x - inset, max.y - inset),
                  colour, ImGui::GetStyle().FrameRounding * 0.6f, 0, line);
    traceLastItem(ctx.trace, "chosen:" + id);
    if (!tick) {
        return;
    }
    // a tick at the left edge, clear of the centred label
    const float h = std::min(max.y - min.y, ctx.metrics.buttonHeight) * 0.45f;
    const float x = min.x + 2 * inset + ctx.metrics.padding;
    const float cy = (min.y + max.y) * 0.5f;
    const ImVec2 mark[3] = {ImVec2(x, cy), ImVec2(x + h * 0.35f, cy + h * 0.35f),
                            ImVec2(x + h, cy - h * 0.45f)};
    draw->AddPolyline(mark, 3, colour, 0, line);
}

int answerButtons(const UiContext& ctx, const std::vector<Answer>& answers, float reserve) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float room = ImGui::GetContentRegionAvail().y - reserve;
    // easy read: choices tall enough for a picture a person can make out
    const bool pictures =
        ctx.easyRead && std::any_of(answers.begin(), answers.end(),
                                    [](const Answer& a) { return a.icon != Icon::None; });
    const float minHeight = pictures ? ctx.metrics.buttonHeight * 1.8f : 0.0f;
    float oneARow = 0;
    for (const Answer& a : answers) {
        oneARow += std::max(minHeight, buttonHeightFor(ctx, a.label, avail)) + style.ItemSpacing.y;
    }
    const bool two = oneARow > room && answers.size() > 1;
    const float half = (avail - style.ItemSpacing.x) * 0.5f;
    int pressed = -1;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        float rowHeight = minHeight;
        const bool alone = two && i % 2 == 0 && i + 1 == answers.size(); // the last, on its own
        if (two && !alone) {
            // a row's two buttons are as tall as the taller, so the grid stays even
            const std::size_t first = i - i % 2;
            for (std::size_t j = first; j < std::min(first + 2, answers.size()); ++j) {
                rowHeight = std::max(rowHeight, buttonHeightFor(ctx, answers[j].label, half));
            }
            if (i % 2 == 1) {
                ImGui::SameLine();
            }
        }
        const float width = two && !alone ? half : avail;
        if (bigButton(ctx, answers[i].label, answers[i].id.c_str(),
                      width / ImGui::GetContentRegionAvail().x, rowHeight)) {
            pressed = static_cast<int>(i);
        }
        const bool pictured = ctx.easyRead && answers[i].icon != Icon::None;
        if (pictured) {
            const ImVec2 min = ImGui::GetItemRectMin();
            const ImVec2 max = ImGui::GetItemRectMax();
            const float side = std::min(max.y - min.y, ctx.metrics.buttonHeight * 2.4f) * 0.75f;
            drawIcon(ImGui::GetWindowDrawList(),
                     ImVec2(min.x + ctx.metrics.padding, (min.y + max.y - side) * 0.5f), side,
                     answers[i].icon, ImGui::GetColorU32(v4(ctx.palette->buttonText)));
            traceLastItem(ctx.trace, "icon:" + answers[i].id);
        }
        if (answers[i].chosen) {
            markChosen(ctx, answers[i].id, !pictured); // the picture keeps the left edge
        }
    }
    return pressed;
}

bool secondaryButton(const UiContext& ctx, const std::string& label, const char* id, float width) {
    ImGui::PushStyleColor(ImGuiCol_Button, v4(ctx.palette->secondary));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(ctx.palette->secondary));
    ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->secondaryText));
    ImGui::PushID(id);
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(width, ctx.metrics.buttonHeight));
    control(ctx, id);
    spoken(label);
    spokenLabel(label);
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
    // Start over first, Back between it and the forward button: the button that throws
    // everything away is never beside the one that goes on
    if (secondaryButton(ctx, t(ctx, lang, "nav.start_over"), "startover", width)) {
        out.action = action::StartOver{};
    }
    ImGui::SameLine();
    if (secondaryButton(ctx, "< " + t(ctx, lang, "nav.back"), "back", width)) {
        out.action = action::Back{};
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

void touchScroll(const UiContext& ctx, const std::string& lang) {
    const ImGuiIO& io = ImGui::GetIO();
    const float maxY = ImGui::GetScrollMaxY();
    if (maxY <= 0.0f) {
        return;
    }
    const ImVec2 origin = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const ImVec2 start = io.MouseClickedPos[ImGuiMouseButton_Left];
    const bool startedHere = start.x >= origin.x && start.x < origin.x + size.x &&
                             start.y >= origin.y && start.y < origin.y + size.y;
    if (startedHere && ImGui::IsMouseDragging(ImGuiMouseButton_Left, ctx.metrics.padding)) {
        ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - io.MouseDelta.y, 0.0f, maxY));
        ImGui::ClearActiveID(); // a scroll is not a tap: the button it began on stays unpressed
    }
    if (ImGui::GetScrollY() >= maxY - 1.0f) {
        return;
    }
    const std::string words = t(ctx, lang, "a11y.more_below");
    const float band = ImGui::GetTextLineHeight() + 2 * ctx.metrics.padding;
    const ImVec2 top(origin.x, origin.y + size.y - band);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(top, ImVec2(origin.x + size.x, origin.y + size.y),
                        ImGui::GetColorU32(v4(ctx.palette->background)));
    draw->AddLine(top, ImVec2(top.x + size.x, top.y), ImGui::GetColorU32(v4(ctx.palette->text)),
                  2.0f);
    const float arrow = ImGui::GetTextLineHeight() * 0.4f;
    const ImVec2 text = ImGui::CalcTextSize(words.c_str());
    const float x = origin.x + (size.x - text.x) * 0.5f;
    const float y = top.y + ctx.metrics.padding;
    for (const float ax : {x - 2.5f * arrow, x + text.x + 2.5f * arrow}) {
        draw->AddTriangleFilled(ImVec2(ax - arrow, y + arrow * 0.6f),
                                ImVec2(ax + arrow, y + arrow * 0.6f), ImVec2(ax, y + 2 * arrow),
                                ImGui::GetColorU32(v4(ctx.palette->text)));
    }
    draw->AddText(ImVec2(x, y), ImGui::GetColorU32(v4(ctx.palette->text)), words.c_str());
    // for the UI tests: where the cue is (a rectangle inside the content, so that it adds no
    // height to it)
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(top);
    ImGui::Dummy(ImVec2(size.x - ImGui::GetStyle().ScrollbarSize, band - 1.0f));
    traceLastItem(ctx.trace, "more_below");
    ImGui::SetCursorScreenPos(cursor);
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
    if (ctx.speechAvailable) {
        // read aloud: a speaker, the same in every language, left of the toggles; lit while on
        const float side = ctx.metrics.buttonHeight;
        ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - 2 * width - 2 * gap - side * 1.6f -
                                       2 * ctx.metrics.padding,
                                   ctx.metrics.padding));
        const Rgb& fill = ctx.readAloud ? ctx.palette->button : ctx.palette->secondary;
        ImGui::PushStyleColor(ImGuiCol_Button, v4(fill));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, v4(fill));
        const bool pressed = ImGui::Button("##speak", ImVec2(side * 1.6f, side));
        ImGui::PopStyleColor(2);
        control(ctx, "speak");
        spokenLabel(t(ctx, lang, ctx.readAloud ? "a11y.read_aloud_on" : "a11y.read_aloud"));
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        const float h = max.y - min.y;
        const float cx = (min.x + max.x) * 0.5f - h * 0.25f;
        const float cy = (min.y + max.y) * 0.5f;
        const ImU32 ink = ImGui::GetColorU32(
            v4(ctx.readAloud ? ctx.palette->buttonText : ctx.palette->secondaryText));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        // the speaker's box and cone, then two sound waves
        draw->AddRectFilled(ImVec2(cx - h * 0.22f, cy - h * 0.1f),
                            ImVec2(cx - h * 0.08f, cy + h * 0.1f), ink);
        draw->AddTriangleFilled(ImVec2(cx - h * 0.1f, cy), ImVec2(cx + h * 0.12f, cy - h * 0.25f),
                                ImVec2(cx + h * 0.12f, cy + h * 0.25f), ink);
        for (const float r : {h * 0.22f, h * 0.36f}) {
            draw->PathArcTo(ImVec2(cx + h * 0.1f, cy), r, -0.8f, 0.8f, 12);
            draw->PathStroke(ink, 0, std::max(2.0f, h * 0.05f));
        }
        if (pressed) {
            out.toggleReadAloud = true;
        }
    }
}

} // namespace wardvoice::kiosk::ui::screens
