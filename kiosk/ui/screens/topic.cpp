// The topic screen (optional).
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

using common::Topic;

void topic(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "topic.title"));
    std::vector<Answer> answers;
    for (const Topic tp : common::kAllTopics) {
        const std::string key = "topic." + std::string(common::toString(tp));
        answers.push_back({t(ctx, lang, key), key, flow.state().draft.topic == tp,
                           tp == Topic::Discharge          ? Icon::Home
                           : tp == Topic::InfectionControl ? Icon::Hands
                           : tp == Topic::VisitingHours    ? Icon::Clock
                                                           : Icon::Speech});
    }
    if (const int i = answerButtons(ctx, answers, 0.0f); i >= 0) {
        out.action = action::ChooseTopic{common::kAllTopics[i]};
    }
}

} // namespace wardvoice::kiosk::ui::screens
