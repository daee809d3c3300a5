// One draw function per kiosk screen (one file each in this folder). Each reads the flow's
// state and reports what the person asked for in `out`; the flow decides what happens.
#pragma once

#include "kiosk/ui/screens.hpp"

#include <string>

namespace wardvoice::kiosk::ui::screens {

/// "Tell us how we are doing", Start, each enabled language named in itself (a tap starts in
/// it), and the ward's "you said, we did" messages in turn.
void welcome(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
             double now);

/// After a rating: "Tell us more", "Send my answer now", and the countdown to sending it alone.
void more(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
          double now);

/// Patient, visitor, carer or other (or skip).
void respondent(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// Leaving hospital, infection control, visiting hours or something else (or skip).
void topic(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// The Friends and Family Test question with its six answers as faces and words (or skip).
void rating(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// One of the topic's short questions.
void question(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// The optional comment: quick phrases, the box, word and character counts, the keyboard.
void comment(const Flow& flow, const UiContext& ctx, const std::string& lang, CommentBuffer& buffer,
             UiOutput& out);

/// "Which of these should the ward work on first?": the ward's choices, and Skip.
void choose(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// What will be sent, personal details already hidden (Send is pinned below it, with Back).
void review(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// Thank you, the invitation to join the patient and carer panel (when the kiosk can seal a
/// volunteer's contact), and Done.
void thankYou(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// What joining the panel means (the trust's consent text), "I agree" and "No, thank you".
void joinConsent(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out);

/// Name, phone or e-mail, best time: three fields and the on-screen keyboard.
void joinDetails(const Flow& flow, const UiContext& ctx, const std::string& lang,
                 CommentBuffer& buffer, UiOutput& out);

/// "Are you still there?" with the countdown, over any screen.
/// Called every frame: `open` false closes it (in ImGui too, or its shadow would block taps).
void idleWarning(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput& out,
                 double now, bool open);

/// "Clear your answers and start again?" after Start over, when there is something to lose.
/// Yes starts over; No (or `open` turning false) goes back to the screen, all kept.
void confirmStartOver(const UiContext& ctx, const std::string& lang, UiOutput& out, bool& open);

/// Staff only: the exit PIN pad, opened by a 5 s hold on the top-left corner.
/// Called every frame: `open` false closes it (in ImGui too, or its shadow would block taps).
void adminPinPad(const UiContext& ctx, UiOutput& out, double now, bool open);

} // namespace wardvoice::kiosk::ui::screens
