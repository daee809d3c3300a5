// The language screen.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void language(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "language.title"));
    for (const std::string& code : ctx.languages) {
        // each language's name in that language, so people find their own
        if (bigButton(ctx, t(ctx, code, "language.name"), code.c_str())) {
            out.action = action::ChooseLanguage{code};
        }
    }
}

} // namespace wardvoice::kiosk::ui::screens
