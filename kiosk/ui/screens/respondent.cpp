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
        answers.push_back({t(ctx, lang, key), key, flow.state().draft.respondent == r,
                           r == Respondent::Patient   ? Icon::Patient
                           : r == Respondent::Visitor ? Icon::Visitor
                           : r == Respondent::Carer   ? Icon::Carer
                                                      : Icon::Other});
    }
    const Draft& draft = flow.state().draft;
    for (Answer& a : answers) {
        a.chosen = a.chosen && !draft.assisted; // the helper's choice is marked on its own
    }
    // staff or family entering a patient's answers for them: the FFT return counts these
    answers.push_back(
        {t(ctx, lang, "respondent.helping"), "respondent.helping", draft.assisted, Icon::Helping});
    if (const int i = answerButtons(ctx, answers, 0.0f); i >= 0) {
        if (static_cast<std::size_t>(i) < std::size(common::kAllRespondents)) {
            out.action = action::ChooseRespondent{common::kAllRespondents[i]};
        } else {
            out.action = action::Helping{};
        }
    }
}

} // namespace wardvoice::kiosk::ui::screens
