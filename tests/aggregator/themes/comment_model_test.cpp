// The comment model: training, cross-validation, the model file, and the committed model.
#include "aggregator/cli/themes_commands.hpp"
#include "aggregator/themes/comment_model.hpp"
#include "fixture.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace wardvoice::themes {
namespace {

namespace fs = std::filesystem;

fs::path tempFile(const std::string& name) {
    const auto dir =
        fs::temp_directory_path() / ("wardvoice-model-test-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir / name;
}

int topCategory(const CommentModel& m, TextPipeline& p, const std::string& text) {
    return m.analyse(m.vectorise(p, text)).category;
}

TEST(CommentModel, LearnsTheFixtureCategories) {
    const auto set = testing::fixtureSet();
    const auto model = CommentModel::train(set);
    TextPipeline p;
    const auto& names = model.categoryNames();
    auto nameOf = [&](const std::string& text) {
        return names[static_cast<std::size_t>(topCategory(model, p, text))];
    };
    EXPECT_EQ(nameOf("there was no hand gel"), "hand gel");
    EXPECT_EQ(nameOf("the discharge letter was so late"), "discharge letter");
    EXPECT_EQ(nameOf("my food was cold"), "cold food");
}

TEST(CommentModel, CrossValidationScoresTheFixtureWell) {
    const auto metrics = CommentModel::crossValidate(testing::fixtureSet(), ModelOptions{}, 4);
    EXPECT_EQ(metrics.comments, 40u);
    EXPECT_GT(metrics.categoryTop1, 0.85) << "five clearly separate themes";
    EXPECT_GT(metrics.categoryMicroF1, 0.7);
    EXPECT_LE(metrics.categoryMicroF1, 1.0);
}

TEST(CommentModel, SaveAndLoadGiveTheSameAnswers) {
    const auto set = testing::fixtureSet();
    const auto model = CommentModel::train(set);
    const auto path = tempFile("round-trip.wvm").string();
    ASSERT_TRUE(model.save(path).ok());
    auto loaded = CommentModel::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->categoryNames(), model.categoryNames());
    TextPipeline p;
    for (const auto& text : set.texts) {
        const auto a = model.analyse(model.vectorise(p, text), 4);
        const auto b = loaded->analyse(loaded->vectorise(p, text), 4);
        EXPECT_EQ(a.category, b.category) << text;
        EXPECT_EQ(a.sentimentClass, b.sentimentClass) << text;
        EXPECT_NEAR(a.sentiment, b.sentiment, 0.02) << "int8 weights move scores very little";
    }
}

TEST(CommentModel, TrainingTwiceWritesIdenticalFiles) {
    const auto set = testing::fixtureSet();
    const auto a = tempFile("a.wvm").string();
    const auto b = tempFile("b.wvm").string();
    ASSERT_TRUE(CommentModel::train(set).save(a).ok());
    ASSERT_TRUE(CommentModel::train(set).save(b).ok());
    std::ifstream fa(a, std::ios::binary);
    std::ifstream fb(b, std::ios::binary);
    const std::string ca((std::istreambuf_iterator<char>(fa)), {});
    const std::string cb((std::istreambuf_iterator<char>(fb)), {});
    EXPECT_EQ(ca, cb);
}

TEST(CommentModel, RejectsDamagedTruncatedAndForeignFiles) {
    const auto model = CommentModel::train(testing::fixtureSet());
    const auto path = tempFile("damaged.wvm").string();
    ASSERT_TRUE(model.save(path).ok());
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto write = [&](const std::string& content) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    };
    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x40;
    write(flipped);
    auto r = CommentModel::load(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("checksum"), std::string::npos) << r.error().message;
    write(bytes.substr(0, bytes.size() / 3));
    EXPECT_FALSE(CommentModel::load(path).ok());
    write("name,comment\n1,hello\n");
    r = CommentModel::load(path);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find(path), std::string::npos) << "the error names the file";
    EXPECT_FALSE(CommentModel::load(path + ".missing").ok());
}

// The committed model, trained on the FFT file, must load and make sense of plain comments.
class CommittedModel : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto loaded =
            CommentModel::load(std::string(WARDVOICE_SOURCE_DIR) + "/assets/models/comments.wvm");
        ASSERT_TRUE(loaded.ok()) << loaded.error().message;
        s_model = new CommentModel(std::move(loaded.value()));
    }
    static void TearDownTestSuite() {
        delete s_model;
        s_model = nullptr;
    }
    std::string category(const std::string& text,
                         std::optional<common::Topic> topic = std::nullopt) {
        const auto a = s_model->analyse(s_model->vectorise(m_pipeline, text), std::nullopt, topic);
        return a.category < 0 ? "" : s_model->categoryNames()[static_cast<std::size_t>(a.category)];
    }
    float sentiment(const std::string& text, std::optional<int> rating = std::nullopt) {
        return s_model->analyse(s_model->vectorise(m_pipeline, text), rating).sentiment;
    }
    static CommentModel* s_model;
    TextPipeline m_pipeline;
};
CommentModel* CommittedModel::s_model = nullptr;

TEST_F(CommittedModel, HasTheFrameworkCategoriesOfTheFftFile) {
    const auto& names = s_model->categoryNames();
    ASSERT_EQ(names.size(), 50u);
    EXPECT_EQ(names.front(), "Not assigned");
    EXPECT_EQ(names.back(), "Positive experience & gratitude");
    EXPECT_NE(std::find(names.begin(), names.end(), "Cleanliness, tidiness & infection control"),
              names.end());
    EXPECT_GT(s_model->metrics().categoryMicroF1, 0.6) << "cross-validated figures are stored";
}

