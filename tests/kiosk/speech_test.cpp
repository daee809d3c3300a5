// Read aloud: every screen's words in every shipped language synthesise to real speech of a
// plausible length, and the speaker plays it to a device (ALSA's null device here) off the
// calling thread.
#include "common/utf8.hpp"
#include "kiosk/i18n.hpp"
#include "kiosk/platform/speech.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <gtest/gtest.h>
#include <thread>

namespace wardvoice::kiosk::platform {
namespace {

const std::vector<std::string> kShipped = {"en", "cy", "pl", "ro", "uk",
                                           "pt", "es", "lt", "it", "tr"};

/// What the kiosk reads on each screen: its heading and its choices, as drawn.
const std::vector<std::vector<std::string>> kScreens = {
    {"welcome.title", "welcome.start"},
    {"rating.title", "rating.1", "rating.2", "rating.3", "rating.4", "rating.5", "rating.6"},
    {"more.title", "more.tell_more", "more.send_now"},
    {"respondent.title", "respondent.patient", "respondent.visitor", "respondent.carer",
     "respondent.other", "respondent.helping"},
    {"topic.title", "topic.discharge", "topic.infection_control", "topic.visiting_hours",
     "topic.general"},
    {"q.infection_control.saw_hand_cleaning", "a.yes", "a.no", "a.not_sure"},
    {"comment.title"},
    {"review.title", "review.send"},
    {"thankyou.title", "thankyou.done"},
};

TEST(Speech, EveryScreenInEveryLanguageIsSpokenAtAPlausibleLength) {
    auto tr = Translations::load(WARDVOICE_SOURCE_DIR "/assets/i18n", kShipped);
    ASSERT_TRUE(tr.ok()) << tr.error().message;
    const SpeechSettings settings;
    for (const std::string& lang : kShipped) {
        for (const auto& keys : kScreens) {
            std::string text;
            for (const std::string& key : keys) {
                text += tr->text(lang, key) + ". ";
            }
            auto samples = synthesise(lang, text, settings);
            ASSERT_TRUE(samples.ok()) << lang << ": " << samples.error().message;
            const double seconds =
                static_cast<double>(samples->size()) / static_cast<double>(sampleRate());
            const double chars = static_cast<double>(common::utf8::length(text));
            int peak = 0;
            for (const std::int16_t s : samples.value()) {
                peak = std::max(peak, std::abs(static_cast<int>(s)));
            }
            EXPECT_GT(peak, 2000) << lang << " " << keys[0] << ": not silent";
            // 150 words a minute is about 15 characters a second; pauses between choices
            EXPECT_GT(seconds, chars * 0.03) << lang << " " << keys[0];
            EXPECT_LT(seconds, chars * 0.2 + 2.0) << lang << " " << keys[0];
        }
    }
}

TEST(Speech, FasterSpeechIsShorterAndAnUnknownLanguageIsRefused) {
    const std::string text = "Overall, how was your experience of our service?";
    SpeechSettings slow;
    slow.rate = 100;
    SpeechSettings fast;
    fast.rate = 300;
    const auto a = synthesise("en", text, slow);
    const auto b = synthesise("en", text, fast);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_LT(b->size() * 2, a->size()) << "speech_rate is applied";
    EXPECT_FALSE(synthesise("zz-not-a-language", text, slow).ok());
}

TEST(Speech, TheSpeakerPlaysOffTheCallingThreadAndANewRequestReplacesTheOld) {
    SpeechSettings settings;
    settings.device = "null"; // ALSA's sink that discards what it is given
    auto speaker = Speaker::open(settings);
    ASSERT_TRUE(speaker.ok()) << speaker.error().message;
    const auto start = std::chrono::steady_clock::now();
    (*speaker)->say("cy", "Yn gyffredinol, sut oedd eich profiad o'n gwasanaeth?");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50))
        << "say() returns at once";
    const auto expected =
        synthesise("cy", "Yn gyffredinol, sut oedd eich profiad o'n gwasanaeth?", settings);
    ASSERT_TRUE(expected.ok());
    for (int i = 0; i < 200 && ((*speaker)->speaking() || (*speaker)->samplesPlayed() == 0); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    // all of it, once (espeak-ng's voice state moves a sentence by a few milliseconds)
    EXPECT_NEAR(static_cast<double>((*speaker)->samplesPlayed()),
                static_cast<double>(expected->size()),
                static_cast<double>(expected->size()) * 0.02);
    EXPECT_FALSE((*speaker)->speaking());
    (*speaker)->stop();
    EXPECT_FALSE(Speaker::open(SpeechSettings{150, 100, ""}).ok()) << "speech_device empty: off";
    EXPECT_FALSE(Speaker::open(SpeechSettings{150, 100, "hw:97,0"}).ok()) << "no such device";
}

} // namespace
} // namespace wardvoice::kiosk::platform
