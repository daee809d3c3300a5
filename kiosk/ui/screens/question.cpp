// A topic question.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void question(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    const auto& questions = flow.currentQuestions();
    const std::size_t index = flow.state().questionIndex;
    if (index >= questions.size()) {
        return;
    }
    const Question& q = questions[index];
    ImGui::TextUnformatted(
        (std::to_string(index + 1) + " / " + std::to_string(questions.size())).c_str());
    heading(t(ctx, lang, "q." + q.id));
    for (const std::string& answer : q.answers) {
        if (bigButton(ctx, t(ctx, lang, "a." + answer), answer.c_str())) {
            out.action = action::Answer{answer};
        }
    }
    if (bigButton(ctx, t(ctx, lang, "common.skip"), "skip")) {
        out.action = action::Answer{std::nullopt};
    }
}

} // namespace wardvoice::kiosk::ui::screens
