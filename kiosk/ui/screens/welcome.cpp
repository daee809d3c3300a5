// The welcome screen.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void welcome(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out,
             double now) {
    heading(t(ctx, lang, "welcome.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "welcome.subtitle").c_str());
    ImGui::Spacing();
    if (bigButton(ctx, t(ctx, lang, "welcome.start"), "start")) {
        out.action = action::Start{};
    }
    if (!ctx.choices.empty() &&
        bigButton(ctx, t(ctx, lang, "welcome.help_choose"), "help_choose")) {
        out.action = action::HelpChoose{};
    }
    if (!ctx.youSaidWeDid.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextWrapped("%s", t(ctx, lang, "welcome.you_said_we_did").c_str());
        const auto index = static_cast<std::size_t>(now / 8.0) % ctx.youSaidWeDid.size();
        ImGui::TextWrapped("%s", ctx.youSaidWeDid[index].c_str());
        traceLastItem(ctx.trace, "you_said_we_did:" + ctx.youSaidWeDid[index]);
    }
    if (!ctx.progress.empty()) {
        // what the ward is doing about what patients chose, one at a time
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextWrapped("%s", t(ctx, lang, "welcome.progress").c_str());
        const auto index = static_cast<std::size_t>(now / 8.0) % ctx.progress.size();
        const ProgressText& p = ctx.progress[index];
        ImGui::TextWrapped("%s %s", t(ctx, lang, "progress.you_said").c_str(), p.said.c_str());
        ImGui::TextWrapped("%s %s (%s)", t(ctx, lang, "progress.we_are").c_str(), p.doing.c_str(),
                           t(ctx, lang, "progress." + p.status).c_str());
        traceLastItem(ctx.trace, "progress:" + p.said + " | " + p.doing + " | " + p.status);
    }
}

} // namespace wardvoice::kiosk::ui::screens
