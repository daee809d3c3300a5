// The aggregator's SQLite storage: schema and migrations, kiosk enrolment, idempotent
// submission ingest, heartbeats, exports and backups. One connection, serialised by a mutex.
#pragma once

#include "common/model.hpp"
#include "common/result.hpp"
#include "common/sqlite.hpp"
#include "common/wire.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

struct KioskRecord {
    std::string kioskId;
    std::string ward;
    std::string name;
    std::string secret;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> revokedAt;
    std::optional<std::int64_t> lastSeenAt;
    std::string version;
    std::optional<std::int64_t> queueDepth;
    std::string oldestQueuedAt;
    std::string lastSyncAt;
    std::optional<std::int64_t> uptimeS;
};

struct Heartbeat {
    std::string version;
    std::int64_t queueDepth = 0;
    std::string oldestQueuedAt; ///< RFC 3339 or empty
    std::string lastSyncAt;     ///< RFC 3339 or empty
    std::int64_t uptimeS = 0;
};

/// A stored submission with what the aggregator added on arrival.
struct StoredSubmission {
    common::Submission submission;
    std::string kioskId;
    std::int64_t receivedAt = 0;
};

class Store {
public:
    static common::Result<Store> open(const std::string& path);

    Store(Store&& other) noexcept : m_db(std::move(other.m_db)) {}
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Enrols a kiosk for `ward`, with a fresh id and 32-byte secret.
    common::Result<KioskRecord> addKiosk(const std::string& ward, const std::string& name);
    common::Result<std::vector<KioskRecord>> listKiosks();
    common::Result<std::optional<KioskRecord>> findKiosk(const std::string& kioskId);
    /// Revokes a kiosk; "not_found" when there is no such kiosk.
    common::Status revokeKiosk(const std::string& kioskId, std::int64_t now);

    /// Stores every submission whose id is new, in one transaction; ids already stored (also
    /// earlier in the same batch) are reported as duplicates. Nothing is stored on failure.
    common::Result<common::wire::BatchResult>
    ingest(const std::string& kioskId, const std::vector<common::Submission>& submissions,
           std::int64_t receivedAt);

    common::Status recordHeartbeat(const std::string& kioskId, const Heartbeat& beat,
                                   std::int64_t now);
    common::Status touchKiosk(const std::string& kioskId, std::int64_t now);

    /// Calls `visit` for each stored submission created in [since, until), oldest first.
    common::Status forEachSubmission(std::optional<std::int64_t> since,
                                     std::optional<std::int64_t> until,
                                     const std::function<void(const StoredSubmission&)>& visit);
    common::Result<std::int64_t> countSubmissions();

    /// Online backup (SQLite backup API) to `target`, consistent even while serving.
    common::Status backupTo(const std::string& target);

private:
    struct PendingIngest {
        const std::string* kioskId;
        const std::vector<common::Submission>* submissions;
        std::int64_t receivedAt;
        common::Result<common::wire::BatchResult> result;
        bool done;
    };
    explicit Store(common::db::Database db) : m_db(std::move(db)) {}
    void commitGroup(const std::vector<PendingIngest*>& group);
    common::Status insertRequest(common::db::Statement& insert, common::db::Statement& touch,
                                 const PendingIngest& request, common::wire::BatchResult& result);

    common::db::Database m_db;
    std::mutex m_mutex;      ///< guards m_db
    std::mutex m_groupMutex; ///< guards the group-commit queue below
    std::condition_variable m_groupDone;
    std::vector<PendingIngest*> m_pending;
    bool m_leaderActive = false;
};

} // namespace wardvoice::aggregator
