// Every shipped language is complete, and a missing string falls back to English.
#include "kiosk/i18n.hpp"
#include "kiosk/questions.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>

namespace wardvoice::kiosk {
namespace {

const std::string kI18n = WARDVOICE_SOURCE_DIR "/assets/i18n";
const std::vector<std::string> kShipped = {"en", "cy", "pl", "ro", "uk",
                                           "pt", "es", "lt", "it", "tr"};

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

/// The {placeholders} of a text, in order.
std::vector<std::string> placeholders(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
        out.push_back(text.substr(at, text.find('}', at) - at + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(I18n, EveryTranslationKeepsItsPlaceholdersAndTheSixFftAnswersAreDistinct) {
    auto t = Translations::load(kI18n, kShipped);
    ASSERT_TRUE(t.ok()) << t.error().message;
    const std::vector<std::string> keys = {"date.format",          "join.page.other",
                                           "comment.words.other",  "more.sending_in.other",
                                           "idle.clears_in.other", "notice.too_soon.other"};
    for (const std::string& lang : kShipped) {
        for (const std::string& key : keys) {
            EXPECT_EQ(placeholders(t->text(lang, key)), placeholders(t->text("en", key)))
                << lang << " " << key << ": " << t->text(lang, key);
        }
        for (const std::string variant : {"", ".child", ".easy"}) {
            std::set<std::string> answers;
            for (int r = 1; r <= 6; ++r) {
                const std::string key = "rating." + std::to_string(r) + variant;
                ASSERT_TRUE(t->has(lang, key)) << lang << " " << key;
                answers.insert(t->text(lang, key));
            }
            EXPECT_EQ(answers.size(), 6u) << lang << variant << ": two FFT answers read alike";
            const std::string title = t->text(lang, "rating.title" + variant);
            EXPECT_EQ(title.back(), '?') << lang << variant << ": " << title;
        }
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

TEST(I18n, PluralCategoriesFollowCldr) {
    struct Case {
        const char* lang;
        std::size_t n;
        const char* category;
    };
    // CLDR's examples for whole numbers
    for (const Case c : std::initializer_list<Case>{
             {"en", 0, "other"}, {"en", 1, "one"},     {"en", 2, "other"},  {"en", 11, "other"},
             {"pl", 1, "one"},   {"pl", 2, "few"},     {"pl", 4, "few"},    {"pl", 5, "many"},
             {"pl", 12, "many"}, {"pl", 22, "few"},    {"pl", 0, "many"},   {"pl", 101, "many"},
             {"uk", 1, "one"},   {"uk", 11, "many"},   {"uk", 21, "one"},   {"uk", 3, "few"},
             {"uk", 13, "many"}, {"uk", 24, "few"},    {"uk", 0, "many"},   {"uk", 500, "many"},
             {"ro", 1, "one"},   {"ro", 0, "few"},     {"ro", 19, "few"},   {"ro", 20, "other"},
             {"ro", 101, "few"}, {"ro", 120, "other"}, {"cy", 0, "zero"},   {"cy", 1, "one"},
             {"cy", 2, "two"},   {"cy", 3, "few"},     {"cy", 6, "many"},   {"cy", 4, "other"},
             {"lt", 1, "one"},   {"lt", 21, "one"},    {"lt", 11, "other"}, {"lt", 2, "few"},
             {"lt", 9, "few"},   {"lt", 19, "other"},  {"lt", 10, "other"}, {"lt", 0, "other"},
             {"lt", 101, "one"}, {"lt", 112, "other"}, {"lt", 122, "few"},  {"pt", 0, "other"},
             {"pt", 1, "one"},   {"es", 1, "one"},     {"es", 2, "other"},  {"it", 1, "one"},
             {"it", 0, "other"}, {"tr", 1, "one"},     {"tr", 5, "other"}}) {
        EXPECT_EQ(pluralCategory(c.lang, c.n), c.category) << c.lang << " " << c.n;
    }
}

TEST(I18n, EveryCountedPhraseHasEveryFormItsLanguageUses) {
    auto t = Translations::load(kI18n, kShipped);
    ASSERT_TRUE(t.ok()) << t.error().message;
    for (const std::string key : {"comment.words", "comment.chars_left"}) {
        for (const std::string& lang : kShipped) {
            for (std::size_t n = 0; n <= 2000; ++n) {
                const std::string form = key + "." + std::string(pluralCategory(lang, n));
                ASSERT_TRUE(t->has(lang, form))
                    << lang << " lacks " << form << " (for " << n << ")";
                ASSERT_NE(t->count(lang, key, n).find(std::to_string(n)), std::string::npos);
            }
        }
    }
    EXPECT_EQ(t->count("en", "comment.words", 1), "1 word");
    EXPECT_EQ(t->count("en", "comment.words", 7), "7 words");
    EXPECT_EQ(t->count("pl", "comment.words", 1), "1 słowo");
    EXPECT_EQ(t->count("pl", "comment.words", 3), "3 słowa");
    EXPECT_EQ(t->count("pl", "comment.words", 5), "5 słów");
    EXPECT_EQ(t->count("pl", "comment.chars_left", 500), "Pozostało 500 znaków");
    EXPECT_EQ(t->count("uk", "comment.words", 21), "21 слово");
    EXPECT_EQ(t->count("ro", "comment.words", 20), "20 de cuvinte");
    EXPECT_EQ(t->count("cy", "comment.words", 2), "2 air");
    EXPECT_EQ(t->count("lt", "comment.words", 1), "1 žodis");
    EXPECT_EQ(t->count("lt", "comment.words", 3), "3 žodžiai");
    EXPECT_EQ(t->count("lt", "comment.words", 12), "12 žodžių");
    EXPECT_EQ(t->count("lt", "comment.words", 21), "21 žodis");
    EXPECT_EQ(t->count("pt", "comment.words", 0), "0 palavras");
    EXPECT_EQ(t->count("es", "comment.chars_left", 1), "Queda 1 carácter");
    EXPECT_EQ(t->count("tr", "comment.words", 4), "4 kelime"); // Turkish: singular after numbers
}

} // namespace
} // namespace wardvoice::kiosk
