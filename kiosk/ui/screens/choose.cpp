// "Help us choose": which of the ward's choices should it work on first.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void choose(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "choose.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "choose.subtitle").c_str());
    ImGui::Spacing();
    for (const auto& choice : ctx.choices) {
        const std::string id = "choice:" + std::to_string(choice.item);
        if (bigButton(ctx, choice.title, id.c_str())) {
            out.action = action::ChooseVote{choice.item};
        }
        traceLastItem(ctx.trace, "choice_title:" + choice.title);
    }
    if (!flow.state().notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::TextWrapped("%s", t(ctx, lang, flow.state().notice).c_str());
        ImGui::PopStyleColor();
    }
    // Skip is not a seventh choice: apart, and drawn as the navigation is
    ImGui::Dummy(ImVec2(0.0f, ctx.metrics.padding));
    if (secondaryButton(ctx, t(ctx, lang, "choose.skip"), "skip",
                        ImGui::GetContentRegionAvail().x * 0.5f)) {
        out.action = action::ChooseVote{std::nullopt};
    }
}

} // namespace wardvoice::kiosk::ui::screens
