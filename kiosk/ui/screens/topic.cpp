// The topic screen.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

using common::Topic;

void topic(const Flow&, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "topic.title"));
    for (const Topic tp : common::kAllTopics) {
        const std::string key = "topic." + std::string(common::toString(tp));
        if (bigButton(ctx, t(ctx, lang, key), key.c_str())) {
            out.action = action::ChooseTopic{tp};
        }
    }
}

} // namespace wardvoice::kiosk::ui::screens
