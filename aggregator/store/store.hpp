// The aggregator's storage, as the rest of the aggregator sees it: kiosk enrolment, idempotent
// submission ingest with its rollups, the stored theme models and their assignments, the views'
// reads, staff, agenda, messages, heartbeats, exports and backups. This interface is the only
// way to the aggregator's data (no SQL outside store/): SqliteStore (sqlite_store.hpp) is the
// implementation today; a second backend implements the same interface.
#pragma once

#include "common/model.hpp"
#include "common/result.hpp"
#include "common/wire.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    std::int64_t seq = 0;         ///< order of arrival
    std::int64_t createdUnix = 0; ///< createdAt as Unix time
    // What the comment model found (and staff corrected), filled by the comments view only.
    std::optional<int> category;       ///< index into the comment model's category names
    std::optional<int> sentimentClass; ///< 0 positive, 1 neutral or mixed, 2 negative
    std::optional<int> theme;          ///< under the query's theme model
    bool complex = false;              ///< over 50 words or 3+ categories
};

/// A comment is "complex" (read in full, not only through its theme) when it runs over this
/// many words or touches this many framework categories.
inline constexpr std::size_t kComplexWords = 50;
inline constexpr int kComplexCategories = 3;
/// Words of a comment, as separated by white space.
std::size_t wordCount(std::string_view text);
bool isComplexComment(std::string_view text, int categoryCount);

/// A staff correction of the themes engine. Theme ids are stable across refits, so a
/// correction keeps its effect on every later model: renamed labels, merged themes and moved
/// comments are applied whenever a comment's theme is written.
enum class CorrectionKind { Rename, Merge, Move, Category, Sentiment };
std::string_view toString(CorrectionKind kind);
std::optional<CorrectionKind> correctionKindFromString(std::string_view s);

struct ThemeCorrection {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::string userName;
    CorrectionKind kind = CorrectionKind::Rename;
    int theme = 0; ///< rename, merge: the theme; move: the comment's before
    /// merge: the theme it goes into; move: the comment's new theme; category: the category's
    /// index; sentiment: the side (0 positive, 1 neutral, 2 negative)
    int target = 0;
    std::int64_t seq = 0;       ///< move, category, sentiment: the comment (0 otherwise)
    std::string submissionId;   ///< the same comment's id (filled when read)
    std::string ward;           ///< the comment's ward (filled when read)
    std::string value;          ///< rename: the label; category: its name; sentiment: the side
    std::string before;         ///< what it was (label, category name, side)
    std::string targetLabel;    ///< merge, move: the target's label when it was made
    std::string targetCategory; ///< and its category
    std::string note;
};

/// What the corrections say, resolved: kept in memory by the store, read by the views.
struct ThemeOverlay {
    std::uint64_t generation = 0;      ///< changes with every correction
    std::map<int, std::string> labels; ///< renamed themes
    std::map<int, int> mergedInto;     ///< merged theme -> the theme it went into (direct)
    std::map<std::int64_t, int> moved; ///< comment (seq) -> the theme staff put it in
    /// Labels and categories of themes that corrections name, for when a refit lost them.
    std::map<int, std::pair<std::string, std::string>> known;

    /// The theme a comment placed in `theme` counts under (merges followed to their end).
    int resolve(int theme) const;
    /// The theme comment `seq`, placed in `theme` by a model, counts under.
    int place(std::int64_t seq, int theme) const;
};

/// Sides of sentiment as staff name them.
std::string_view sideName(int sentimentClass);
std::optional<int> sideFromName(std::string_view name);

/// What the themes service found in one comment, stored with it at ingest (or later, by the
/// background job, when ingest could not).
struct CommentFindings {
    bool analysed = false;  ///< category and sentiment below are set
    int category = -1;      ///< index into the comment model's category names
    double sentiment = 0;   ///< in [-1, 1]
    int sentimentClass = 1; ///< 0 positive, 1 neutral or mixed, 2 negative
    int categoryCount = 0;  ///< framework categories the comment touches (positive margins)
    /// The comment's theme under each theme model the service knew: (model version, theme id).
    std::vector<std::pair<std::int64_t, int>> themes;
};

/// Called by ingest with a batch before it is written (outside every lock): one finding per
/// submission, in order (an empty answer means none).
using IngestAnalyser =
    std::function<std::vector<CommentFindings>(const std::vector<common::Submission>&)>;

