// Protocol v1 JSON: parsing with per-field validation, and serialising.
#include "wire.hpp"

#include "redact.hpp"
#include "timeutil.hpp"
#include "utf8.hpp"
#include "uuid.hpp"

#include <nlohmann/json.hpp>

namespace wardvoice::common::wire {
namespace {

using nlohmann::json;

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Reads a string member; fails with `code` when it is missing or not a string.
Result<std::string> stringField(const json& j, const char* key, const char* code) {
    const auto it = j.find(key);
    if (it == j.end()) {
        return makeError(code, std::string(key) + " is missing");
    }
    if (!it->is_string()) {
        return makeError(code, std::string(key) + " must be a string");
    }
    return it->get<std::string>();
}

Rejection rejectionFrom(std::string id, const Error& e) {
    return Rejection{std::move(id), e.code, e.message};
}

} // namespace

Result<Submission> prepareSubmission(Submission s) {
    if (!isUuid(s.id)) {
        return makeError("bad_uuid", "id must be a UUID like 0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11");
    }
    s.id = canonicalUuid(s.id); // one id in two letter cases is one submission
    auto created = parseRfc3339(s.createdAt);
    if (!created) {
        return makeError("bad_created_at", "created_at: " + created.error().message);
    }
    s.createdAt = formatRfc3339(created.value());
    if (!isIdentifier(s.ward)) {
        return makeError("bad_ward",
                         "ward must be 1-64 characters of letters, digits, '.', '_' or '-'");
    }
    if (s.rating && (*s.rating < kRatingMin || *s.rating > kRatingMax)) {
        return makeError("rating_out_of_range", "rating must be 1 to 6 or null");
    }
    if (s.answers.size() > kMaxAnswers) {
        return makeError("bad_answers", "at most 32 answers");
    }
    for (const auto& [question, answer] : s.answers) {
        if (!isIdentifier(question) || !isIdentifier(answer)) {
            return makeError("bad_answers", "question and answer ids must be identifiers");
        }
    }
    auto comment = utf8::normalise(s.comment);
    if (!comment) {
        return makeError("bad_comment", "comment: " + comment.error().message);
    }
    s.comment = redact(comment.value());
    const std::size_t chars = utf8::length(s.comment);
    if (chars > kMaxCommentChars) {
        return makeError("comment_too_long", "comment has " + std::to_string(chars) +
                                                 " characters after redaction; at most 2000");
    }
    if (!isLanguageTag(s.language)) {
        return makeError("bad_language", "language must be a BCP 47 tag such as \"en\" or \"cy\"");
    }
    return s;
}

json toJson(const Submission& s) {
    json answers = json::object();
    for (const auto& [question, answer] : s.answers) {
        answers[question] = answer;
    }
    json out{{"id", s.id},
             {"created_at", s.createdAt},
             {"ward", s.ward},
             {"respondent", std::string(toString(s.respondent))},
             {"topic", std::string(toString(s.topic))},
             {"rating", s.rating ? json(*s.rating) : json(nullptr)},
             {"answers", answers},
             {"comment", s.comment},
             {"language", s.language}};
    if (s.priorityVote) {
        out["priority_vote"] = *s.priorityVote;
    }
    if (s.assisted) {
        out["assisted"] = true; // absent means not assisted, as v1 clients send it
    }
    return out;
}

Result<Submission> submissionFromJson(const json& j) {
    if (!j.is_object()) {
        return makeError("not_an_object", "each submission must be a JSON object");
    }
    Submission s;
    auto id = stringField(j, "id", "bad_uuid");
    if (!id) {
        return id.error();
    }
    s.id = id.value();
    auto created = stringField(j, "created_at", "bad_created_at");
    if (!created) {
        return created.error();
    }
    s.createdAt = created.value();
    auto ward = stringField(j, "ward", "bad_ward");
    if (!ward) {
        return ward.error();
    }
    s.ward = ward.value();
    auto respondent = stringField(j, "respondent", "unknown_respondent");
    if (!respondent) {
        return respondent.error();
    }
    const auto r = respondentFromString(respondent.value());
    if (!r) {
        return makeError("unknown_respondent",
                         "respondent must be patient, visitor, carer or other");
    }
    s.respondent = *r;
    auto topic = stringField(j, "topic", "unknown_topic");
    if (!topic) {
        return topic.error();
    }
    const auto t = topicFromString(topic.value());
    if (!t) {
        return makeError("unknown_topic",
                         "topic must be discharge, infection_control, visiting_hours or general");
    }
    s.topic = *t;
    if (const auto it = j.find("rating"); it != j.end() && !it->is_null()) {
        if (!it->is_number_integer()) {
            return makeError("bad_rating", "rating must be a whole number from 1 to 6, or null");
        }
        const auto value = it->get<long long>();
        if (value < kRatingMin || value > kRatingMax) {
            return makeError("rating_out_of_range", "rating must be 1 to 6 or null");
        }
        s.rating = static_cast<int>(value);
    }
    if (const auto it = j.find("answers"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) {
            return makeError("bad_answers",
                             "answers must be an object of question id to answer id");
        }
        for (const auto& [question, answer] : it->items()) {
            if (!answer.is_string()) {
                return makeError("bad_answers", "answer to " + question + " must be a string");
            }
            s.answers[question] = answer.get<std::string>();
        }
    }
    if (const auto it = j.find("comment"); it != j.end() && !it->is_null()) {
        if (!it->is_string()) {
            return makeError("bad_comment", "comment must be a string");
        }
        s.comment = it->get<std::string>();
    }
    auto language = stringField(j, "language", "bad_language");
    if (!language) {
        return language.error();
    }
    s.language = language.value();
    // optional: a vote that is not an item id is refused on its own when stored (the rest kept)
    if (const auto it = j.find("priority_vote"); it != j.end() && !it->is_null()) {
        s.priorityVote = it->is_number_integer() && it->get<long long>() > 0
                             ? static_cast<std::int64_t>(it->get<long long>())
                             : 0;
    }
    if (const auto it = j.find("assisted"); it != j.end() && !it->is_null()) {
        if (!it->is_boolean()) {
            return makeError("bad_assisted", "assisted must be true or false");
        }
        s.assisted = it->get<bool>();
    }
    return prepareSubmission(std::move(s));
}

Result<json> parseJsonObject(std::string_view body) {
    if (body.find('\0') != std::string_view::npos) {
        return makeError("malformed_json", "the body holds a NUL byte");
    }
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) {
        return makeError("malformed_json", "the body is not valid JSON (or not valid UTF-8)");
    }
    if (!j.is_object()) {
        return makeError("bad_shape", "the body must be a JSON object");
    }
    return j;
}

