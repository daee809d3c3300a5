// The GLFW window of the kiosk: fullscreen on the primary monitor, or windowed for tests.
#pragma once

#include "common/result.hpp"

#include <cstdint>
#include <optional>
#include <vector>

struct GLFWwindow;

namespace wardvoice::kiosk::platform {

struct WindowOptions {
    int width = 0; ///< 0: fullscreen on the primary monitor at its current mode
    int height = 0;
};

/// Creates the window and an OpenGL 3 context; the close button and Alt-F4 are ignored.
common::Result<GLFWwindow*> createWindow(const WindowOptions& options);

/// Counts input and resize events since the last call (to redraw only when something happened).
int takeEventCount();

/// The pixels per inch of the window's monitor (or the primary one), when the monitor reports
/// a physical size that makes sense; none when it reports none or an impossible one.
std::optional<float> monitorPpi(GLFWwindow* window);

/// Left-button (finger) releases since the window opened: the end of each tap.
std::uint64_t pointerReleases();

/// Keys pressed since the last call. ImGui 1.86 samples key state once a frame, so a press and
/// release between two frames (a quick tap, a switch-access device) would be lost without this.
std::vector<int> takePressedKeys();

/// Tab presses since the last call: +1 each for Tab, -1 each for Shift+Tab. Tab never reaches
/// ImGui (whose own Tab visits text fields only); the UI's focus ring takes these instead.
int takeTabSteps();

void destroyWindow(GLFWwindow* window);

} // namespace wardvoice::kiosk::platform