/// A fitted theme model as stored: `state` is the engine's JSON (themes, labels, signatures).
/// A model is "building" while its assignments are written, then "active" (the one views read),
/// then "retired" when a newer one replaces it.
struct ThemeModelRecord {
    std::int64_t version = 0;
    std::string status;
    std::string state;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> activatedAt;
    std::int64_t fittedComments = 0;
    /// Every comment with a sequence number up to this one has its theme under this model.
    std::int64_t assignedThrough = 0;
};

/// A comment as the background theme job reads it.
struct CommentRow {
    std::int64_t seq = 0;
    std::string comment;
    std::optional<int> rating;
    common::Topic topic = common::Topic::General;
    CommentFindings findings; ///< `analysed` false when ingest had no analyser
    bool assigned = false;    ///< already has its theme under the model asked about
};

/// Comments for the background theme job, and how far they reach.
struct CommentBatch {
    std::vector<CommentRow> rows;
    std::int64_t throughSeq = 0; ///< every submission up to this one was looked at
};

/// The background job's answer for one comment under one model.
struct ThemeAssignment {
    std::int64_t seq = 0;
    int theme = 0;
    CommentFindings findings; ///< category and sentiment (stored when the row has none yet)
};

/// Rollup sums of one theme on one ward over a period (views/themes).
struct ThemeWardCounts {
    int theme = 0;
    std::string ward;
    std::int64_t comments = 0;
    std::int64_t rated = 0;
    std::int64_t ratingSum = 0;
    std::int64_t negative = 0;
    double sentimentSum = 0;
    std::int64_t lastWeek = 0; ///< of them, in the period's last 7 days
    std::int64_t positive = 0;
    std::int64_t neutral = 0;
};

/// A recent comment of a theme and its sentiment class (0 positive, 1 neutral, 2 negative).
struct ThemeExample {
    std::string text;
    int side = 1;
};

/// Comments of one theme in one slice of a window of days (sparklines and the earlier periods).
struct ThemeSliceCounts {
    int theme = 0;
    int slice = 0;
    bool beforePeriod = false;
    std::int64_t comments = 0;
    std::int64_t firstDay = 0; ///< the earliest day with a comment in this cell
};

/// What the views ask of the theme rollups: model, wards, topic and days [fromDay, untilDay).
struct ThemeRollupQuery {
    std::int64_t model = 0;
    std::vector<std::string> wards;
    std::optional<common::Topic> topic;
    std::int64_t fromDay = 0;
    std::int64_t untilDay = 0;
};

/// FFT answers of a ward: counts of ratings 1..6 and the total; and its comments.
struct WardDayTotals {
    std::array<std::int64_t, 6> answers{};
    std::int64_t total = 0;    ///< answers 1..6
    std::int64_t comments = 0; ///< submissions with a comment
    std::int64_t assisted = 0; ///< submissions someone helped the person give
};

/// A page of the comments view: filters, newest first, keyset paging.
struct SubmissionQuery {
    std::vector<std::string> wards;
    std::optional<common::Topic> topic;
    std::optional<common::Respondent> respondent;
    std::int64_t since = 0; ///< created in [since, until)
    std::int64_t until = 0;
    std::string search;       ///< case-insensitive substring of the comment (ASCII folding)
    std::optional<int> theme; ///< with `themeModel`: only this theme's comments
    std::int64_t themeModel = 0;
    std::string before; ///< a submission id: only rows older than it
    std::size_t limit = 200;
    bool complexOnly = false; ///< only comments over 50 words or of 3+ categories
};

struct SubmissionPage {
    std::vector<StoredSubmission> rows;
    std::int64_t total = 0;     ///< every row the filters match (before paging)
    std::string nextBefore;     ///< pass as `before` for the next page; empty at the end
    bool unknownBefore = false; ///< `before` named no stored submission
};

/// Staff roles: an admin runs the system, a panel chair sees every ward, a ward manager only
/// the wards assigned.
/// `panel_member`: a patient or carer on the advisory panel, who sees the meetings only.
enum class Role { Admin, PanelChair, WardManager, PanelMember };
std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view s);

struct UserRecord {
    std::string name;
    Role role = Role::WardManager;
    /// A ward manager's wards; a panel member's panel's wards (none: every ward); else empty.
    std::vector<std::string> wards;
    std::string passwordHash; ///< Argon2id, libsodium's encoded form
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> disabledAt;
};