Result<SubmissionBatch> parseSubmissionBatch(std::string_view body) {
    auto object = parseJsonObject(body);
    if (!object) {
        return object.error();
    }
    const json& j = object.value();
    const auto kiosk = j.find("kiosk_id");
    if (kiosk == j.end() || !kiosk->is_string()) {
        return makeError("bad_shape", "kiosk_id must be a string");
    }
    const auto list = j.find("submissions");
    if (list == j.end() || !list->is_array()) {
        return makeError("bad_shape", "submissions must be an array");
    }
    if (list->size() > kMaxSubmissionsPerBatch) {
        return makeError("too_many_submissions", "at most 500 submissions per request");
    }
    SubmissionBatch batch;
    batch.kioskId = kiosk->get<std::string>();
    for (const json& item : *list) {
        auto parsed = submissionFromJson(item);
        if (parsed) {
            batch.submissions.push_back(std::move(parsed).value());
            continue;
        }
        std::string id;
        if (item.is_object() && item.contains("id") && item["id"].is_string()) {
            id = item["id"].get<std::string>();
        }
        batch.rejected.push_back(rejectionFrom(std::move(id), parsed.error()));
    }
    return batch;
}

std::string serialiseSubmissionBatch(std::string_view kioskId,
                                     const std::vector<Submission>& submissions) {
    json list = json::array();
    for (const Submission& s : submissions) {
        list.push_back(toJson(s));
    }
    return dump(json{{"kiosk_id", std::string(kioskId)}, {"submissions", list}});
}

std::string serialiseBatchResult(const BatchResult& result) {
    json rejected = json::array();
    for (const Rejection& r : result.rejected) {
        json entry{{"id", r.id}, {"error", r.error}};
        if (!r.detail.empty()) {
            entry["detail"] = r.detail;
        }
        rejected.push_back(entry);
    }
    return dump(json{
        {"accepted", result.accepted}, {"duplicate", result.duplicate}, {"rejected", rejected}});
}

Result<BatchResult> parseBatchResult(std::string_view body) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return makeError("malformed_json", "the answer is not a JSON object");
    }
    BatchResult result;
    for (const char* key : {"accepted", "duplicate"}) {
        const auto it = j.find(key);
        if (it == j.end()) {
            continue;
        }
        if (!it->is_array()) {
            return makeError("bad_shape", std::string(key) + " must be an array");
        }
        auto& target = std::string_view(key) == "accepted" ? result.accepted : result.duplicate;
        for (const json& id : *it) {
            if (!id.is_string()) {
                return makeError("bad_shape", std::string(key) + " must hold strings");
            }
            target.push_back(id.get<std::string>());
        }
    }
    if (const auto it = j.find("rejected"); it != j.end()) {
        if (!it->is_array()) {
            return makeError("bad_shape", "rejected must be an array");
        }
        for (const json& entry : *it) {
            if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string() ||
                !entry.contains("error") || !entry["error"].is_string()) {
                return makeError("bad_shape", "rejected entries need string id and error");
            }
            Rejection r{entry["id"].get<std::string>(), entry["error"].get<std::string>(), ""};
            if (entry.contains("detail") && entry["detail"].is_string()) {
                r.detail = entry["detail"].get<std::string>();
            }
            result.rejected.push_back(std::move(r));
        }
    }
    return result;
}

std::string errorBody(std::string_view code, std::string_view detail) {
    return dump(json{{"error", std::string(code)}, {"detail", std::string(detail)}});
}

} // namespace wardvoice::common::wire
