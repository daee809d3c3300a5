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
#include <utility>
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

/// Staff roles: an admin runs the system, a panel chair sees every ward, a ward manager only
/// the wards assigned.
enum class Role { Admin, PanelChair, WardManager };
std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view s);

struct UserRecord {
    std::string name;
    Role role = Role::WardManager;
    std::vector<std::string> wards; ///< a ward manager's wards; empty for other roles
    std::string passwordHash;       ///< Argon2id, libsodium's encoded form
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> disabledAt;
};

struct SessionRecord {
    std::string userName;
    std::string csrfToken;
    std::int64_t expiresAt = 0;
};

struct AuditEntry {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::string userName;
    std::string action; ///< e.g. "view_themes", "export_agenda", "login"
    std::string detail; ///< what was looked at: ward, period, format
};

/// Agenda item lifecycle: proposed -> on_agenda -> action_agreed -> done.
inline constexpr const char* kAgendaStatuses[] = {"proposed", "on_agenda", "action_agreed", "done"};

struct AgendaAction {
    std::int64_t at = 0;
    std::string userName;
    std::string status; ///< the status the item moved to
    std::string note;
};

struct AgendaItem {
    std::int64_t id = 0;
    std::string title;
    std::string status = "proposed";
    std::string since; ///< the period the evidence covers, YYYY-MM-DD
    std::string until;
    std::string evidence; ///< JSON: counts, trend, example comments, wards, category
    std::string createdBy;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::vector<AgendaAction> actions;
};

/// A "you said, we did" message shown on the kiosks of its wards until it expires.
struct YouSaidWeDid {
    std::int64_t id = 0;
    std::string text;
    std::vector<std::string> wards;
    std::optional<std::int64_t> agendaItemId;
    std::string createdBy;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
};

/// How the group commit has been doing since the store opened.
struct IngestStats {
    std::uint64_t requests = 0; ///< ingest() calls that reached a transaction
    std::uint64_t groups = 0;   ///< transactions they shared
    std::uint64_t flushes = 0;  ///< WAL flushes those transactions shared
};

class Store {
public:
    static common::Result<Store> open(const std::string& path);
    /// open(), creating the file's folder first (for the command line's --db).
    static common::Result<Store> openCreatingFolder(const std::string& path);

    Store(Store&& other) noexcept
        : m_db(std::move(other.m_db)), m_reader(std::move(other.m_reader)),
          m_syncWal(other.m_syncWal), m_walFd(std::exchange(other.m_walFd, -1)) {}
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

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

    IngestStats ingestStats();

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

    /// Highest submission sequence number: changes whenever a submission is stored.
    common::Result<std::int64_t> lastSubmissionSeq();

    /// Every ward known from kiosks or submissions, sorted.
    common::Result<std::vector<std::string>> listWards();

    // Staff (store/staff.cpp). Names are unique; "exists" and "not_found" are the expected
    // failures.
    common::Status addUser(const UserRecord& user);
    common::Result<std::vector<UserRecord>> listUsers();
    common::Result<std::optional<UserRecord>> findUser(const std::string& name);
    /// Disables a user and revokes every session of theirs.
    common::Status disableUser(const std::string& name, std::int64_t now);

    common::Status addSession(const std::string& tokenHash, const SessionRecord& session,
                              std::int64_t now);
    /// The live session (not revoked, not expired, user not disabled) for a token hash.
    common::Result<std::optional<SessionRecord>> findSession(const std::string& tokenHash,
                                                             std::int64_t now);
    common::Status revokeSession(const std::string& tokenHash, std::int64_t now);

    common::Status audit(std::int64_t at, const std::string& userName, const std::string& action,
                         const std::string& detail);
    /// Newest first, at most `limit`.
    common::Result<std::vector<AuditEntry>> listAudit(std::size_t limit);

    common::Result<std::int64_t> addAgendaItem(const AgendaItem& item);
    /// Items whose period overlaps [since, until) (YYYY-MM-DD, empty = open), with actions.
    common::Result<std::vector<AgendaItem>> listAgendaItems(const std::string& since,
                                                            const std::string& until);
    common::Result<std::optional<AgendaItem>> findAgendaItem(std::int64_t id);
    /// Moves an item to `status` and records who, when and why.
    common::Status recordAgendaAction(std::int64_t id, const AgendaAction& action);

    common::Result<std::int64_t> addMessage(const YouSaidWeDid& message);
    /// Messages for `ward` (empty: all) that have not expired at `now` (0: include expired).
    common::Result<std::vector<YouSaidWeDid>> listMessages(const std::string& ward,
                                                           std::int64_t now);

    /// Saved theme state (engine JSON) for a scope such as "ward-7|all", or none.
    common::Result<std::optional<std::string>> themeState(const std::string& scope);
    common::Status saveThemeState(const std::string& scope, const std::string& state,
                                  std::int64_t now);

private:
    struct PendingIngest {
        const std::string* kioskId;
        const std::vector<common::Submission>* submissions;
        std::int64_t receivedAt;
        common::Result<common::wire::BatchResult> result;
        bool done = false;
        std::uint64_t ticket = 0;     ///< number of the group it was written in
        std::condition_variable wake; ///< its turn to lead, or its state changed
    };
    explicit Store(common::db::Database db) : m_db(std::move(db)) {}
    /// The single integer a one-row query returns.
    common::Result<std::int64_t> scalar(const char* sql);
    void commitGroup(const std::vector<PendingIngest*>& group);
    /// fdatasync of the WAL file: every transaction committed before the call is durable after.
    common::Status syncWal();
    common::Status insertRequest(common::db::Statement& insert, common::db::Statement& touch,
                                 const PendingIngest& request, common::wire::BatchResult& result);

    common::db::Database m_db;
    std::mutex m_mutex; ///< guards m_db
    /// Read-only connection for the per-request kiosk look-up (none for ":memory:").
    std::optional<common::db::Database> m_reader;
    std::mutex m_readMutex;                      ///< guards m_reader
    std::mutex m_groupMutex;                     ///< guards the group-commit queue below
    std::vector<PendingIngest*> m_pending;       ///< waiting to be written
    std::vector<PendingIngest*> m_awaitingFlush; ///< written, waiting for a flush
    bool m_leaderActive = false;
    bool m_syncWal = false; ///< a file database: ingest flushes its WAL itself
    int m_walFd = -1;       ///< opened on the first flush
    std::uint64_t m_requests = 0;
    std::uint64_t m_flushes = 0;
    std::uint64_t m_writtenGroups = 0; ///< groups committed (maybe not yet on disk)
    std::uint64_t m_durableGroups = 0; ///< groups known to be on disk
    bool m_syncActive = false;
    bool m_syncBroken = false; ///< a flush failed: no more ingest until restart
    std::string m_syncError;
};

} // namespace wardvoice::aggregator
