// The kiosk flow state machine: every transition, idle reset, back/start over, rate limit,
// and that the submission is stored before the thank-you screen.
#include "common/uuid.hpp"
#include "kiosk/flow.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wardvoice::kiosk {
namespace {

using common::Respondent;
using common::Topic;

/// Records every store() call and what the flow showed at that moment.
class RecordingSink : public SubmissionSink {
public:
    common::Status store(const common::Submission& s) override {
        stored.push_back(s);
        if (flow != nullptr) {
            screenAtStore.push_back(flow->state().screen);
        }
        if (fail) {
            stored.pop_back();
            return common::makeError("full", "disk full");
        }
        return {};
    }
    std::vector<common::Submission> stored;
    std::vector<Screen> screenAtStore;
    const Flow* flow = nullptr;
    bool fail = false;
};

QuestionSet questions() {
    QuestionSet q;
    q.topics[Topic::Discharge] = {{"discharge.who_to_call", {"yes", "no"}},
                                  {"discharge.told_what_next", {"yes", "no"}}};
    q.topics[Topic::VisitingHours] = {{"visiting_hours.hours_work", {"yes", "no"}}};
    return q;
}

class FlowTest : public ::testing::Test {
protected:
    FlowTest() : flow(settings(), questions(), sink, [] { return std::int64_t{1795428900}; }) {
        sink.flow = &flow;
    }
    static FlowSettings settings() {
        FlowSettings s;
        s.ward = "ward-7";
        s.idleTimeoutS = 90;
        s.idleWarningS = 10;
        s.submitIntervalS = 20;
        return s;
    }
    void act(const Action& a) { flow.handle(a, now); }
    Screen screen() const { return flow.state().screen; }

    /// Walks a discharge submission up to the review screen.
    void toReview() {
        act(action::ChooseLanguage{"cy"});
        act(action::ChooseRating{2});
        act(action::TellMore{});
        act(action::ChooseRespondent{Respondent::Carer});
        act(action::ChooseTopic{Topic::Discharge});
        act(action::Answer{"yes"});
        act(action::Answer{std::nullopt});
        act(action::SetComment{"Call 07700 900123 about the tablets"});
        act(action::Next{});
    }

