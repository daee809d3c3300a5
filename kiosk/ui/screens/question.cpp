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
    std::vector<Answer> answers;
    const auto given = flow.state().draft.answers.find(q.id);
    for (const std::string& answer : q.answers) {
        answers.push_back({t(ctx, lang, "a." + answer), answer,
                           given != flow.state().draft.answers.end() && given->second == answer});
    }
    if (const int i = answerButtons(ctx, answers, 0.0f); i >= 0) {
        out.action = action::Answer{q.answers[static_cast<std::size_t>(i)]};
    }
}

} // namespace wardvoice::kiosk::ui::screens
