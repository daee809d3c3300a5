// Protocol v1 JSON: round trips, and one test per rejection code.
#include "common/wire.hpp"

#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace wardvoice::common::wire {
namespace {

using nlohmann::json;

json validJson() {
    return json::parse(R"({"id": "0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11",
        "created_at": "2026-11-23T10:15:00Z", "ward": "ward-7", "respondent": "patient",
        "topic": "discharge", "rating": 2,
        "answers": {"discharge.understood_medication": "partly"},
        "comment": "Nobody explained which tablets to stop.", "language": "en"})");
}

Submission validSubmission() {
    return submissionFromJson(validJson()).value();
}

TEST(Wire, ParsesTheProtocolExample) {
    const Submission s = validSubmission();
    EXPECT_EQ(s.id, "0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11");
    EXPECT_EQ(s.ward, "ward-7");
    EXPECT_EQ(s.respondent, Respondent::Patient);
    EXPECT_EQ(s.topic, Topic::Discharge);
    EXPECT_EQ(s.rating, 2);
    EXPECT_EQ(s.answers.at("discharge.understood_medication"), "partly");
    EXPECT_EQ(s.comment, "Nobody explained which tablets to stop.");
    EXPECT_EQ(s.language, "en");
}

TEST(Wire, SubmissionRoundTrip) {
    Submission s = validSubmission();
    s.rating.reset();
    s.topic = Topic::InfectionControl;
    s.comment = "Gel dispenser by bay 3 empty — żadnego żelu";
    const Submission back = submissionFromJson(toJson(s)).value();
    EXPECT_EQ(back, s);
}

TEST(Wire, AnAssistedResponseSaysSoAndOthersCarryNothingNew) {
    Submission s = validSubmission();
    EXPECT_FALSE(toJson(s).contains("assisted")) << "v1 payloads unchanged when not assisted";
    s.assisted = true;
    EXPECT_EQ(toJson(s)["assisted"], true);
    EXPECT_EQ(submissionFromJson(toJson(s)).value(), s);
    json j = validJson();
    j["assisted"] = nullptr;
    EXPECT_FALSE(submissionFromJson(j).value().assisted) << "null is not assisted";
    j["assisted"] = false;
    EXPECT_FALSE(submissionFromJson(j).value().assisted);
}

TEST(Wire, BatchRoundTrip) {
    std::vector<Submission> list{validSubmission(), validSubmission()};
    list[1].id = "1b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11";
    list[1].respondent = Respondent::Carer;
    auto batch = parseSubmissionBatch(serialiseSubmissionBatch("k-7f3a", list));
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(batch->kioskId, "k-7f3a");
    EXPECT_EQ(batch->submissions, list);
    EXPECT_TRUE(batch->rejected.empty());
}

TEST(Wire, OptionalFieldsMayBeAbsentOrNull) {
    json j = validJson();
    j.erase("answers");
    j.erase("comment");
    j["rating"] = nullptr;
    j["some_future_field"] = 42; // ignored, as protocol v1 says
    const Submission s = submissionFromJson(j).value();
    EXPECT_FALSE(s.rating.has_value());
    EXPECT_TRUE(s.answers.empty());
    EXPECT_EQ(s.comment, "");
}

TEST(Wire, CommentIsNormalisedAndRedacted) {
    json j = validJson();
    j["comment"] = "  call my son on 07700 900123\t please ";
    EXPECT_EQ(submissionFromJson(j).value().comment, "call my son on [phone]  please");
}

TEST(Wire, CreatedAtIsNormalisedToUtc) {
    json j = validJson();
    j["created_at"] = "2026-11-23T11:15:00.5+01:00";
    EXPECT_EQ(submissionFromJson(j).value().createdAt, "2026-11-23T10:15:00Z");
}

struct RejectionCase {
    const char* name;
    std::function<void(json&)> mutate;
    const char* code;
};

