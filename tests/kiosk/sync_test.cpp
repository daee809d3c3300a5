// The sync worker against a real aggregator server in process: every row arrives once, refusals
// go to dead letters, and failures keep the outbox intact.
#include "aggregator/api/server.hpp"
#include "aggregator/panel/panel_key.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "kiosk/volunteers.hpp"
#include "support/sample_submission.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <thread>

namespace wardvoice::kiosk {
namespace {

/// The words of the messages shown, without their days.
std::vector<std::string> texts(const std::vector<ShownMessage>& shown) {
    std::vector<std::string> out;
    for (const ShownMessage& m : shown) {
        out.push_back(m.text);
    }
    return out;
}

common::Submission sample(const std::string& ward = "ward-7") {
    return test::sampleSubmission(ward);
}

class SyncTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("wv_sync_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        auto store = aggregator::SqliteStore::open(":memory:");
        ASSERT_TRUE(store.ok());
        m_store = std::make_unique<aggregator::SqliteStore>(std::move(store).value());
        // the aggregator's panel key, as 'keys init' makes it
        m_keyFile = m_dir.string() + "-panel.key";
        std::filesystem::remove(m_keyFile);
        auto key = aggregator::createPanelKey(m_keyFile);
        ASSERT_TRUE(key.ok()) << key.error().message;
        m_panelKey = key.value();
        aggregator::ServerOptions options;
        options.panelKeyFile = m_keyFile;
        options.assetsDir = WARDVOICE_SOURCE_DIR "/assets";
        options.accessLog = false;
        options.kioskBurst = 1000;
        options.kioskRequestsPerMinute = 60000;
        auto server = aggregator::ApiServer::create(*m_store, options);
        ASSERT_TRUE(server.ok());
        m_server = std::move(server).value();
        m_port = m_server->bind("127.0.0.1", 0).value();
        m_thread = std::thread([this] { m_server->listen(); });
        auto kiosk = m_store->addKiosk("ward-7", "");
        m_config.kioskId = kiosk->kioskId;
        m_config.secret = kiosk->secret;
        m_config.aggregatorUrl = "http://127.0.0.1:" + std::to_string(m_port);
        m_config.ward = "ward-7";
        m_config.dataDir = m_dir.string();
        auto box = Outbox::open(m_dir.string());
        ASSERT_TRUE(box.ok());
        m_outbox = std::make_unique<Outbox>(std::move(box).value());
    }
    void TearDown() override {
        m_server->stop();
        m_thread.join();
        std::filesystem::remove_all(m_dir);
        std::filesystem::remove(m_keyFile);
    }
    /// Runs upload rounds until the worker says it would wait.
    void drain(SyncWorker& worker) {
        for (int i = 0; i < 1000 && worker.uploadOnce(); ++i) {
        }
    }

