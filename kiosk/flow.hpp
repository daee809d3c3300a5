// The kiosk's screen state machine: pure logic, no drawing, no I/O but the SubmissionSink.
// Time comes in as arguments so every path (idle reset, rate limit) is testable.
#pragma once

#include "common/model.hpp"
#include "kiosk/outbox.hpp"
#include "kiosk/questions.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace wardvoice::kiosk {

/// The order a person meets them: the Friends and Family Test question comes one tap from the
/// welcome screen (which also offers the languages), and a rating may be sent alone; "tell us
/// more" leads to who they are, the topic, its questions and the comment, all optional.
enum class Screen {
    Welcome,
    Rating,
    More, ///< "Tell us more?": send the rating now (or after a countdown) or go on
    Respondent,
    Topic,
    Question,
    Comment,
    Choose, ///< "which should the ward work on first?": shown when the ward offers choices
    Review,
    ThankYou,
    JoinConsent, ///< joining the patient and carer panel: what is kept, who sees it, how long
    JoinDetails  ///< name, then phone or e-mail, then best time to contact: a page each
};

/// What a person has chosen so far; forgotten on idle, start over and after thank-you.
struct Draft {
    std::string language;
    std::optional<common::Respondent> respondent;
    std::optional<common::Topic> topic;
    std::optional<int> rating;
    std::map<std::string, std::string> answers;
    std::string comment;
    std::optional<std::int64_t> priorityVote; ///< the choice (agenda item id) they picked
    bool assisted = false; ///< "I am helping a patient to answer": staff or family entering it
};

/// What someone typed to join the panel: sealed and wiped when they send it, wiped when they
/// leave. Never part of a submission.
struct JoinDraft {
    std::string name;
    std::string contact;  ///< a phone number or an e-mail address
    std::string bestTime; ///< optional: "mornings", "after 6 pm"
    int field = 0;        ///< the page: 0 name, 1 contact, 2 best time
    /// The text of `page` (0 name, 1 contact, else best time).
    const std::string& text(int page) const {
        return page == 0 ? name : page == 1 ? contact : bestTime;
    }
    std::string& text(int page) { return page == 0 ? name : page == 1 ? contact : bestTime; }
};

inline constexpr std::size_t kMaxVolunteerName = 80;
inline constexpr std::size_t kMaxVolunteerContact = 120;
inline constexpr std::size_t kMaxVolunteerBestTime = 80;
/// The most characters the details `page` takes.
inline constexpr std::size_t joinFieldLimit(int page) {
    return page == 0 ? kMaxVolunteerName : page == 1 ? kMaxVolunteerContact : kMaxVolunteerBestTime;
}

/// Whether `contact` can be a way to reach someone: an e-mail address (text@text.text) or a
/// phone number (7 to 15 digits, with spaces, +, - or brackets between).
bool plausibleContact(const std::string& contact);

struct FlowSettings {
    std::string ward;
    std::string defaultLanguage = "en";
    double idleTimeoutS = 90;
    double idleWarningS = 10;
    double thankYouS = 8;
    double thankYouInviteS = 20; ///< as long, when it also invites the person to join the panel
    double submitIntervalS = 20;
    /// The "tell us more?" screen sends the rating alone after this long without an answer:
    /// one tap is a whole response, as on a paper card.
    double ratingSendS = 15;
};

struct FlowState {
    Screen screen = Screen::Welcome;
    Draft draft;
    std::size_t questionIndex = 0;
    bool idleWarning = false;
    double idleWarningStartedAt = 0;
    double lastActivityAt = 0;
    double thankYouAt = 0;
    double moreAt = 0; ///< when the "tell us more?" screen was shown (or last tried to send)
    std::optional<double> lastSubmitAt;
    /// Set on Review when a submission could not be saved or came too soon: an i18n key.
    std::string notice;
    /// While `notice` is "notice.too_soon": seconds until Send is allowed again (kept by tick).
    double sendWait = 0;
    /// Goes up each time the kiosk is wiped for the next person (thanks ended, Start over,
    /// idle): what the last person chose for themselves (larger text, contrast, the keyboard's
    /// layer) ends with it. Back to the welcome screen is the same person.
    std::uint64_t person = 0;
    /// Came from "Help us choose" on the welcome screen: the choice alone is sent.
    bool voteOnly = false;
    JoinDraft join;
    bool joined = false; ///< this person offered to join: the thanks say so, no second invitation
};

