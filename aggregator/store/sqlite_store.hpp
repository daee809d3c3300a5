// The store on SQLite in WAL mode: one writing connection (ingest's group commit and every other
// change, serialised by a mutex) and a small pool of read-only connections, so that a view's
// reads never wait for the writer nor the writer for them. An in-memory database has one
// connection only.
#pragma once

#include "aggregator/store/store.hpp"
#include "common/safeguarding.hpp"
#include "common/sqlite.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wardvoice::aggregator {

class SqliteStore final : public Store {
public:
    static common::Result<SqliteStore> open(const std::string& path);
    /// open(), creating the file's folder first (for the command line's --db).
    static common::Result<SqliteStore> openCreatingFolder(const std::string& path);
    /// The schema version this program writes (its number of migrations).
    static int schemaVersion();
    void setAnalyser(std::shared_ptr<const IngestAnalyser> analyser) override;
    common::Result<KioskRecord> addKiosk(const std::string& ward, const std::string& name) override;
    common::Result<std::vector<KioskRecord>> listKiosks() override;
    common::Result<std::optional<KioskRecord>> findKiosk(const std::string& kioskId) override;
    common::Status revokeKiosk(const std::string& kioskId, std::int64_t now) override;
    common::Result<common::wire::BatchResult>
    ingest(const std::string& kioskId, const std::vector<common::Submission>& submissions,
           std::int64_t receivedAt) override;
    IngestStats ingestStats() override;
    common::Status recordHeartbeat(const std::string& kioskId, const Heartbeat& beat,
                                   std::int64_t now) override;
    common::Status touchKiosk(const std::string& kioskId, std::int64_t now) override;
    common::Status forEachSubmission(std::optional<std::int64_t> since,
                                     std::optional<std::int64_t> until,
                                     const std::function<void(const StoredSubmission&)>& visit,
                                     const std::string& ward = {}) override;
    common::Result<std::int64_t> countSubmissions() override;
    common::Status backupTo(const std::string& target) override;
    common::Result<std::int64_t> lastSubmissionSeq() override;
    common::Result<std::int64_t> indexForSearch(std::size_t limit) override;
    common::Result<std::vector<std::string>> listWards() override;
    common::Status setWardName(const std::string& ward, const std::string& name,
                               std::int64_t now) override;
    common::Result<std::map<std::string, std::string>> wardNames() override;
    common::Result<std::map<std::string, WardDayTotals>>
    wardTotals(const std::vector<std::string>& wards, std::int64_t since,
               std::int64_t until) override;
    common::Result<SubmissionPage> submissionPage(const SubmissionQuery& query) override;
    common::Result<std::vector<ThemeWardCounts>>
    themeWardCounts(const ThemeRollupQuery& query, std::int64_t lastWeekFromDay) override;
    common::Result<std::vector<ThemeSliceCounts>>
    themeSliceCounts(const ThemeRollupQuery& query, int slices,
                     std::int64_t periodFromDay) override;
    common::Result<std::vector<ThemeExample>> themeExamples(const ThemeRollupQuery& query,
                                                            int theme, std::int64_t since,
                                                            std::int64_t until,
                                                            std::size_t limit) override;
    common::Result<std::vector<ThemeModelRecord>> liveThemeModels() override;
    common::Result<std::int64_t>
    addThemeModel(const std::string& state, std::int64_t fittedComments, std::int64_t now) override;
    common::Result<CommentBatch> commentsAfter(std::int64_t afterSeq, std::size_t limit,
                                               std::int64_t model) override;
    common::Result<std::vector<CommentRow>> recentComments(std::size_t limit) override;
    common::Status recordAssignments(std::int64_t model,
                                     const std::vector<ThemeAssignment>& assignments,
                                     std::int64_t fromSeq, std::int64_t throughSeq) override;
    common::Result<bool> activateThemeModel(std::int64_t model, std::int64_t now) override;
    common::Result<std::int64_t> purgeRetiredModels(std::size_t limit) override;
    common::Status addUser(const UserRecord& user) override;
    common::Result<std::vector<UserRecord>> listUsers() override;
    common::Result<std::optional<UserRecord>> findUser(const std::string& name) override;
    common::Status disableUser(const std::string& name, std::int64_t now) override;
    common::Status addSession(const std::string& tokenHash, const SessionRecord& session,
                              std::int64_t now) override;
    common::Result<std::optional<SessionRecord>> findSession(const std::string& tokenHash,
                                                             std::int64_t now) override;
    common::Status revokeSession(const std::string& tokenHash, std::int64_t now) override;
    common::Status audit(std::int64_t at, const std::string& userName, const std::string& action,
                         const std::string& detail) override;
    common::Result<std::vector<AuditEntry>> listAudit(std::size_t limit) override;
    common::Result<std::int64_t> addAgendaItem(const AgendaItem& item) override;
    common::Result<Meeting> addMeeting(const Meeting& meeting) override;
    common::Status updateMeeting(const Meeting& meeting) override;
    common::Result<std::vector<Meeting>> listMeetings() override;
    common::Result<std::optional<Meeting>> findMeeting(std::int64_t id) override;
    common::Result<std::vector<AgendaItem>> meetingItems(std::int64_t meetingId) override;
    common::Result<AddedItem> addMeetingItem(std::int64_t meetingId, const AgendaItem& item,
                                             const std::string& role) override;
    common::Result<AgendaItem> changeAgendaItem(std::int64_t id,
                                                const AgendaChange& change) override;
    common::Status orderMeeting(std::int64_t meetingId,
                                const std::vector<std::int64_t>& itemIds) override;
    common::Result<std::vector<std::int64_t>> meetingsOfItem(std::int64_t id) override;
    common::Result<std::vector<AgendaItem>> listAgendaItems(const std::string& since,
                                                            const std::string& until) override;
    common::Result<std::optional<AgendaItem>> findAgendaItem(std::int64_t id) override;
    common::Status recordAgendaAction(std::int64_t id, const AgendaAction& action) override;
    common::Result<ThemeCorrection> addThemeCorrection(const ThemeCorrection& c) override;
    common::Result<std::vector<ThemeCorrection>> listThemeCorrections() override;
    std::shared_ptr<const ThemeOverlay> themeOverlay() override;
    common::Result<std::optional<int>> themeOf(std::int64_t model, std::int64_t seq) override;
    common::Result<std::optional<StoredSubmission>> findSubmission(const std::string& id) override;
    common::Result<std::vector<CorrectedComment>> correctedComments() override;
    common::Result<std::vector<AlertRecord>> alertsToRoute(std::size_t limit) override;
    common::Status planDeliveries(std::int64_t alertId, const std::vector<AlertDelivery>& plan,
                                  const std::string& action, const std::string& note,
                                  std::int64_t now) override;
    common::Result<std::vector<AlertRecord>> openAlerts(std::int64_t raisedBefore,
                                                        std::size_t limit) override;
    common::Result<std::vector<AlertDelivery>> dueDeliveries(std::int64_t now,
                                                             std::size_t limit) override;
    common::Status recordDeliveryAttempt(std::int64_t deliveryId, bool delivered,
                                         const std::string& error, std::int64_t retryAt,
                                         std::int64_t now) override;
    common::Result<std::int64_t> pendingDeliveries() override;
    common::Result<std::vector<AlertRecord>> listAlerts(const AlertQuery& query) override;
    common::Result<std::optional<AlertRecord>> findAlert(std::int64_t id) override;
    common::Status changeAlert(std::int64_t id, const AlertChange& change) override;
    common::Status addAlertEvent(std::int64_t id, const AlertEvent& event) override;
    common::Result<AlertCounts> alertCounts(const std::vector<std::string>& wards) override;
    common::Result<std::vector<FalseAlarm>> falseAlarms() override;
    common::Result<std::int64_t> rescreen(std::optional<std::int64_t> since,
                                          std::optional<std::int64_t> until,
                                          std::int64_t now) override;
    common::Result<std::int64_t> addMessage(const YouSaidWeDid& message) override;
    common::Result<std::optional<YouSaidWeDid>> findMessage(std::int64_t id) override;
    common::Status updateMessage(const YouSaidWeDid& message) override;
    common::Result<std::vector<YouSaidWeDid>> listMessages(const std::string& ward,
                                                           std::int64_t now) override;
    common::Status setChoices(const std::string& ward, const std::vector<AgendaChoice>& choices,
                              std::int64_t now) override;
    common::Result<std::vector<AgendaChoice>> listChoices(const std::string& ward) override;
    common::Result<std::vector<ChoiceVotes>> choiceVotes() override;
    common::Status setPanelVote(std::int64_t itemId, const std::string& user, bool support,
                                std::int64_t now) override;
    common::Result<std::map<std::int64_t, std::vector<std::string>>> panelVotes() override;
    common::Result<bool> addVolunteer(const PanelVolunteer& v) override;
    common::Result<std::vector<PanelVolunteer>> listVolunteers() override;
    common::Status setVolunteerStatus(const std::string& id, const std::string& status,
                                      const std::string& user) override;
    common::Status deleteVolunteer(const std::string& id) override;
    common::Result<std::int64_t> purgeVolunteers(const std::string& day) override;
    SqliteStore(SqliteStore&& other) noexcept;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;
    ~SqliteStore() override;

private:
    class ReadPool;
    /// A read connection for one view: a pooled read-only connection (for an in-memory database,
    /// the writer's own, held under its mutex for the lease).
    class ReadLease {
    public:
        ReadLease(ReadPool* pool, common::db::Database* db, std::unique_lock<std::mutex> lock)
            : m_pool(pool), m_db(db), m_lock(std::move(lock)) {}
        ReadLease(ReadLease&& other) noexcept
            : m_pool(std::exchange(other.m_pool, nullptr)),
              m_db(std::exchange(other.m_db, nullptr)), m_lock(std::move(other.m_lock)) {}
        ReadLease& operator=(ReadLease&&) = delete;
        ReadLease(const ReadLease&) = delete;
        ReadLease& operator=(const ReadLease&) = delete;
        ~ReadLease();
        common::db::Database& db() const { return *m_db; }