    RecordingSink sink;
    Flow flow;
    double now = 1000;
};

TEST_F(FlowTest, AConcerningCommentIsSeenOnTheKioskAndStillSent) {
    toReview();
    EXPECT_FALSE(flow.draftRaisesConcern()) << "an ordinary comment";
    act(action::Back{});
    act(action::SetComment{"Dw i eisiau marw"}); // Welsh: I want to die
    act(action::Next{});
    ASSERT_EQ(screen(), Screen::Review);
    EXPECT_TRUE(flow.draftRaisesConcern()) << "screened offline, in the person's language";
    act(action::Submit{});
    EXPECT_EQ(screen(), Screen::ThankYou) << "the hint never stops anyone sending";
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(sink.stored[0].comment, "Dw i eisiau marw");
    act(action::StartOver{});
    EXPECT_FALSE(flow.draftRaisesConcern()) << "a new person starts with no hint";
}

TEST_F(FlowTest, FullSubmissionVisitsEveryScreenInOrder) {
    EXPECT_EQ(screen(), Screen::Welcome);
    act(action::ChooseLanguage{"cy"}); // the languages are on the welcome screen
    EXPECT_EQ(screen(), Screen::Rating) << "the FFT question one tap from welcome";
    act(action::ChooseRating{2});
    EXPECT_EQ(screen(), Screen::More);
    act(action::TellMore{});
    EXPECT_EQ(screen(), Screen::Respondent);
    act(action::ChooseRespondent{Respondent::Carer});
    EXPECT_EQ(screen(), Screen::Topic);
    act(action::ChooseTopic{Topic::Discharge});
    EXPECT_EQ(screen(), Screen::Question);
    EXPECT_EQ(flow.state().questionIndex, 0u);
    act(action::Answer{"yes"});
    EXPECT_EQ(screen(), Screen::Question);
    EXPECT_EQ(flow.state().questionIndex, 1u);
    act(action::Answer{std::nullopt});
    EXPECT_EQ(screen(), Screen::Comment);
    act(action::SetComment{"Call 07700 900123 about the tablets"});
    act(action::Next{});
    EXPECT_EQ(screen(), Screen::Review);
    act(action::Submit{});
    EXPECT_EQ(screen(), Screen::ThankYou);

    ASSERT_EQ(sink.stored.size(), 1u);
    const common::Submission& s = sink.stored[0];
    EXPECT_TRUE(common::isUuid(s.id));
    EXPECT_EQ(s.createdAt, "2026-11-23T10:15:00Z");
    EXPECT_EQ(s.ward, "ward-7");
    EXPECT_EQ(s.language, "cy");
    EXPECT_EQ(s.respondent, Respondent::Carer);
    EXPECT_EQ(s.topic, Topic::Discharge);
    EXPECT_EQ(s.rating, 2);
    EXPECT_EQ(s.answers, (std::map<std::string, std::string>{{"discharge.who_to_call", "yes"}}));
    EXPECT_EQ(s.comment, "Call [phone] about the tablets"); // redacted before it reaches disk
}

TEST_F(FlowTest, StoresBeforeThankYou) {
    toReview();
    act(action::Submit{});
    ASSERT_EQ(sink.screenAtStore.size(), 1u);
    EXPECT_EQ(sink.screenAtStore[0], Screen::Review); // thank-you came only after the store
    EXPECT_EQ(screen(), Screen::ThankYou);
}

TEST_F(FlowTest, FailedStoreKeepsTheDraftAndSaysSo) {
    toReview();
    sink.fail = true;
    act(action::Submit{});
    EXPECT_EQ(screen(), Screen::Review);
    EXPECT_EQ(flow.state().notice, "notice.not_saved");
    EXPECT_EQ(flow.state().draft.rating, 2);
    sink.fail = false;
    act(action::Submit{});
    EXPECT_EQ(screen(), Screen::ThankYou);
    EXPECT_EQ(sink.stored.size(), 1u);
}

TEST_F(FlowTest, TopicWithoutQuestionsGoesStraightToComment) {
    act(action::Start{});
    act(action::ChooseRating{std::nullopt});
    EXPECT_EQ(screen(), Screen::Respondent) << "no rating: nothing to send, on to the rest";
    act(action::ChooseRespondent{Respondent::Patient});
    act(action::ChooseTopic{Topic::General});
    EXPECT_EQ(screen(), Screen::Comment);
    act(action::Back{});
    EXPECT_EQ(screen(), Screen::Topic);
}

TEST_F(FlowTest, ARatingAloneIsSentByOneTapAndTheCountdownOrSendNow) {
    // a hurried visitor: Start, "Good", and walks away
    act(action::Start{});
    act(action::ChooseRating{2});
    ASSERT_EQ(screen(), Screen::More);
    EXPECT_NEAR(flow.ratingSendCountdown(now + 5), 10.0, 1e-9);
    flow.tick(now + 14.9);
    EXPECT_TRUE(sink.stored.empty());
    EXPECT_FALSE(flow.state().idleWarning);
    flow.tick(now + 15);
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(sink.screenAtStore[0], Screen::More) << "stored before the thanks";
    EXPECT_EQ(screen(), Screen::ThankYou);
    const common::Submission& alone = sink.stored[0];
    EXPECT_EQ(alone.rating, 2);
    EXPECT_EQ(alone.language, "en");
    EXPECT_EQ(alone.respondent, Respondent::Other) << "not said";
    EXPECT_EQ(alone.topic, Topic::General);
    EXPECT_TRUE(alone.answers.empty());
    EXPECT_EQ(alone.comment, "");
    flow.tick(now + 15 + 8);
    ASSERT_EQ(screen(), Screen::Welcome);

    // "Send my answer now", in Polish
    now += 100;
    act(action::ChooseLanguage{"pl"});
    act(action::ChooseRating{5});
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 2u);
    EXPECT_EQ(sink.stored[1].rating, 5);
    EXPECT_EQ(sink.stored[1].language, "pl");
    EXPECT_EQ(screen(), Screen::ThankYou);
    flow.tick(now + 60);
    EXPECT_EQ(sink.stored.size(), 2u) << "sent once";

