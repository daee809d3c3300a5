// The kiosk's durable queue: every submission is committed here (WAL, synchronous=FULL)
// before the person is thanked, and leaves only when the aggregator has it.
#pragma once

#include "common/model.hpp"
#include "common/result.hpp"
#include "common/sqlite.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::kiosk {

/// Where the flow puts a finished submission. The outbox is the real one; tests may count calls.
class SubmissionSink {
public:
    virtual ~SubmissionSink() = default;
    /// Stores durably; only a success means the person may be thanked.
    virtual common::Status store(const common::Submission& submission) = 0;
};

class Outbox final : public SubmissionSink {
public:
    /// Opens (creating) `<dataDir>/outbox.db`.
    static common::Result<Outbox> open(const std::string& dataDir);
    Outbox(Outbox&& other) noexcept : m_db(std::move(other.m_db)) {}

    common::Status store(const common::Submission& submission) override;
    /// Stores several in one transaction: all or none.
    common::Status storeAll(const std::vector<common::Submission>& submissions);

    /// Oldest first, at most `limit`.
    common::Result<std::vector<common::Submission>> peek(std::size_t limit);
    /// Deletes rows the aggregator has (accepted or duplicate).
    common::Status remove(const std::vector<std::string>& ids);
    /// Moves a refused row to the dead-letter table with the reason.
    common::Status deadLetter(const std::string& id, const std::string& reason);

    common::Result<std::int64_t> depth();
    common::Result<std::int64_t> deadLetterCount();
    /// created_at of the oldest queued row, if any.
    common::Result<std::optional<std::string>> oldestCreatedAt();

private:
    explicit Outbox(common::db::Database db) : m_db(std::move(db)) {}
    common::Status deadLetterLocked(const std::string& id, const std::string& reason);
    common::db::Database m_db;
    std::mutex m_mutex; // the UI thread stores while the sync thread peeks and removes
};

} // namespace wardvoice::kiosk
