// The outbox: durable store, oldest-first peek, removal, dead letters.
#include "aggregator/panel/panel_key.hpp"
#include "common/sealed_box.hpp"
#include "common/uuid.hpp"
#include "kiosk/outbox.hpp"
#include "kiosk/volunteers.hpp"
#include "support/sample_submission.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>

namespace wardvoice::kiosk {
namespace {

common::Submission sample(const std::string& createdAt) {
    return test::sampleSubmission("ward-7", createdAt);
}

class OutboxTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("wv_outbox_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::filesystem::path dir;
};

TEST_F(OutboxTest, StoredRowsSurviveReopeningInOrder) {
    const auto a = sample("2026-11-23T10:00:00Z");
    const auto b = sample("2026-11-23T10:01:00Z");
    {
        auto box = Outbox::open(dir.string());
        ASSERT_TRUE(box.ok()) << box.error().message;
        ASSERT_TRUE(box->store(a).ok());
        ASSERT_TRUE(box->store(b).ok());
    }
    auto box = Outbox::open(dir.string());
    ASSERT_TRUE(box.ok());
    EXPECT_EQ(box->depth().value(), 2);
    auto rows = box->peek(10);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0], a);
    EXPECT_EQ((*rows)[1], b);
    EXPECT_EQ(box->oldestCreatedAt().value(), "2026-11-23T10:00:00Z");
}

TEST_F(OutboxTest, SameIdIsNeverStoredTwice) {
    auto box = Outbox::open(dir.string());
    const auto a = sample("2026-11-23T10:00:00Z");
    ASSERT_TRUE(box->store(a).ok());
    auto again = box->store(a);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "constraint");
    EXPECT_EQ(box->depth().value(), 1);
}

TEST_F(OutboxTest, RemoveAndDeadLetter) {
    auto box = Outbox::open(dir.string());
    const auto a = sample("2026-11-23T10:00:00Z");
    const auto b = sample("2026-11-23T10:01:00Z");
    const auto c = sample("2026-11-23T10:02:00Z");
    for (const auto& s : {a, b, c}) {
        ASSERT_TRUE(box->store(s).ok());
    }
    ASSERT_TRUE(box->remove({a.id}).ok());
    ASSERT_TRUE(box->deadLetter(b.id, "rating_out_of_range").ok());
    EXPECT_EQ(box->depth().value(), 1);
    EXPECT_EQ(box->deadLetterCount().value(), 1);
    EXPECT_EQ(box->peek(10).value()[0].id, c.id);
    EXPECT_EQ(box->peek(0).value().size(), 0u);
}

TEST_F(OutboxTest, EmptyOutboxHasNoOldest) {
    auto box = Outbox::open(dir.string());
    EXPECT_EQ(box->depth().value(), 0);
    EXPECT_FALSE(box->oldestCreatedAt().value().has_value());
}

} // namespace
} // namespace wardvoice::kiosk

namespace wardvoice::kiosk {
namespace {

class SealedVolunteerTest : public OutboxTest {};

/// Every byte of the kiosk's outbox files (the database and its write-ahead log).
std::string outboxBytes(const std::filesystem::path& dir) {
    std::string all;
    for (const char* name : {"outbox.db", "outbox.db-wal"}) {
        std::ifstream in(dir / name, std::ios::binary);
        all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
}

TEST_F(SealedVolunteerTest, OnlyTheSealedRecordTouchesTheDiskWithARandomSendTime) {
    const std::string keyFile = dir.string() + "-panel.key";
    std::filesystem::remove(keyFile);
    auto key = aggregator::createPanelKey(keyFile);
    ASSERT_TRUE(key.ok()) << key.error().message;
    std::filesystem::remove(keyFile);
    auto box = Outbox::open(dir.string());
    ASSERT_TRUE(box.ok());
    const std::int64_t t0 = 1795428900;
    SealingVolunteerSink sink(box.value(), 600, 7200, [t0] { return t0; });
    EXPECT_FALSE(sink.hasKey());
    const std::string plain = R"({"best_time":"","contact":"ann.jones@example.org","name":"Ann"})";
    const auto refused = sink.storeVolunteer(plain);
    ASSERT_FALSE(refused.ok()) << "without a key nothing is stored";
    EXPECT_EQ(refused.error().code, "no_panel_key");
    sink.setKey("not base64 of a key");
    EXPECT_FALSE(sink.hasKey());
    sink.setKey(common::toBase64(key->publicKey));
    ASSERT_TRUE(sink.hasKey());
    for (int i = 0; i < 20; ++i) {
        ASSERT_TRUE(sink.storeVolunteer(plain).ok());
    }
    EXPECT_EQ(box->volunteerDepth().value(), 20);
    EXPECT_TRUE(box->dueVolunteers(t0 + 599, 100)->empty()) << "none before the least delay";
    auto due = box->dueVolunteers(t0 + 7200, 100);
    ASSERT_EQ(due->size(), 20u) << "all by the most";
    std::set<std::int64_t> times;
    for (const SealedVolunteer& v : due.value()) {
        times.insert(v.sendAfter);
        EXPECT_EQ(v.id[14], '4') << "a random (version 4) id carries no time: " << v.id;
        auto opened = aggregator::openSealed(key.value(), common::fromBase64(v.sealed).value());
        ASSERT_TRUE(opened.ok());
        EXPECT_EQ(opened.value(), plain);
    }
    EXPECT_GT(times.size(), 10u) << "send times are spread, not one fixed delay";
    EXPECT_EQ(outboxBytes(dir).find("ann.jones"), std::string::npos)
        << "the outbox holds no readable contact";
    ASSERT_TRUE(box->removeVolunteer(due->front().id).ok());
    EXPECT_EQ(box->volunteerDepth().value(), 19);
}

} // namespace
} // namespace wardvoice::kiosk