    // Back to change the answer: nothing sent; the new answer's countdown starts afresh
    now += 100;
    act(action::Start{});
    act(action::ChooseRating{4});
    flow.tick(now + 10);
    act(action::Back{});
    EXPECT_EQ(screen(), Screen::Rating);
    flow.tick(now + 30);
    EXPECT_EQ(sink.stored.size(), 2u);
    now += 30;
    act(action::ChooseRating{1});
    act(action::TellMore{});
    EXPECT_EQ(screen(), Screen::Respondent);
    flow.tick(now + 20);
    EXPECT_EQ(sink.stored.size(), 2u) << "telling more: sent from the review screen only";
    EXPECT_EQ(flow.state().draft.rating, 1);
}

TEST_F(FlowTest, ARatingThatCannotBeStoredYetIsTriedAgainAndNeverLost) {
    act(action::Start{});
    act(action::ChooseRating{1});
    sink.fail = true;
    flow.tick(now + 15);
    EXPECT_EQ(screen(), Screen::More);
    EXPECT_EQ(flow.state().notice, "notice.not_saved");
    EXPECT_EQ(flow.state().draft.rating, 1);
    sink.fail = false;
    flow.tick(now + 20);
    EXPECT_TRUE(sink.stored.empty()) << "not every frame: after another countdown";
    flow.tick(now + 30);
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(screen(), Screen::ThankYou);
    // the next person within the rate limit: kept, and sent once it is allowed
    flow.handle(action::Next{}, now + 31);
    flow.handle(action::Start{}, now + 31);
    flow.handle(action::ChooseRating{3}, now + 31);
    flow.tick(now + 46);
    EXPECT_EQ(flow.state().notice, "notice.too_soon");
    EXPECT_EQ(sink.stored.size(), 1u);
    flow.tick(now + 61);
    ASSERT_EQ(sink.stored.size(), 2u);
    EXPECT_EQ(sink.stored[1].rating, 3);
}

TEST_F(FlowTest, BackRetracesEveryStep) {
    toReview();
    const Screen expected[] = {Screen::Comment, Screen::Question,   Screen::Question,
                               Screen::Topic,   Screen::Respondent, Screen::Rating,
                               Screen::Welcome};
    for (const Screen s : expected) {
        act(action::Back{});
        EXPECT_EQ(screen(), s);
    }
    act(action::Back{});
    EXPECT_EQ(screen(), Screen::Welcome);
}

TEST_F(FlowTest, StartOverForgetsEverythingFromAnyScreen) {
    for (int steps = 1; steps <= 9; ++steps) {
        Flow f(settings(), questions(), sink, [] { return std::int64_t{0}; });
        const Action path[] = {action::ChooseLanguage{"pl"},
                               action::ChooseRating{4},
                               action::TellMore{},
                               action::ChooseRespondent{Respondent::Visitor},
                               action::ChooseTopic{Topic::VisitingHours},
                               action::Answer{"no"},
                               action::SetComment{"half typed"},
                               action::Next{},
                               action::Back{}};
        for (int i = 0; i < steps; ++i) {
            f.handle(path[i], now);
        }
        f.handle(action::StartOver{}, now);
        EXPECT_EQ(f.state().screen, Screen::Welcome) << steps;
        EXPECT_EQ(f.state().draft.comment, "") << steps;
        EXPECT_FALSE(f.state().draft.rating.has_value()) << steps;
        EXPECT_EQ(f.state().draft.language, "en") << steps;
    }
}

