// The subject vocabulary: the general bucket, subjects and their problems, readable labels.
#include "aggregator/themes/subjects.hpp"

#include <gtest/gtest.h>
#include <set>

namespace wardvoice::themes {
namespace {

constexpr int kPositiveSide = 0;
constexpr int kNeutralSide = 1;
constexpr int kNegativeSide = 2;

SubjectReading readText(const std::string& text, int side) {
    TextPipeline pipeline;
    return SubjectLexicon::standard().read(pipeline.tokenise(text), side);
}

std::string subjectOf(const std::string& text, int side) {
    const auto r = readText(text, side);
    if (r.kind != CommentKind::Subject) {
        return r.kind == CommentKind::General ? "(general)" : "(other)";
    }
    return SubjectLexicon::standard().subjects()[static_cast<std::size_t>(r.subject)].key;
}

std::string problemOf(const std::string& text, int side) {
    const auto r = readText(text, side);
    if (r.kind != CommentKind::Subject || r.problem < 0) {
        return "";
    }
    const auto& s = SubjectLexicon::standard().subjects()[static_cast<std::size_t>(r.subject)];
    return s.problems[static_cast<std::size_t>(r.problem)].label;
}

std::size_t wordCount(const std::string& label) {
    std::size_t n = 0;
    bool inWord = false;
    for (char c : label) {
        n += !inWord && c != ' ' ? 1 : 0;
        inWord = c != ' ';
    }
    return n;
}

TEST(Subjects, PraiseAloneAndNothingToImproveAreTheGeneralBucket) {
    for (const char* text :
         {"Excellent care", "Lovely staff, thank you", "Nothing", "n/a", "All good.",
          "Did not answer", "Nothing to improve, keep up the good work!",
          "I couldn't find fault at anything.", "Very friendly, helpful service.", "No."}) {
        const auto r = readText(text, kPositiveSide);
        EXPECT_EQ(r.kind, CommentKind::General) << text;
    }
    EXPECT_TRUE(readText("Nothing really", kPositiveSide).nothingToSay);
    EXPECT_TRUE(readText("", kNeutralSide).nothingToSay);
    // "Nothing" answering "what was good?" is still nothing to act on
    EXPECT_EQ(readText("Nothing.", kNegativeSide).kind, CommentKind::General);
}

TEST(Subjects, PraiseOfSomethingSpecificJoinsThatSubject) {
    EXPECT_EQ(subjectOf("The nurses explained my tablets well", kPositiveSide), "medicines");
    EXPECT_EQ(subjectOf("Lovely staff and the food was tasty", kPositiveSide), "food");
    EXPECT_EQ(subjectOf("Really quiet ward, I slept well", kPositiveSide), "noise_night");
}

TEST(Subjects, ComplaintsNameTheirSubjectAndProblem) {
    EXPECT_EQ(subjectOf("Waited ages for someone to answer the call bell", kNegativeSide),
              "call_bells");
    EXPECT_EQ(problemOf("Waited ages for someone to answer the call bell", kNegativeSide),
              "call bells not answered");
    EXPECT_EQ(problemOf("The hand gel dispenser by my bed was empty", kNegativeSide),
              "hand gel dispensers empty");
    EXPECT_EQ(subjectOf("Nurses did not clean their hands before touching me", kNegativeSide),
              "hand_hygiene");
    EXPECT_EQ(problemOf("The car park is far too expensive for daily visits", kNegativeSide),
              "car park cost");
    EXPECT_EQ(problemOf("Waited all day for my discharge letter", kNegativeSide),
              "discharge letter late");
    EXPECT_EQ(subjectOf("Machines beeping all night long", kNegativeSide), "noise_night");
    EXPECT_EQ(subjectOf("More staff", kNegativeSide), "staffing_levels");
    EXPECT_EQ(subjectOf("The ward was spotless", kPositiveSide), "cleanliness");
    // the longer mention wins where two overlap
    EXPECT_EQ(subjectOf("They checked my blood pressure often", kNeutralSide), "examination");
    // a specific subject leads a broad one ("waited" alone is waiting times)
    EXPECT_EQ(subjectOf("Waited three hours for the ambulance to arrive", kNegativeSide),
              "ambulance_response");
    EXPECT_EQ(subjectOf("Waited three hours", kNegativeSide), "waiting_times");
}

TEST(Subjects, AComplaintThatNamesNothingIsAboutTheWholeExperience) {
    EXPECT_EQ(subjectOf("Awful, just awful.", kNegativeSide), kOverallSubject);
    EXPECT_EQ(problemOf("Terrible service", kNegativeSide), "unhappy with care overall");
    EXPECT_EQ(readText("Something about the gazebo", kNeutralSide).kind, CommentKind::Other);
}

TEST(Subjects, WordsAndLabels) {
    const auto& lexicon = SubjectLexicon::standard();
    for (const char* word : {"excellent", "friendly", "helpful", "poor", "good"}) {
        EXPECT_TRUE(lexicon.isEvaluative(word)) << word;
        EXPECT_FALSE(lexicon.isLabelWord(word)) << word;
        EXPECT_FALSE(isReadableLabel(word)) << word;
    }
    for (const char* word : {"know", "told", "maybe", "beyond", "trouble", "change", "home"}) {
        EXPECT_FALSE(lexicon.isLabelWord(word)) << word;
    }
    EXPECT_TRUE(lexicon.isLabelWord("gazebo"));
    EXPECT_TRUE(isReadableLabel("hand gel dispensers"));
    EXPECT_TRUE(isReadableLabel("gazebo"));
    EXPECT_FALSE(isReadableLabel("told"));
    EXPECT_FALSE(isReadableLabel("excellent care"));
    EXPECT_FALSE(isReadableLabel("expensive for daily")) << "cut mid-thought";
    EXPECT_FALSE(isReadableLabel("one two three four five six"));
    EXPECT_EQ(lexicon.categoryLabel("Parking"), "car parking");
    EXPECT_EQ(lexicon.categoryLabel("Positive experience & gratitude"), "");
}

TEST(Subjects, EveryLabelReadsAndNoTwoShareOne) {
    const auto& lexicon = SubjectLexicon::standard();
    std::set<std::string> labels;
    std::set<std::string> keys;
    for (const auto& s : lexicon.subjects()) {
        EXPECT_TRUE(keys.insert(s.key).second) << s.key;
        EXPECT_TRUE(labels.insert(s.label).second) << s.label;
        EXPECT_TRUE(wordCount(s.label) >= 2 && wordCount(s.label) <= 5) << s.label;
        for (const auto& p : s.problems) {
            EXPECT_TRUE(labels.insert(p.label).second) << p.label;
            EXPECT_TRUE(wordCount(p.label) >= 2 && wordCount(p.label) <= 5) << p.label;
        }
        EXPECT_EQ(lexicon.find(s.key).value_or(-1), lexicon.findByLabel(s.label).value_or(-2));
    }
    EXPECT_GE(lexicon.subjects().size(), 50u);
}

} // namespace
} // namespace wardvoice::themes
