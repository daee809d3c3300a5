// The administrator's PIN pad.
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void adminPinPad(const UiContext& ctx, UiOutput& out, double now, bool open) {
    if (open) {
        ImGui::OpenPopup("admin");
    }
    ImGui::SetNextWindowSize(
        ImVec2(std::min(ctx.metrics.columnWidth, ctx.metrics.buttonHeight * 6), 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("admin", nullptr,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
        return;
    }
    if (!open || ctx.admin == nullptr) {
        ImGui::CloseCurrentPopup(); // a modal left open but no longer drawn blocks every tap
        ImGui::EndPopup();
        return;
    }
    AdminGate& gate = *ctx.admin;
    if (ctx.focus != nullptr) {
        ctx.focus->beginModal();
    }
    ImGui::TextUnformatted(gate.lastAttemptFailed() ? "Wrong PIN. Administrator PIN:"
                                                    : "Administrator PIN:");
    ImGui::TextUnformatted(std::string(gate.typedLength(), '*').append(" ").c_str());
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = (ImGui::GetContentRegionAvail().x - 2 * gap) / 3;
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "<-", "0", "OK"};
    for (int i = 0; i < 12; ++i) {
        ImGui::PushID(i);
        const bool pressed = ImGui::Button(keys[i], ImVec2(w, ctx.metrics.buttonHeight));
        control(ctx, std::string("pin:") + keys[i]);
        ImGui::PopID();
        if (pressed) {
            if (i == 9) {
                gate.erase();
            } else if (i == 11) {
                out.exitRequested = gate.submit(now);
            } else {
                gate.typeDigit(keys[i][0]);
            }
        }
        if (i % 3 != 2) {
            ImGui::SameLine();
        }
    }
    if (ImGui::Button("Cancel",
                      ImVec2(ImGui::GetContentRegionAvail().x, ctx.metrics.buttonHeight))) {
        gate.cancel();
    }
    control(ctx, "pin:cancel");
    if (!gate.pinPadOpen()) {
        ImGui::CloseCurrentPopup(); // now, not next frame: a tap then must reach the screen
    }
    ImGui::EndPopup();
}

} // namespace wardvoice::kiosk::ui::screens