TEST_F(FlowTest, IdleWarningThenResetFromEveryScreen) {
    // every screen that can be left half done (the "tell us more?" screen sends instead)
    const std::vector<int> stepsToScreen = {1, 3, 4, 5, 6, 8};
    for (const int steps : stepsToScreen) {
        Flow f(settings(), questions(), sink, [] { return std::int64_t{0}; });
        double t = 0;
        const Action path[] = {action::ChooseLanguage{"uk"},
                               action::ChooseRating{4},
                               action::TellMore{},
                               action::ChooseRespondent{Respondent::Visitor},
                               action::ChooseTopic{Topic::General},
                               action::SetComment{"секрет"},
                               action::SetComment{"secret"},
                               action::Next{}};
        for (int i = 0; i < steps; ++i) {
            f.handle(path[i], t);
        }
        const Screen before = f.state().screen;
        ASSERT_NE(before, Screen::Welcome);
        f.tick(t + 89);
        EXPECT_FALSE(f.state().idleWarning) << screenName(before);
        f.tick(t + 90);
        EXPECT_TRUE(f.state().idleWarning) << screenName(before);
        EXPECT_EQ(f.state().screen, before);
        EXPECT_NEAR(f.idleCountdown(t + 95), 5.0, 1e-9);
        f.tick(t + 100);
        EXPECT_EQ(f.state().screen, Screen::Welcome) << screenName(before);
        EXPECT_FALSE(f.state().idleWarning);
        EXPECT_EQ(f.state().draft.comment, "");
        EXPECT_FALSE(f.state().draft.respondent.has_value());
    }
}

TEST_F(FlowTest, StillHereKeepsTheDraft) {
    act(action::Start{});
    act(action::ChooseRating{std::nullopt});
    act(action::ChooseRespondent{Respondent::Patient});
    flow.tick(now + 90);
    ASSERT_TRUE(flow.state().idleWarning);
    flow.handle(action::StillHere{}, now + 95);
    EXPECT_FALSE(flow.state().idleWarning);
    EXPECT_EQ(screen(), Screen::Topic);
    EXPECT_EQ(flow.state().draft.respondent, Respondent::Patient);
    flow.tick(now + 150);
    EXPECT_EQ(screen(), Screen::Topic); // the idle clock restarted at 95
}

TEST_F(FlowTest, ThankYouReturnsToWelcome) {
    toReview();
    act(action::Submit{});
    flow.tick(now + 7);
    EXPECT_EQ(screen(), Screen::ThankYou);
    flow.tick(now + 8);
    EXPECT_EQ(screen(), Screen::Welcome);
}

TEST_F(FlowTest, TheNextPersonIsCountedOnlyWhenTheKioskIsWiped) {
    const auto person = [&] { return flow.state().person; };
    const std::uint64_t first = person();
    act(action::Start{});
    act(action::Back{}); // back to the welcome screen: the same person
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_EQ(person(), first);
    toReview();
    act(action::Submit{});
    EXPECT_EQ(person(), first); // still thanking them
    act(action::Next{});
    EXPECT_EQ(person(), first + 1); // the thanks ended
    act(action::Start{});
    act(action::StartOver{});
    EXPECT_EQ(person(), first + 2);
    act(action::Start{});
    flow.tick(now + 91);  // idle: the warning
    flow.tick(now + 102); // and the wipe
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_EQ(person(), first + 3);
}

