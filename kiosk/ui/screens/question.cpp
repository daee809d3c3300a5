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
    const Draft& draft = flow.state().draft;
    const std::string text = forRespondent(ctx, lang, draft, "q." + q.id);
    heading(text);
    traceLastItem(ctx.trace, "question_text:" + text); // for the UI tests: the words asked
    std::vector<Answer> answers;
    const auto given = flow.state().draft.answers.find(q.id);
    for (const std::string& answer : q.answers) {
        answers.push_back({forRespondent(ctx, lang, draft, "a." + answer), answer,
                           given != flow.state().draft.answers.end() && given->second == answer,
                           answer == "yes"  ? Icon::Yes
                           : answer == "no" ? Icon::No
                                            : Icon::None});
    }
    if (const int i = answerButtons(ctx, answers, 0.0f); i >= 0) {
        out.action = action::Answer{q.answers[static_cast<std::size_t>(i)]};
    }
}

} // namespace wardvoice::kiosk::ui::screens