struct SessionRecord {
    std::string userName;
    std::string csrfToken;
    std::int64_t expiresAt = 0;
    /// The session ends after this many seconds without a request (0: only at expiresAt).
    std::int64_t idleSeconds = 0;
};

struct AuditEntry {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::string userName;
    std::string action; ///< e.g. "view_themes", "export_agenda", "login"
    std::string detail; ///< what was looked at: ward, period, format
};

/// Safeguarding alerts (store/alerts.cpp). An alert is raised by ingest in the transaction
/// that stores its submission; its life: open -> acknowledged -> resolved (resolving needs a
/// note, and may mark it a false alarm).
inline constexpr const char* kAlertStatuses[] = {"open", "acknowledged", "resolved"};

/// One line of an alert's history: raised, routed, delivered, delivery_failed, escalated,
/// unrouted, viewed, acknowledged, resolved.
struct AlertEvent {
    std::int64_t at = 0;
    std::string actor; ///< a staff user's name, or "system"
    std::string action;
    std::string note;
};

struct AlertRecord {
    std::int64_t id = 0;
    std::int64_t submissionSeq = 0;
    std::string submissionId;
    std::string ward;
    std::string concern; ///< self_harm, harm_abuse, neglect_unsafe, complaint_intent
    std::string reason;  ///< the words that raised it
    std::int64_t createdAt = 0;
    std::string status;
    bool falseAlarm = false;
    bool deliver = true; ///< false: raised by a re-screen of old feedback, shown but not sent
    std::vector<AlertEvent> history;
    // Read only by findAlert (the comment is shown after sign-in, never sent):
    std::string comment;
    std::string topic;
    std::string language;
    std::optional<int> rating;
    std::string submittedAt;
};

struct AlertQuery {
    std::optional<std::string> status; ///< one of kAlertStatuses, or every status
    std::vector<std::string> wards;    ///< the wards the caller may see
    std::size_t limit = 200;
};

struct AlertCounts {
    std::int64_t open = 0;
    std::int64_t unresolved = 0;
};

/// A message about an alert to one recipient, queued until it is delivered.
struct AlertDelivery {
    std::int64_t id = 0;
    std::int64_t alertId = 0;
    std::string stage;   ///< "first" or "escalation"
    int route = 0;       ///< index of the [[alerts.route]] that chose it
    std::string channel; ///< "email" or "webhook"
    std::string target;  ///< an e-mail address or a URL
    std::int64_t dueAt = 0;
    int attempts = 0;
    std::string lastError;
    // Of its alert, read by dueDeliveries for the message:
    std::string ward;
    std::string concern;
    std::int64_t raisedAt = 0;
};

/// A change to an alert made by staff.
struct AlertChange {
    std::string status; ///< "acknowledged" or "resolved"
    std::string note;
    bool falseAlarm = false;
    std::string actor;
    std::int64_t at = 0;
};

/// A resolved alert marked as a false alarm, for improving the screen.
struct FalseAlarm {
    std::int64_t alertId = 0;
    std::string ward;
    std::string concern;
    std::string reason;
    std::string comment;
    std::optional<int> rating;
    std::string language;
    std::int64_t createdAt = 0;
    std::string note;
};

/// Agenda item lifecycle: proposed -> on_agenda -> action_agreed -> in_progress -> done, or
/// dropped (with a reason) at any point. Items neither done nor dropped are open: they carry
/// into the next meeting.
inline constexpr const char* kAgendaStatuses[] = {"proposed",    "on_agenda", "action_agreed",
                                                  "in_progress", "done",      "dropped"};
bool isAgendaStatus(std::string_view status);
bool isOpenStatus(std::string_view status);

/// One step of an item's history: who, when, in what role, what changed and why.
struct AgendaAction {
    std::int64_t at = 0;
    std::string userName;
    std::string status; ///< the item's status after it
    std::string note;
    std::string role;           ///< the author's role when it was made
    std::string changes = "{}"; ///< JSON object: field -> [before, after]
};

/// What the themes said of an item's theme(s) when it was added, or added to again.
struct AgendaEvidence {
    std::int64_t at = 0;
    std::string since; ///< the period it covers, YYYY-MM-DD, until exclusive
    std::string until;
    std::string evidence; ///< JSON: counts, trend, negative share, example comments, wards
};