TEST_F(FlowTest, ThanksAreInThePersonsLanguageAndTheNextPersonStartsInTheDefault) {
    toReview(); // in Welsh
    act(action::Submit{});
    ASSERT_EQ(screen(), Screen::ThankYou);
    EXPECT_EQ(flow.state().draft.language, "cy");
    EXPECT_TRUE(flow.state().draft.comment.empty()); // nothing of theirs is kept
    EXPECT_FALSE(flow.state().draft.rating);
    act(action::Next{});
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_EQ(flow.state().draft.language, "en");
    // and when the thanks time out
    now += 100;
    toReview();
    act(action::Submit{});
    EXPECT_EQ(flow.state().draft.language, "cy");
    flow.tick(now + 8);
    EXPECT_EQ(flow.state().draft.language, "en");
}

TEST_F(FlowTest, TooSoonSaysHowLongToWait) {
    toReview();
    act(action::Submit{});
    act(action::Next{});
    now += 5;
    toReview();
    act(action::Submit{});
    ASSERT_EQ(flow.state().notice, "notice.too_soon");
    EXPECT_NEAR(flow.state().sendWait, 15.0, 1e-9);
    flow.tick(now + 6);
    EXPECT_NEAR(flow.state().sendWait, 9.0, 1e-9);
    flow.tick(now + 30);
    EXPECT_EQ(flow.state().sendWait, 0.0) << "never below zero";
    flow.handle(action::Submit{}, now + 30);
    EXPECT_EQ(screen(), Screen::ThankYou);
    flow.tick(now + 31);
    EXPECT_EQ(flow.state().sendWait, 0.0) << "no notice, no wait";
}

TEST_F(FlowTest, RateLimitKeepsFirstAndRefusesHammering) {
    toReview();
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 1u);
    act(action::Next{}); // finish
    now += 5;
    toReview();
    act(action::Submit{});
    EXPECT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(screen(), Screen::Review);
    EXPECT_EQ(flow.state().notice, "notice.too_soon");
    EXPECT_EQ(flow.state().draft.rating, 2); // nothing lost: they can send again shortly
    now += 16;
    act(action::Submit{});
    EXPECT_EQ(sink.stored.size(), 2u);
    EXPECT_EQ(screen(), Screen::ThankYou);
    EXPECT_NE(sink.stored[0].id, sink.stored[1].id);
}

TEST_F(FlowTest, CommentIsCappedInCharacters) {
    toReview();
    act(action::Back{});
    std::string longText;
    for (int i = 0; i < 2100; ++i) {
        longText += "ż";
    }
    act(action::SetComment{longText});
    EXPECT_EQ(flow.state().draft.comment.size(), 4000u); // 2,000 two-byte characters
}

TEST_F(FlowTest, WhoTheyAreAndTheTopicMayBeSkipped) {
    act(action::Start{});
    act(action::ChooseRating{3});
    act(action::TellMore{});
    act(action::ChooseRespondent{std::nullopt});
    EXPECT_EQ(screen(), Screen::Topic);
    act(action::ChooseTopic{std::nullopt});
    EXPECT_EQ(screen(), Screen::Comment) << "no topic: no topic questions";
    act(action::SetComment{"Lovely garden"});
    act(action::Next{});
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(sink.stored[0].respondent, Respondent::Other);
    EXPECT_EQ(sink.stored[0].topic, Topic::General);
    EXPECT_EQ(sink.stored[0].rating, 3);
    EXPECT_EQ(sink.stored[0].comment, "Lovely garden");
}

TEST_F(FlowTest, SomeoneHelpingAPatientIsRecordedAsAnAssistedResponse) {
    act(action::Start{});
    act(action::ChooseRating{1});
    act(action::TellMore{});
    act(action::Helping{});
    EXPECT_EQ(screen(), Screen::Topic);
    EXPECT_EQ(flow.state().draft.respondent, Respondent::Patient) << "the answers are theirs";
    EXPECT_TRUE(flow.state().draft.assisted);
    act(action::Back{});
    act(action::ChooseRespondent{Respondent::Visitor}); // changed their mind: not assisted
    EXPECT_FALSE(flow.state().draft.assisted);
    act(action::Back{});
    act(action::Helping{});
    act(action::ChooseTopic{Topic::General});
    act(action::Next{});
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_TRUE(sink.stored[0].assisted);
    EXPECT_EQ(sink.stored[0].respondent, Respondent::Patient);
    act(action::Next{});
    EXPECT_FALSE(flow.state().draft.assisted) << "the next person starts unassisted";
}

