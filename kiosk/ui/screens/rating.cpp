// The Friends and Family Test question.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void rating(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "rating.title"));
    for (int r = common::kRatingMin; r <= common::kRatingMax; ++r) {
        const std::string key = "rating." + std::to_string(r);
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseRating{r};
        }
    }
    if (bigButton(ctx, t(ctx, lang, "common.skip"), "skip")) {
        out.action = action::ChooseRating{std::nullopt};
    }
}

} // namespace wardvoice::kiosk::ui::screens
