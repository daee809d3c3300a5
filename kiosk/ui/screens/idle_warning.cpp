// The "are you still there?" dialog.
#include "kiosk/i18n.hpp"
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
        const auto seconds = static_cast<std::size_t>(std::ceil(flow.idleCountdown(now)));
        ImGui::TextWrapped("%s", ctx.tr->count(lang, "idle.clears_in", seconds).c_str());
        if (bigButton(ctx, t(ctx, lang, "idle.still_here"), "still")) {
            out.action = action::StillHere{};
            ImGui::CloseCurrentPopup(); // now, not next frame: a tap then must reach the screen
        }
        ImGui::EndPopup();
    }
}

} // namespace wardvoice::kiosk::ui::screens

namespace wardvoice::kiosk::ui::screens {

void confirmStartOver(const UiContext& ctx, const std::string& lang, UiOutput& out, bool& open) {
    if (open) {
        ImGui::OpenPopup("startover");
    }
    ImGui::SetNextWindowSize(ImVec2(ctx.metrics.columnWidth * 0.8f, 0));
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal("startover", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
        if (!open) {
            ImGui::CloseCurrentPopup(); // a modal left open but not drawn would block every tap
            ImGui::EndPopup();
            return;
        }
        if (ctx.focus != nullptr) {
            ctx.focus->beginModal();
        }
        heading(t(ctx, lang, "startover.title"));
        ImGui::TextWrapped("%s", t(ctx, lang, "startover.body").c_str());
        ImGui::Spacing();
        // "No" first (and focused): the safe answer
        const int pressed = answerButtons(ctx,
                                          {{t(ctx, lang, "startover.no"), "startover.no"},
                                           {t(ctx, lang, "startover.yes"), "startover.yes"}},
                                          0.0f);
        if (pressed >= 0) {
            if (pressed == 1) {
                out.action = action::StartOver{};
            }
            open = false;
            ImGui::CloseCurrentPopup(); // now, not next frame: a tap then must reach the screen
        }
        ImGui::EndPopup();
    }
}

} // namespace wardvoice::kiosk::ui::screens
