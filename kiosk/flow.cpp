// The kiosk's screen state machine.
#include "kiosk/flow.hpp"

#include "common/redact.hpp"
#include "common/safeguarding.hpp"
#include "common/sealed_box.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace wardvoice::kiosk {

const char* screenName(Screen s) {
    switch (s) {
    case Screen::Welcome:
        return "welcome";
    case Screen::More:
        return "more";
    case Screen::Respondent:
        return "respondent";
    case Screen::Topic:
        return "topic";
    case Screen::Rating:
        return "rating";
    case Screen::Question:
        return "question";
    case Screen::Comment:
        return "comment";
    case Screen::Choose:
        return "choose";
    case Screen::Review:
        return "review";
    case Screen::ThankYou:
        return "thankyou";
    case Screen::JoinConsent:
        return "join_consent";
    case Screen::JoinDetails:
        return "join_details";
    }
    return "?";
}

bool plausibleContact(const std::string& contact) {
    const auto at = contact.find('@');
    if (at != std::string::npos) {
        const auto dot = contact.find('.', at);
        return at > 0 && contact.find('@', at + 1) == std::string::npos &&
               dot != std::string::npos && dot > at + 1 && dot + 1 < contact.size() &&
               contact.find(' ') == std::string::npos;
    }
    int digits = 0;
    for (const char c : contact) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

Flow::Flow(FlowSettings settings, QuestionSet questions, SubmissionSink& sink,
           std::function<std::int64_t()> wallClock)
    : m_settings(std::move(settings)), m_questions(std::move(questions)), m_sink(sink),
      m_wallClock(std::move(wallClock)) {
    m_state.draft.language = m_settings.defaultLanguage;
}

const std::vector<Question>& Flow::currentQuestions() const {
    static const std::vector<Question> kNone;
    return m_state.draft.topic ? m_questions.forTopic(*m_state.draft.topic) : kNone;
}

double Flow::ratingSendCountdown(double now) const {
    if (m_state.screen != Screen::More) {
        return 0;
    }
    const double left = m_settings.ratingSendS - (now - m_state.moreAt);
    return left > 0 ? left : 0;
}

double Flow::idleCountdown(double now) const {
    if (!m_state.idleWarning) {
        return 0;
    }
    const double left = m_settings.idleWarningS - (now - m_state.idleWarningStartedAt);
    return left > 0 ? left : 0;
}

void Flow::wipeJoin() {
    common::wipe(m_state.join.name);
    common::wipe(m_state.join.contact);
    common::wipe(m_state.join.bestTime);
    m_state.join.field = 0;
}

void Flow::reset(double now) {
    wipeJoin(); // what a volunteer typed leaves no copy behind in memory
    const std::optional<double> lastSubmit =
        m_state.lastSubmitAt; // the rate limit outlives a person
    const std::uint64_t person = m_state.person;
    m_state = FlowState{};
    m_state.draft.language = m_settings.defaultLanguage;
    m_state.lastActivityAt = now;
    m_state.lastSubmitAt = lastSubmit;
    m_state.person = person + 1;
}

void Flow::afterTopicQuestions() {
    m_state.screen = Screen::Comment;
}

void Flow::goBack(double now) {
    FlowState& s = m_state;
    s.notice.clear();
    switch (s.screen) {
    case Screen::Welcome:
    case Screen::ThankYou:
        break;
    case Screen::Rating:
        s.screen = Screen::Welcome; // the language chosen stays: the same person
        break;
    case Screen::More:
    case Screen::Respondent:
        s.screen = Screen::Rating; // to change the answer; never back into the countdown
        break;
    case Screen::Topic:
        s.screen = Screen::Respondent;
        break;
    case Screen::Question:
        if (s.questionIndex > 0) {
            --s.questionIndex;
        } else {
            s.screen = Screen::Topic;
        }
        break;
    case Screen::Comment:
        if (!currentQuestions().empty()) {
            s.screen = Screen::Question;
            s.questionIndex = currentQuestions().size() - 1;
        } else {
            s.screen = Screen::Topic;
        }
        break;
    case Screen::Choose:
        if (s.voteOnly) {
            s.voteOnly = false;
            s.screen = Screen::Welcome;
        } else {
            s.screen = Screen::Comment;
        }
        break;
    case Screen::Review:
        s.screen = m_choices.empty() ? Screen::Comment : Screen::Choose;
        break;
    case Screen::JoinConsent:
        s.screen = Screen::ThankYou; // thanked again, for as long as the first time
        s.thankYouAt = now;
        break;
    case Screen::JoinDetails:
        if (s.join.field > 0) {
            --s.join.field; // what was typed on the later page stays
        } else {
            s.screen = Screen::JoinConsent;
        }
        break;
    }
}

namespace {

/// A field as it is sent: normalised, trimmed.
std::string cleaned(const std::string& text) {
    auto clean = common::utf8::normalise(text);
    return clean ? std::move(clean).value() : std::string();
}

} // namespace

bool Flow::joinReady() const {
    const JoinDraft& j = m_state.join;
    return !cleaned(j.name).empty() && plausibleContact(cleaned(j.contact));
}

bool Flow::joinPageReady() const {
    const JoinDraft& j = m_state.join;
    switch (j.field) {
    case 0:
        return !cleaned(j.name).empty();
    case 1:
        return plausibleContact(cleaned(j.contact));
    default:
        return joinReady();
    }
}

std::size_t Flow::page() const {
    switch (m_state.screen) {
    case Screen::Question:
        return m_state.questionIndex;
    case Screen::JoinDetails:
        return static_cast<std::size_t>(m_state.join.field);
    default:
        return 0;
    }
}

void Flow::sendVolunteer(double now) {
    FlowState& s = m_state;
    if (m_volunteers == nullptr || !joinReady()) {
        return;
    }
    std::string plain = nlohmann::json{{"name", cleaned(s.join.name)},
                                       {"contact", cleaned(s.join.contact)},
                                       {"best_time", cleaned(s.join.bestTime)}}
                            .dump();
    const common::Status stored = m_volunteers->storeVolunteer(plain);
    common::wipe(plain);
    if (!stored) {
        s.notice = "notice.join_not_saved"; // what they typed stays: they can try again
        return;
    }
    wipeJoin();
    s.notice.clear();
    s.joined = true;
    s.screen = Screen::ThankYou;
    s.thankYouAt = now;
}

void Flow::submit(double now) {
    FlowState& s = m_state;
    if (s.lastSubmitAt && now - *s.lastSubmitAt < m_settings.submitIntervalS) {
        s.notice = "notice.too_soon"; // the draft stays: nothing is lost, they can send shortly
        s.sendWait = m_settings.submitIntervalS - (now - *s.lastSubmitAt);
        return;
    }
    common::Submission sub;
    sub.id = common::newUuid();
    sub.createdAt = common::formatRfc3339(m_wallClock());
    sub.ward = m_settings.ward;
    sub.respondent = s.draft.respondent.value_or(common::Respondent::Other);
    sub.topic = s.draft.topic.value_or(common::Topic::General);
    sub.rating = s.draft.rating;
    sub.answers = s.draft.answers;
    sub.comment = s.draft.comment;
    sub.language = s.draft.language;
    sub.priorityVote = s.draft.priorityVote;
    sub.assisted = s.draft.assisted;
    auto prepared = common::wire::prepareSubmission(std::move(sub));
    if (!prepared) {
        s.notice = "notice.not_saved";
        return;
    }
    if (auto stored = m_sink.store(prepared.value()); !stored) {
        s.notice = "notice.not_saved"; // the draft stays; after a rating alone it is tried again
        return;
    }
    // Only now, with the row committed, may the person be thanked.
    s.lastSubmitAt = now;
    s.thankYouAt = now;
    // the thanks are in the person's language; reset() restores the default when they end
    const std::string language = s.draft.language;
    s.draft = Draft{};
    s.draft.language = language;
    s.notice.clear();
    s.screen = Screen::ThankYou;
}

void Flow::handle(const Action& a, double now) {
    FlowState& s = m_state;
    s.lastActivityAt = now;
    if (s.idleWarning) {
        s.idleWarning = false;
        if (std::holds_alternative<action::StillHere>(a) ||
            std::holds_alternative<action::Touch>(a)) {
            return;
        }
    }
    std::visit(
        [&](const auto& act) {
            using T = std::decay_t<decltype(act)>;
            if constexpr (std::is_same_v<T, action::Start>) {
                if (s.screen == Screen::Welcome) {
                    s.screen = Screen::Rating;
                }
            } else if constexpr (std::is_same_v<T, action::ChooseLanguage>) {
                if (s.screen == Screen::Welcome) {
                    s.draft.language = act.language;
                    s.screen = Screen::Rating;
                }
            } else if constexpr (std::is_same_v<T, action::ChooseRating>) {
                if (s.screen == Screen::Rating) {
                    s.draft.rating = act.rating;
                    s.notice.clear();
                    if (act.rating) {
                        s.screen = Screen::More; // sent alone unless they choose to go on
                        s.moreAt = now;
                    } else {
                        s.screen = Screen::Respondent; // no rating: nothing to send yet
                    }
                }
            } else if constexpr (std::is_same_v<T, action::TellMore>) {
                if (s.screen == Screen::More) {
                    s.notice.clear();
                    s.screen = Screen::Respondent;
                }
            } else if constexpr (std::is_same_v<T, action::ChooseRespondent>) {
                if (s.screen == Screen::Respondent) {
                    s.draft.respondent = act.respondent;
                    s.draft.assisted = false;
                    s.screen = Screen::Topic;
                }
            } else if constexpr (std::is_same_v<T, action::Helping>) {
                if (s.screen == Screen::Respondent) {
                    // the answers are the patient's, given with help: counted as assisted
                    s.draft.respondent = common::Respondent::Patient;
                    s.draft.assisted = true;
                    s.screen = Screen::Topic;
                }
            } else if constexpr (std::is_same_v<T, action::ChooseTopic>) {
                if (s.screen == Screen::Topic) {
                    if (s.draft.topic != act.topic) {
                        s.draft.answers.clear(); // answers belong to the old topic's questions
                    }
                    s.draft.topic = act.topic;
                    s.questionIndex = 0;
                    s.screen = currentQuestions().empty() ? Screen::Comment : Screen::Question;
                }
            } else if constexpr (std::is_same_v<T, action::Answer>) {
                if (s.screen == Screen::Question && s.questionIndex < currentQuestions().size()) {
                    const Question& q = currentQuestions()[s.questionIndex];
                    if (act.answer) {
                        s.draft.answers[q.id] = *act.answer;
                    } else {
                        s.draft.answers.erase(q.id);
                    }
                    if (++s.questionIndex >= currentQuestions().size()) {
                        afterTopicQuestions();
                    }
                }
            } else if constexpr (std::is_same_v<T, action::SetComment>) {
                if (s.screen == Screen::Comment) {
                    const std::size_t keep =
                        common::utf8::prefixBytes(act.text, common::kMaxCommentChars);
                    s.draft.comment = act.text.substr(0, keep);
                }
            } else if constexpr (std::is_same_v<T, action::HelpChoose>) {
                if (s.screen == Screen::Welcome && !m_choices.empty()) {
                    s.voteOnly = true;
                    s.screen = Screen::Choose;
                }
            } else if constexpr (std::is_same_v<T, action::ChooseVote>) {
                if (s.screen == Screen::Choose) {
                    const bool offered = act.item && std::find(m_choices.begin(), m_choices.end(),
                                                               *act.item) != m_choices.end();
                    s.draft.priorityVote = offered ? act.item : std::nullopt;
                    if (!s.voteOnly) {
                        s.screen = Screen::Review;
                    } else if (s.draft.priorityVote) {
                        submit(now); // the choice alone; thanked once it is stored
                    } else {
                        reset(now); // skipped: nothing to send
                    }
                }
            } else if constexpr (std::is_same_v<T, action::Next>) {
                if (s.screen == Screen::Comment) {
                    s.screen = m_choices.empty() ? Screen::Review : Screen::Choose;
                } else if (s.screen == Screen::ThankYou) {
                    reset(now);
                } else if (s.screen == Screen::JoinDetails && joinPageReady()) {
                    if (s.join.field < 2) {
                        ++s.join.field;
                    } else {
                        sendVolunteer(now);
                    }
                }
            } else if constexpr (std::is_same_v<T, action::Join>) {
                if (s.screen == Screen::ThankYou && invitesToJoin()) {
                    s.screen = Screen::JoinConsent;
                }
            } else if constexpr (std::is_same_v<T, action::JoinAgree>) {
                if (s.screen == Screen::JoinConsent) {
                    s.screen = Screen::JoinDetails;
                }
            } else if constexpr (std::is_same_v<T, action::SetJoinField>) {
                if (s.screen == Screen::JoinDetails && act.field == s.join.field) {
                    std::string& target = s.join.text(act.field);
                    common::wipe(target);
                    target = act.text.substr(
                        0, common::utf8::prefixBytes(act.text, joinFieldLimit(act.field)));
                }
            } else if constexpr (std::is_same_v<T, action::Back>) {
                goBack(now);
            } else if constexpr (std::is_same_v<T, action::StartOver>) {
                reset(now);
            } else if constexpr (std::is_same_v<T, action::Submit>) {
                if (s.screen == Screen::Review || s.screen == Screen::More) {
                    submit(now);
                }
            }
        },
        a);
}

void Flow::tick(double now) {
    FlowState& s = m_state;
    s.sendWait = s.notice == "notice.too_soon" && s.lastSubmitAt
                     ? std::max(0.0, m_settings.submitIntervalS - (now - *s.lastSubmitAt))
                     : 0.0;
    if (s.screen == Screen::Welcome) {
        s.idleWarning = false;
        return;
    }
    if (s.screen == Screen::More) {
        // The rating alone is a response: sent when the countdown ends, with no idle warning
        // (nothing typed to protect). If it cannot be stored yet (too soon after the last
        // person, a full disk) the screen says so and tries again after another countdown.
        if (now - s.moreAt >= m_settings.ratingSendS) {
            submit(now);
            if (s.screen == Screen::More) {
                s.moreAt = now;
            }
        }
        return;
    }
    if (s.screen == Screen::ThankYou) {
        if (now - s.thankYouAt >=
            (invitesToJoin() ? m_settings.thankYouInviteS : m_settings.thankYouS)) {
            reset(now);
        }
        return;
    }
    if (s.idleWarning) {
        if (now - s.idleWarningStartedAt >= m_settings.idleWarningS) {
            reset(now); // forget everything not submitted
        }
        return;
    }
    if (now - s.lastActivityAt >= m_settings.idleTimeoutS) {
        s.idleWarning = true;
        s.idleWarningStartedAt = now;
    }
}

bool Flow::draftRaisesConcern() const {
    const Draft& d = m_state.draft;
    if (d.comment != m_screenedComment) {
        m_screenedComment = d.comment;
        // screened as it will be stored: redacted, as the aggregator screens it
        const std::string stored = common::redact(d.comment);
        common::ScreenInput input;
        input.comment = stored;
        input.rating = d.rating;
        input.topic = d.topic ? common::toString(*d.topic) : std::string_view();
        input.language = d.language;
        m_screenedConcern = !d.comment.empty() && common::screenComment(input).flagged;
    }
    return m_screenedConcern;
}

} // namespace wardvoice::kiosk
