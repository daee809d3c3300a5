// The on-screen keyboard's layouts and editing, without drawing.
#include "common/utf8.hpp"
#include "kiosk/ui/keyboard.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace wardvoice::kiosk::ui {
namespace {

KeyboardState layer(bool shift, bool alternate) {
    KeyboardState s;
    s.shift = shift;
    s.alternate = alternate;
    return s;
}

bool hasKey(const std::vector<std::vector<std::string>>& rows, const std::string& key) {
    return std::any_of(rows.begin(), rows.end(), [&](const auto& row) {
        return std::find(row.begin(), row.end(), key) != row.end();
    });
}

TEST(Keyboard, EachLanguageHasItsLetters) {
    EXPECT_TRUE(hasKey(keyboardRows("en", {}), "q"));
    EXPECT_FALSE(hasKey(keyboardRows("en", {}), "7")); // digits on the second layer
    EXPECT_TRUE(hasKey(keyboardRows("en", layer(false, true)), "7"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", layer(false, true)), "7"));
    EXPECT_TRUE(hasKey(keyboardRows("cy", {}), "ŵ"));
    EXPECT_TRUE(hasKey(keyboardRows("cy", {}), "ŷ"));
    EXPECT_TRUE(hasKey(keyboardRows("pl", {}), "ż"));
    EXPECT_TRUE(hasKey(keyboardRows("pl", {}), "ł"));
    EXPECT_TRUE(hasKey(keyboardRows("ro", {}), "ș"));
    EXPECT_TRUE(hasKey(keyboardRows("ro", {}), "ț"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", {}), "ї"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", {}), "ґ"));
    EXPECT_FALSE(hasKey(keyboardRows("uk", {}), "q"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", layer(false, true)), "q")); // Latin layer
    EXPECT_TRUE(hasKey(keyboardRows("en", layer(false, true)), "?"));
    EXPECT_TRUE(hasKey(keyboardRows("en", {}), "é")); // café, not caf
    EXPECT_TRUE(hasKey(keyboardRows("en", layer(false, true)), "é")) << "on both layers";
    EXPECT_TRUE(hasKey(keyboardRows("en", layer(true, false)), "É"));
    EXPECT_TRUE(hasKey(keyboardRows("pt", {}), "ç"));
    EXPECT_TRUE(hasKey(keyboardRows("pt", {}), "ã"));
    EXPECT_TRUE(hasKey(keyboardRows("pt", {}), "õ"));
    EXPECT_TRUE(hasKey(keyboardRows("es", {}), "ñ"));
    EXPECT_TRUE(hasKey(keyboardRows("es", {}), "¿"));
    EXPECT_TRUE(hasKey(keyboardRows("es", {}), "¡"));
    EXPECT_TRUE(hasKey(keyboardRows("it", {}), "ò"));
    EXPECT_TRUE(hasKey(keyboardRows("it", {}), "'"));
    for (const char* letter : {"ą", "č", "ę", "ė", "į", "š", "ų", "ū", "ž"}) {
        EXPECT_TRUE(hasKey(keyboardRows("lt", {}), letter)) << letter;
    }
    for (const char* letter : {"ç", "ğ", "ı", "i", "ö", "ş", "ü"}) {
        EXPECT_TRUE(hasKey(keyboardRows("tr", {}), letter)) << letter;
    }
    // where the language's own keyboard has it: after L
    const auto spanish = keyboardRows("es", {});
    EXPECT_EQ(spanish[1].back(), "ñ");
}

TEST(Keyboard, EveryLetterRowOfEveryLanguageHasAllItsCharactersDistinct) {
    for (const char* lang : {"en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"}) {
        for (const bool alternate : {false, true}) {
            std::vector<std::string> all;
            for (const auto& row : keyboardRows(lang, layer(false, alternate))) {
                for (const auto& key : row) {
                    EXPECT_TRUE(common::utf8::isValid(key)) << lang;
                    EXPECT_EQ(common::utf8::length(key), 1u) << lang << " " << key;
                    EXPECT_EQ(std::count(all.begin(), all.end(), key), 0) << lang << " " << key;
                    all.push_back(key);
                }
            }
        }
    }
}

TEST(Keyboard, ShiftGivesCapitalsInEveryScript) {
    const KeyboardState shifted = layer(true, false);
    EXPECT_TRUE(hasKey(keyboardRows("en", shifted), "Q"));
    EXPECT_TRUE(hasKey(keyboardRows("cy", shifted), "Ŵ"));
    EXPECT_TRUE(hasKey(keyboardRows("pl", shifted), "Ż"));
    EXPECT_TRUE(hasKey(keyboardRows("pl", shifted), "Ł"));
    EXPECT_TRUE(hasKey(keyboardRows("pl", shifted), "Ń"));
    EXPECT_TRUE(hasKey(keyboardRows("ro", shifted), "Ș"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", shifted), "Ї"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", shifted), "Я"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", shifted), "Ґ"));
    EXPECT_TRUE(hasKey(keyboardRows("lt", shifted), "Ė"));
    EXPECT_TRUE(hasKey(keyboardRows("lt", shifted), "Ų"));
    EXPECT_TRUE(hasKey(keyboardRows("lt", shifted), "Ž"));
    EXPECT_TRUE(hasKey(keyboardRows("pt", shifted), "Ã"));
    EXPECT_TRUE(hasKey(keyboardRows("pt", shifted), "Ç"));
    EXPECT_TRUE(hasKey(keyboardRows("es", shifted), "Ñ"));
    EXPECT_TRUE(hasKey(keyboardRows("tr", shifted), "Ğ"));
    EXPECT_TRUE(hasKey(keyboardRows("tr", shifted), "Ş"));
    // Turkish dotted and dotless i are two letters, in both cases
    EXPECT_TRUE(hasKey(keyboardRows("tr", shifted), "\u0130")); // İ, from i
    EXPECT_TRUE(hasKey(keyboardRows("tr", shifted), "I"));      // from ı
    EXPECT_FALSE(hasKey(keyboardRows("en", shifted), "\u0130"));
}

TEST(Keyboard, AQuickPhraseIsAddedOnceAndWhole) {
    const std::string phrase = "Clear instructions, thank you";
    EXPECT_EQ(addPhrase("", phrase, 500), phrase);
    EXPECT_EQ(addPhrase("Good ward", phrase, 500), "Good ward. " + phrase);
    // a second tap (a double tap, or a tap later) adds nothing
    EXPECT_EQ(addPhrase(addPhrase("", phrase, 500), phrase, 500), phrase);
    EXPECT_EQ(addPhrase("Good ward. " + phrase + " and more", phrase, 500),
              "Good ward. " + phrase + " and more");
    EXPECT_TRUE(hasPhrase("x " + phrase, phrase));
    EXPECT_FALSE(hasPhrase("x", phrase));
    EXPECT_FALSE(hasPhrase("x", ""));
    // never cut: a phrase that would pass the limit is not added at all
    EXPECT_EQ(addPhrase(std::string(480, 'a'), phrase, 500), std::string(480, 'a'));
}

TEST(Keyboard, EditingRespectsCharactersAndTheLimit) {
    EXPECT_EQ(applyKey("ab", "c", 10), "abc");
    EXPECT_EQ(applyKey("zaż", "\b", 10), "za"); // removes the whole two-byte letter
    EXPECT_EQ(applyKey("", "\b", 10), "");
    EXPECT_EQ(applyKey("abc", "d", 3), "abc"); // full: nothing added
    EXPECT_EQ(applyKey("ab", "ż", 3), "abż");  // the limit counts characters, not bytes
    EXPECT_EQ(applyKey("ab", "cd", 3), "ab");  // a phrase goes in whole or not at all
    EXPECT_TRUE(common::utf8::isValid(applyKey("Дякую", "\b", 10)));
}

TEST(Keyboard, WordCount) {
    EXPECT_EQ(wordCount(""), 0u);
    EXPECT_EQ(wordCount("   "), 0u);
    EXPECT_EQ(wordCount("the ward was clean"), 4u);
    EXPECT_EQ(wordCount("  two   words "), 2u);
    EXPECT_EQ(wordCount("Дякую вам"), 2u);
}

} // namespace
} // namespace wardvoice::kiosk::ui

namespace wardvoice::kiosk::ui {
namespace {

TEST(Keyboard, BothLayersOfEveryLanguageHaveAsManyRowsSoNoKeyMovesOnASwitch) {
    for (const char* lang : {"en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"}) {
        KeyboardState letters;
        KeyboardState alternate;
        alternate.alternate = true;
        EXPECT_EQ(keyboardRows(lang, letters).size(), keyboardRows(lang, alternate).size()) << lang;
    }
}

TEST(Keyboard, NoRowHasMoreThanTenKeysSoEveryKeyIs12mmWideOnA7InchScreen) {
    // 10 keys of 63 px with 11 px between fill 729 px of an 800 px screen's 760 px column
    for (const char* lang : {"en", "cy", "pl", "ro", "uk", "pt", "es", "lt", "it", "tr"}) {
        for (const bool shift : {false, true}) {
            for (const bool alternate : {false, true}) {
                for (const auto& row : keyboardRows(lang, layer(shift, alternate))) {
                    EXPECT_LE(row.size(), 10u) << lang << (alternate ? " ?123" : " letters");
                }
            }
        }
    }
}

TEST(Keyboard, UkrainianHasQuestionAndExclamationMarksOnItsLetters) {
    EXPECT_TRUE(hasKey(keyboardRows("uk", KeyboardState{}), "?"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", KeyboardState{}), "!"));
}

} // namespace
} // namespace wardvoice::kiosk::ui