    std::filesystem::path m_dir;
    std::unique_ptr<aggregator::Store> m_store;
    std::unique_ptr<aggregator::ApiServer> m_server;
    std::thread m_thread;
    int m_port = 0;
    KioskConfig m_config;
    std::unique_ptr<Outbox> m_outbox;
    std::string m_keyFile;
    aggregator::PanelKey m_panelKey;
};

TEST_F(SyncTest, DrainsEveryRowExactlyOnce) {
    for (int i = 0; i < 250; ++i) {
        ASSERT_TRUE(m_outbox->store(sample()).ok());
    }
    SyncWorker worker(m_config, *m_outbox);
    drain(worker);
    EXPECT_EQ(m_outbox->depth().value(), 0);
    EXPECT_EQ(m_store->countSubmissions().value(), 250);
    EXPECT_TRUE(worker.status().lastError.empty());
    EXPECT_FALSE(worker.status().lastSyncAt.empty());
}

TEST_F(SyncTest, ResendAfterACrashCountsAsDelivered) {
    const auto a = sample();
    ASSERT_TRUE(m_outbox->store(a).ok());
    SyncWorker worker(m_config, *m_outbox);
    drain(worker);
    // the kiosk died after sending but before deleting: the same row is queued again
    ASSERT_TRUE(m_outbox->store(a).ok());
    drain(worker);
    EXPECT_EQ(m_outbox->depth().value(), 0);
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

TEST_F(SyncTest, RefusedRowsMoveToDeadLettersNotLost) {
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    ASSERT_TRUE(m_outbox->store(sample("ward-9")).ok()); // not this kiosk's ward
    SyncWorker worker(m_config, *m_outbox);
    drain(worker);
    EXPECT_EQ(m_outbox->depth().value(), 0);
    EXPECT_EQ(m_outbox->deadLetterCount().value(), 1);
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

TEST_F(SyncTest, AVoteTheWardNoLongerOffersIsDroppedAndTheRestDelivered) {
    auto voted = sample();
    voted.priorityVote = 424242; // a choice taken off while the kiosk was offline
    ASSERT_TRUE(m_outbox->store(voted).ok());
    SyncWorker worker(m_config, *m_outbox);
    drain(worker);
    EXPECT_EQ(m_outbox->depth().value(), 0);
    EXPECT_EQ(m_outbox->deadLetterCount().value(), 0) << "the aggregator stored the rest of it";
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

TEST_F(SyncTest, AggregatorDownKeepsOutboxAndBacksOff) {
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    KioskConfig down = m_config;
    down.aggregatorUrl = "http://127.0.0.1:9"; // discard port: nothing listens
    SyncSettings fast;
    fast.connectTimeoutMs = 500;
    SyncWorker worker(down, *m_outbox, fast);
    EXPECT_FALSE(worker.uploadOnce());
    EXPECT_EQ(m_outbox->depth().value(), 1);
    EXPECT_FALSE(worker.status().lastError.empty());
    EXPECT_LE(worker.currentBackoffS(), 1.0); // first failure: jitter within [0, 1 s]
    // then the aggregator is back: everything arrives
    SyncWorker again(m_config, *m_outbox);
    drain(again);
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

TEST_F(SyncTest, WrongSecretIsRefusedAndNothingIsLost) {
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(m_outbox->store(sample()).ok());
    }
    KioskConfig wrong = m_config;
    wrong.secret = std::string(64, 'a');
    SyncWorker worker(wrong, *m_outbox);
    EXPECT_FALSE(worker.uploadOnce());
    EXPECT_EQ(m_outbox->depth().value(), 3);
    EXPECT_EQ(m_outbox->deadLetterCount().value(), 0);
    EXPECT_NE(worker.status().lastError.find("401"), std::string::npos);
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
}

TEST_F(SyncTest, SkewedClockIsReportedAndOutboxKept) {
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    SyncSettings skewed;
    skewed.clock = [] { return common::nowUnix() + 1000; }; // kiosk clock 1000 s fast
    SyncWorker worker(m_config, *m_outbox, skewed);
    EXPECT_FALSE(worker.uploadOnce());
    const SyncStatus status = worker.status();
    ASSERT_TRUE(status.clockSkewS.has_value());
    EXPECT_NEAR(static_cast<double>(*status.clockSkewS), -1000.0, 5.0);
    EXPECT_GE(worker.currentBackoffS(), 60.0); // no tight loop against a clock that will not change
    EXPECT_EQ(m_outbox->depth().value(), 1);
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
}

TEST_F(SyncTest, RevokedKioskIsRefusedAndNothingIsLost) {
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    ASSERT_TRUE(m_store->revokeKiosk(m_config.kioskId, common::nowUnix()).ok());
    SyncWorker worker(m_config, *m_outbox);
    EXPECT_FALSE(worker.uploadOnce());
    EXPECT_NE(worker.status().lastError.find("revoked_kiosk"), std::string::npos);
    EXPECT_EQ(m_outbox->depth().value(), 1);
}

TEST_F(SyncTest, HeartbeatAndConfigCache) {
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    SyncWorker worker(m_config, *m_outbox);
    EXPECT_TRUE(worker.sendHeartbeat());
    EXPECT_EQ(m_store->findKiosk(m_config.kioskId).value()->queueDepth, 1);
    EXPECT_TRUE(worker.refreshConfig());
    EXPECT_TRUE(std::filesystem::exists(m_dir / "config-cache.json"));
    EXPECT_TRUE(std::filesystem::exists(m_dir / "questions-cache.json"));
}

TEST_F(SyncTest, WardMessagesArriveWithTheConfigAndSurviveARestart) {
    aggregator::YouSaidWeDid message;
    message.text = "You said the gel ran out. We now check it every shift.";
    message.texts = {{"cy", "Dywedoch chi fod y gel wedi dod i ben."}};
    message.wards = {m_config.ward};
    message.createdBy = "chair";
    message.createdAt = common::nowUnix();
    message.expiresAt = common::nowUnix() + 86400;
    ASSERT_TRUE(m_store->addMessage(message).ok());
    aggregator::YouSaidWeDid elsewhere = message;
    elsewhere.text = "for another ward";
    elsewhere.wards = {"ward-99"};
    ASSERT_TRUE(m_store->addMessage(elsewhere).ok());
    {
        SyncWorker worker(m_config, *m_outbox);
        EXPECT_TRUE(worker.status().messages.empty());
        ASSERT_TRUE(worker.refreshConfig());
        const auto shown = activeMessages(worker.status().messages, common::nowUnix());
        EXPECT_EQ(shown, (std::vector<ShownMessage>{{message.text, message.createdAt}}))
            << "with the day it was published";
        EXPECT_EQ(texts(activeMessages(worker.status().messages, common::nowUnix(), "cy")),
                  std::vector<std::string>{message.texts.at("cy")});
    }
    // A restarted kiosk shows it from the cached config before the aggregator answers.
    SyncWorker restarted(m_config, *m_outbox);
    EXPECT_EQ(texts(activeMessages(restarted.status().messages, common::nowUnix())),
              std::vector<std::string>{message.text});
    EXPECT_TRUE(activeMessages(restarted.status().messages, message.expiresAt + 1).empty())
        << "an expired message leaves the welcome screen even while offline";
}

TEST(WardMessages, EachPersonReadsThemInTheirLanguageElseInEnglish) {
    const auto config = nlohmann::json::parse(R"({"you_said_we_did": [
        {"text": "You said the gel ran out. We check it every shift.",
         "texts": {"cy": "Dywedoch chi fod y gel wedi dod i ben.", "uk": "Ви сказали, що гель закінчився.",
                   "pl": 7, "ro": ""},
         "expires_at": "2030-01-01T00:00:00Z"},
        {"text": "Visiting starts at 10 now.", "expires_at": "2030-01-01T00:00:00Z"}]})");
    const auto messages = messagesFromConfig(config);
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0].texts.size(), 2U) << "a text that is not a string, or empty, is left out";
    const std::int64_t now = 1800000000;
    EXPECT_EQ(texts(activeMessages(messages, now, "cy")),
              (std::vector<std::string>{"Dywedoch chi fod y gel wedi dod i ben.",
                                        "Visiting starts at 10 now."}));
    EXPECT_EQ(activeMessages(messages, now, "uk")[0].text, "Ви сказали, що гель закінчився.");
    EXPECT_EQ(activeMessages(messages, now, "pl")[0].text, messages[0].text);
    EXPECT_EQ(activeMessages(messages, now, "ro")[0].text, messages[0].text);
    EXPECT_EQ(activeMessages(messages, now)[0].text, messages[0].text);
    EXPECT_EQ(activeMessages(messages, now)[0].createdAt, 0) << "no created_at: no day shown";
}

