// The thank-you screen.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void thankYou(const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "thankyou.title"));
    ImGui::TextWrapped("%s", t(ctx, lang, "thankyou.body").c_str());
    if (bigButton(ctx, t(ctx, lang, "thankyou.done"), "done")) {
        out.action = action::Next{};
    }
}

} // namespace wardvoice::kiosk::ui::screens
