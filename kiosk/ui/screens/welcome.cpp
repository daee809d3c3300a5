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
}

} // namespace wardvoice::kiosk::ui::screens
