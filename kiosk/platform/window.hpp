// The GLFW window of the kiosk: fullscreen on the primary monitor, or windowed for tests.
#pragma once

#include "common/result.hpp"

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

void destroyWindow(GLFWwindow* window);

} // namespace wardvoice::kiosk::platform
