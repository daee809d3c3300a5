// The themes engine: grouping the fixture, stable ids across re-runs, state file, new comments.
#include "aggregator/themes/engine.hpp"
#include "fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <unistd.h>

namespace wardvoice::themes {
namespace {

class Engine : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_model = new CommentModel(CommentModel::train(testing::fixtureSet()));
    }
    static void TearDownTestSuite() {
        delete s_model;
        s_model = nullptr;
    }
    static std::vector<ThemeComment> fixtureComments() {
        std::vector<ThemeComment> out;
        for (const auto& text : testing::fixtureSet().texts) {
            out.push_back({text, std::nullopt, std::nullopt});
        }
        return out;
    }
    static std::vector<int> expected() {
        std::vector<int> out;
        for (const auto& c : testing::fixtureSet().categories) {
            out.push_back(c[0]);
        }
        return out;
    }
    static EngineOptions fiveThemes() {
        EngineOptions o;
        o.grouping.themes = 5;
        return o;
    }
    static std::vector<int> ids(const ThemeRun& run) {
        std::vector<int> out;
        for (const auto& c : run.comments) {
            out.push_back(c.themeId);
        }
        return out;
    }
    static CommentModel* s_model;
};
CommentModel* Engine::s_model = nullptr;

TEST_F(Engine, GroupsTheFixtureAsACoderWould) {
    const auto run = buildThemes(*s_model, fixtureComments(), fiveThemes());
    // Four subjects, each named by its subject and the problem most comments name; the
    // praise of friendly nurses is the general bucket, not a theme.
    std::map<std::string, std::size_t> sizes;
    std::set<std::string> labels;
    std::size_t total = 0;
    for (const auto& t : run.state.themes) {
        sizes[t.label] = t.size;
        EXPECT_TRUE(labels.insert(t.label).second) << "two themes share " << t.label;
        total += t.size;
        EXPECT_FALSE(t.example.empty());
        EXPECT_GE(t.meanSentiment, -1.0);
        EXPECT_LE(t.meanSentiment, 1.0);
        EXPECT_EQ(t.bySentiment[0] + t.bySentiment[1] + t.bySentiment[2], t.size);
        EXPECT_FALSE(SubjectLexicon::standard().isEvaluative(t.label)) << t.label;
    }
    EXPECT_EQ(sizes["hand gel dispensers empty"], 8u);
    EXPECT_EQ(sizes["discharge letter late"], 8u);
    EXPECT_EQ(sizes["visiting hours too short"], 8u);
    EXPECT_EQ(sizes["food served cold"], 8u);
    EXPECT_GE(run.state.general, 5u) << "friendly nurses are praise, not a theme";
    EXPECT_EQ(total + run.state.general, 40u);
    std::size_t generalRows = 0;
    for (const auto& c : run.comments) {
        generalRows += c.themeId == kGeneralTheme ? 1 : 0;
    }
    EXPECT_EQ(generalRows, run.state.general);
    EXPECT_GT(normalisedMutualInformation(expected(), ids(run)), 0.8);
    // A complaint theme shows its complaints first.
    for (const auto& t : run.state.themes) {
        if (t.label == "food served cold") {
            EXPECT_EQ(t.dominantSide(), kNegative);
            EXPECT_NE(t.example.find("cold"), std::string::npos) << t.example;
            EXPECT_NE(t.category, std::string(kPositiveCategory));
        }
    }
}

TEST_F(Engine, SameInputGivesSameIdsAndLabels) {
    const auto a = buildThemes(*s_model, fixtureComments(), fiveThemes());
    const auto b = buildThemes(*s_model, fixtureComments(), fiveThemes());
    EXPECT_EQ(ids(a), ids(b));
    for (std::size_t t = 0; t < a.state.themes.size(); ++t) {
        EXPECT_EQ(a.state.themes[t].label, b.state.themes[t].label);
    }
}

