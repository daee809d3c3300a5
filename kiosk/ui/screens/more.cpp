// After the rating: "tell us more?", or the rating is sent alone (now, or when the countdown
// ends), so that one tap is a whole response.
#include "kiosk/i18n.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <cmath>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void more(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
          double now) {
    const FlowState& s = flow.state();
    heading(t(ctx, lang, "more.title"));
    if (s.draft.rating) {
        body(t(ctx, lang, "more.your_answer") + " " +
             t(ctx, lang, "rating." + std::to_string(*s.draft.rating)));
    }
    body(t(ctx, lang, "more.body"));
    ImGui::Spacing();
    // side by side where one under the other would push the countdown out of sight
    const int pressed = answerButtons(
        ctx, {{t(ctx, lang, "more.tell_more"), "more"}, {t(ctx, lang, "more.send_now"), "send"}},
        ImGui::GetTextLineHeightWithSpacing() * 2);
    if (pressed == 0) {
        out.action = action::TellMore{};
    } else if (pressed == 1) {
        out.action = action::Submit{};
    }
    if (!s.notice.empty()) {
        drawNotice(flow, ctx, lang); // it is tried again when the countdown ends
    } else {
        const auto left = static_cast<std::size_t>(std::ceil(flow.ratingSendCountdown(now)));
        ImGui::TextWrapped("%s", ctx.tr->count(lang, "more.sending_in", left).c_str());
        traceLastItem(ctx.trace, "sending_in:" + std::to_string(left));
    }
}

} // namespace wardvoice::kiosk::ui::screens