TEST_F(SyncTest, AVolunteerLeavesSealedInARequestOfItsOwnOnceItsRandomTimeHasCome) {
    SyncWorker worker(m_config, *m_outbox);
    ASSERT_TRUE(worker.refreshConfig());
    const SyncStatus status = worker.status();
    ASSERT_TRUE(status.configKnown);
    ASSERT_EQ(status.panelPublicKey, common::toBase64(m_panelKey.publicKey));
    const auto clock = [] { return common::nowUnix(); };
    SealingVolunteerSink now(*m_outbox, 0, 0, clock);         // due at once
    SealingVolunteerSink later(*m_outbox, 3600, 7200, clock); // due in an hour or two
    now.setKey(status.panelPublicKey);
    later.setKey(status.panelPublicKey);
    const std::string ann = R"({"best_time":"mornings","contact":"ann@example.org","name":"Ann"})";
    ASSERT_TRUE(now.storeVolunteer(ann).ok());
    ASSERT_TRUE(
        later.storeVolunteer(R"({"best_time":"","contact":"07700 900123","name":"Bo"})").ok());
    ASSERT_TRUE(m_outbox->store(sample()).ok());

    EXPECT_EQ(worker.sendVolunteersOnce(), 1);
    EXPECT_EQ(m_outbox->volunteerDepth().value(), 1) << "the later one waits for its time";
    EXPECT_EQ(m_outbox->depth().value(), 1) << "feedback never travels with a volunteer";
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
    auto stored = m_store->listVolunteers();
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 1u);
    const aggregator::PanelVolunteer& v = stored->front();
    EXPECT_EQ(v.ward, "ward-7");
    EXPECT_EQ(v.day, common::formatRfc3339(common::nowUnix()).substr(0, 10));
    EXPECT_EQ(v.sealed.find("ann@example.org"), std::string::npos);
    auto opened = aggregator::openSealed(m_panelKey, common::fromBase64(v.sealed).value());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened.value(), ann) << "exactly what was typed, sealed on the kiosk";

    // a record sent again (the kiosk died before deleting it) is stored once
    SealedVolunteer again{v.id, v.sealed, 0};
    ASSERT_TRUE(m_outbox->storeVolunteer(again).ok());
    EXPECT_EQ(worker.sendVolunteersOnce(), 1);
    EXPECT_EQ(m_store->listVolunteers()->size(), 1u);
    drain(worker);
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
    EXPECT_EQ(m_store->listVolunteers()->size(), 1u) << "uploads of feedback send no volunteer";
}

