// Theme labels: phrases people wrote, chosen by c-TF-IDF, deterministic.
#include "aggregator/themes/labels.hpp"
#include "fixture.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

namespace wardvoice::themes {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

struct Labelled {
    std::vector<std::string> texts;
    std::vector<int> group;
    std::vector<std::string> names;
    std::vector<GroupLabel> labels;
};

Labelled labelFixture() {
    Labelled l;
    const auto set = testing::fixtureSet();
    l.texts = set.texts;
    l.names = set.categoryNames;
    for (const auto& c : set.categories) {
        l.group.push_back(c[0]);
    }
    std::vector<std::string_view> views(l.texts.begin(), l.texts.end());
    const std::vector<float> similarity(l.texts.size(), 0.5f);
    l.labels = labelGroups(views, l.group, similarity, l.names.size());
    return l;
}

TEST(Labels, NameEachGroupWithAPhraseFromItsOwnComments) {
    const auto l = labelFixture();
    std::map<std::string, std::string> byName;
    for (std::size_t g = 0; g < l.names.size(); ++g) {
        byName[l.names[g]] = l.labels[g].label;
        bool appears = false;
        for (std::size_t i = 0; i < l.texts.size(); ++i) {
            appears = appears || (l.group[i] == static_cast<int>(g) &&
                                  lower(l.texts[i]).find(l.labels[g].label) != std::string::npos);
        }
        EXPECT_TRUE(appears) << "\"" << l.labels[g].label << "\" is not in group " << l.names[g];
    }
    EXPECT_NE(byName["hand gel"].find("hand gel"), std::string::npos) << byName["hand gel"];
    EXPECT_EQ(byName["discharge letter"], "discharge letter");
    EXPECT_EQ(byName["cold food"], "food was cold");
    EXPECT_EQ(byName["friendly nurses"], "friendly nurses");
    EXPECT_NE(byName["visiting hours"].find("visiting"), std::string::npos);
}

TEST(Labels, ExampleIsAMemberHoldingThePhrase) {
    const auto l = labelFixture();
    for (std::size_t g = 0; g < l.names.size(); ++g) {
        ASSERT_GE(l.labels[g].example, 0);
        const auto i = static_cast<std::size_t>(l.labels[g].example);
        EXPECT_EQ(l.group[i], static_cast<int>(g));
        EXPECT_NE(lower(l.texts[i]).find(l.labels[g].label), std::string::npos);
    }
}

TEST(Labels, AreDeterministic) {
    const auto a = labelFixture();
    const auto b = labelFixture();
    for (std::size_t g = 0; g < a.labels.size(); ++g) {
        EXPECT_EQ(a.labels[g].label, b.labels[g].label);
        EXPECT_EQ(a.labels[g].example, b.labels[g].example);
    }
}

} // namespace
} // namespace wardvoice::themes
