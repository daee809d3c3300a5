// Every shipped language is complete, and a missing string falls back to English.
#include "kiosk/i18n.hpp"
#include "kiosk/questions.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace wardvoice::kiosk {
namespace {

const std::string kI18n = WARDVOICE_SOURCE_DIR "/assets/i18n";
const std::vector<std::string> kShipped = {"en", "cy", "pl", "ro", "uk"};

TEST(I18n, EveryShippedLanguageHasEveryEnglishKey) {
    auto t = Translations::load(kI18n, kShipped);
    ASSERT_TRUE(t.ok()) << t.error().message;
    for (const std::string& lang : kShipped) {
        const auto missing = t->missingKeys(lang);
        std::string list;
        for (const auto& k : missing) {
            list += k + " ";
        }
        EXPECT_TRUE(missing.empty()) << lang << " lacks: " << list;
    }
}

TEST(I18n, EveryQuestionAndAnswerHasText) {
    auto t = Translations::load(kI18n, {"en"});
    auto q = loadQuestionSet(WARDVOICE_SOURCE_DIR "/assets/kiosk/questions.json");
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(q.ok()) << q.error().message;
    for (const auto& [topic, list] : q->topics) {
        for (const Question& question : list) {
            EXPECT_NE(t->text("en", "q." + question.id), "q." + question.id);
            for (const std::string& a : question.answers) {
                EXPECT_NE(t->text("en", "a." + a), "a." + a);
            }
        }
    }
}

TEST(I18n, MissingStringFallsBackToEnglish) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("wv_i18n_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "en.json") << R"({"a": "Hello", "b": "Bye"})";
    std::ofstream(dir / "cy.json") << R"({"a": "Helo"})";
    auto t = Translations::load(dir.string(), {"en", "cy"});
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->text("cy", "a"), "Helo");
    EXPECT_EQ(t->text("cy", "b"), "Bye");
    EXPECT_EQ(t->text("cy", "zzz"), "zzz");
    EXPECT_EQ(t->missingKeys("cy"), std::vector<std::string>{"b"});
    std::ofstream(dir / "pl.json") << "not json";
    EXPECT_FALSE(Translations::load(dir.string(), {"pl"}).ok());
    EXPECT_FALSE(Translations::load(dir.string(), {"ro"}).ok());
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace wardvoice::kiosk