TEST_F(FlowTest, ActionsOutOfPlaceAreIgnored) {
    act(action::Submit{});
    act(action::TellMore{});
    act(action::ChooseRating{3});
    act(action::Answer{"yes"});
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_TRUE(sink.stored.empty());
}

TEST_F(FlowTest, ChangingTopicDropsOldAnswers) {
    toReview();
    for (int i = 0; i < 4; ++i) {
        act(action::Back{});
    }
    ASSERT_EQ(screen(), Screen::Topic);
    act(action::ChooseTopic{Topic::VisitingHours});
    EXPECT_TRUE(flow.state().draft.answers.empty());
}

} // namespace
} // namespace wardvoice::kiosk

namespace wardvoice::kiosk {
namespace {

class ChooseFlowTest : public FlowTest {};

TEST_F(ChooseFlowTest, AfterTheCommentThePersonChoosesWhatTheWardWorksOnFirst) {
    flow.setChoices({41, 42});
    toReview();
    EXPECT_EQ(screen(), Screen::Choose) << "the ward offers choices: they come after the comment";
    act(action::ChooseVote{42});
    EXPECT_EQ(screen(), Screen::Review);
    act(action::Back{});
    EXPECT_EQ(screen(), Screen::Choose) << "Back from review goes to the choice";
    act(action::ChooseVote{42});
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(sink.stored[0].priorityVote, std::optional<std::int64_t>(42));
    EXPECT_EQ(sink.stored[0].rating, 2) << "the rest of the submission as before";
    EXPECT_EQ(screen(), Screen::ThankYou);
}

TEST_F(ChooseFlowTest, SkippingOrAChoiceNoLongerOfferedSendsNoVote) {
    flow.setChoices({41});
    toReview();
    act(action::ChooseVote{std::nullopt});
    EXPECT_EQ(screen(), Screen::Review);
    EXPECT_FALSE(flow.state().draft.priorityVote);
    act(action::Back{});
    flow.setChoices({43}); // the config changed while they were reading
    act(action::ChooseVote{41});
    EXPECT_FALSE(flow.state().draft.priorityVote) << "41 is no longer offered";
    act(action::Submit{});
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_FALSE(sink.stored[0].priorityVote);
}

TEST_F(ChooseFlowTest, WithoutChoicesTheCommentLeadsStraightToReview) {
    toReview();
    EXPECT_EQ(screen(), Screen::Review);
    act(action::HelpChoose{});
    EXPECT_EQ(screen(), Screen::Review) << "nothing to choose: the action does nothing";
}

TEST_F(ChooseFlowTest, FromTheWelcomeScreenAChoiceAloneIsSent) {
    act(action::HelpChoose{});
    EXPECT_EQ(screen(), Screen::Welcome) << "no choices offered";
    flow.setChoices({41, 42});
    act(action::HelpChoose{});
    EXPECT_EQ(screen(), Screen::Choose);
    act(action::Back{});
    EXPECT_EQ(screen(), Screen::Welcome);
    act(action::HelpChoose{});
    act(action::ChooseVote{std::nullopt});
    EXPECT_EQ(screen(), Screen::Welcome) << "skipped: nothing to send";
    EXPECT_TRUE(sink.stored.empty());
    act(action::HelpChoose{});
    act(action::ChooseVote{41});
    ASSERT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(sink.screenAtStore[0], Screen::Choose) << "stored before the thanks";
    EXPECT_EQ(screen(), Screen::ThankYou);
    const common::Submission& s = sink.stored[0];
    EXPECT_EQ(s.priorityVote, std::optional<std::int64_t>(41));
    EXPECT_FALSE(s.rating);
    EXPECT_TRUE(s.comment.empty());
    EXPECT_EQ(s.ward, "ward-7");
    // the next person starts afresh
    now += 60;
    act(action::Next{});
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_FALSE(flow.state().voteOnly);
    EXPECT_FALSE(flow.state().draft.priorityVote);
}

TEST_F(ChooseFlowTest, AVoteTooSoonAfterTheLastSubmissionWaitsOnTheChoiceScreen) {
    flow.setChoices({41});
    act(action::HelpChoose{});
    act(action::ChooseVote{41});
    ASSERT_EQ(sink.stored.size(), 1u);
    act(action::Next{});
    now += 5; // within the submit interval
    act(action::HelpChoose{});
    act(action::ChooseVote{41});
    EXPECT_EQ(sink.stored.size(), 1u);
    EXPECT_EQ(screen(), Screen::Choose);
    EXPECT_EQ(flow.state().notice, "notice.too_soon");
}

} // namespace
} // namespace wardvoice::kiosk

