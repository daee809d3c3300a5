// "Help us choose": which of the ward's choices should it work on first.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void choose(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "choose.title"));
    body(t(ctx, lang, "choose.subtitle"));
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
    drawNotice(flow, ctx, lang);
}

} // namespace wardvoice::kiosk::ui::screens
