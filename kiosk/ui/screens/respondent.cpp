// Who is giving feedback.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

using common::Respondent;

void respondent(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "respondent.title"));
    for (const Respondent r : common::kAllRespondents) {
        const std::string key = "respondent." + std::string(common::toString(r));
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseRespondent{r};
        }
    }
}

} // namespace wardvoice::kiosk::ui::screens
