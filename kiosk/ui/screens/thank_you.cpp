// The thank-you screen, and the invitation to join the patient and carer panel.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void thankYou(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "thankyou.title"));
    body(t(ctx, lang, flow.state().joined ? "thankyou.joined" : "thankyou.body"));
    if (flow.invitesToJoin()) {
        // Asked after the feedback is stored, and never tied to it: a separate record.
        helpBox(ctx, t(ctx, lang, "thankyou.invite_title"), t(ctx, lang, "thankyou.invite_body"),
                &ctx.palette->button);
        if (bigButton(ctx, t(ctx, lang, "thankyou.invite_yes"), "join")) {
            out.action = action::Join{};
        }
        ImGui::Dummy(ImVec2(0.0f, ctx.metrics.padding));
    }
    if (bigButton(ctx, t(ctx, lang, "thankyou.done"), "done")) {
        out.action = action::Next{};
    }
}

} // namespace wardvoice::kiosk::ui::screens
