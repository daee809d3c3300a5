// Question sets: the shipped default parses; bad ones are refused with a reason.
#include "kiosk/questions.hpp"

#include <gtest/gtest.h>

namespace wardvoice::kiosk {
namespace {

TEST(Questions, ShippedDefaultCoversEveryTopic) {
    auto q = loadQuestionSet(WARDVOICE_SOURCE_DIR "/assets/kiosk/questions.json");
    ASSERT_TRUE(q.ok()) << q.error().message;
    for (const common::Topic t : common::kAllTopics) {
        const auto& list = q->forTopic(t);
        EXPECT_GE(list.size(), 2u);
        EXPECT_LE(list.size(), 3u);
    }
    EXPECT_EQ(q->forTopic(common::Topic::Discharge)[0].id, "discharge.who_to_call");
}

TEST(Questions, BadSetsAreRefused) {
    for (const char* bad :
         {"[]", R"({"topics": {"food": []}})", R"({"topics": {"general": [{"id": "x"}]}})",
          R"({"topics": {"general": [{"id": "bad id", "answers": ["yes"]}]}})",
          R"({"topics": {"general": [{"id": "x", "answers": [1]}]}})"}) {
        auto q = parseQuestionSet(bad, "test.json");
        ASSERT_FALSE(q.ok()) << bad;
        EXPECT_NE(q.error().message.find("test.json"), std::string::npos);
    }
}

} // namespace
} // namespace wardvoice::kiosk