struct AgendaItem {
    std::int64_t id = 0;
    std::string title;
    std::string status = "proposed";
    std::string since; ///< the period the first evidence covers, YYYY-MM-DD
    std::string until;
    std::string evidence; ///< JSON: the newest evidence
    std::string createdBy;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::vector<AgendaAction> actions;
    std::string kind = "theme";       ///< "theme" (one or several merged) or "free"
    std::vector<std::int64_t> themes; ///< theme ids (stable across refits)
    std::vector<std::string> wards;   ///< the wards it touches
    std::string description;          ///< a free item's words
    std::string owner;
    std::string dueOn;  ///< YYYY-MM-DD or ""
    std::string action; ///< the latest agreed action
    std::optional<std::int64_t> closedAt;
    std::vector<AgendaEvidence> evidenceHistory; ///< oldest first: the first is from when added
    /// The patients' votes where a ward's kiosks offer it as a choice, in words ("ward-7:
    /// 1st of 3, 41% of 212 votes"); filled by the staff API for its answers and exports.
    std::vector<std::string> priorities;
    // as listed in one meeting
    std::int64_t position = 0;
    bool carried = false; ///< came from an earlier meeting unfinished
};

/// A panel meeting.
struct Meeting {
    std::int64_t id = 0;
    std::string heldOn; ///< YYYY-MM-DD
    std::string title;
    std::vector<std::string> attendees; ///< names or roles, free text
    std::string createdBy;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::int64_t items = 0; ///< on its agenda (filled by listMeetings)
    std::int64_t open = 0;  ///< of them, neither done nor dropped
};

/// A change to an item: the fields given are set; the history says what each was.
struct AgendaChange {
    std::optional<std::string> title;
    std::optional<std::string> status;
    std::optional<std::string> owner;
    std::optional<std::string> dueOn;
    std::optional<std::string> action;
    std::string note;
    std::string userName;
    std::string role;
    std::int64_t at = 0;
};

/// What adding a theme item to a meeting did.
struct AddedItem {
    std::int64_t id = 0;
    bool linked = false; ///< the theme was open on the agenda already: its new evidence was added
};

/// An agenda item a ward's kiosks offer patients as a choice ("which should the ward work on
/// first?"), with its patient-facing title per kiosk language ("en" always). Open until the
/// chair takes it off or the item is done or dropped.
struct AgendaChoice {
    std::string ward;
    std::int64_t itemId = 0;
    std::map<std::string, std::string> titles;
    /// What the ward is doing about it, for patients, per kiosk language (empty: the item's
    /// agreed action, in English).
    std::map<std::string, std::string> doing;
    std::string openedBy;
    std::int64_t openedAt = 0;
    std::optional<std::int64_t> closedAt;
    std::string itemStatus; ///< the item's status (filled when read)
    std::string itemAction; ///< the item's agreed action (filled when read)
    std::optional<std::int64_t> itemClosedAt;
    bool open() const { return !closedAt && itemStatus != "done" && itemStatus != "dropped"; }
};

/// Votes for one item from one ward, all time: `byWeek` maps the Monday a week starts on
/// (YYYY-MM-DD) to its votes.
struct ChoiceVotes {
    std::string ward;
    std::int64_t itemId = 0;
    std::int64_t votes = 0;
    std::map<std::string, std::int64_t> byWeek;
};

/// Someone who offered at a kiosk to join the patient and carer panel: their contact, sealed
/// to the panel key, and nothing else about them (no time finer than the day).
struct PanelVolunteer {
    std::string id; ///< the kiosk's UUID for the record (stored once)
    std::string ward;
    std::string day;            ///< YYYY-MM-DD it arrived
    std::string sealed;         ///< base64 of crypto_box_seal({"name", "contact", "best_time"})
    std::string status = "new"; ///< new, contacted, joined or declined
    std::string updatedBy;
};

/// A "you said, we did" message shown on the kiosks of its wards until it expires or is
/// withdrawn.
struct YouSaidWeDid {
    std::int64_t id = 0;
    std::string text;                         ///< English, and every language without its own
    std::map<std::string, std::string> texts; ///< kiosk language -> its text, besides English
    std::vector<std::string> wards;
    std::optional<std::int64_t> agendaItemId;
    std::string createdBy;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    std::optional<std::int64_t> withdrawnAt;
    std::string updatedBy; ///< who last edited or withdrew it; empty when never
    std::optional<std::int64_t> updatedAt;
};