TEST(Wire, EachInvalidFieldHasItsOwnCode) {
    const std::vector<RejectionCase> cases = {
        {"missing id", [](json& j) { j.erase("id"); }, "bad_uuid"},
        {"id not uuid", [](json& j) { j["id"] = "12345"; }, "bad_uuid"},
        {"id number", [](json& j) { j["id"] = 5; }, "bad_uuid"},
        {"created_at garbage", [](json& j) { j["created_at"] = "yesterday"; }, "bad_created_at"},
        {"created_at missing", [](json& j) { j.erase("created_at"); }, "bad_created_at"},
        {"ward with space", [](json& j) { j["ward"] = "ward 7"; }, "bad_ward"},
        {"ward empty", [](json& j) { j["ward"] = ""; }, "bad_ward"},
        {"respondent unknown", [](json& j) { j["respondent"] = "doctor"; }, "unknown_respondent"},
        {"topic unknown", [](json& j) { j["topic"] = "food"; }, "unknown_topic"},
        {"topic missing", [](json& j) { j.erase("topic"); }, "unknown_topic"},
        {"rating 0", [](json& j) { j["rating"] = 0; }, "rating_out_of_range"},
        {"rating 7", [](json& j) { j["rating"] = 7; }, "rating_out_of_range"},
        {"rating negative", [](json& j) { j["rating"] = -1; }, "rating_out_of_range"},
        {"rating text", [](json& j) { j["rating"] = "2"; }, "bad_rating"},
        {"rating fraction", [](json& j) { j["rating"] = 2.5; }, "bad_rating"},
        {"answers array", [](json& j) { j["answers"] = json::array(); }, "bad_answers"},
        {"answer number",
         [](json& j) {
             j["answers"] = {{"q", 1}};
         },
         "bad_answers"},
        {"answer id bad",
         [](json& j) {
             j["answers"] = {{"q q", "a"}};
         },
         "bad_answers"},
        {"comment number", [](json& j) { j["comment"] = 3; }, "bad_comment"},
        {"comment too long", [](json& j) { j["comment"] = std::string(2001, 'a'); },
         "comment_too_long"},
        {"language bad", [](json& j) { j["language"] = "english"; }, "bad_language"},
        {"language missing", [](json& j) { j.erase("language"); }, "bad_language"},
        {"assisted text", [](json& j) { j["assisted"] = "yes"; }, "bad_assisted"},
        {"assisted number", [](json& j) { j["assisted"] = 1; }, "bad_assisted"},
    };
    for (const auto& c : cases) {
        json j = validJson();
        c.mutate(j);
        auto r = submissionFromJson(j);
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_EQ(r.error().code, c.code) << c.name;
        EXPECT_FALSE(r.error().message.empty()) << c.name;
    }
}

TEST(Wire, CommentLimitCountsCharactersAfterRedaction) {
    json j = validJson();
    j["comment"] = std::string(2000, 'a');
    EXPECT_TRUE(submissionFromJson(j).ok());
    // 2,000 two-byte characters are 4,000 bytes but still within the limit
    std::string polish;
    for (int i = 0; i < 2000; ++i) {
        polish += "ż";
    }
    j["comment"] = polish;
    EXPECT_TRUE(submissionFromJson(j).ok());
    // redaction shortens "07700 900123" (12 chars) to "[phone]" (7): 2,003 chars typed, 1,998 kept
    j["comment"] = std::string(1990, 'a') + " 07700 900123";
    EXPECT_TRUE(submissionFromJson(j).ok());
    j["comment"] = std::string(1996, 'a') + " 07700 900123";
    EXPECT_EQ(submissionFromJson(j).error().code, "comment_too_long");
}

TEST(Wire, BatchKeepsValidSubmissionsAndListsRejected) {
    json body = {{"kiosk_id", "k-1"}, {"submissions", json::array()}};
    body["submissions"].push_back(validJson());
    json bad = validJson();
    bad["id"] = "2b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11";
    bad["rating"] = 9;
    body["submissions"].push_back(bad);
    body["submissions"].push_back("not an object");
    auto batch = parseSubmissionBatch(body.dump());
    ASSERT_TRUE(batch.ok());
    ASSERT_EQ(batch->submissions.size(), 1u);
    ASSERT_EQ(batch->rejected.size(), 2u);
    EXPECT_EQ(batch->rejected[0].id, "2b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11");
    EXPECT_EQ(batch->rejected[0].error, "rating_out_of_range");
    EXPECT_EQ(batch->rejected[1].error, "not_an_object");
}

TEST(Wire, WholeBodyFailures) {
    EXPECT_EQ(parseSubmissionBatch("{not json").error().code, "malformed_json");
    EXPECT_EQ(parseSubmissionBatch("{\"kiosk_id\":\"k\",\"submissions\":[\"\xFF\"]}").error().code,
              "malformed_json");
    EXPECT_EQ(parseSubmissionBatch("[]").error().code, "bad_shape");
    EXPECT_EQ(parseSubmissionBatch(R"({"submissions": []})").error().code, "bad_shape");
    EXPECT_EQ(parseSubmissionBatch(R"({"kiosk_id": "k", "submissions": {}})").error().code,
              "bad_shape");
    json big = {{"kiosk_id", "k"}, {"submissions", json::array()}};
    for (int i = 0; i < 501; ++i) {
        big["submissions"].push_back(json::object());
    }
    EXPECT_EQ(parseSubmissionBatch(big.dump()).error().code, "too_many_submissions");
}

TEST(Wire, BatchResultRoundTrip) {
    BatchResult r;
    r.accepted = {"a"};
    r.duplicate = {"b", "c"};
    r.rejected = {Rejection{"d", "bad_uuid", "id must be a UUID"}};
    auto back = parseBatchResult(serialiseBatchResult(r));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->accepted, r.accepted);
    EXPECT_EQ(back->duplicate, r.duplicate);
    EXPECT_EQ(back->rejected, r.rejected);
    EXPECT_FALSE(parseBatchResult(R"({"accepted": [1]})").ok());
    EXPECT_FALSE(parseBatchResult("<html>").ok());
}

TEST(Wire, ErrorBody) {
    const json j = json::parse(errorBody("stale_timestamp", "clock is off"));
    EXPECT_EQ(j["error"], "stale_timestamp");
    EXPECT_EQ(j["detail"], "clock is off");
}

} // namespace
} // namespace wardvoice::common::wire
