// The outbox: durable store, oldest-first peek, removal, dead letters.
#include "common/uuid.hpp"
#include "kiosk/outbox.hpp"
#include "support/sample_submission.hpp"

#include <filesystem>
#include <gtest/gtest.h>

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
