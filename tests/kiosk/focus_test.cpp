// The focus ring, in a headless Dear ImGui context (no window, no GL): Tab order, wrap-around,
// a new screen's first control, and modal dialogs.
#include "kiosk/ui/focus.hpp"

#include <gtest/gtest.h>
#include <imgui_internal.h>
#include <string>
#include <vector>

namespace wardvoice::kiosk::ui {
namespace {

class FocusRingTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        for (int k = 0; k < ImGuiKey_COUNT; ++k) {
            io.KeyMap[k] = k; // keyboard navigation needs a key map; no keys are pressed here
        }
        unsigned char* pixels = nullptr;
        int w = 0;
        int h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas NewFrame needs
    }
    void TearDown() override { ImGui::DestroyContext(m_context); }

    /// One frame of a screen with the given buttons; returns their ids in drawing order.
    std::vector<ImGuiID> frame(const std::vector<std::string>& buttons, int tabSteps,
                               bool newScreen) {
        ImGui::NewFrame();
        m_ring.beginFrame(tabSteps, newScreen);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 600));
        ImGui::Begin("kiosk", nullptr, ImGuiWindowFlags_NoDecoration);
        std::vector<ImGuiID> ids;
        for (const std::string& label : buttons) {
            ImGui::Button(label.c_str());
            ids.push_back(ImGui::GetItemID());
            m_ring.control();
        }
        ImGui::End();
        ImGui::Render();
        return ids;
    }

    ImGuiContext* m_context = nullptr;
    FocusRing m_ring;
};

TEST_F(FocusRingTest, ANewScreenFocusesItsFirstControl) {
    auto ids = frame({"a", "b", "c"}, 0, true);
    EXPECT_EQ(ImGui::GetFocusID(), ids[0]);
    ids = frame({"a", "b", "c"}, 1, false);
    ids = frame({"a", "b", "c"}, 1, false);
    EXPECT_EQ(ImGui::GetFocusID(), ids[2]);
    // another screen: back to the top, not left on an id that no longer exists
    ids = frame({"x", "y"}, 0, true);
    EXPECT_EQ(ImGui::GetFocusID(), ids[0]);
}

TEST_F(FocusRingTest, TabStepsInDrawingOrderAndWrapsBothWays) {
    auto ids = frame({"a", "b", "c", "d"}, 0, true);
    ASSERT_EQ(ImGui::GetFocusID(), ids[0]);
    ids = frame({"a", "b", "c", "d"}, 1, false);
    EXPECT_EQ(ImGui::GetFocusID(), ids[1]);
    EXPECT_FALSE(GImGui->NavDisableHighlight) << "Tab shows where the focus is";
    ids = frame({"a", "b", "c", "d"}, 3, false); // three presses between two frames
    EXPECT_EQ(ImGui::GetFocusID(), ids[0]);
    ids = frame({"a", "b", "c", "d"}, -1, false);
    EXPECT_EQ(ImGui::GetFocusID(), ids[3]);
    ids = frame({"a", "b", "c", "d"}, -2, false);
    EXPECT_EQ(ImGui::GetFocusID(), ids[1]);
    EXPECT_EQ(m_ring.order(), ids);
}

TEST_F(FocusRingTest, ANewScreenKeepsTheHighlightHiddenForTouch) {
    frame({"a", "b"}, 0, true);
    EXPECT_TRUE(GImGui->NavDisableHighlight) << "nobody has used a key yet";
    frame({"a", "b"}, 1, false);
    EXPECT_FALSE(GImGui->NavDisableHighlight);
    frame({"c", "d"}, 0, true);
    EXPECT_FALSE(GImGui->NavDisableHighlight) << "a keyboard user keeps seeing the focus";
}

TEST_F(FocusRingTest, AKeyRevealsAHiddenFocusSoItActsAtOnce) {
    frame({"a", "b"}, 0, true);
    ASSERT_TRUE(GImGui->NavDisableHighlight);
    m_ring.keyUsed();
    EXPECT_FALSE(GImGui->NavDisableHighlight);
}

TEST_F(FocusRingTest, InAModalDialogTabVisitsTheDialogOnly) {
    auto frameWithDialog = [&](int tabSteps) {
        ImGui::NewFrame();
        m_ring.beginFrame(tabSteps, false);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 600));
        ImGui::Begin("kiosk", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::Button("behind");
        m_ring.control();
        ImGui::OpenPopup("dialog");
        std::vector<ImGuiID> inside;
        if (ImGui::BeginPopupModal("dialog")) {
            m_ring.beginModal();
            for (const char* label : {"yes", "no"}) {
                ImGui::Button(label);
                inside.push_back(ImGui::GetItemID());
                m_ring.control();
            }
            ImGui::EndPopup();
        }
        ImGui::End();
        ImGui::Render();
        return inside;
    };
    frameWithDialog(0);
    auto inside = frameWithDialog(0);
    ASSERT_EQ(inside.size(), 2u);
    EXPECT_EQ(m_ring.order(), inside) << "the control behind the dialog is not in the ring";
    inside = frameWithDialog(1);
    const ImGuiID focused = ImGui::GetFocusID();
    EXPECT_TRUE(focused == inside[0] || focused == inside[1]);
    inside = frameWithDialog(1);
    EXPECT_NE(ImGui::GetFocusID(), focused) << "Tab moved within the dialog";
    EXPECT_TRUE(ImGui::GetFocusID() == inside[0] || ImGui::GetFocusID() == inside[1]);
}

} // namespace
} // namespace wardvoice::kiosk::ui