namespace action {
struct Start {}; ///< on to the rating in the language shown
/// From the welcome screen: the person's language, and on to the rating in it.
struct ChooseLanguage {
    std::string language;
};
struct ChooseRespondent {
    std::optional<common::Respondent> respondent;
}; ///< nullopt: skipped (sent as "other")
struct ChooseTopic {
    std::optional<common::Topic> topic;
}; ///< nullopt: skipped (sent as "general")
struct ChooseRating {
    std::optional<int> rating;
}; ///< nullopt: skipped
struct Answer {
    std::optional<std::string> answer;
}; ///< nullopt: skipped
struct SetComment {
    std::string text;
};
struct Next {};
struct Back {};
struct StartOver {};
struct Submit {};   ///< Send on the review screen, or "send my answer now" after the rating
struct TellMore {}; ///< "Tell us more" after the rating
struct Helping {};  ///< "I am helping a patient to answer" on the who-are-you screen
struct StillHere {};
struct Touch {};      ///< any input that chooses nothing (typing, scrolling): counts as activity
struct HelpChoose {}; ///< "Help us choose what to work on next", from the welcome screen
struct ChooseVote {
    std::optional<std::int64_t> item;
};                   ///< nullopt: skipped
struct Join {};      ///< "Yes" to the invitation on the thank-you screen
struct JoinAgree {}; ///< "I agree" on the consent screen
struct SetJoinField {
    int field = 0;
    std::string text;
};
} // namespace action

using Action =
    std::variant<action::Start, action::ChooseLanguage, action::ChooseRespondent,
                 action::ChooseTopic, action::ChooseRating, action::Answer, action::SetComment,
                 action::Next, action::Back, action::StartOver, action::Submit, action::StillHere,
                 action::Touch, action::HelpChoose, action::ChooseVote, action::Join,
                 action::JoinAgree, action::SetJoinField, action::TellMore, action::Helping>;

class Flow {
public:
    /// `wallClock` gives Unix seconds for created_at; `now` arguments are monotonic seconds.
    Flow(FlowSettings settings, QuestionSet questions, SubmissionSink& sink,
         std::function<std::int64_t()> wallClock);

    void handle(const Action& action, double now);
    /// Advances timers: idle warning, idle reset, thank-you timeout.
    void tick(double now);

    const FlowState& state() const { return m_state; }
    /// True when the comment being written would raise a safeguarding alert (the same screen
    /// as the aggregator's, run here so that it works offline): the review screen then shows
    /// where to get help now, without stopping anyone from sending.
    bool draftRaisesConcern() const;
    const std::vector<Question>& currentQuestions() const;
    /// Seconds left on the "are you still there?" countdown (0 when not shown).
    double idleCountdown(double now) const;
    /// Seconds left before the "tell us more?" screen sends the rating alone (0 elsewhere).
    double ratingSendCountdown(double now) const;
    void setQuestions(QuestionSet questions) { m_questions = std::move(questions); }
    /// The agenda items the ward offers as choices now (from the kiosk config; may change
    /// between frames: a vote for one no longer offered counts as a skip).
    void setChoices(std::vector<std::int64_t> items) { m_choices = std::move(items); }
    const std::vector<std::int64_t>& choices() const { return m_choices; }
    /// Where a volunteer's record goes (sealed there); none: the kiosk invites no one.
    void setVolunteerSink(VolunteerSink* sink) { m_volunteers = sink; }
    /// Whether joining the panel may be offered now (a usable panel key); may change between
    /// frames.
    void setJoinOpen(bool open) { m_joinOpen = open; }
    /// The thank-you screen invites this person to join the panel.
    bool invitesToJoin() const { return m_volunteers != nullptr && m_joinOpen && !m_state.joined; }
    /// The details are enough to send: a name and a contact that can reach someone.
    bool joinReady() const;
    /// The details page shown may be left forwards (a name typed; a contact that can reach
    /// someone; the best time is optional). Next on the last page sends.
    bool joinPageReady() const;
    /// Which page of a screen is shown (the question's index, the details' field): a new page
    /// is a new screen to the person, for the tap guard and the focus ring.
    std::size_t page() const;
    const FlowSettings& settings() const { return m_settings; }

private:
    void reset(double now);
    void goBack(double now);
    void submit(double now);
    void afterTopicQuestions();
    void sendVolunteer(double now);
    void wipeJoin();

    FlowSettings m_settings;
    QuestionSet m_questions;
    SubmissionSink& m_sink;
    std::function<std::int64_t()> m_wallClock;
    FlowState m_state;
    mutable std::string m_screenedComment; ///< the comment draftRaisesConcern() last screened
    mutable bool m_screenedConcern = false;
    std::vector<std::int64_t> m_choices;
    VolunteerSink* m_volunteers = nullptr;
    bool m_joinOpen = false;
};

/// Every screen in order, for tests and screenshot tours.
inline constexpr Screen kAllScreens[] = {
    Screen::Welcome, Screen::Rating,   Screen::More,        Screen::Respondent,
    Screen::Topic,   Screen::Question, Screen::Comment,     Screen::Choose,
    Screen::Review,  Screen::ThankYou, Screen::JoinConsent, Screen::JoinDetails};
const char* screenName(Screen s);

} // namespace wardvoice::kiosk