TEST_F(Engine, ThemeIdsSurviveAReRunWithMoreComments) {
    const auto first = buildThemes(*s_model, fixtureComments(), fiveThemes());
    auto more = fixtureComments();
    const std::vector<std::string> parking = {
        "Parking was impossible, no spaces at all.",
        "The car park was full, no parking spaces.",
        "Parking costs too much and there are no spaces.",
        "Could not find parking for an hour.",
        "No parking spaces for visitors.",
        "Parking is a nightmare, the car park is always full.",
        "Parking charges are too high.",
        "Blue badge parking spaces were all taken."};
    for (const auto& text : parking) {
        more.insert(more.begin() + 7, {text, std::nullopt, std::nullopt}); // order changes too
    }
    EngineOptions six;
    six.grouping.themes = 6;
    const auto second = buildThemes(*s_model, more, six, &first.state);
    // The fixture's comments keep the theme id they had.
    std::map<std::string, int> before;
    const auto comments = fixtureComments();
    for (std::size_t i = 0; i < comments.size(); ++i) {
        before[comments[i].text] = first.comments[i].themeId;
    }
    std::size_t kept = 0;
    std::map<int, int> parkingIds;
    for (std::size_t i = 0; i < more.size(); ++i) {
        if (auto it = before.find(more[i].text); it != before.end()) {
            kept += it->second == second.comments[i].themeId ? 1 : 0;
        } else {
            ++parkingIds[second.comments[i].themeId];
        }
    }
    EXPECT_GE(kept, 38u) << "of 40 comments";
    // Most parking comments form one new theme ("no parking spaces for visitors" may go to
    // visiting), and it gets a fresh id.
    const auto top =
        std::max_element(parkingIds.begin(), parkingIds.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    EXPECT_GE(top->second, 7);
    EXPECT_GE(top->first, first.state.nextId) << "a new theme gets a fresh id";
    EXPECT_EQ(second.state.nextId, first.state.nextId + 1);
}

TEST_F(Engine, StateFileRoundTripsAndRejectsGarbage) {
    const auto run = buildThemes(*s_model, fixtureComments(), fiveThemes());
    const auto dir =
        std::filesystem::temp_directory_path() / ("wardvoice-state-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "state.json").string();
    ASSERT_TRUE(run.state.save(path).ok());
    auto loaded = ThemeState::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_EQ(loaded->themes.size(), run.state.themes.size());
    EXPECT_EQ(loaded->nextId, run.state.nextId);
    for (std::size_t t = 0; t < run.state.themes.size(); ++t) {
        EXPECT_EQ(loaded->themes[t].id, run.state.themes[t].id);
        EXPECT_EQ(loaded->themes[t].label, run.state.themes[t].label);
        EXPECT_EQ(loaded->themes[t].signature.size(), run.state.themes[t].signature.size());
    }
    // Re-running from the loaded state keeps every id.
    const auto again = buildThemes(*s_model, fixtureComments(), fiveThemes(), &loaded.value());
    EXPECT_EQ(ids(again), ids(run));
    {
        std::ofstream out(path, std::ios::trunc);
        out << "{\"format\": 1, \"next_id\": 2, \"themes\": [{\"id\": 7, \"label\": \"x\"}]}";
    }
    auto bad = ThemeState::load(path);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find(path), std::string::npos);
}

TEST_F(Engine, NewCommentsJoinTheirThemeOrTheNewPool) {
    const auto run = buildThemes(*s_model, fixtureComments(), fiveThemes());
    const ThemeIndex index(*s_model, run.state);
    TextPipeline p;
    int handGel = 0;
    for (std::size_t i = 0; i < run.comments.size(); ++i) {
        if (fixtureComments()[i].text.find("hand gel") != std::string::npos) {
            handGel = run.comments[i].themeId;
        }
    }
    float similarity = 0;
    EXPECT_EQ(index.assign(p,
                           {"the hand gel dispenser was empty again", std::nullopt, std::nullopt},
                           &similarity),
              handGel);
    EXPECT_GT(similarity, 0.3f);
    EXPECT_EQ(
        index.assign(p, {"the parking machine swallowed my coins", std::nullopt, std::nullopt}),
        kNewPool);
    EXPECT_EQ(index.assign(p, {"  ...  ", std::nullopt, std::nullopt}), kGeneralTheme);
    EXPECT_EQ(index.assign(p, {"Nothing, all good.", std::nullopt, std::nullopt}), kGeneralTheme);
}

} // namespace
} // namespace wardvoice::themes
