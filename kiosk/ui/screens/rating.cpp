// The Friends and Family Test question: six answers as faces with words (as on NHS easy-read
// cards), in a grid that fits the screen (Skip is in the pinned bar).
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

namespace {

/// A face for FFT answer `rating` (1 very good .. 5 very poor, 6 don't know) in a circle of
/// `radius` around `centre`, drawn in `colour` with lines `thickness` wide; on a `fill` disc
/// when it is not 0 (the children's version: a yellow face, as children know them).
void drawFace(ImDrawList* draw, ImVec2 centre, float radius, int rating, ImU32 colour,
              float thickness, ImU32 fill = 0) {
    if (fill != 0) {
        draw->AddCircleFilled(centre, radius, fill, 48);
    }
    draw->AddCircle(centre, radius, colour, 48, thickness);
    const float eyeY = centre.y - radius * 0.25f;
    const float eyeX = radius * 0.35f;
    const float eye = std::max(1.5f, radius * 0.11f);
    draw->AddCircleFilled(ImVec2(centre.x - eyeX, eyeY), eye, colour);
    draw->AddCircleFilled(ImVec2(centre.x + eyeX, eyeY), eye, colour);
    if (rating == 6) { // don't know: a level mouth to one side, and no smile or frown
        draw->AddLine(ImVec2(centre.x - radius * 0.15f, centre.y + radius * 0.4f),
                      ImVec2(centre.x + radius * 0.4f, centre.y + radius * 0.3f), colour,
                      thickness);
        return;
    }
    // the mouth: a curve whose middle dips for a smile and rises for a frown
    const float curve = std::array<float, 5>{1.0f, 0.55f, 0.0f, -0.55f, -1.0f}[rating - 1];
    const float half = radius * 0.45f;
    const float depth = radius * 0.3f * curve;
    const float baseY = centre.y + radius * 0.35f - depth * 0.5f;
    ImVec2 points[17];
    for (int i = 0; i <= 16; ++i) {
        const float u = static_cast<float>(i) / 8.0f - 1.0f; // -1 .. 1
        points[i] = ImVec2(centre.x + u * half, baseY + depth * (1.0f - u * u));
    }
    draw->AddPolyline(points, 17, colour, 0, thickness);
}

} // namespace

void rating(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out) {
    heading(t(ctx, lang, "rating.title"));
    const ImGuiStyle& style = ImGui::GetStyle();
    const Metrics& m = ctx.metrics;
    const int answers = common::kRatingMax - common::kRatingMin + 1;
    const float avail = ImGui::GetContentRegionAvail().x;
    // three across where three fit with room for their words, else two
    const int columns = avail >= 3 * 7.0f * m.fontPx ? 3 : 2;
    const int rows = (answers + columns - 1) / columns;
    const float gap = style.ItemSpacing.x;
    const float tileW =
        (avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const ImVec2 pad = style.FramePadding;
    // The tallest word of the six when it has `width` to wrap in.
    const auto wordsHeight = [&](float width) {
        float tallest = 0;
        for (int r = common::kRatingMin; r <= common::kRatingMax; ++r) {
            const std::string word = t(ctx, lang, "rating." + std::to_string(r));
            tallest = std::max(tallest, ImGui::CalcTextSize(word.c_str(), nullptr, false, width).y);
        }
        return tallest;
    };
    // The faces take what the screen leaves once the words and the gaps are placed, so that
    // the six answers fit together. Where a face above its words would be
    // smaller than a button is tall (larger text on a small screen), the face goes beside them.
    const float spare = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().WindowPadding.y -
                        static_cast<float>(rows - 1) * style.ItemSpacing.y;
    const float perRow = spare / static_cast<float>(rows);
    const float stackedWords = wordsHeight(tileW - 2 * pad.x);
    const float stackedFace = perRow - stackedWords - 3 * pad.y;
    const bool stacked = stackedFace >= m.buttonHeight * 0.9f;
    float faceD = 0;
    float wordsH = 0;
    float tileH = 0;
    float wrap = 0;
    if (stacked) {
        faceD = std::min({stackedFace, tileW * 0.45f, m.buttonHeight * 1.8f});
        wrap = tileW - 2 * pad.x;
        wordsH = stackedWords;
        tileH = faceD + wordsH + 3 * pad.y;
    } else {
        faceD = m.buttonHeight;
        wrap = tileW - faceD - 3 * pad.x;
        wordsH = wordsHeight(wrap);
        tileH = std::max(faceD, wordsH) + 2 * pad.y;
    }
    const float line = std::max(2.0f, faceD * 0.05f);
    for (int r = common::kRatingMin; r <= common::kRatingMax; ++r) {
        const int index = r - common::kRatingMin;
        if (index % columns != 0) {
            ImGui::SameLine(0.0f, gap);
        }
        const std::string id = "rating." + std::to_string(r);
        const std::string word = t(ctx, lang, id);
        ImGui::PushID(id.c_str());
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->buttonText));
        if (ImGui::Button("##b", ImVec2(tileW, tileH))) {
            out.action = action::ChooseRating{r};
        }
        control(ctx, id);
        spoken(word);
        spokenLabel(word);
        if (flow.state().draft.rating == r) {
            markChosen(ctx, id, false); // they came Back: what they said before (a face, no tick)
        }
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
        const ImVec2 size = ImGui::CalcTextSize(word.c_str(), nullptr, false, wrap);
        ImVec2 centre;
        ImVec2 text;
        if (stacked) {
            centre = ImVec2(pos.x + tileW * 0.5f, pos.y + pad.y + faceD * 0.5f);
            text = ImVec2(pos.x + (tileW - size.x) * 0.5f,
                          pos.y + 2 * pad.y + faceD + (wordsH - size.y) * 0.5f);
        } else {
            centre = ImVec2(pos.x + pad.x + faceD * 0.5f, pos.y + tileH * 0.5f);
            text = ImVec2(pos.x + 2 * pad.x + faceD, pos.y + (tileH - size.y) * 0.5f);
        }
        if (ctx.children) {
            // dark features on a yellow face: contrast 12:1 whatever the tile's colour
            drawFace(draw, centre, faceD * 0.5f - line, r, IM_COL32(33, 43, 50, 255), line,
                     IM_COL32(255, 212, 59, 255));
        } else {
            drawFace(draw, centre, faceD * 0.5f - line, r, colour, line);
        }
        draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), text, colour, word.c_str(), nullptr,
                      wrap);
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
}

} // namespace wardvoice::kiosk::ui::screens