/// How the group commit has been doing since the store opened.
struct IngestStats {
    std::uint64_t requests = 0; ///< ingest() calls that reached a transaction
    std::uint64_t groups = 0;   ///< transactions they shared
    std::uint64_t flushes = 0;  ///< WAL flushes those transactions shared
};

class Store {
public:
    virtual ~Store() = default;

    /// Ingest calls `analyser` for each batch and stores what it found with the rows; without one
    /// rows are stored unanalysed (the theme job analyses them later).
    /// Ingest holds a reference while it calls it: once the owner's own reference is the only
    /// one left after setAnalyser(nullptr), no call is in progress.
    virtual void setAnalyser(std::shared_ptr<const IngestAnalyser> analyser) = 0;

    /// Enrols a kiosk for `ward`, with a fresh id and 32-byte secret.
    virtual common::Result<KioskRecord> addKiosk(const std::string& ward,
                                                 const std::string& name) = 0;
    virtual common::Result<std::vector<KioskRecord>> listKiosks() = 0;
    virtual common::Result<std::optional<KioskRecord>> findKiosk(const std::string& kioskId) = 0;
    /// Revokes a kiosk; "not_found" when there is no such kiosk.
    virtual common::Status revokeKiosk(const std::string& kioskId, std::int64_t now) = 0;

    /// Stores every submission whose id is new, in one transaction; ids already stored (also
    /// earlier in the same batch) are reported as duplicates. Nothing is stored on failure.
    virtual common::Result<common::wire::BatchResult>
    ingest(const std::string& kioskId, const std::vector<common::Submission>& submissions,
           std::int64_t receivedAt) = 0;

    virtual IngestStats ingestStats() = 0;

    virtual common::Status recordHeartbeat(const std::string& kioskId, const Heartbeat& beat,
                                           std::int64_t now) = 0;
    virtual common::Status touchKiosk(const std::string& kioskId, std::int64_t now) = 0;

    /// Calls `visit` for each stored submission created in [since, until) (of `ward` only
    /// when given), oldest first, on a read connection.
    virtual common::Status
    forEachSubmission(std::optional<std::int64_t> since, std::optional<std::int64_t> until,
                      const std::function<void(const StoredSubmission&)>& visit,
                      const std::string& ward = {}) = 0;
    /// Submissions stored (a counter kept by ingest: no scan).
    virtual common::Result<std::int64_t> countSubmissions() = 0;

    /// A consistent copy of the whole database at `target`, taken in one read transaction
    /// (VACUUM INTO) so that it finishes at any write rate; written under a temporary name and
    /// renamed only after its integrity check passes, so `target` is never a partial file.
    virtual common::Status backupTo(const std::string& target) = 0;

    /// Adds the comments of up to `limit` submissions the search index has not reached yet to it,
    /// in one transaction (the background worker's job); returns how many submissions it went
    /// over (0 when the index is up to date).
    virtual common::Result<std::int64_t> indexForSearch(std::size_t limit) = 0;

    /// Highest submission sequence number: changes whenever a submission is stored.
    virtual common::Result<std::int64_t> lastSubmissionSeq() = 0;

    /// Every ward known from kiosks or submissions, sorted.
    virtual common::Result<std::vector<std::string>> listWards() = 0;
    /// Gives `ward` the display name staff know it by ("Ward 7, elderly care"), making the ward
    /// known if it was not; an empty name goes back to showing the ward's id.
    virtual common::Status setWardName(const std::string& ward, const std::string& name,
                                       std::int64_t now) = 0;
    /// The display name of every ward that has one.
    virtual common::Result<std::map<std::string, std::string>> wardNames() = 0;

    // Views (store/views.cpp), all on read connections.

