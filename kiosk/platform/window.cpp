// The GLFW window of the kiosk.
#include "kiosk/platform/window.hpp"

#include <GLFW/glfw3.h>
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>

namespace wardvoice::kiosk::platform {
namespace {

std::atomic<int> g_events{0};
std::string g_glfwError;

void onError(int code, const char* description) {
    g_glfwError = "GLFW error " + std::to_string(code) + ": " + description;
}

// Installed before ImGui's backend, which chains to them.
std::vector<int> g_pressedKeys; // touched only on the main thread, by GLFW callbacks
int g_tabSteps = 0;

void onKey(GLFWwindow*, int key, int, int action, int mods) {
    ++g_events;
    if (key == GLFW_KEY_TAB) {
        if (action == GLFW_PRESS || action == GLFW_REPEAT) {
            g_tabSteps += (mods & GLFW_MOD_SHIFT) != 0 ? -1 : 1;
        }
        return;
    }
    if (action == GLFW_PRESS && key >= 0) {
        g_pressedKeys.push_back(key);
    }
}
void onChar(GLFWwindow*, unsigned int) {
    ++g_events;
}
std::atomic<std::uint64_t> g_pointerReleases{0};

void onMouseButton(GLFWwindow*, int button, int action, int) {
    ++g_events;
    if (button == GLFW_MOUSE_BUTTON_LEFT && action == GLFW_RELEASE) {
        ++g_pointerReleases;
    }
}
void onCursor(GLFWwindow*, double, double) {
    ++g_events;
}
void onScroll(GLFWwindow*, double, double) {
    ++g_events;
}
void onSize(GLFWwindow*, int, int) {
    ++g_events;
}
void onClose(GLFWwindow* window) {
    glfwSetWindowShouldClose(window, GLFW_FALSE); // a kiosk has no close button
}

} // namespace

common::Result<GLFWwindow*> createWindow(const WindowOptions& options) {
    glfwSetErrorCallback(onError);
    if (glfwInit() == GLFW_FALSE) {
        return common::makeError("no_display", "cannot start GLFW (no display?): " + g_glfwError);
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // ImGui draws flat triangles in order: no depth or stencil buffer (32 MB saved at 4K), no
    // multisampling.
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_SAMPLES, 0);
    GLFWwindow* window = nullptr;
    if (options.width > 0 && options.height > 0) {
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        window = glfwCreateWindow(options.width, options.height, "WardVoice", nullptr, nullptr);
        if (window != nullptr) {
            glfwSetWindowPos(window, 0, 0);
        }
    } else {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
        if (mode == nullptr) {
            glfwTerminate();
            return common::makeError("no_display", "no primary monitor: " + g_glfwError);
        }
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE); // stay up if something else takes focus
        window = glfwCreateWindow(mode->width, mode->height, "WardVoice", monitor, nullptr);
    }
    if (window == nullptr) {
        glfwTerminate();
        return common::makeError("no_display", "cannot create the window: " + g_glfwError);
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    glfwSetKeyCallback(window, onKey);
    glfwSetCharCallback(window, onChar);
    glfwSetMouseButtonCallback(window, onMouseButton);
    glfwSetCursorPosCallback(window, onCursor);
    glfwSetScrollCallback(window, onScroll);
    glfwSetFramebufferSizeCallback(window, onSize);
    glfwSetWindowCloseCallback(window, onClose);
    glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_NORMAL);
    return window;
}

std::optional<float> monitorPpi(GLFWwindow* window) {
    GLFWmonitor* monitor = glfwGetWindowMonitor(window);
    if (monitor == nullptr) {
        monitor = glfwGetPrimaryMonitor();
    }
    const GLFWvidmode* mode = monitor != nullptr ? glfwGetVideoMode(monitor) : nullptr;
    int widthMm = 0;
    int heightMm = 0;
    if (mode != nullptr) {
        glfwGetMonitorPhysicalSize(monitor, &widthMm, &heightMm);
    }
    if (mode == nullptr || widthMm < 50) {
        return std::nullopt;
    }
    const float ppi = static_cast<float>(mode->width) / (static_cast<float>(widthMm) / 25.4f);
    if (ppi < 60.0f || ppi > 600.0f) {
        return std::nullopt; // a television's EDID, or none filled in
    }
    return ppi;
}

std::uint64_t pointerReleases() {
    return g_pointerReleases.load();
}

int takeEventCount() {
    return g_events.exchange(0);
}

std::vector<int> takePressedKeys() {
    std::vector<int> keys;
    keys.swap(g_pressedKeys);
    return keys;
}

int takeTabSteps() {
    return std::exchange(g_tabSteps, 0);
}

void destroyWindow(GLFWwindow* window) {
    glfwDestroyWindow(window);
    glfwTerminate();
}

} // namespace wardvoice::kiosk::platform
