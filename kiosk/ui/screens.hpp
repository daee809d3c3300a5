// Drawing of every kiosk screen with Dear ImGui. Draw code reads the flow's state and returns
// what the person asked for; the flow decides what happens.
#pragma once

#include "kiosk/admin_gate.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/sync/config_cache.hpp"
#include "kiosk/ui/focus.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/theme.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::kiosk::ui {

/// A choice the ward offers, titled in the person's language (else English).
struct ChoiceText {
    std::int64_t item = 0;
    std::string title;
    bool operator==(const ChoiceText&) const = default;
};

/// What the ward is doing about something patients chose, in the person's language.
struct ProgressText {
    std::string said;
    std::string doing;
    std::string status; ///< agreed, in_progress or done
    bool operator==(const ProgressText&) const = default;
};

/// What a frame says, for read aloud: the screen's words (its headings, texts and choices, in
/// reading order) and each control's label, to read the one the focus moves to.
struct SpokenScreen {
    std::string text;
    std::map<unsigned, std::string> labels; ///< by ImGui item id
    std::string focused;                    ///< the label of the control with the focus
    bool inColumn = false;                  ///< the screen's own words (not the bars around it)
    void add(const std::string& words);
};

struct UiContext {
    const Translations* tr = nullptr;
    const Palette* palette = nullptr;
    Metrics metrics{};
    std::vector<std::string> languages;
    std::vector<ShownMessage> youSaidWeDid; ///< messages for the welcome screen, with their days
    std::vector<ChoiceText> choices;        ///< "help us choose", in the person's language
    std::vector<ProgressText> progress;     ///< "you said, we are", in the person's language
    std::string staffWarning; ///< small print for staff (clock skew), empty when all is well
    std::map<std::string, std::string> helpNow;      ///< the ward's "if you need help now" words
    std::map<std::string, std::string> panelConsent; ///< the trust's consent text, by language
    std::vector<TraceItem>* trace = nullptr;         ///< set only for UI tests
    FocusRing* focus = nullptr;                      ///< Tab order and focus on a new screen
    AdminGate* admin = nullptr; ///< the administrator's PIN pad, when configured
    bool largeText = false;
    bool highContrast = false;
    bool children = false;        ///< the children's version: a `.child` text wherever there is one
    bool easyRead = false;        ///< easy read: `.easy` texts (short plain sentences) and pictures
    bool speechAvailable = false; ///< a speaker to read aloud with: the button is shown
    bool readAloud = false;       ///< this person turned read aloud on
    SpokenScreen* spoken = nullptr; ///< filled by drawFrame when set
};

struct UiOutput {
    std::optional<Action> action;
    bool toggleLargeText = false;
    bool toggleHighContrast = false;
    bool toggleReadAloud = false;
    bool toggleEasyRead = false;
    bool exitRequested = false; ///< the administrator typed the right PIN
    bool redraw = false;        ///< the layout is still settling: draw another frame
};

/// What the comment screen keeps between frames: the keyboard's layer and how far it has been
/// brought into view (the text itself lives in the flow's draft).
struct CommentBuffer {
    KeyboardState keyboard;
    std::string shownText;     ///< the comment last drawn: a change scrolls the keyboard into view
    bool keyboardOpen = false; ///< on a short screen, the keyboard shows once the box is tapped
    int scrollFrames = 0;      ///< frames left to bring the whole keyboard into view
    bool confirmStartOver = false; ///< Start over asked "clear your answers?" and waits
    /// The keyboard has the whole screen (a short one: its 12 mm keys, the box and the bars do
    /// not fit together): no toggles and no bar; its Done key brings them back.
    bool typing = false;
    bool wholeScreen = false; ///< the comment screen found its box under the question's band
    int joinKeyboardFor = -1; ///< the join page whose keyboard was opened for the person
};

/// Draws one frame of the current screen into a full-window ImGui window.
UiOutput drawFrame(const Flow& flow, const UiContext& ctx, CommentBuffer& comment, double now);

} // namespace wardvoice::kiosk::ui
