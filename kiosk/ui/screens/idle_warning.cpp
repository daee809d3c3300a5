// The "are you still there?" dialog.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <cmath>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void idleWarning(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
                 double now, bool open) {
    if (open) {
        ImGui::OpenPopup("idle");
    }
    const ImVec2 size(ctx.metrics.columnWidth * 0.8f, 0);
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("idle", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
        if (!open) {
            // Closed in ImGui too: a modal left open but no longer drawn blocks every tap.
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
            return;
        }
        if (ctx.focus != nullptr) {
            ctx.focus->beginModal();
        }
        heading(t(ctx, lang, "idle.title"));
        const int seconds = static_cast<int>(std::ceil(flow.idleCountdown(now)));
        ImGui::TextWrapped("%s %d", t(ctx, lang, "idle.body").c_str(), seconds);
        if (bigButton(ctx, t(ctx, lang, "idle.still_here"), "still")) {
            out.action = action::StillHere{};
            ImGui::CloseCurrentPopup(); // now, not next frame: a tap then must reach the screen
        }
        ImGui::EndPopup();
    }
}

} // namespace wardvoice::kiosk::ui::screens