    /// FFT answers and comments per ward, for submissions created in [since, until) (whole
    /// UTC days: the times are rounded down to their day).
    virtual common::Result<std::map<std::string, WardDayTotals>>
    wardTotals(const std::vector<std::string>& wards, std::int64_t since, std::int64_t until) = 0;
    /// A page of submissions, newest first.
    virtual common::Result<SubmissionPage> submissionPage(const SubmissionQuery& query) = 0;
    /// Per theme and ward: the rollup sums over the query's days; `lastWeekFromDay` marks the
    /// days counted in `lastWeek`.
    virtual common::Result<std::vector<ThemeWardCounts>>
    themeWardCounts(const ThemeRollupQuery& query, std::int64_t lastWeekFromDay) = 0;
    /// Per theme: comments in each of `slices` equal slices of the query's days, and whether the
    /// slice's days come before `periodFromDay`.
    virtual common::Result<std::vector<ThemeSliceCounts>>
    themeSliceCounts(const ThemeRollupQuery& query, int slices, std::int64_t periodFromDay) = 0;
    /// The newest comments of one theme created in [since, until), at most `limit`, each with
    /// its sentiment class.
    virtual common::Result<std::vector<ThemeExample>> themeExamples(const ThemeRollupQuery& query,
                                                                    int theme, std::int64_t since,
                                                                    std::int64_t until,
                                                                    std::size_t limit) = 0;

    // Theme models (store/theme_models.cpp).

    /// The active model and the one being built, if any (without retired ones).
    virtual common::Result<std::vector<ThemeModelRecord>> liveThemeModels() = 0;
    /// Stores a newly fitted model as "building" (a model still building before it is retired).
    virtual common::Result<std::int64_t>
    addThemeModel(const std::string& state, std::int64_t fittedComments, std::int64_t now) = 0;
    /// Comments with a sequence number above `afterSeq`, oldest first, at most `limit`, marked
    /// whether they already have a theme under `model`; `throughSeq` is how far that reaches
    /// (the last submission of all when fewer than `limit` came back).
    virtual common::Result<CommentBatch> commentsAfter(std::int64_t afterSeq, std::size_t limit,
                                                       std::int64_t model) = 0;
    /// The newest comments (at most `limit`) to fit a model on, oldest first.
    virtual common::Result<std::vector<CommentRow>> recentComments(std::size_t limit) = 0;
    /// Writes the themes of comments under `model` (those it already has are left alone) with
    /// their rollups, in one transaction, and records that every comment up to `throughSeq`
    /// is assigned when the rows before them were.
    virtual common::Status recordAssignments(std::int64_t model,
                                             const std::vector<ThemeAssignment>& assignments,
                                             std::int64_t fromSeq, std::int64_t throughSeq) = 0;
    /// Makes `model` the active one when every comment has its theme (false when not yet).
    virtual common::Result<bool> activateThemeModel(std::int64_t model, std::int64_t now) = 0;
    /// Deletes up to `limit` rows of retired models' assignments and rollups; returns how many
    /// went (0 when nothing is left).
    virtual common::Result<std::int64_t> purgeRetiredModels(std::size_t limit) = 0;

    // Staff corrections of the themes (store/corrections.cpp).

    /// Records a correction with its audit line and applies it to every live model's
    /// assignments and rollups (and, for category and sentiment, to the comment) in one
    /// transaction. Expected failures: "not_found" (no such comment), "no_comment".
    virtual common::Result<ThemeCorrection> addThemeCorrection(const ThemeCorrection& c) = 0;
    /// Every correction, oldest first (with the comment's id and ward where there is one).
    virtual common::Result<std::vector<ThemeCorrection>> listThemeCorrections() = 0;
    /// The corrections resolved (a snapshot; never null).
    virtual std::shared_ptr<const ThemeOverlay> themeOverlay() = 0;
    /// The theme of comment `seq` under `model`, if it has one.
    virtual common::Result<std::optional<int>> themeOf(std::int64_t model, std::int64_t seq) = 0;
    /// A stored submission by its id (with its sequence number and what the model found).
    virtual common::Result<std::optional<StoredSubmission>>
    findSubmission(const std::string& id) = 0;
    /// Comments staff corrected, with their category and side as they stand now: what
    /// `train --corrections` adds to the training data.
    struct CorrectedComment {
        std::string text;
        std::optional<int> rating;
        std::optional<int> category; ///< as stored (the comment model's index)
        std::string categoryName;    ///< the category staff named (empty: not corrected)
        std::optional<int> sentimentClass;
        bool categoryCorrected = false;
        bool sentimentCorrected = false;
    };
    virtual common::Result<std::vector<CorrectedComment>> correctedComments() = 0;

