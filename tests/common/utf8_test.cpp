// UTF-8 validation, counting and normalisation of typed text.
#include "common/utf8.hpp"

#include <gtest/gtest.h>

namespace wardvoice::common::utf8 {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(isValid(""));
    EXPECT_TRUE(isValid("plain ascii"));
    EXPECT_TRUE(isValid("Diolch yn fawr, ŵyr")); // Welsh
    EXPECT_TRUE(isValid("Дякую"));               // Ukrainian
    EXPECT_TRUE(isValid("\xF0\x9F\x98\x80"));    // emoji (4 bytes)
}

TEST(Utf8, RejectsMalformedBytes) {
    EXPECT_FALSE(isValid("\xC0\xAF"));         // overlong '/'
    EXPECT_FALSE(isValid("\xE0\x80\xAF"));     // overlong, 3 bytes
    EXPECT_FALSE(isValid("\xED\xA0\x80"));     // UTF-16 surrogate
    EXPECT_FALSE(isValid("\xF4\x90\x80\x80")); // past U+10FFFF
    EXPECT_FALSE(isValid("abc\xFF"));          // never valid
    EXPECT_FALSE(isValid("\xE2\x82"));         // truncated
    EXPECT_FALSE(isValid("\x80"));             // lone continuation
}

TEST(Utf8, LengthCountsCharactersNotBytes) {
    EXPECT_EQ(length("abc"), 3u);
    EXPECT_EQ(length("żółć"), 4u);
    EXPECT_EQ(length("Дякую"), 5u);
    EXPECT_EQ(length("\xF0\x9F\x98\x80!"), 2u);
}

TEST(Utf8, PrefixBytesNeverSplitsACharacter) {
    EXPECT_EQ(prefixBytes("żółć", 2), 4u);
    EXPECT_EQ(prefixBytes("abc", 10), 3u);
    EXPECT_EQ(prefixBytes("abc", 0), 0u);
}

TEST(Utf8, LastCharStartFindsTheWholeCharacter) {
    EXPECT_EQ(lastCharStart("abż"), 2u);
    EXPECT_EQ(lastCharStart("a"), 0u);
    EXPECT_EQ(lastCharStart(""), 0u);
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
    const std::string text = "Zażółć Дякую ŵ \xF0\x9F\x98\x80";
    auto cps = decode(text);
    ASSERT_TRUE(cps.ok());
    std::string back;
    for (const char32_t cp : cps.value()) {
        append(back, cp);
    }
    EXPECT_EQ(back, text);
    EXPECT_EQ(decode("\xC3").error().code, "invalid_utf8");
}

TEST(Utf8, NormaliseStripsControlsAndTrims) {
    EXPECT_EQ(normalise("  hello\tworld \x01\x7F ").value(), "hello world");
    EXPECT_EQ(normalise("line1\r\nline2\rline3").value(), "line1\nline2\nline3");
    EXPECT_EQ(normalise("a\xC2\x85"
                        "b")
                  .value(),
              "ab");                                                        // C1 NEL
    EXPECT_EQ(normalise("evil\xE2\x80\xAEtxt.exe").value(), "eviltxt.exe"); // RLO override
    EXPECT_EQ(normalise("zero\xE2\x80\x8Bwidth").value(), "zerowidth");
    EXPECT_EQ(normalise("\xEF\xBB\xBFhi").value(), "hi"); // BOM
    EXPECT_EQ(normalise("Dziękuję").value(), "Dziękuję");
}

TEST(Utf8, NormaliseRejectsInvalidInput) {
    auto r = normalise("ok \xFF bad");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_utf8");
    EXPECT_NE(r.error().message.find("byte 3"), std::string::npos);
}

} // namespace
} // namespace wardvoice::common::utf8