    private:
        ReadPool* m_pool;
        common::db::Database* m_db;
        std::unique_lock<std::mutex> m_lock;
    };
    ReadLease reader();

    /// What the writer keeps in memory of a live model, to extend its assignments at ingest.
    struct LiveModel {
        std::int64_t version = 0;
        std::int64_t assignedThrough = 0;
    };
    common::Status loadLiveModels();            ///< under m_mutex
    LiveModel* liveModel(std::int64_t version); ///< under m_mutex; null when not live
    /// What the rollups need of a stored submission.
    struct RowFacts {
        std::string_view ward;
        std::int64_t createdUnix = 0;
        std::string_view topic;
        common::Respondent respondent = common::Respondent::Patient;
        std::optional<int> rating;
    };
    /// Under m_mutex, in a transaction: the comment's theme under `model` (as the staff's
    /// corrections place it) and its rollup rows (nothing when it already had one).
    common::Status writeTheme(std::int64_t seq, const RowFacts& row,
                              const CommentFindings& findings, std::int64_t model, int theme);
    /// Under m_mutex, in a transaction: adds one comment to (`sign` 1) or takes it from (-1)
    /// the day and month rollups of `theme` under `model`; rows left empty are deleted.
    common::Status countInRollups(const RowFacts& row, const CommentFindings& findings,
                                  std::int64_t model, int theme, int sign);
    /// Under m_mutex: items (with evidence and history) by a WHERE clause on `i` and its
    /// arguments; `meeting` > 0 also reads their place on that meeting's agenda.
    common::Result<std::vector<AgendaItem>> readItems(common::db::Database& db,
                                                      const std::string& where,
                                                      const std::vector<std::string>& args,
                                                      std::int64_t meeting);
    /// Under m_mutex, in a transaction: adds an item to a meeting (see addMeetingItem).
    common::Result<AddedItem> insertMeetingItem(std::int64_t meetingId, const AgendaItem& item,
                                                const std::string& role);
    /// Under m_mutex: reads the corrections into a new overlay.
    common::Status loadOverlay();
    /// Under m_mutex, in a transaction: applies one correction to the stored rows.
    common::Status applyCorrection(const ThemeCorrection& c, const ThemeOverlay& next);
    /// What one group commit has written so far.
    struct IngestContext {
        std::int64_t seqBefore = 0; ///< the highest sequence number before the group
        std::int64_t lastSeq = 0;
        std::int64_t accepted = 0;
        std::vector<bool> gap; ///< per live model: a comment of the group has no theme yet
    };