    // Staff (store/staff.cpp). Names are unique; "exists" and "not_found" are the expected
    // failures.
    virtual common::Status addUser(const UserRecord& user) = 0;
    virtual common::Result<std::vector<UserRecord>> listUsers() = 0;
    virtual common::Result<std::optional<UserRecord>> findUser(const std::string& name) = 0;
    /// Disables a user and revokes every session of theirs.
    virtual common::Status disableUser(const std::string& name, std::int64_t now) = 0;

    virtual common::Status addSession(const std::string& tokenHash, const SessionRecord& session,
                                      std::int64_t now) = 0;
    /// The live session (not revoked, not expired, not idle too long, user not disabled) for a
    /// token hash; finding it counts as using it.
    virtual common::Result<std::optional<SessionRecord>> findSession(const std::string& tokenHash,
                                                                     std::int64_t now) = 0;
    virtual common::Status revokeSession(const std::string& tokenHash, std::int64_t now) = 0;

    virtual common::Status audit(std::int64_t at, const std::string& userName,
                                 const std::string& action, const std::string& detail) = 0;
    /// Newest first, at most `limit`.
    virtual common::Result<std::vector<AuditEntry>> listAudit(std::size_t limit) = 0;

    /// Adds an item to the agenda of the meeting due next (held on or after the item's day;
    /// one is created when there is none): addMeetingItem of that meeting.
    virtual common::Result<std::int64_t> addAgendaItem(const AgendaItem& item) = 0;

    // Panel meetings (store/meetings.cpp). Expected failures: "not_found", "bad_order".

    /// A new meeting; every open item of an earlier meeting is carried onto its agenda.
    virtual common::Result<Meeting> addMeeting(const Meeting& meeting) = 0;
    virtual common::Status updateMeeting(const Meeting& meeting) = 0;
    /// Every meeting, newest first, with its item counts.
    virtual common::Result<std::vector<Meeting>> listMeetings() = 0;
    virtual common::Result<std::optional<Meeting>> findMeeting(std::int64_t id) = 0;
    /// A meeting's agenda in its order, each item with its evidence and history.
    virtual common::Result<std::vector<AgendaItem>> meetingItems(std::int64_t meetingId) = 0;
    /// Adds an item to a meeting's agenda (and to every later meeting's, as it is open). A theme
    /// item whose theme is already open on the agenda is not added again: the evidence joins the
    /// open item, which is put on this meeting's agenda if it was not.
    virtual common::Result<AddedItem> addMeetingItem(std::int64_t meetingId, const AgendaItem& item,
                                                     const std::string& role) = 0;
    /// Changes an item and records the change in its history.
    virtual common::Result<AgendaItem> changeAgendaItem(std::int64_t id,
                                                        const AgendaChange& change) = 0;
    /// The meeting's items in this order (exactly its items, else "bad_order").
    virtual common::Status orderMeeting(std::int64_t meetingId,
                                        const std::vector<std::int64_t>& itemIds) = 0;
    /// The meetings whose agenda holds an item.
    virtual common::Result<std::vector<std::int64_t>> meetingsOfItem(std::int64_t id) = 0;
    /// Items whose period overlaps [since, until) (YYYY-MM-DD, empty = open), with actions.
    virtual common::Result<std::vector<AgendaItem>> listAgendaItems(const std::string& since,
                                                                    const std::string& until) = 0;
    virtual common::Result<std::optional<AgendaItem>> findAgendaItem(std::int64_t id) = 0;
    /// Moves an item to `status` and records who, when and why.
    virtual common::Status recordAgendaAction(std::int64_t id, const AgendaAction& action) = 0;

