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

/// A volunteer's contact, sealed to the aggregator's panel key, waiting for its send time.
struct SealedVolunteer {
    std::string id;     ///< a fresh UUID, unrelated to any submission
    std::string sealed; ///< base64 of the sealed box: the outbox never holds the contact itself
    std::int64_t sendAfter = 0; ///< Unix seconds: not sent before
};

/// Where the flow puts a volunteer's typed record: sealed before it is stored (main.cpp).
class VolunteerSink {
public:
    virtual ~VolunteerSink() = default;
    /// Seals `plainJson` and stores it durably; only a success means "thank you for offering".
    virtual common::Status storeVolunteer(const std::string& plainJson) = 0;
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

    /// Volunteers: their own table, never in a submission batch, deleted once delivered.
    common::Status storeVolunteer(const SealedVolunteer& volunteer);
    /// Those due at `now` (Unix seconds) and not refused, soonest first, at most `limit`.
    common::Result<std::vector<SealedVolunteer>> dueVolunteers(std::int64_t now, std::size_t limit);
    common::Status removeVolunteer(const std::string& id);
    /// Tries again at `sendAfter` (the aggregator was unreachable or had no key yet).
    common::Status postponeVolunteer(const std::string& id, std::int64_t sendAfter);
    /// The aggregator will never take it (sealed to a key it no longer has): kept, not resent.
    common::Status refuseVolunteer(const std::string& id, const std::string& reason);
    /// Waiting to be sent (refused ones not counted).
    common::Result<std::int64_t> volunteerDepth();

private:
    explicit Outbox(common::db::Database db) : m_db(std::move(db)) {}
    common::Status deadLetterLocked(const std::string& id, const std::string& reason);
    common::db::Database m_db;
    std::mutex m_mutex; // the UI thread stores while the sync thread peeks and removes
};

} // namespace wardvoice::kiosk