TEST_F(SyncTest, AVolunteerSealedToAnotherKeyIsKeptAndNotResent) {
    const std::string otherFile = m_dir.string() + "-other.key";
    std::filesystem::remove(otherFile);
    auto other = aggregator::createPanelKey(otherFile);
    ASSERT_TRUE(other.ok());
    std::filesystem::remove(otherFile);
    SealingVolunteerSink sink(*m_outbox, 0, 0, [] { return common::nowUnix(); });
    sink.setKey(common::toBase64(other->publicKey));
    ASSERT_TRUE(sink.storeVolunteer(R"({"name":"Ann","contact":"ann@example.org"})").ok());
    SyncWorker worker(m_config, *m_outbox);
    EXPECT_EQ(worker.sendVolunteersOnce(), 0);
    EXPECT_EQ(m_outbox->volunteerDepth().value(), 0) << "refused for good: not sent again";
    EXPECT_TRUE(m_outbox->dueVolunteers(common::nowUnix() + 86400, 10)->empty());
    EXPECT_TRUE(m_store->listVolunteers()->empty());
}

TEST_F(SyncTest, AnUnreachableAggregatorPostponesTheVolunteer) {
    SealingVolunteerSink sink(*m_outbox, 0, 0, [] { return common::nowUnix(); });
    sink.setKey(common::toBase64(m_panelKey.publicKey));
    ASSERT_TRUE(sink.storeVolunteer(R"({"name":"Ann","contact":"ann@example.org"})").ok());
    KioskConfig down = m_config;
    down.aggregatorUrl = "http://127.0.0.1:9";
    SyncSettings fast;
    fast.connectTimeoutMs = 500;
    fast.totalTimeoutMs = 1000;
    SyncWorker worker(down, *m_outbox, fast);
    EXPECT_EQ(worker.sendVolunteersOnce(), 0);
    EXPECT_EQ(m_outbox->volunteerDepth().value(), 1) << "kept";
    EXPECT_TRUE(m_outbox->dueVolunteers(common::nowUnix(), 10)->empty()) << "tried again later";
    EXPECT_EQ(m_outbox->dueVolunteers(common::nowUnix() + 601, 10)->size(), 1u);
}

TEST(PanelKeyChoice, APinnedKeyIsUsedUntilAConfigBringsAnother) {
    const std::string a = "+Tx++4lmjQB4I4sCHlQCTb8eL9suF4WaFLrlg9eZiG0=";
    const std::string b = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    EXPECT_EQ(choosePanelKey("", a, true).key, a) << "not pinned: the config's";
    EXPECT_FALSE(choosePanelKey("", std::nullopt, true).key) << "no key anywhere: no invitation";
    EXPECT_EQ(choosePanelKey(a, std::nullopt, false).key, a) << "offline, no config yet: the pin";
    EXPECT_EQ(choosePanelKey(a, a, true).key, a);
    const PanelKeyChoice refused = choosePanelKey(a, b, true);
    EXPECT_FALSE(refused.key) << "a config that brings another key is refused";
    EXPECT_NE(refused.problem.find("pinned"), std::string::npos);
    EXPECT_FALSE(choosePanelKey(a, std::nullopt, true).key);
    EXPECT_EQ(panelKeyFromConfig(nlohmann::json::parse(R"({"panel_public_key": null})")),
              std::nullopt);
    EXPECT_EQ(panelKeyFromConfig(nlohmann::json::parse(R"({"panel_public_key": "c2hvcnQ="})")),
              std::nullopt)
        << "not 32 bytes";
    EXPECT_EQ(panelKeyFromConfig(nlohmann::json{{"panel_public_key", a}}), a);
}

