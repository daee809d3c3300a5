// Keyboard and switch access across screens drawn inside one ImGui window.
#include "kiosk/ui/focus.hpp"

#include <algorithm>
#include <imgui_internal.h>

namespace wardvoice::kiosk::ui {

void FocusRing::beginFrame(int tabSteps, bool newScreen) {
    if (!m_drawing.empty()) {
        m_order.swap(m_drawing); // what the last frame drew
        m_drawing.clear();
    }
    m_target = 0;
    m_first = newScreen;
    if (tabSteps == 0 || newScreen || m_order.empty()) {
        return;
    }
    const auto n = static_cast<long>(m_order.size());
    const auto at = std::find(m_order.begin(), m_order.end(), ImGui::GetFocusID());
    long index = 0;
    if (at == m_order.end()) {
        // nothing focused yet: Tab starts at the first control, Shift+Tab at the last
        index = tabSteps > 0 ? tabSteps - 1 : n + tabSteps;
    } else {
        index = (at - m_order.begin()) + tabSteps;
    }
    index = ((index % n) + n) % n;
    m_target = m_order[static_cast<std::size_t>(index)];
}

void FocusRing::keyUsed() {
    ImGuiContext& g = *GImGui;
    if (g.NavId != 0 && g.NavDisableHighlight) {
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
    }
}

void FocusRing::beginModal() {
    m_drawing.clear(); // only the dialog's controls take part while it is open
}

void FocusRing::control() {
    const ImGuiID id = ImGui::GetItemID();
    if (id == 0) {
        return;
    }
    m_drawing.push_back(id);
    drawRing(id);
    if (m_first && m_drawing.size() == 1) {
        // A new screen: the focus moves to its first control, highlighted only for someone
        // already using keys (a tap hides the highlight, as ImGui does after a click).
        focus(id, !GImGui->NavDisableHighlight);
        return;
    }
    if (id == m_target) {
        focus(id, true);
    }
}

void FocusRing::drawRing(ImGuiID id) const {
    const ImGuiContext& g = *GImGui;
    if (g.NavId != id || g.NavDisableHighlight) {
        return;
    }
    // ImGui's own outline is 2 px at every size; people who read little or see poorly need more.
    const float thickness = std::max(3.0f, ImGui::GetFontSize() * 0.16f);
    const ImRect r = g.LastItemData.Rect;
    const float pad = thickness * 0.5f + 1.0f;
    // over everything, but only where the control's window shows (not over the pinned bar
    // when the control is scrolled half out of view)
    ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    clip.Expand(pad + thickness);
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->PushClipRect(clip.Min, clip.Max, true);
    draw->AddRect(ImVec2(r.Min.x - pad, r.Min.y - pad), ImVec2(r.Max.x + pad, r.Max.y + pad),
                  ImGui::GetColorU32(ImGuiCol_NavHighlight), ImGui::GetStyle().FrameRounding + pad,
                  0, thickness);
    draw->PopClipRect();
}

void FocusRing::focus(ImGuiID id, bool showHighlight) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (g.ActiveId != 0 && g.ActiveId != id) {
        ImGui::ClearActiveID(); // leave the comment box, so keys no longer type into it
    }
    ImGui::SetFocusID(id, window);
    g.NavDisableHighlight = !showHighlight;
    if (showHighlight) {
        g.NavDisableMouseHover = true; // the highlight, not a stale hover, shows where focus is
        ImGui::ScrollToBringRectIntoView(window, g.LastItemData.Rect);
    }
}

} // namespace wardvoice::kiosk::ui
