// Protocol v1 JSON: parsing with per-field validation, and serialising, of submissions and
// batch answers. See docs/protocol.md.
#pragma once

#include "model.hpp"
#include "result.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::common::wire {

/// Why one submission of a batch was refused: `error` is a stable code such as
/// "rating_out_of_range"; `detail` says more for a person.
struct Rejection {
    std::string id;
    std::string error;
    std::string detail;
    bool operator==(const Rejection&) const = default;
};

/// A parsed POST /api/v1/submissions body: the valid submissions and the refused ones.
struct SubmissionBatch {
    std::string kioskId;
    std::vector<Submission> submissions;
    std::vector<Rejection> rejected;
};

/// The aggregator's answer to a batch.
struct BatchResult {
    std::vector<std::string> accepted;
    std::vector<std::string> duplicate;
    std::vector<Rejection> rejected;
};

/// Normalises and redacts the comment, then checks every field against protocol v1.
/// On failure the Error's code is the rejection code (e.g. "comment_too_long").
Result<Submission> prepareSubmission(Submission submission);

nlohmann::json toJson(const Submission& s);

/// Reads one submission object; applies `prepareSubmission`.
Result<Submission> submissionFromJson(const nlohmann::json& j);

/// Parses a whole batch body. Whole-body failures: "malformed_json" (not JSON), "bad_shape"
/// (not an object with kiosk_id and a submissions array), "too_many_submissions" (over 500).
/// Individual invalid submissions are listed in `rejected`, not treated as body failures.
Result<SubmissionBatch> parseSubmissionBatch(std::string_view body);

/// Parses a request body that must be one JSON object: "malformed_json" when it is not JSON
/// (a NUL byte anywhere counts: the parser would stop there and ignore the rest),
/// "bad_shape" when it is JSON but not an object.
Result<nlohmann::json> parseJsonObject(std::string_view body);

std::string serialiseSubmissionBatch(std::string_view kioskId,
                                     const std::vector<Submission>& submissions);

std::string serialiseBatchResult(const BatchResult& result);
Result<BatchResult> parseBatchResult(std::string_view body);

/// {"error": code, "detail": message} as sent with 4xx and 5xx answers.
std::string errorBody(std::string_view code, std::string_view detail);

} // namespace wardvoice::common::wire
