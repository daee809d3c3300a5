// Shared by the store's source files: row shapes and constants (not part of its interface).
#pragma once

#include "aggregator/store/sqlite_store.hpp"
#include "common/sqlite.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace wardvoice::aggregator::rows {

inline constexpr std::int64_t kDaySeconds = 86400;

/// The columns submissionFromRow() reads, in its order.
inline constexpr const char* kSubmissionColumns =
    "id, created_at, ward, respondent, topic, rating, answers, comment, language, kiosk_id, "
    "received_at, seq, created_unix, assisted";

StoredSubmission submissionFromRow(const common::db::Statement& row);

/// The sums the rollups keep, added from `excluded` on a conflict.
inline constexpr const char* kDaySums =
    "comments = comments + excluded.comments, rated = rated + excluded.rated, "
    "rating_sum = rating_sum + excluded.rating_sum, positive = positive + excluded.positive, "
    "neutral = neutral + excluded.neutral, negative = negative + excluded.negative, "
    "sentiment_sum = sentiment_sum + excluded.sentiment_sum, "
    "patients = patients + excluded.patients, visitors = visitors + excluded.visitors, "
    "carers = carers + excluded.carers, others = others + excluded.others";
inline constexpr const char* kMonthSums =
    "comments = comments + excluded.comments, rated = rated + excluded.rated, "
    "rating_sum = rating_sum + excluded.rating_sum, negative = negative + excluded.negative, "
    "positive = positive + excluded.positive, neutral = neutral + excluded.neutral, "
    "sentiment_sum = sentiment_sum + excluded.sentiment_sum, "
    "first_day = min(first_day, excluded.first_day)";

/// The first day (days since 1970-01-01, UTC) of the month that `day` is in, and of the next.
std::int64_t monthOf(std::int64_t day);
std::int64_t nextMonth(std::int64_t month);

/// A language -> text map as stored (a JSON object), and back; what is not a string is left out.
std::string textsJson(const std::map<std::string, std::string>& texts);
std::map<std::string, std::string> textsFrom(const std::string& stored);

/// SQL text "?,?,...,?" with `n` marks.
std::string marks(std::size_t n);

/// SQL text "?,?,...,?" with `n` placeholders numbered from `first`.
std::string placeholders(std::size_t n, int first);

} // namespace wardvoice::aggregator::rows