    struct PendingIngest {
        const std::string* kioskId;
        const std::vector<common::Submission>* submissions;
        std::int64_t receivedAt;
        std::vector<CommentFindings> findings;     ///< one per submission, or empty
        std::vector<common::ScreenResult> screens; ///< one per submission
        common::Result<common::wire::BatchResult> result;
        bool done = false;
        std::uint64_t ticket = 0;     ///< number of the group it was written in
        std::condition_variable wake; ///< its turn to lead, or its state changed
    };
    explicit SqliteStore(common::db::Database db);
    /// The single integer a one-row query returns.
    common::Result<std::int64_t> scalar(const char* sql);
    void commitGroup(const std::vector<PendingIngest*>& group);
    /// Inserts an alert and its "raised" event for submission `seq` (inside the caller's
    /// transaction, on the writer).
    common::Status insertAlert(std::int64_t seq, const common::Submission& s,
                               const common::ScreenResult& screen, std::int64_t now, bool deliver);
    /// fdatasync of the WAL file: every transaction committed before the call is durable after.
    common::Status syncWal();
    common::Status insertRequest(IngestContext& context, const PendingIngest& request,
                                 common::wire::BatchResult& result);

    common::db::Database m_db;
    std::mutex m_mutex;                  ///< guards m_db and the writer's state below
    std::unique_ptr<ReadPool> m_readers; ///< none for ":memory:"
    std::vector<LiveModel> m_liveModels; ///< guarded by m_mutex
    mutable std::mutex m_overlayMutex;
    std::shared_ptr<const ThemeOverlay> m_overlay = ///< guarded by m_overlayMutex; set: m_mutex
        std::make_shared<const ThemeOverlay>();
    std::mutex m_analyserMutex;
    std::shared_ptr<const IngestAnalyser> m_analyser; ///< guarded by m_analyserMutex
    std::mutex m_groupMutex;                          ///< guards the group-commit queue below
    std::vector<PendingIngest*> m_pending;            ///< waiting to be written
    std::vector<PendingIngest*> m_awaitingFlush;      ///< written, waiting for a flush
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