TEST_F(CommittedModel, ClassifiesPlainComments) {
    EXPECT_EQ(category("I waited three hours for the ambulance to arrive"), "Timeliness of care");
    EXPECT_EQ(category("The ward was not clean"), "Cleanliness, tidiness & infection control");
    EXPECT_EQ(category("The staff were rude and unhelpful"), "Staff manner & personal attributes");
    // The FFT coders file "Nothing" (to "what could we do better?") as praise.
    EXPECT_EQ(category("Nothing"), "Positive experience & gratitude");
}

TEST_F(CommittedModel, KioskTopicIsAStrongHint) {
    EXPECT_EQ(category("it was ok", common::Topic::Discharge), "Discharge");
    EXPECT_EQ(category("it was ok", common::Topic::InfectionControl),
              "Cleanliness, tidiness & infection control");
    EXPECT_EQ(category("it was ok", common::Topic::VisitingHours),
              "Interaction with family/ carers");
    EXPECT_NE(category("it was ok"), "Discharge") << "without the topic, no hint";
    // Text that speaks of something else keeps its own top category, with the topic's added.
    const auto a =
        s_model->analyse(s_model->vectorise(m_pipeline, "I waited three hours for the ambulance"),
                         std::nullopt, common::Topic::Discharge);
    EXPECT_EQ(s_model->categoryNames()[static_cast<std::size_t>(a.category)], "Timeliness of care");
    const auto discharge = s_model->hintedCategory(common::Topic::Discharge);
    EXPECT_NE(std::find(a.categories.begin(), a.categories.end(), discharge), a.categories.end());
}

TEST_F(CommittedModel, SentimentRunsFromNegativeToPositive) {
    const float bad = sentiment("rude staff, nobody listened, terrible");
    const float good = sentiment("excellent care, kind staff, thank you so much");
    EXPECT_LT(bad, -0.3f);
    EXPECT_GT(good, 0.3f);
    EXPECT_GE(bad, -1.0f);
    EXPECT_LE(good, 1.0f);
    EXPECT_LT(sentiment("the food was ok", 5), sentiment("the food was ok", 1))
        << "a very poor rating pulls the same words down";
    // short answers to "what could we do better?"
    EXPECT_GT(sentiment("Nothing"), 0.3f);
    EXPECT_LT(sentiment("More staff"), -0.3f);
    EXPECT_LT(sentiment("Longer visiting hours"), -0.3f);
}

TEST(CommentModel, GroupedByTrustEachTrustIsScoredByAModelThatNeverSawIt) {
    // two "trusts" with different words for the same feelings: held out in turn, the second
    // trust's scores come from a model that saw only the first
    TrainingSet set;
    set.categoryNames = {"Care"};
    const char* good[] = {"lovely care", "kind nurses", "great care", "kind staff"};
    const char* poor[] = {"awful care", "rude nurses", "poor care", "rude staff"};
    for (int trust = 0; trust < 2; ++trust) {
        for (int i = 0; i < 4; ++i) {
            for (const char* t : {good[i], poor[i]}) {
                set.texts.push_back(t);
                set.categories.push_back({0});
                set.sentiment.push_back(t == good[i] ? 1 : 5);
                set.ratings.push_back(std::nullopt);
                set.groups.push_back(trust == 0 ? "A" : "B");
            }
        }
    }
    std::vector<int> fold;
    for (const auto& g : set.groups) {
        fold.push_back(g == "A" ? 0 : 1);
    }
    const auto m = CommentModel::crossValidateFolds(set, ModelOptions{}, fold);
    EXPECT_EQ(m.sentimentLabelled, 16u);
    EXPECT_GT(m.sentimentSpearman, 0.5) << "the same words in both trusts";
    EXPECT_LE(m.sentimentSpearman, 1.0);
}

TEST(CommentModel, SpearmanRanksWithTies) {
    EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
    EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
    EXPECT_NEAR(spearman({1, 1, 2, 3}, {1, 2, 3, 4}), 0.9487, 1e-3);
    EXPECT_EQ(spearman({1}, {1}), 0.0);
}

// The labelled FFT file lives in ../shared, beside the checkout; a fresh clone has none.
TEST(FftData, CrossValidatedScoresBeatTheNamedBaselines) {
    const std::string path =
        std::string(WARDVOICE_SOURCE_DIR) + "/../shared/data/fft/v6framework_dev.csv";
    if (!fs::exists(path)) {
        GTEST_SKIP() << path << " not found: ../shared is not beside this checkout";
    }
    auto set = aggregator::loadTrainingSet(path);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->texts.size(), 5581u);
    const auto m = CommentModel::crossValidate(set.value(), ModelOptions{}, 5);
    // Issue 5 names TF-IDF + logistic regression at 0.66 / 0.75 for sentiment, pxtextmining's
    // TF-IDF + SVC at 0.71 micro-F1 for categories.
    EXPECT_GT(m.sentimentMacroF1, 0.66);
    EXPECT_GT(m.sentimentNegativeF1, 0.75);
    EXPECT_GT(m.categoryMicroF1, 0.71);
    EXPECT_GT(m.sentimentMacroF1WithRating, m.sentimentMacroF1) << "the rating helps";
}

} // namespace
} // namespace wardvoice::themes
