// Shared by the store's source files: row shapes and constants (not part of its interface).
#pragma once

#include "aggregator/store/store.hpp"
#include "common/sqlite.hpp"

#include <cstdint>

namespace wardvoice::aggregator::rows {

inline constexpr std::int64_t kDaySeconds = 86400;

/// The columns submissionFromRow() reads, in its order.
inline constexpr const char* kSubmissionColumns =
    "id, created_at, ward, respondent, topic, rating, answers, comment, language, kiosk_id, "
    "received_at, seq, created_unix";

StoredSubmission submissionFromRow(const common::db::Statement& row);

/// SQL text "?,?,...,?" with `n` placeholders numbered from `first`.
std::string placeholders(std::size_t n, int first);

} // namespace wardvoice::aggregator::rows
