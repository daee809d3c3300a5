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
        if (flow.state().draft.priorityVote == choice.item) {
            markChosen(ctx, id);
        }
        traceLastItem(ctx.trace, "choice_title:" + choice.title);
    }
    if (!flow.state().notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::TextWrapped("%s", t(ctx, lang, flow.state().notice).c_str());
        ImGui::PopStyleColor();
    }
}

} // namespace wardvoice::kiosk::ui::screens