TEST(WardChoices, TitledInThePersonsLanguageElseEnglishAndMalformedOnesSkipped) {
    const auto config = nlohmann::json::parse(R"({"choices": [
        {"id": 41, "title": {"en": "Hand gel by every bed", "cy": "Gel dwylo wrth bob gwely"}},
        {"id": 42, "title": {"en": "Letters home on time", "pl": 5}},
        {"id": "43", "title": {"en": "not an id"}},
        {"id": 44, "title": {"cy": "no English"}},
        {"id": -1, "title": {"en": "negative"}},
        {"id": 45},
        {"id": 46, "title": {"en": "fourth good one, over the limit of three"}},
        {"id": 47, "title": {"en": "fifth"}}]})");
    const auto choices = choicesFromConfig(config);
    ASSERT_EQ(choices.size(), 3u);
    EXPECT_EQ(choices[0].item, 41);
    EXPECT_EQ(choices[1].titles.count("pl"), 0u) << "a title that is not text is left out";
    EXPECT_EQ(choices[2].item, 46);
    const auto welsh = choiceTitles(choices, "cy");
    EXPECT_EQ(welsh[0].second, "Gel dwylo wrth bob gwely");
    EXPECT_EQ(welsh[1].second, "Letters home on time");
    EXPECT_TRUE(choicesFromConfig(nlohmann::json::parse(R"({"choices": "none"})")).empty());
    EXPECT_TRUE(choicesFromConfig(nlohmann::json::parse("[]")).empty());
}

TEST(WardProgress, WhatTheWardIsDoingIsReadAndMalformedEntriesSkipped) {
    const auto config = nlohmann::json::parse(R"({"progress": [
        {"id": 41, "said": {"en": "Hand gel"}, "doing": {"en": "We check it", "cy": "Rydym yn ei wirio"}, "status": "agreed"},
        {"id": 42, "said": {"en": "Letters"}, "doing": {"en": "Typed the same day"}, "status": "finished"},
        {"id": 43, "said": {"cy": "no English"}, "doing": {"en": "x"}, "status": "done"},
        {"id": 44, "said": {"en": "Parking"}, "doing": "not a map", "status": "done"},
        {"id": 45, "said": {"en": "Food"}, "doing": {"en": "New menu"}, "status": "done"}]})");
    const auto progress = progressFromConfig(config);
    ASSERT_EQ(progress.size(), 2u);
    EXPECT_EQ(progress[0].item, 41);
    EXPECT_EQ(progress[0].doing.at("cy"), "Rydym yn ei wirio");
    EXPECT_EQ(progress[1].item, 45);
    EXPECT_EQ(progress[1].status, "done");
    EXPECT_TRUE(progressFromConfig(nlohmann::json::parse(R"({"progress": 3})")).empty());
}

TEST(WardMessages, MalformedEntriesAreSkippedNotFatal) {
    const auto config = nlohmann::json::parse(R"({"you_said_we_did": [
        {"text": "kept", "expires_at": "2030-01-01T00:00:00Z"},
        {"text": 7, "expires_at": "2030-01-01T00:00:00Z"},
        {"text": "no expiry"},
        {"text": "", "expires_at": "2030-01-01T00:00:00Z"},
        {"text": "bad time", "expires_at": "soon"},
        "not an object"]})");
    const auto messages = messagesFromConfig(config);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].text, "kept");
    EXPECT_TRUE(messagesFromConfig(nlohmann::json::parse(R"({"you_said_we_did": "x"})")).empty());
    EXPECT_TRUE(messagesFromConfig(loadCachedConfig("/nonexistent/dir")).empty());
}

TEST_F(SyncTest, BackgroundThreadUploadsWhenWoken) {
    SyncWorker worker(m_config, *m_outbox);
    worker.start();
    ASSERT_TRUE(m_outbox->store(sample()).ok());
    worker.wake();
    for (int i = 0; i < 100 && m_store->countSubmissions().value() == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    worker.stop();
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
    EXPECT_EQ(m_outbox->depth().value(), 0);
}

} // namespace
} // namespace wardvoice::kiosk
