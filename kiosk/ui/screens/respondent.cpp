// Who is giving feedback (optional).
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

using common::Respondent;

void respondent(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "respondent.title"));
    std::vector<Answer> answers;
    for (const Respondent r : common::kAllRespondents) {
        const std::string key = "respondent." + std::string(common::toString(r));
        answers.push_back({t(ctx, lang, key), key, flow.state().draft.respondent == r});
    }
    if (const int i = answerButtons(ctx, answers, 0.0f); i >= 0) {
        out.action = action::ChooseRespondent{common::kAllRespondents[i]};
    }
}

} // namespace wardvoice::kiosk::ui::screens
