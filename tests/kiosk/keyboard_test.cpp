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
    for (const char* lang : {"en", "cy", "pl", "ro", "uk"}) {
        KeyboardState letters;
        KeyboardState alternate;
        alternate.alternate = true;
        EXPECT_EQ(keyboardRows(lang, letters).size(), keyboardRows(lang, alternate).size()) << lang;
    }
}

TEST(Keyboard, UkrainianHasQuestionAndExclamationMarksOnItsLetters) {
    EXPECT_TRUE(hasKey(keyboardRows("uk", KeyboardState{}), "?"));
    EXPECT_TRUE(hasKey(keyboardRows("uk", KeyboardState{}), "!"));
}

} // namespace
} // namespace wardvoice::kiosk::ui
