// What every kiosk screen is drawn with: text look-up, headings, buttons that never clip their
// labels, the pinned Back / Start over bar and the accessibility toggles.
#pragma once

#include "kiosk/ui/screens.hpp"

#include <imgui.h>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::kiosk::ui::screens {

ImVec4 v4(const Rgb& c);

/// For the scrolling column, after its content: when its first heading has scrolled out of
/// sight (the keyboard brought into view at 800x480), that heading stays at the top in a band,
/// so that the person still sees what they are answering.
void stickyTitle(const UiContext& ctx);

/// Read aloud: drawFrame collects the frame's words into `spoken` (null: none).
void collectSpeech(SpokenScreen* spoken);
/// Words of the screen to read aloud (headings and buttons add their own).
void spoken(const std::string& words);
/// Right after a control: its label, read aloud when the focus moves to it.
void spokenLabel(const std::string& words);

/// The on-screen keyboard as the person meets it: the space bar's word and read aloud's words
/// for each key in `lang`, and with `withDone` a Done key that closes it (keyboardOpen). Returns
/// the new text when a key changed it; keys that moved since the last frame ask for a redraw.
std::optional<std::string> personsKeyboard(const UiContext& ctx, const std::string& lang,
                                           const std::string& text, std::size_t maxChars,
                                           CommentBuffer& buffer, UiOutput& out, bool withDone);

/// How tall stickyTitle()'s band is when this window's first heading is scrolled away.
float stickyBandHeight(const UiContext& ctx);

/// Right after drawing a control: the UI test trace and the keyboard focus ring see it.
void control(const UiContext& ctx, const std::string& id);

/// The text for `key` in `lang` (English when the language lacks it); in the children's version
/// its `.child` wording where there is one.
std::string t(const UiContext& ctx, const std::string& lang, const std::string& key);

/// The text of a question's or an answer's key (`q.<id>`, `a.<id>`) for the person answering:
/// a visitor, carer or someone else gets the `.others` wording where there is one ("before
/// caring for patients", not "before caring for you").
std::string forRespondent(const UiContext& ctx, const std::string& lang, const Draft& draft,
                          const std::string& key);

/// The flow's notice, if any, in the notice colour: "could not be saved", or how many seconds
/// are left before Send works again.
void drawNotice(const Flow& flow, const UiContext& ctx, const std::string& lang);

/// A day (from Unix seconds, UTC) as people write it in `lang`: "20 November 2026",
/// "20 listopada 2026".
std::string localDate(const UiContext& ctx, const std::string& lang, std::int64_t unixSeconds);

/// Wrapped text that is read aloud with the screen.
void body(const std::string& text);

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

/// A full-width primary button with a label that wraps instead of being clipped; at least
/// `minHeight` tall (and never less than a button is).
bool bigButton(const UiContext& ctx, const std::string& label, const char* id,
               float widthFraction = 1.0f, float minHeight = 0.0f);

/// Pictures for easy read, drawn beside a choice's words.
enum class Icon {
    None,
    Patient,
    Visitor,
    Carer,
    Other,
    Helping,
    Home,
    Hands,
    Clock,
    Speech,
    Yes,
    No
};

/// `icon` in the square of side `size` at `min`, in `ink`.
void drawIcon(ImDrawList* draw, ImVec2 min, float size, Icon icon, ImU32 ink);

struct Answer {
    std::string label;
    std::string id;
    bool chosen = false;    ///< the person's answer so far (they came Back to it)
    Icon icon = Icon::None; ///< easy read: a picture at the choice's left
};

/// Right after a button: marks it as the answer chosen before (a tick and a thick inner
/// frame), so that someone who comes Back sees what they said.
void markChosen(const UiContext& ctx, const std::string& id, bool tick = true);
/// A question's answers as buttons, one a row, or two a row where one a row would not leave
/// `reserve` pixels below them in what the screen has left. The index pressed, or -1.
int answerButtons(const UiContext& ctx, const std::vector<Answer>& answers, float reserve);

bool secondaryButton(const UiContext& ctx, const std::string& label, const char* id, float width);

/// Start over and Back, pinned below the column on every screen but the welcome and thank-you
/// screens, with a forward button where there is one (`withNext`), so that it is always in
/// view: Next on the comment screen, Skip on every question (`nextLabel`, `nextAction`,
/// `nextId`), Send on the panel's last details page (greyed out until `nextEnabled`).
void navigationBar(const UiContext& ctx, const std::string& lang, UiOutput& out, bool withNext,
                   const std::string& nextLabel = "", const Action& nextAction = action::Next{},
                   bool nextEnabled = true, const char* nextId = "next");

/// For the scrolling column, after its content: a finger dragged up or down scrolls it (a drag
/// that starts on a button presses nothing), and while more is below the fold a "more below"
/// band with an arrow says so at its bottom edge.
void touchScroll(const UiContext& ctx, const std::string& lang);

/// Large text and high contrast toggles, always in the top-right corner.
void accessibilityToggles(const UiContext& ctx, const std::string& lang, UiOutput& out);

} // namespace wardvoice::kiosk::ui::screens