    // Safeguarding alerts (store/alerts.cpp). Ingest raises them; these route, deliver and
    // change them.
    /// Alerts whose deliveries have not been planned yet, oldest first.
    virtual common::Result<std::vector<AlertRecord>> alertsToRoute(std::size_t limit) = 0;
    /// Queues `plan` for an alert (a delivery already queued is not queued twice), writes
    /// `action` (routed, unrouted, escalated) to its history and, for routed/unrouted, marks it
    /// routed: all in one transaction.
    virtual common::Status planDeliveries(std::int64_t alertId,
                                          const std::vector<AlertDelivery>& plan,
                                          const std::string& action, const std::string& note,
                                          std::int64_t now) = 0;
    /// Open (unacknowledged), routed, deliverable alerts raised at or before `raisedBefore`.
    virtual common::Result<std::vector<AlertRecord>> openAlerts(std::int64_t raisedBefore,
                                                                std::size_t limit) = 0;
    /// Undelivered deliveries due at `now`, soonest first.
    virtual common::Result<std::vector<AlertDelivery>> dueDeliveries(std::int64_t now,
                                                                     std::size_t limit) = 0;
    /// Records an attempt: delivered, or failed with `error` and tried again at `retryAt`.
    virtual common::Status recordDeliveryAttempt(std::int64_t deliveryId, bool delivered,
                                                 const std::string& error, std::int64_t retryAt,
                                                 std::int64_t now) = 0;
    /// Undelivered deliveries (for the status page and the metrics).
    virtual common::Result<std::int64_t> pendingDeliveries() = 0;
    /// Newest first, in the query's wards.
    virtual common::Result<std::vector<AlertRecord>> listAlerts(const AlertQuery& query) = 0;
    /// One alert with its comment and history.
    virtual common::Result<std::optional<AlertRecord>> findAlert(std::int64_t id) = 0;
    /// Acknowledges or resolves; "not_found", "bad_transition" (e.g. resolving twice).
    virtual common::Status changeAlert(std::int64_t id, const AlertChange& change) = 0;
    /// Writes one line to an alert's history (e.g. who viewed it).
    virtual common::Status addAlertEvent(std::int64_t id, const AlertEvent& event) = 0;
    /// How many alerts in `wards` are open, and how many not resolved (open or acknowledged).
    virtual common::Result<AlertCounts> alertCounts(const std::vector<std::string>& wards) = 0;
    virtual common::Result<std::vector<FalseAlarm>> falseAlarms() = 0;
    /// Screens the stored comments created in [since, until) again and raises an alert (not
    /// sent: `deliver` false) for each flagged one that has none. Returns how many it raised.
    virtual common::Result<std::int64_t> rescreen(std::optional<std::int64_t> since,
                                                  std::optional<std::int64_t> until,
                                                  std::int64_t now) = 0;

    virtual common::Result<std::int64_t> addMessage(const YouSaidWeDid& message) = 0;
    /// The message, or none.
    virtual common::Result<std::optional<YouSaidWeDid>> findMessage(std::int64_t id) = 0;
    /// Stores the message's texts, wards, expiry, withdrawal and who changed it last
    /// (`not_found` for no such message).
    virtual common::Status updateMessage(const YouSaidWeDid& message) = 0;
    /// Messages for `ward` (empty: all) that have not expired or been withdrawn at `now` (0:
    /// every one, expired and withdrawn too).
    virtual common::Result<std::vector<YouSaidWeDid>> listMessages(const std::string& ward,
                                                                   std::int64_t now) = 0;

    /// Makes `choices` the ward's open choices: those listed are opened (or their titles
    /// changed), the ward's other open choices are closed; in one transaction.
    virtual common::Status setChoices(const std::string& ward,
                                      const std::vector<AgendaChoice>& choices,
                                      std::int64_t now) = 0;
    /// The choices of `ward` (empty: every ward), open and closed, oldest first.
    virtual common::Result<std::vector<AgendaChoice>> listChoices(const std::string& ward) = 0;
    /// Every ward's votes per item (the partial index keeps this to the votes alone).
    virtual common::Result<std::vector<ChoiceVotes>> choiceVotes() = 0;

    /// A panel member's own priority vote on an item ("I support this"), set or taken back;
    /// written to the item's history (changes `panel_vote`). `not_found` for no such item.
    virtual common::Status setPanelVote(std::int64_t itemId, const std::string& user, bool support,
                                        std::int64_t now) = 0;
    /// Who supports each item (by item id).
    virtual common::Result<std::map<std::int64_t, std::vector<std::string>>> panelVotes() = 0;

    /// Stores a volunteer record; false when its id is stored already.
    virtual common::Result<bool> addVolunteer(const PanelVolunteer& v) = 0;
    /// Every volunteer record, newest day first.
    virtual common::Result<std::vector<PanelVolunteer>> listVolunteers() = 0;
    /// `not_found` for no such record.
    virtual common::Status setVolunteerStatus(const std::string& id, const std::string& status,
                                              const std::string& user) = 0;
    virtual common::Status deleteVolunteer(const std::string& id) = 0;
    /// Deletes the records that arrived before `day` (YYYY-MM-DD); how many.
    virtual common::Result<std::int64_t> purgeVolunteers(const std::string& day) = 0;
};

} // namespace wardvoice::aggregator
