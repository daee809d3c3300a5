// What every kiosk screen is drawn with: text look-up, headings, buttons that never clip their
// labels, the pinned Back / Start over bar and the accessibility toggles.
#pragma once

#include "kiosk/ui/screens.hpp"

#include <imgui.h>
#include <string>

namespace wardvoice::kiosk::ui::screens {

ImVec4 v4(const Rgb& c);

/// Right after drawing a control: the UI test trace and the keyboard focus ring see it.
void control(const UiContext& ctx, const std::string& id);

/// The text for `key` in `lang` (English when the language lacks it).
std::string t(const UiContext& ctx, const std::string& lang, const std::string& key);

/// Wrapped text centred in the column.
void heading(const std::string& text);

/// A framed box of words that matter (the review screen's "if you need help now"): a bold
/// title and wrapped text in the notice colour. Not a control: Tab passes it by.
/// `colour` null: the notice colour (words that matter now); else that colour (an invitation).
void helpBox(const UiContext& ctx, const std::string& title, const std::string& text,
             const Rgb* colour = nullptr);

/// `text` after this frame's typing on a physical keyboard (letters, then Backspace), at most
/// `maxChars` characters: for a text box that has the focus.
std::string typedThisFrame(const std::string& text, std::size_t maxChars);

/// A full-width primary button with a label that wraps instead of being clipped.
bool bigButton(const UiContext& ctx, const std::string& label, const char* id,
               float widthFraction = 1.0f);

bool secondaryButton(const UiContext& ctx, const std::string& label, const char* id, float width);

/// Back and Start over, pinned below the column on every screen but the welcome and thank-you
/// screens. On the comment screen the bar also carries Next, so that it is always in view.
/// On the panel's details screen the third button sends (`nextLabel`, `nextAction`, `nextId`),
/// greyed out until `nextEnabled`.
void navigationBar(const UiContext& ctx, const std::string& lang, UiOutput& out, bool withNext,
                   const std::string& nextLabel = "", const Action& nextAction = action::Next{},
                   bool nextEnabled = true, const char* nextId = "next");

/// Large text and high contrast toggles, always in the top-right corner.
void accessibilityToggles(const UiContext& ctx, const std::string& lang, UiOutput& out);

} // namespace wardvoice::kiosk::ui::screens
