// The welcome screen: the languages, each named in itself and each a way in (one tap to the
// rating), Start in the language shown, "help us choose", and what the ward has done.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void welcome(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out,
             double now) {
    heading(t(ctx, lang, "welcome.title"));
    body(t(ctx, lang, "welcome.subtitle"));
    ImGui::Spacing();
    if (bigButton(ctx, t(ctx, lang, "welcome.start"), "start")) {
        out.action = action::Start{};
    }
    if (ctx.languages.size() > 1) {
        // each language's name in that language, so people find their own; a tap on one starts
        // in it
        ImGui::TextWrapped("%s", t(ctx, lang, "language.title").c_str());
        const ImGuiStyle& style = ImGui::GetStyle();
        const float avail = ImGui::GetContentRegionAvail().x;
        float widest = 0;
        for (const std::string& code : ctx.languages) {
            widest = std::max(widest, ImGui::CalcTextSize(t(ctx, code, "language.name").c_str()).x);
        }
        const float gap = style.ItemSpacing.x;
        const int fit = static_cast<int>((avail + gap) / (widest + 4 * style.FramePadding.x + gap));
        const int columns = std::clamp(fit, 1, std::min(5, static_cast<int>(ctx.languages.size())));
        const float width =
            (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
        int index = 0;
        for (const std::string& code : ctx.languages) {
            if (index++ % columns != 0) {
                ImGui::SameLine(0.0f, gap);
            }
            if (secondaryButton(ctx, t(ctx, code, "language.name"), code.c_str(), width)) {
                out.action = action::ChooseLanguage{code};
            }
        }
    }
    // easy read: short plain sentences and pictures, for this person
    ImGui::Dummy(ImVec2(0.0f, ctx.metrics.padding * 0.5f));
    if (secondaryButton(ctx, t(ctx, lang, ctx.easyRead ? "a11y.easy_read_on" : "a11y.easy_read"),
                        "easy", ImGui::GetContentRegionAvail().x)) {
        out.toggleEasyRead = true;
    }
    if (!ctx.choices.empty() &&
        bigButton(ctx, t(ctx, lang, "welcome.help_choose"), "help_choose")) {
        out.action = action::HelpChoose{};
    }
    if (!ctx.youSaidWeDid.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        heading(t(ctx, lang, "welcome.you_said_we_did"));
        const auto index = static_cast<std::size_t>(now / 8.0) % ctx.youSaidWeDid.size();
        const ShownMessage& message = ctx.youSaidWeDid[index];
        if (message.createdAt > 0) {
            const std::string day = localDate(ctx, lang, message.createdAt);
            ImGui::TextUnformatted(day.c_str());
            traceLastItem(ctx.trace, "you_said_we_did_day:" + day);
        }
        body(message.text);
        traceLastItem(ctx.trace, "you_said_we_did:" + message.text);
    }
    if (!ctx.progress.empty()) {
        // what the ward is doing about what patients chose, one at a time
        ImGui::Spacing();
        ImGui::Separator();
        heading(t(ctx, lang, "welcome.progress"));
        const auto index = static_cast<std::size_t>(now / 8.0) % ctx.progress.size();
        const ProgressText& p = ctx.progress[index];
        ImGui::TextWrapped("%s %s", t(ctx, lang, "progress.you_said").c_str(), p.said.c_str());
        ImGui::TextWrapped("%s %s (%s)", t(ctx, lang, "progress.we_are").c_str(), p.doing.c_str(),
                           t(ctx, lang, "progress." + p.status).c_str());
        traceLastItem(ctx.trace, "progress:" + p.said + " | " + p.doing + " | " + p.status);
    }
}

} // namespace wardvoice::kiosk::ui::screens
