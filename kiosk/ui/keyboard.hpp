// The on-screen keyboard for the comment: QWERTY with the accented letters of the person's
// language (a Cyrillic layout for Ukrainian), shift, digits, space and backspace.
#pragma once

#include "kiosk/ui/focus.hpp"
#include "kiosk/ui/theme.hpp"

#include <imgui.h>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::kiosk::ui {

/// What stays between frames: only which layer is showing. Text lives in the flow's draft.
struct KeyboardState {
    bool shift = false;
    bool alternate = false; ///< Latin layout for Ukrainian, or digits and punctuation
    /// Where the last frame drew the keys, and which layer: a tap counts only on the layout
    /// the person saw.
    std::optional<ImVec2> drawnAt;
    bool drawnAlternate = false;
    bool moved = false;          ///< this frame's keys are not where the last frame's were
    bool closeRequested = false; ///< Done was pressed: the screen closes the keyboard
};

/// What read aloud says for each key as the focus reaches it (switch users): a letter is its
/// letter; the others are words in the person's language. `labels` (by ImGui id) is filled in.
struct KeySpeech {
    std::map<unsigned, std::string>* labels = nullptr;
    std::string shift, backspace, symbols, letters;
};

/// The rows of keys for `language` in the given state (lower case unless shifted).
std::vector<std::vector<std::string>> keyboardRows(const std::string& language,
                                                   const KeyboardState& state);

/// Applies one key to `text`: a character (appended unless it would pass `maxChars`),
/// "\b" (delete the last character, never half of one) or " ". Returns the new text.
std::string applyKey(const std::string& text, const std::string& key, std::size_t maxChars);

/// Whether a quick phrase is already in the comment (a second tap must not add it again).
bool hasPhrase(const std::string& text, const std::string& phrase);

/// The comment with a quick phrase appended whole (after ". " when the comment has text), or
/// unchanged when it is already there or would pass `maxChars`: never cut in the middle.
std::string addPhrase(const std::string& text, const std::string& phrase, std::size_t maxChars);

/// Words in `text` (runs of non-space characters).
std::size_t wordCount(const std::string& text);

/// The height drawKeyboard() will take for `language` in `state`, in pixels.
float keyboardHeight(const std::string& language, const KeyboardState& state,
                     const Metrics& metrics);

/// Draws the keyboard; returns the new comment text when a key changed it. Shift and
/// backspace are drawn as the symbols phones use (⇧ ⌫, lit while shifted); the space bar says
/// `spaceLabel`, in the person's language. With `doneLabel`, a last key closes the keyboard
/// (state.closeRequested): for a keyboard that has the whole screen, with no bar below it.
/// Every row has at most ten keys, each at least Metrics::target wide and tall with
/// Metrics::gap between.
std::optional<std::string>
drawKeyboard(const std::string& text, const std::string& language, KeyboardState& state,
             const Palette& palette, const Metrics& metrics, std::size_t maxChars,
             const std::string& spaceLabel, std::vector<TraceItem>* trace = nullptr,
             FocusRing* focus = nullptr, const std::string& doneLabel = "",
             const KeySpeech* speech = nullptr);

} // namespace wardvoice::kiosk::ui
