// Kiosk TOML config: defaults, and errors that name the key and the file.
#include "kiosk/config.hpp"

#include <gtest/gtest.h>

namespace wardvoice::kiosk {
namespace {

const std::string kSecret = "3f1c9a0b7e6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928171615f4e3";

std::string valid() {
    return "kiosk_id = \"k-1\"\nsecret = \"" + kSecret +
           "\"\naggregator_url = \"http://127.0.0.1:8080/\"\nward = \"ward-7\"\ndata_dir = "
           "\"/tmp/x\"\n";
}

TEST(KioskConfig, DefaultsApply) {
    auto c = parseConfig(valid(), "kiosk.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->heartbeatS, 60);
    EXPECT_EQ(c->idleTimeoutS, 90);
    EXPECT_EQ(c->submitIntervalS, 20);
    EXPECT_EQ(c->languages, std::vector<std::string>{"en"});
    EXPECT_EQ(c->aggregatorUrl, "http://127.0.0.1:8080"); // trailing slash dropped
    EXPECT_EQ(c->ratingSendS, 15);
    EXPECT_EQ(c->speechRate, 150);
    EXPECT_EQ(c->speechVolume, 100);
    EXPECT_EQ(c->speechDevice, "default");
    EXPECT_EQ(c->audience, "adults");
    EXPECT_FALSE(c->easyRead);
}

TEST(KioskConfig, TheRatingsWaitAndReadAloudAreSet) {
    auto c = parseConfig(
        valid() + "rating_send_s = 8\nspeech_rate = 120\nspeech_volume = 160\n"
                  "speech_device = \"plughw:1,0\"\naudience = \"children\"\neasy_read = true\n"
                  "screen_ppi = 160\n",
        "kiosk.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->ratingSendS, 8);
    EXPECT_EQ(c->speechRate, 120);
    EXPECT_EQ(c->screenPpi, 160);
    EXPECT_EQ(c->speechVolume, 160);
    EXPECT_EQ(c->speechDevice, "plughw:1,0");
    EXPECT_EQ(c->audience, "children");
    EXPECT_TRUE(c->easyRead);
}

TEST(KioskConfig, OptionalKeysAreRead) {
    auto c = parseConfig(
        valid() + "heartbeat_s = 30\nidle_timeout_s = 120\nlanguages = [\"cy\", \"en\"]\n"
                  "ca_file = \"/etc/ssl/ca.pem\"\n",
        "kiosk.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->heartbeatS, 30);
    EXPECT_EQ(c->idleTimeoutS, 120);
    EXPECT_EQ(c->languages, (std::vector<std::string>{"cy", "en"}));
    EXPECT_EQ(c->caFile, "/etc/ssl/ca.pem");
}

TEST(KioskConfig, TheWardsOwnHelpTextIsReadByLanguage) {
    auto c = parseConfig(valid() + "[help_now]\nen = \"Speak to Sister Jones at the desk\"\n"
                                   "cy = \"Siaradwch \u00e2 Sister Jones\"\n",
                         "kiosk.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->helpNow.at("en"), "Speak to Sister Jones at the desk");
    EXPECT_EQ(c->helpNow.at("cy"), "Siaradwch \u00e2 Sister Jones");
    for (const auto& [extra, key] :
         {std::pair{"help_now = \"call 116 123\"\n", "'help_now'"},
          std::pair{"[help_now]\nenglish = \"x\"\n", "'help_now.english'"},
          std::pair{"[help_now]\nen = \"\"\n", "'help_now.en'"},
          std::pair{"[help_now]\nen = 5\n", "'help_now.en'"}}) {
        auto bad = parseConfig(valid() + extra, "kiosk.toml");
        ASSERT_FALSE(bad.ok()) << extra;
        EXPECT_NE(bad.error().message.find(key), std::string::npos) << bad.error().message;
    }
}

TEST(KioskConfig, ThePanelKeyIsPinnedAndTheTrustsConsentTextReadByLanguage) {
    const std::string key = "+Tx++4lmjQB4I4sCHlQCTb8eL9suF4WaFLrlg9eZiG0=";
    auto c = parseConfig(valid() + "panel_public_key = \"" + key +
                             "\"\npanel_send_delay_min_s = 60\npanel_send_delay_max_s = 120\n"
                             "[panel_consent]\nen = \"We keep your details for a year.\"\n",
                         "kiosk.toml");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->panelPublicKey, key);
    EXPECT_EQ(c->panelSendDelayMinS, 60);
    EXPECT_EQ(c->panelSendDelayMaxS, 120);
    EXPECT_EQ(c->panelConsent.at("en"), "We keep your details for a year.");
    auto defaults = parseConfig(valid(), "kiosk.toml");
    EXPECT_TRUE(defaults->panelPublicKey.empty()) << "not pinned unless set";
    EXPECT_LT(defaults->panelSendDelayMinS, defaults->panelSendDelayMaxS);
    for (const auto& [extra, name] :
         {std::pair{"panel_public_key = \"c2hvcnQ=\"\n", "'panel_public_key'"},
          std::pair{"panel_public_key = 5\n", "'panel_public_key'"},
          std::pair{"panel_send_delay_min_s = 100\npanel_send_delay_max_s = 50\n",
                    "'panel_send_delay_min_s'"},
          std::pair{"panel_send_delay_max_s = 90000\n", "'panel_send_delay_max_s'"},
          std::pair{"[panel_consent]\nen = \"\"\n", "'panel_consent.en'"}}) {
        auto bad = parseConfig(valid() + extra, "kiosk.toml");
        ASSERT_FALSE(bad.ok()) << extra;
        EXPECT_NE(bad.error().message.find(name), std::string::npos) << bad.error().message;
    }
}

TEST(KioskConfig, ErrorsNameTheKeyAndFile) {
    struct Case {
        std::string text;
        std::string mustMention;
    };
    const std::vector<Case> cases = {
        {"secret = \"" + kSecret +
             "\"\naggregator_url = \"http://a\"\nward = \"w\"\ndata_dir = \"/d\"\n",
         "'kiosk_id'"},
        {valid() + "heartbeat_s = \"often\"\n", "'heartbeat_s'"},
        {valid() + "idle_timeout_s = 2\n", "'idle_timeout_s'"},
        {valid() + "languages = []\n", "'languages'"},
        {valid() + "languages = [\"english language\"]\n", "'languages'"},
        {valid() + "colour = \"blue\"\n", "'colour'"},
        {valid() + "rating_send_s = 1\n", "'rating_send_s'"},
        {valid() + "speech_rate = 1000\n", "'speech_rate'"},
        {valid() + "speech_volume = -1\n", "'speech_volume'"},
        {valid() + "screen_ppi = 5000\n", "'screen_ppi'"},
        {valid() + "speech_device = 3\n", "'speech_device'"},
        {valid() + "audience = \"teenagers\"\n", "'audience'"},
        {valid() + "easy_read = \"yes\"\n", "'easy_read'"},
        {"kiosk_id = \"k\"\nsecret = \"abc\"\naggregator_url = \"http://a\"\nward = "
         "\"w\"\ndata_dir = \"/d\"\n",
         "'secret'"},
        {"kiosk_id = \"k\"\nsecret = \"" + kSecret +
             "\"\naggregator_url = \"ftp://a\"\nward = \"w\"\ndata_dir = \"/d\"\n",
         "'aggregator_url'"},
        {"kiosk_id = \"k\"\nsecret = \"" + kSecret +
             "\"\naggregator_url = \"http://a\"\nward = \"ward 7\"\ndata_dir = \"/d\"\n",
         "'ward'"},
        {"this is = = not toml", "kiosk.toml:1"},
    };
    for (const Case& c : cases) {
        auto r = parseConfig(c.text, "kiosk.toml");
        ASSERT_FALSE(r.ok()) << c.text;
        EXPECT_NE(r.error().message.find(c.mustMention), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("kiosk.toml"), std::string::npos) << r.error().message;
    }
}

TEST(KioskConfig, MissingFileIsAClearError) {
    auto r = loadConfig("/nonexistent/kiosk.toml");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("/nonexistent/kiosk.toml"), std::string::npos);
}

} // namespace
} // namespace wardvoice::kiosk

namespace wardvoice::kiosk {
namespace {

TEST(KioskConfig, BytesTomlCannotHoldAreRefusedBeforeTheParserSeesThem) {
    struct Case {
        std::string text;
        const char* says;
    };
    const std::vector<Case> cases = {
        {"\xc9\x9c", "kiosk.toml:1:1: a non-ASCII character outside a quoted string"},
        {"a = \xc3\xa9", "kiosk.toml:1:5: a non-ASCII character outside a quoted string"},
        {"[\x15", "kiosk.toml:1:2: a control character"},
        {valid() + "ward = \"\xff\"\n", "kiosk.toml:6:9: not valid UTF-8"},
        {valid() + std::string("x = 1\0\n", 7), "kiosk.toml:6:6: a control character"},
    };
    for (const Case& c : cases) {
        auto r = parseConfig(c.text, "kiosk.toml");
        ASSERT_FALSE(r.ok()) << c.says;
        EXPECT_EQ(r.error().message, c.says);
    }
    // Non-ASCII inside strings and comments is fine.
    auto ok = parseConfig("# Ward 7 – Ysbyty Gwynedd\n" + valid() +
                              "languages = [\"cy\"] # Cymraeg: ŵ ŷ\n",
                          "kiosk.toml");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->languages, std::vector<std::string>{"cy"});
}

} // namespace
} // namespace wardvoice::kiosk
