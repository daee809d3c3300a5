// Keyboard and switch access across screens that are all drawn inside one ImGui window.
//
// Dear ImGui 1.86 moves keyboard focus between buttons with the arrow keys only, and keeps the
// focus where it was when the window's contents change. A kiosk needs more: Tab and Shift+Tab
// step through every control in reading order (the keys a switch-access device sends), and each
// new screen starts with the focus on its first control, so that nobody has to hunt for it.
#pragma once

#include <imgui.h>
#include <vector>

namespace wardvoice::kiosk::ui {

class FocusRing {
public:
    /// Before drawing a frame: `tabSteps` is +n for Tab pressed n times since the last frame,
    /// -n for Shift+Tab; `newScreen` is true on the first frame of a screen.
    void beginFrame(int tabSteps, bool newScreen);

    /// Before ImGui::NewFrame(), when Space, Enter or an arrow key was pressed: shows the focus
    /// if a tap had hidden it, so that the key acts on the focused control at once (ImGui
    /// would spend the first press on showing where the focus is).
    void keyUsed();

    /// A modal dialog begins: Tab steps through its controls only.
    void beginModal();

    /// True on the first frame of a screen.
    bool newScreen() const { return m_first; }

    /// Right after ImGui drew a control that can take focus: notes it, and gives it the focus
    /// when it is the one asked for.
    void control();

    /// The controls drawn in the last complete frame, in order (for tests).
    const std::vector<ImGuiID>& order() const { return m_order; }

private:
    void focus(ImGuiID id, bool showHighlight);
    /// A ring thicker than ImGui's, scaled with the text, around the focused control.
    void drawRing(ImGuiID id) const;

    std::vector<ImGuiID> m_order;   ///< last frame's controls
    std::vector<ImGuiID> m_drawing; ///< this frame's, so far
    ImGuiID m_target = 0;           ///< to be focused when drawn this frame
    bool m_first = false;           ///< focus the first control drawn this frame
};

} // namespace wardvoice::kiosk::ui