namespace wardvoice::kiosk {
namespace {

/// Keeps what the flow hands over to be sealed, or fails as a full disk would.
class RecordingVolunteers : public VolunteerSink {
public:
    common::Status storeVolunteer(const std::string& plainJson) override {
        if (fail) {
            return common::makeError("full", "disk full");
        }
        stored.push_back(plainJson);
        return {};
    }
    std::vector<std::string> stored;
    bool fail = false;
};

class JoinFlowTest : public FlowTest {
protected:
    JoinFlowTest() {
        flow.setVolunteerSink(&volunteers);
        flow.setJoinOpen(true);
    }
    /// A submission sent, then "yes" to the invitation and "I agree".
    void toDetails() {
        toReview();
        act(action::Submit{});
        ASSERT_EQ(screen(), Screen::ThankYou);
        act(action::Join{});
        ASSERT_EQ(screen(), Screen::JoinConsent);
        act(action::JoinAgree{});
        ASSERT_EQ(screen(), Screen::JoinDetails);
    }
    void type(const std::string& text) { act(action::SetJoinField{flow.state().join.field, text}); }
    RecordingVolunteers volunteers;
};

TEST_F(JoinFlowTest, TheThanksInviteToJoinOnlyWhenARecordCanBeSealed) {
    toReview();
    act(action::Submit{});
    EXPECT_TRUE(flow.invitesToJoin());
    flow.setJoinOpen(false); // no usable panel key (none, or not the pinned one)
    EXPECT_FALSE(flow.invitesToJoin());
    act(action::Join{});
    EXPECT_EQ(screen(), Screen::ThankYou) << "no invitation: the action does nothing";
    flow.setJoinOpen(true);
    flow.setVolunteerSink(nullptr);
    EXPECT_FALSE(flow.invitesToJoin());
}

TEST_F(JoinFlowTest, AVolunteerTypesNameContactAndBestTimeAPageEachAndItGoesOnItsOwn) {
    toDetails();
    EXPECT_EQ(flow.page(), 0u);
    act(action::Next{});
    EXPECT_EQ(flow.page(), 0u) << "a name first";
    type("  Ann Jones ");
    act(action::Next{});
    EXPECT_EQ(flow.page(), 1u);
    type("ann@");
    EXPECT_FALSE(flow.joinPageReady());
    act(action::Next{});
    EXPECT_EQ(flow.page(), 1u) << "not a way to reach anyone yet";
    type("ann@example.org");
    act(action::Next{});
    EXPECT_EQ(flow.page(), 2u);
    act(action::Back{});
    EXPECT_EQ(flow.page(), 1u);
    EXPECT_EQ(flow.state().join.contact, "ann@example.org") << "Back keeps what was typed";
    act(action::Next{});
    act(action::SetJoinField{0, "typed into a page not shown"});
    EXPECT_EQ(flow.state().join.name, "  Ann Jones ");
    type("Mornings");
    act(action::Next{}); // Send, on the last page
    ASSERT_EQ(volunteers.stored.size(), 1u);
    const auto sent = nlohmann::json::parse(volunteers.stored[0]);
    EXPECT_EQ(sent, nlohmann::json({{"name", "Ann Jones"},
                                    {"contact", "ann@example.org"},
                                    {"best_time", "Mornings"}}));
    EXPECT_EQ(sink.stored.size(), 1u) << "the feedback alone, sent before; no volunteer in it";
    EXPECT_EQ(sink.stored[0].comment.find("Ann"), std::string::npos);
    EXPECT_EQ(screen(), Screen::ThankYou);
    EXPECT_TRUE(flow.state().joined);
    EXPECT_FALSE(flow.invitesToJoin()) << "invited once";
    EXPECT_TRUE(flow.state().join.name.empty() && flow.state().join.contact.empty() &&
                flow.state().join.bestTime.empty())
        << "nothing typed stays in memory";
    now += 60;
    flow.tick(now);
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_FALSE(flow.state().joined) << "the next person is invited again";
}

TEST_F(JoinFlowTest, LeavingForgetsWhatWasTypedAndSendsNothing) {
    toDetails();
    type("Ann");
    act(action::StartOver{});
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_TRUE(flow.state().join.name.empty());
    now += 30; // past the submit interval
    toDetails();
    type("Ann");
    act(action::Next{});
    type("07700 900123");
    flow.tick(now + 91);  // the idle warning...
    flow.tick(now + 102); // ...and no answer
    EXPECT_EQ(screen(), Screen::Welcome);
    EXPECT_TRUE(flow.state().join.contact.empty());
    EXPECT_TRUE(volunteers.stored.empty());
}

TEST_F(JoinFlowTest, NoThanksReturnsToTheThanksAndAFailedStoreKeepsTheDetails) {
    toReview();
    act(action::Submit{});
    act(action::Join{});
    now += 30;
    act(action::Back{}); // "No, thank you"
    EXPECT_EQ(screen(), Screen::ThankYou);
    flow.tick(now + 5);
    EXPECT_EQ(screen(), Screen::ThankYou) << "thanked again, for as long as the first time";
    act(action::Join{});
    act(action::JoinAgree{});
    type("Ann");
    act(action::Next{});
    type("+44 7700 900123");
    act(action::Next{});
    volunteers.fail = true;
    act(action::Next{});
    EXPECT_EQ(screen(), Screen::JoinDetails);
    EXPECT_EQ(flow.state().notice, "notice.join_not_saved");
    EXPECT_EQ(flow.state().join.contact, "+44 7700 900123") << "they can try again";
    volunteers.fail = false;
    act(action::Next{});
    EXPECT_EQ(volunteers.stored.size(), 1u);
    EXPECT_EQ(screen(), Screen::ThankYou);
}

TEST_F(JoinFlowTest, TheThanksLastLongerWhileTheyInvite) {
    toReview();
    act(action::Submit{});
    flow.tick(now + 10);
    EXPECT_EQ(screen(), Screen::ThankYou) << "time to read the invitation";
    flow.tick(now + 21);
    EXPECT_EQ(screen(), Screen::Welcome);
}

TEST(PlausibleContact, APhoneNumberOrAnEmailAddress) {
    for (const char* ok :
         {"ann@example.org", "a.b@nhs.net", "07700 900123", "+44 (0)7700-900123", "0123456"}) {
        EXPECT_TRUE(plausibleContact(ok)) << ok;
    }
    for (const char* bad : {"", "ann", "ann@", "@example.org", "ann@example", "ann@@x.org",
                            "ann @x.org", "123456", "0770090012345678", "call me 0770090"}) {
        EXPECT_FALSE(plausibleContact(bad)) << bad;
    }
}

} // namespace
} // namespace wardvoice::kiosk
