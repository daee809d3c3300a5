// Enum names and identifier checks of the data model.
#include "common/model.hpp"

#include <gtest/gtest.h>

namespace wardvoice::common {
namespace {

TEST(Model, EnumNamesRoundTrip) {
    for (const Respondent r : kAllRespondents) {
        EXPECT_EQ(respondentFromString(toString(r)), r);
    }
    for (const Topic t : kAllTopics) {
        EXPECT_EQ(topicFromString(toString(t)), t);
    }
    EXPECT_EQ(toString(Topic::InfectionControl), "infection_control");
    EXPECT_FALSE(topicFromString("Discharge").has_value());
    EXPECT_FALSE(respondentFromString("doctor").has_value());
}

TEST(Model, Identifiers) {
    EXPECT_TRUE(isIdentifier("ward-7"));
    EXPECT_TRUE(isIdentifier("discharge.understood_medication"));
    EXPECT_FALSE(isIdentifier(""));
    EXPECT_FALSE(isIdentifier("ward 7"));
    EXPECT_FALSE(isIdentifier("ward/7"));
    EXPECT_FALSE(isIdentifier(std::string(65, 'a')));
}

TEST(Model, LanguageTags) {
    for (const char* ok : {"en", "cy", "pl", "ro", "uk", "en-GB", "pt-BR", "zh-Hant-TW"}) {
        EXPECT_TRUE(isLanguageTag(ok)) << ok;
    }
    for (const char* bad : {"", "e", "english", "en_GB", "en-", "-en", "en--GB", "1a"}) {
        EXPECT_FALSE(isLanguageTag(bad)) << bad;
    }
}

} // namespace
} // namespace wardvoice::common
