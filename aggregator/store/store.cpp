// The aggregator's SQLite storage.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/log.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

using common::Error;
using common::makeError;
using common::Result;
using common::Status;
using common::db::Database;
using common::db::Statement;
using common::db::Transaction;
using rows::kDaySeconds;
using rows::kSubmissionColumns;
using rows::submissionFromRow;

/// Schema history: append only; each entry runs once, in order (PRAGMA user_version).
const std::vector<std::string> kMigrations = {
    R"sql(
    CREATE TABLE kiosks (
        kiosk_id TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_seen_at INTEGER,
        version TEXT NOT NULL DEFAULT '',
        queue_depth INTEGER,
        oldest_queued_at TEXT NOT NULL DEFAULT '',
        last_sync_at TEXT NOT NULL DEFAULT '',
        uptime_s INTEGER
    );
    CREATE TABLE submissions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kiosk_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_unix INTEGER NOT NULL,
        ward TEXT NOT NULL,
        respondent TEXT NOT NULL,
        topic TEXT NOT NULL,
        rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 6),
        answers TEXT NOT NULL,
        comment TEXT NOT NULL,
        language TEXT NOT NULL
    );
    CREATE INDEX submissions_ward_time ON submissions (ward, created_unix);
    CREATE INDEX submissions_time ON submissions (created_unix);
    )sql",
    R"sql(
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'panel_chair', 'ward_manager')),
        wards TEXT NOT NULL DEFAULT '[]',
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users (name),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
    );
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE agenda_items (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('proposed', 'on_agenda', 'action_agreed', 'done')),
        since TEXT NOT NULL,
        until TEXT NOT NULL,
        evidence TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE agenda_actions (
        seq INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES agenda_items (id),
        at INTEGER NOT NULL,
        user_name TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        wards TEXT NOT NULL,
        agenda_item_id INTEGER REFERENCES agenda_items (id),
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    );
    CREATE TABLE theme_states (
        scope TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    )sql",
    // Ids are compared in lower case from now on: fold the rows that one id stored twice in
    // two letter cases (the first kept), and say how many.
    R"sql(
    CREATE TABLE migration_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        note TEXT NOT NULL,
        shown INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO migration_log (at, note)
        SELECT CAST(strftime('%s', 'now') AS INTEGER),
               'folded ' || (COUNT(*) - COUNT(DISTINCT lower(id))) ||
               ' submissions whose id was stored again in another letter case (the first kept)'
        FROM submissions;
    DELETE FROM submissions
        WHERE seq NOT IN (SELECT MIN(seq) FROM submissions GROUP BY lower(id));
    UPDATE submissions SET id = lower(id) WHERE id <> lower(id);
    )sql",
    // Wave 2: what the views read is kept up to date by ingest (counters, wards, per-day
    // counts, per-day theme rollups), and themes are stored models whose assignment of each
    // comment is kept (per-scope theme states are gone: views no longer fit anything).
    R"sql(
    ALTER TABLE submissions ADD COLUMN category INTEGER;
    ALTER TABLE submissions ADD COLUMN sentiment REAL;
    ALTER TABLE submissions ADD COLUMN sentiment_class INTEGER;
    CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO counters (name, value) SELECT 'submissions', count(*) FROM submissions;
    CREATE TABLE wards (
        ward TEXT PRIMARY KEY,
        first_seen INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO wards (ward, first_seen)
        SELECT ward, min(received_at) FROM submissions GROUP BY ward;
    CREATE TABLE day_counts (
        ward TEXT NOT NULL,
        day INTEGER NOT NULL,
        topic TEXT NOT NULL,
        submissions INTEGER NOT NULL DEFAULT 0,
        comments INTEGER NOT NULL DEFAULT 0,
        r1 INTEGER NOT NULL DEFAULT 0,
        r2 INTEGER NOT NULL DEFAULT 0,
        r3 INTEGER NOT NULL DEFAULT 0,
        r4 INTEGER NOT NULL DEFAULT 0,
        r5 INTEGER NOT NULL DEFAULT 0,
        r6 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (ward, day, topic)
    ) WITHOUT ROWID;
    INSERT INTO day_counts (ward, day, topic, submissions, comments, r1, r2, r3, r4, r5, r6)
        SELECT ward, created_unix / 86400, topic, count(*), sum(comment <> ''),
               sum(rating = 1), sum(rating = 2), sum(rating = 3), sum(rating = 4),
               sum(rating = 5), sum(rating = 6)
        FROM submissions GROUP BY 1, 2, 3;
    CREATE TABLE theme_models (
        version INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        activated_at INTEGER,
        fitted_comments INTEGER NOT NULL,
        assigned_through INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE submission_themes (
        model INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        theme INTEGER NOT NULL,
        ward TEXT NOT NULL,
        created_unix INTEGER NOT NULL,
        PRIMARY KEY (model, seq)
    ) WITHOUT ROWID;
    CREATE INDEX submission_themes_theme
        ON submission_themes (model, theme, ward, created_unix);
    CREATE TABLE theme_rollups (
        model INTEGER NOT NULL,
        ward TEXT NOT NULL,
        day INTEGER NOT NULL,
        topic TEXT NOT NULL,
        theme INTEGER NOT NULL,
        comments INTEGER NOT NULL DEFAULT 0,
        rated INTEGER NOT NULL DEFAULT 0,
        rating_sum INTEGER NOT NULL DEFAULT 0,
        positive INTEGER NOT NULL DEFAULT 0,
        neutral INTEGER NOT NULL DEFAULT 0,
        negative INTEGER NOT NULL DEFAULT 0,
        sentiment_sum REAL NOT NULL DEFAULT 0,
        patients INTEGER NOT NULL DEFAULT 0,
        visitors INTEGER NOT NULL DEFAULT 0,
        carers INTEGER NOT NULL DEFAULT 0,
        others INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (model, ward, day, topic, theme)
    ) WITHOUT ROWID;
    DROP TABLE theme_states;
    )sql",
    // Long periods read months: per theme model, ward, month (its first day) and theme, for
    // every topic (topic '') and each topic. And comment search through a trigram index
    // (substrings, case-insensitive), over the submissions' own text.
    R"sql(
    CREATE TABLE theme_months (
        model INTEGER NOT NULL,
        ward TEXT NOT NULL,
        month INTEGER NOT NULL,
        topic TEXT NOT NULL,
        theme INTEGER NOT NULL,
        comments INTEGER NOT NULL DEFAULT 0,
        rated INTEGER NOT NULL DEFAULT 0,
        rating_sum INTEGER NOT NULL DEFAULT 0,
        negative INTEGER NOT NULL DEFAULT 0,
        sentiment_sum REAL NOT NULL DEFAULT 0,
        first_day INTEGER NOT NULL,
        PRIMARY KEY (model, ward, month, topic, theme)
    ) WITHOUT ROWID;
    INSERT INTO theme_months (model, ward, month, topic, theme, comments, rated, rating_sum,
                              negative, sentiment_sum, first_day)
        SELECT model, ward, month, topic, theme, sum(comments), sum(rated), sum(rating_sum),
               sum(negative), sum(sentiment_sum), min(day)
        FROM (SELECT model, ward, day, topic, theme, comments, rated, rating_sum, negative,
                     sentiment_sum,
                     CAST(strftime('%s', date(day * 86400, 'unixepoch', 'start of month'))
                          AS INTEGER) / 86400 AS month
              FROM theme_rollups
              UNION ALL
              SELECT model, ward, day, '', theme, comments, rated, rating_sum, negative,
                     sentiment_sum,
                     CAST(strftime('%s', date(day * 86400, 'unixepoch', 'start of month'))
                          AS INTEGER) / 86400
              FROM theme_rollups)
        GROUP BY model, ward, month, topic, theme;
    CREATE VIRTUAL TABLE comment_search USING fts5(
        comment, content = 'submissions', content_rowid = 'seq', tokenize = 'trigram');
    INSERT INTO comment_search (rowid, comment)
        SELECT seq, comment FROM submissions WHERE comment <> '';
    )sql",
    // The search index is written in the background, many comments a transaction, so that its
    // merges never hold up a kiosk's upload; searches read the comments it has not reached yet
    // directly.
    R"sql(
    INSERT INTO counters (name, value)
        SELECT 'search_indexed_through', coalesce(max(seq), 0) FROM submissions;
    )sql",
    // Safeguarding alerts: raised by ingest in the submission's transaction, delivered from a
    // durable queue (one row per recipient and stage), every step in the alert's history.
    R"sql(
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        submission_seq INTEGER NOT NULL UNIQUE,
        submission_id TEXT NOT NULL,
        ward TEXT NOT NULL,
        concern TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'acknowledged', 'resolved')),
        false_alarm INTEGER NOT NULL DEFAULT 0,
        deliver INTEGER NOT NULL DEFAULT 1,
        routed INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX alerts_by_ward ON alerts (ward, status, id);
    CREATE INDEX alerts_to_route ON alerts (id) WHERE routed = 0;
    CREATE INDEX alerts_open ON alerts (created_at) WHERE status = 'open';
    CREATE TABLE alert_events (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts (id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX alert_events_by_alert ON alert_events (alert_id, id);
    CREATE TABLE alert_deliveries (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts (id),
        stage TEXT NOT NULL CHECK (stage IN ('first', 'escalation')),
        route INTEGER NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
        target TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        delivered_at INTEGER,
        UNIQUE (alert_id, stage, route, channel, target)
    );
    CREATE INDEX alert_deliveries_due ON alert_deliveries (due_at) WHERE delivered_at IS NULL;
    )sql",
    // Polarity inside a theme: the month rollups count positive and neutral comments too
    // (rebuilt from the day rollups, which always had them).
    R"sql(
    ALTER TABLE theme_months ADD COLUMN positive INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE theme_months ADD COLUMN neutral INTEGER NOT NULL DEFAULT 0;
    DELETE FROM theme_months;
    INSERT INTO theme_months (model, ward, month, topic, theme, comments, rated, rating_sum,
                              negative, sentiment_sum, first_day, positive, neutral)
        SELECT model, ward, month, topic, theme, sum(comments), sum(rated), sum(rating_sum),
               sum(negative), sum(sentiment_sum), min(day), sum(positive), sum(neutral)
        FROM (SELECT model, ward, day, topic, theme, comments, rated, rating_sum, negative,
                     sentiment_sum, positive, neutral,
                     CAST(strftime('%s', date(day * 86400, 'unixepoch', 'start of month'))
                          AS INTEGER) / 86400 AS month
              FROM theme_rollups
              UNION ALL
              SELECT model, ward, day, '', theme, comments, rated, rating_sum, negative,
                     sentiment_sum, positive, neutral,
                     CAST(strftime('%s', date(day * 86400, 'unixepoch', 'start of month'))
                          AS INTEGER) / 86400
              FROM theme_rollups)
        GROUP BY model, ward, month, topic, theme;
    )sql",
    // Staff correct the themes engine: every correction is kept (and audited), and applied to
    // every model's assignments. Complex comments (over 50 words or 3+ categories; older rows by
    // their length alone) get a flag and an index of their own.
    R"sql(
    CREATE TABLE theme_corrections (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rename', 'merge', 'move', 'category', 'sentiment')),
        theme INTEGER NOT NULL DEFAULT 0,
        target INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL DEFAULT 0,
        value TEXT NOT NULL DEFAULT '',
        before TEXT NOT NULL DEFAULT '',
        target_label TEXT NOT NULL DEFAULT '',
        target_category TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX theme_corrections_by_comment ON theme_corrections (seq) WHERE seq <> 0;
    ALTER TABLE submissions ADD COLUMN complex INTEGER NOT NULL DEFAULT 0;
    UPDATE submissions SET complex = 1
        WHERE length(trim(comment)) - length(replace(replace(replace(trim(comment), char(10), ''),
                                                  char(9), ''), ' ', '')) >= 50;
    CREATE INDEX submissions_complex ON submissions (ward, created_unix) WHERE complex = 1;
    )sql",
    // Panel meetings: a meeting has a date, a title, attendees and an agenda; an item (a theme,
    // several merged, or a free item) has an owner, a due date, a status of six (now also
    // in_progress and dropped), the agreed action, every piece of evidence captured when it was
    // added or added to, and a history of who changed what. Unfinished items carry into later
    // meetings. (The status column is replaced by one with the longer list; its own CHECK is
    // all that refers to it.) Items made before meetings go to one meeting of their own.
    R"sql(
    ALTER TABLE agenda_items ADD COLUMN state TEXT NOT NULL DEFAULT 'proposed'
        CHECK (state IN ('proposed', 'on_agenda', 'action_agreed', 'in_progress', 'done',
                         'dropped'));
    UPDATE agenda_items SET state = status;
    ALTER TABLE agenda_items DROP COLUMN status;
    ALTER TABLE agenda_items RENAME COLUMN state TO status;
    ALTER TABLE agenda_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'theme'
        CHECK (kind IN ('theme', 'free'));
    ALTER TABLE agenda_items ADD COLUMN themes TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE agenda_items ADD COLUMN wards TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE agenda_items ADD COLUMN description TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_items ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_items ADD COLUMN due_on TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_items ADD COLUMN action TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_items ADD COLUMN closed_at INTEGER;
    UPDATE agenda_items SET
        themes = CASE WHEN json_valid(evidence) AND json_type(evidence, '$.id') = 'integer'
                      THEN json_array(json_extract(evidence, '$.id')) ELSE '[]' END,
        wards = CASE WHEN json_valid(evidence) AND json_type(evidence, '$.wards') = 'array'
                     THEN json_extract(evidence, '$.wards') ELSE '[]' END,
        closed_at = CASE WHEN status = 'done' THEN updated_at END;
    ALTER TABLE agenda_actions ADD COLUMN role TEXT NOT NULL DEFAULT '';
    ALTER TABLE agenda_actions ADD COLUMN changes TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX agenda_actions_by_item ON agenda_actions (item_id, seq);
    CREATE TABLE agenda_evidence (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES agenda_items (id),
        at INTEGER NOT NULL,
        since TEXT NOT NULL,
        until TEXT NOT NULL,
        evidence TEXT NOT NULL
    );
    CREATE INDEX agenda_evidence_by_item ON agenda_evidence (item_id, id);
    INSERT INTO agenda_evidence (item_id, at, since, until, evidence)
        SELECT id, created_at, since, until, evidence FROM agenda_items ORDER BY id;
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        held_on TEXT NOT NULL,
        title TEXT NOT NULL,
        attendees TEXT NOT NULL DEFAULT '[]',
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX meetings_by_date ON meetings (held_on, id);
    CREATE TABLE meeting_items (
        meeting_id INTEGER NOT NULL REFERENCES meetings (id),
        item_id INTEGER NOT NULL REFERENCES agenda_items (id),
        position INTEGER NOT NULL,
        carried INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (meeting_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX meeting_items_by_item ON meeting_items (item_id);
    INSERT INTO meetings (held_on, title, attendees, created_by, created_at, updated_at)
        SELECT date(min(created_at), 'unixepoch'), 'Agenda before meetings', '[]', 'migration',
               min(created_at), min(created_at)
        FROM agenda_items HAVING count(*) > 0;
    INSERT INTO meeting_items (meeting_id, item_id, position, carried)
        SELECT (SELECT max(id) FROM meetings), id, id, 0 FROM agenda_items;
    )sql",
    // Staff sessions end after a time without use (shared ward PCs), and wards have names.
    R"sql(
    ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
    ALTER TABLE sessions ADD COLUMN idle_s INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE wards ADD COLUMN name TEXT NOT NULL DEFAULT '';
    )sql",
    // "You said, we did" in each kiosk language, edited and withdrawn.
    R"sql(
    ALTER TABLE messages ADD COLUMN texts TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE messages ADD COLUMN withdrawn_at INTEGER;
    ALTER TABLE messages ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN updated_at INTEGER;
    )sql",
    // Co-production: agenda items a ward's kiosks offer as choices, and the patients' votes
    // (one per submission, at most).
    R"sql(
    CREATE TABLE agenda_choices (
        ward TEXT NOT NULL,
        item_id INTEGER NOT NULL REFERENCES agenda_items (id),
        titles TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        PRIMARY KEY (ward, item_id)
    );
    ALTER TABLE submissions ADD COLUMN priority_vote INTEGER;
    CREATE INDEX submissions_by_vote ON submissions (ward, priority_vote, created_unix)
        WHERE priority_vote IS NOT NULL;
    )sql",
    // Panel members: a role of their own (users rebuilt for its CHECK), and their own priority
    // votes on proposed items.
    R"sql(
    CREATE TABLE users_new (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL
            CHECK (role IN ('admin', 'panel_chair', 'ward_manager', 'panel_member')),
        wards TEXT NOT NULL DEFAULT '[]',
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled_at INTEGER
    );
    INSERT INTO users_new (name, role, wards, password_hash, created_at, disabled_at)
        SELECT name, role, wards, password_hash, created_at, disabled_at FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;
    CREATE TABLE agenda_panel_votes (
        item_id INTEGER NOT NULL REFERENCES agenda_items (id),
        user_name TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (item_id, user_name)
    );
    )sql",
    // What a ward is doing about a choice, in words for patients, per kiosk language.
    R"sql(
    ALTER TABLE agenda_choices ADD COLUMN doing TEXT NOT NULL DEFAULT '{}';
    )sql",
    // Volunteers for the patient and carer panel: sealed on the kiosk to the panel key, kept
    // sealed, with the day they arrived and nothing that could pair them with feedback.
    R"sql(
    CREATE TABLE panel_volunteers (
        id TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        day TEXT NOT NULL,
        sealed_b64 TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'contacted', 'joined', 'declined')),
        updated_by TEXT NOT NULL DEFAULT ''
    );
    )sql",
    // Responses someone helped the person give (staff or family entering them), for the FFT
    // return's count of assisted responses.
    R"sql(
    ALTER TABLE submissions ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE day_counts ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0;
    )sql",
};

std::string newKioskId() {
    unsigned char b[4];
    if (RAND_bytes(b, sizeof b) != 1) {
        std::abort();
    }
    return "k-" + common::toHex(std::string_view(reinterpret_cast<const char*>(b), sizeof b));
}

KioskRecord kioskFromRow(const Statement& st) {
    KioskRecord k;
    k.kioskId = st.columnText(0);
    k.ward = st.columnText(1);
    k.name = st.columnText(2);
    k.secret = st.columnText(3);
    k.createdAt = st.columnInt(4);
    k.revokedAt = st.columnOptionalInt(5);
    k.lastSeenAt = st.columnOptionalInt(6);
    k.version = st.columnText(7);
    k.queueDepth = st.columnOptionalInt(8);
    k.oldestQueuedAt = st.columnText(9);
    k.lastSyncAt = st.columnText(10);
    k.uptimeS = st.columnOptionalInt(11);
    return k;
}

constexpr const char* kKioskColumns =
    "kiosk_id, ward, name, secret, created_at, revoked_at, last_seen_at, version, queue_depth, "
    "oldest_queued_at, last_sync_at, uptime_s";

} // namespace

/// Read-only connections to a file database, opened as views need them (up to a limit) and
/// handed out one view at a time.
class SqliteStore::ReadPool {
public:
    ReadPool(std::string path, std::size_t limit) : m_path(std::move(path)), m_limit(limit) {}

    Result<Database*> acquire() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (!m_free.empty()) {
                Database* db = m_free.back();
                m_free.pop_back();
                return db;
            }
            if (m_all.size() < m_limit) {
                break;
            }
            m_returned.wait(lock);
        }
        auto db = Database::open(
            m_path, common::db::OpenOptions{
                        .readOnly = false, .create = false, .busyTimeoutMs = 5000, .wal = true});
        if (!db) {
            return db.error();
        }
        if (auto s = db->exec("PRAGMA query_only=ON;"); !s) {
            return s.error();
        }
        m_all.push_back(std::make_unique<Database>(std::move(db).value()));
        return m_all.back().get();
    }

    void release(Database* db) {
        {
            std::lock_guard lock(m_mutex);
            m_free.push_back(db);
        }
        m_returned.notify_one();
    }

private:
    std::string m_path;
    std::size_t m_limit;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<Database>> m_all;
    std::vector<Database*> m_free;
};

SqliteStore::ReadLease::~ReadLease() {
    if (m_pool != nullptr && m_db != nullptr) {
        m_pool->release(m_db);
    }
}

SqliteStore::ReadLease SqliteStore::reader() {
    if (m_readers) {
        if (auto db = m_readers->acquire()) {
            return ReadLease(m_readers.get(), db.value(), {});
        }
        // a read connection could not be opened (descriptors?): read on the writer's instead
    }
    return ReadLease(nullptr, &m_db, std::unique_lock(m_mutex));
}

SqliteStore::SqliteStore(Database db) : m_db(std::move(db)) {}

SqliteStore::SqliteStore(SqliteStore&& other) noexcept
    : m_db(std::move(other.m_db)), m_readers(std::move(other.m_readers)),
      m_liveModels(std::move(other.m_liveModels)), m_overlay(std::move(other.m_overlay)),
      m_analyser(std::move(other.m_analyser)), m_syncWal(other.m_syncWal),
      m_walFd(std::exchange(other.m_walFd, -1)) {}

void SqliteStore::setAnalyser(std::shared_ptr<const IngestAnalyser> analyser) {
    std::lock_guard lock(m_analyserMutex);
    m_analyser = std::move(analyser);
}

Result<SqliteStore> SqliteStore::open(const std::string& path) {
    auto db = Database::open(path);
    if (!db) {
        return db.error();
    }
    if (auto s = db->migrate(kMigrations); !s) {
        return s.error();
    }
    // What a migration had to say (e.g. how many duplicates it folded) is said once, here.
    if (auto notes = db->prepare("SELECT seq, note FROM migration_log WHERE shown = 0")) {
        for (auto row = notes->step(); row && row.value(); row = notes->step()) {
            const std::string note = notes->columnText(1);
            if (note.rfind("folded 0 ", 0) != 0) { // nothing to say
                common::log::info("migration", {{"note", note}});
            }
        }
        (void)db->exec("UPDATE migration_log SET shown = 1 WHERE shown = 0");
    }
    SqliteStore store(std::move(db).value());
    if (path != ":memory:" && !path.empty()) {
        // Read connections: in WAL mode each reads the last committed state while the writer
        // commits (and flushes) beside it.
        store.m_readers = std::make_unique<ReadPool>(path, 8);
        store.m_syncWal = true;
    }
    std::lock_guard lock(store.m_mutex);
    if (auto s = store.loadLiveModels(); !s) {
        return s.error();
    }
    if (auto s = store.loadOverlay(); !s) {
        return s.error();
    }
    return store;
}

int SqliteStore::schemaVersion() {
    return static_cast<int>(kMigrations.size());
}

Result<SqliteStore> SqliteStore::openCreatingFolder(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec); // open() names the path if this failed
    }
    return open(path);
}

Result<KioskRecord> SqliteStore::addKiosk(const std::string& ward, const std::string& name) {
    if (!common::isIdentifier(ward)) {
        return makeError("bad_ward",
                         "ward must be 1-64 characters of letters, digits, '.', '_' or '-'");
    }
    std::lock_guard lock(m_mutex);
    KioskRecord k;
    k.ward = ward;
    k.name = name;
    k.secret = common::newSecret();
    k.createdAt = common::nowUnix();
    auto insert = m_db.prepare(
        "INSERT INTO kiosks (kiosk_id, ward, name, secret, created_at) VALUES (?,?,?,?,?)");
    if (!insert) {
        return insert.error();
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
        k.kioskId = newKioskId();
        insert->bind(1, k.kioskId)
            .bind(2, k.ward)
            .bind(3, k.name)
            .bind(4, k.secret)
            .bind(5, k.createdAt);
        auto s = insert->run();
        if (s) {
            return k;
        }
        if (s.error().code != "constraint") {
            return s.error();
        }
    }
    return makeError("sqlite", "could not find a free kiosk id");
}

Result<std::vector<KioskRecord>> SqliteStore::listKiosks() {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(std::string("SELECT ") + kKioskColumns +
                           " FROM kiosks ORDER BY ward, kiosk_id");
    if (!st) {
        return st.error();
    }
    std::vector<KioskRecord> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(kioskFromRow(row)); });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::optional<KioskRecord>> SqliteStore::findKiosk(const std::string& kioskId) {
    const ReadLease lease = reader();
    auto st = lease.db().cached(std::string("SELECT ") + kKioskColumns +
                                " FROM kiosks WHERE kiosk_id = ?");
    if (!st) {
        return st.error();
    }
    Statement& query = **st;
    query.bind(1, kioskId);
    auto row = query.step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<KioskRecord>{};
    }
    return std::optional<KioskRecord>{kioskFromRow(query)};
}

Status SqliteStore::revokeKiosk(const std::string& kioskId, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st =
        m_db.prepare("UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?) WHERE kiosk_id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, kioskId);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return makeError("not_found", "no kiosk " + kioskId);
    }
    return {};
}

Result<common::wire::BatchResult>
SqliteStore::ingest(const std::string& kioskId, const std::vector<common::Submission>& submissions,
                    std::int64_t receivedAt) {
    // Two-stage group commit. Stage 1: requests that arrive while another group is being written
    // wait, then one of them writes them all in one transaction. Stage 2: one fdatasync of the
    // WAL makes every group written before it durable, and runs while the next group is being
    // written. Nobody is answered before their rows are on disk (what synchronous=FULL gives,
    // without holding the write lock through the disk flush).
    // Each waiter sleeps on its own condition variable and is woken only when its own state
    // changes or it is next to lead: no herd of wake-ups on two cores.
    // What the themes service finds in the comments is worked out here, in the caller's thread
    // and outside every lock, and written with the rows.
    std::shared_ptr<const IngestAnalyser> analyser;
    {
        std::lock_guard lock(m_analyserMutex);
        analyser = m_analyser;
    }
    std::vector<CommentFindings> findings;
    if (analyser) {
        findings = (*analyser)(submissions);
        if (findings.size() != submissions.size()) {
            findings.clear();
        }
    }
    // The safeguarding screen, also outside every lock: its alerts are written with the rows.
    std::vector<common::ScreenResult> screens(submissions.size());
    for (std::size_t i = 0; i < submissions.size(); ++i) {
        const common::Submission& s = submissions[i];
        if (!s.comment.empty()) {
            screens[i] =
                common::screenComment({s.comment, s.rating, common::toString(s.topic), s.language});
        }
    }
    PendingIngest me{&kioskId,
                     &submissions,
                     receivedAt,
                     std::move(findings),
                     std::move(screens),
                     common::makeError("pending", ""),
                     false,
                     0,
                     {}};
    std::unique_lock lock(m_groupMutex);
    m_pending.push_back(&me);
    while (!me.done) {
        if (m_leaderActive) {
            me.wake.wait(lock);
            continue;
        }
        m_leaderActive = true;
        std::vector<PendingIngest*> group;
        group.swap(m_pending);
        lock.unlock();
        commitGroup(group);
        lock.lock();
        const std::uint64_t ticket = ++m_writtenGroups;
        m_requests += group.size();
        for (PendingIngest* p : group) {
            p->done = true;
            p->ticket = ticket;
            if (p != &me) {
                p->wake.notify_one();
            }
        }
        m_leaderActive = false;
        if (!m_pending.empty()) {
            m_pending.front()->wake.notify_one(); // the next group's leader
        }
    }
    if (!me.result || !m_syncWal) {
        return std::move(me.result); // nothing of mine was committed, or nothing to flush
    }
    while (m_durableGroups < me.ticket && !m_syncBroken) {
        if (m_syncActive) {
            m_awaitingFlush.push_back(&me);
            me.wake.wait(lock);
            std::erase(m_awaitingFlush, &me);
            continue;
        }
        m_syncActive = true;
        const std::uint64_t target = m_writtenGroups;
        lock.unlock();
        const Status synced = syncWal();
        lock.lock();
        m_syncActive = false;
        ++m_flushes;
        if (synced) {
            m_durableGroups = std::max(m_durableGroups, target);
        } else {
            // After a failed flush the kernel may have dropped the pages: never claim them.
            m_syncBroken = true;
            m_syncError = synced.error().message;
        }
        // Wake those now on disk (or failed), and one of the rest to lead the next flush.
        bool leaderWoken = false;
        for (PendingIngest* p : m_awaitingFlush) {
            if (p->ticket <= m_durableGroups || m_syncBroken) {
                p->wake.notify_one();
            } else if (!leaderWoken) {
                p->wake.notify_one();
                leaderWoken = true;
            }
        }
    }
    if (m_durableGroups < me.ticket) {
        return makeError("io", "the disk reported a failed flush (" + m_syncError +
                                   "); check the disk and restart the aggregator");
    }
    return std::move(me.result);
}

IngestStats SqliteStore::ingestStats() {
    std::lock_guard lock(m_groupMutex);
    return {m_requests, m_writtenGroups, m_flushes};
}

Status SqliteStore::syncWal() {
    if (m_walFd < 0) {
        const char* wal = sqlite3_filename_wal(sqlite3_db_filename(m_db.handle(), "main"));
        m_walFd = ::open(wal, O_RDONLY | O_CLOEXEC);
        if (m_walFd < 0) {
            return makeError("io", std::string("open ") + wal + ": " + std::strerror(errno));
        }
    }
    if (::fdatasync(m_walFd) != 0) {
        return makeError("io", std::string("fdatasync of the WAL: ") + std::strerror(errno));
    }
    return {};
}

SqliteStore::~SqliteStore() {
    if (m_walFd >= 0) {
        ::close(m_walFd);
    }
}

void SqliteStore::commitGroup(const std::vector<PendingIngest*>& group) {
    std::lock_guard lock(m_mutex);
    auto failAll = [&](const common::Error& e) {
        for (PendingIngest* p : group) {
            p->result = e;
        }
    };
    // The WAL is flushed by ingest()'s second stage, outside the write lock.
    if (m_syncWal) {
        if (auto st = m_db.run("PRAGMA synchronous=NORMAL"); !st) {
            return failAll(st.error());
        }
    }
    struct RestoreFull {
        Database& db;
        bool active;
        ~RestoreFull() {
            if (active) {
                (void)db.run("PRAGMA synchronous=FULL"); // every other write commits with fsync
            }
        }
    } restoreFull{m_db, m_syncWal};
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return failAll(tx.error());
    }
    IngestContext context;
    {
        auto lastSeq = m_db.cached("SELECT coalesce(max(seq), 0) FROM submissions");
        if (!lastSeq) {
            return failAll(lastSeq.error());
        }
        auto seqRow = (*lastSeq)->step();
        if (!seqRow) {
            return failAll(seqRow.error());
        }
        context.seqBefore = (*lastSeq)->columnInt(0);
    }
    context.lastSeq = context.seqBefore;
    context.gap.assign(m_liveModels.size(), false);
    std::vector<common::wire::BatchResult> results(group.size());
    if (group.size() == 1) {
        // Alone in the transaction: a failure rolls the whole transaction back.
        if (auto outcome = insertRequest(context, *group[0], results[0]); !outcome) {
            return failAll(outcome.error());
        }
    } else {
        auto savepoint = m_db.cached("SAVEPOINT request");
        auto rollback = m_db.cached("ROLLBACK TO request");
        auto release = m_db.cached("RELEASE request");
        if (!savepoint || !rollback || !release) {
            return failAll(makeError("sqlite", "cannot prepare the savepoint statements"));
        }
        for (std::size_t k = 0; k < group.size(); ++k) {
            // Each request in its own savepoint: a failure undoes that request only.
            if (auto st = (*savepoint)->run(); !st) {
                return failAll(st.error());
            }
            const IngestContext before = context;
            auto outcome = insertRequest(context, *group[k], results[k]);
            if (!outcome) {
                group[k]->result = outcome.error();
                (void)(*rollback)->run();
                // its rows are gone; a gap it noted stays noted (that only delays an advance)
                std::vector<bool> gap = context.gap;
                context = before;
                context.gap = std::move(gap);
            }
            if (auto st = (*release)->run(); !st) {
                return failAll(st.error());
            }
        }
    }
    // Ingest's own counters, and how far each live model's assignment now reaches.
    std::vector<LiveModel> live = m_liveModels;
    if (context.accepted > 0) {
        auto count =
            m_db.cached("UPDATE counters SET value = value + ? WHERE name = 'submissions'");
        if (!count) {
            return failAll(count.error());
        }
        (*count)->bind(1, context.accepted);
        if (auto st = (*count)->run(); !st) {
            return failAll(st.error());
        }
        auto advance =
            m_db.cached("UPDATE theme_models SET assigned_through = ? WHERE version = ?");
        if (!advance) {
            return failAll(advance.error());
        }
        for (std::size_t m = 0; m < live.size(); ++m) {
            if (live[m].assignedThrough >= context.seqBefore && !context.gap[m]) {
                live[m].assignedThrough = context.lastSeq;
                (*advance)->bind(1, context.lastSeq).bind(2, live[m].version);
                if (auto st = (*advance)->run(); !st) {
                    return failAll(st.error());
                }
            }
        }
    }
    if (auto st = tx->commit(); !st) {
        return failAll(st.error());
    }
    m_liveModels = std::move(live);
    for (std::size_t k = 0; k < group.size(); ++k) {
        if (group[k]->result.ok() || group[k]->result.error().code == "pending") {
            group[k]->result = std::move(results[k]);
        }
    }
}

Status SqliteStore::insertRequest(IngestContext& context, const PendingIngest& request,
                                  common::wire::BatchResult& result) {
    auto insert =
        m_db.cached("INSERT INTO submissions (id, kiosk_id, received_at, created_at, "
                    "created_unix, ward, respondent, topic, rating, answers, comment, language, "
                    "category, sentiment, sentiment_class, complex, priority_vote, assisted) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING");
    // a vote counts for an open choice of the sending kiosk's ward only
    auto choice =
        m_db.cached("SELECT 1 FROM agenda_choices c JOIN agenda_items i ON i.id = c.item_id "
                    "JOIN kiosks k ON k.ward = c.ward WHERE k.kiosk_id = ? AND c.item_id = ? "
                    "AND c.closed_at IS NULL AND i.status NOT IN ('done', 'dropped')");
    auto day = m_db.cached(
        "INSERT INTO day_counts (ward, day, topic, submissions, comments, r1, r2, r3, r4, r5, r6, "
        "assisted) VALUES (?1, ?2, ?3, 1, ?4, ?5 = 1, ?5 = 2, ?5 = 3, ?5 = 4, ?5 = 5, ?5 = 6, ?6) "
        "ON CONFLICT (ward, day, topic) DO UPDATE SET submissions = submissions + 1, "
        "comments = comments + excluded.comments, r1 = r1 + excluded.r1, r2 = r2 + excluded.r2, "
        "r3 = r3 + excluded.r3, r4 = r4 + excluded.r4, r5 = r5 + excluded.r5, "
        "r6 = r6 + excluded.r6, assisted = assisted + excluded.assisted");
    auto ward = m_db.cached("INSERT OR IGNORE INTO wards (ward, first_seen) VALUES (?, ?)");
    auto touch =
        m_db.cached("UPDATE kiosks SET last_seen_at = ?, last_sync_at = ? WHERE kiosk_id = ?");
    if (!insert || !choice || !day || !ward || !touch) {
        return !insert   ? insert.error()
               : !choice ? choice.error()
               : !day    ? day.error()
               : !ward   ? ward.error()
                         : touch.error();
    }
    for (std::size_t i = 0; i < request.submissions->size(); ++i) {
        const common::Submission& s = (*request.submissions)[i];
        const CommentFindings* found = request.findings.empty() || !request.findings[i].analysed
                                           ? nullptr
                                           : &request.findings[i];
        nlohmann::json answers = nlohmann::json::object();
        for (const auto& [q, a] : s.answers) {
            answers[q] = a;
        }
        const auto parsed = common::parseRfc3339(s.createdAt);
        const std::int64_t createdUnix = parsed ? parsed.value() : request.receivedAt;
        (*insert)
            ->bind(1, s.id)
            .bind(2, *request.kioskId)
            .bind(3, request.receivedAt)
            .bind(4, s.createdAt)
            .bind(5, createdUnix)
            .bind(6, s.ward)
            .bind(7, common::toString(s.respondent))
            .bind(8, common::toString(s.topic))
            .bind(9, s.rating)
            .bind(10, answers.dump())
            .bind(11, s.comment)
            .bind(12, s.language)
            .bind(18, s.assisted ? 1 : 0)
            .bind(16, isComplexComment(s.comment, found != nullptr ? found->categoryCount : 0));
        if (found != nullptr) {
            (*insert)
                ->bind(13, found->category)
                .bind(14, found->sentiment)
                .bind(15, found->sentimentClass);
        }
        bool voteRefused = false;
        if (s.priorityVote) {
            (*choice)->bind(1, *request.kioskId).bind(2, *s.priorityVote);
            auto row = (*choice)->step();
            if (!row) {
                return row.error();
            }
            voteRefused = !row.value();
            (*choice)->reset();
            if (!voteRefused) {
                (*insert)->bind(17, *s.priorityVote);
            }
        }
        if (auto st = (*insert)->run(); !st) {
            return st; // rolled back to the savepoint: nothing of this request is stored
        }
        if (m_db.changes() != 1) {
            result.duplicate.push_back(s.id);
            continue;
        }
        const std::int64_t seq = m_db.lastInsertRowid();
        if (voteRefused) {
            // the rest of the submission is kept: only the vote is refused
            result.rejected.push_back({s.id, "bad_priority_vote",
                                       "priority_vote " + std::to_string(*s.priorityVote) +
                                           " is not an open choice of this kiosk's ward: the "
                                           "submission was stored without it"});
        } else {
            result.accepted.push_back(s.id);
        }
        ++context.accepted;
        context.lastSeq = seq;
        (*day)
            ->bind(1, s.ward)
            .bind(2, createdUnix / kDaySeconds)
            .bind(3, common::toString(s.topic))
            .bind(4, s.comment.empty() ? 0 : 1)
            .bind(5, s.rating.value_or(0))
            .bind(6, s.assisted ? 1 : 0);
        (*ward)->bind(1, s.ward).bind(2, request.receivedAt);
        if (auto st = (*day)->run(); !st) {
            return st;
        }
        if (auto st = (*ward)->run(); !st) {
            return st;
        }
        if (s.comment.empty()) {
            continue; // nothing to group
        }
        if (request.screens[i].flagged) {
            if (auto st = insertAlert(seq, s, request.screens[i], request.receivedAt, true); !st) {
                return st;
            }
        }
        const RowFacts facts{s.ward, createdUnix, common::toString(s.topic), s.respondent,
                             s.rating};
        for (std::size_t m = 0; m < m_liveModels.size(); ++m) {
            const std::int64_t version = m_liveModels[m].version;
            const int* theme = nullptr;
            if (found != nullptr) {
                for (const auto& [v, t] : found->themes) {
                    if (v == version) {
                        theme = &t;
                    }
                }
            }
            if (theme == nullptr) {
                context.gap[m] = true; // the theme job assigns it later
                continue;
            }
            if (auto st = writeTheme(seq, facts, *found, version, *theme); !st) {
                return st;
            }
        }
    }
    (*touch)
        ->bind(1, request.receivedAt)
        .bind(2, common::formatRfc3339(request.receivedAt))
        .bind(3, *request.kioskId);
    return (*touch)->run();
}

Status SqliteStore::writeTheme(std::int64_t seq, const RowFacts& row,
                               const CommentFindings& findings, std::int64_t model, int theme) {
    theme = m_overlay->place(seq, theme);
    auto assign = m_db.cached("INSERT OR IGNORE INTO submission_themes "
                              "(model, seq, theme, ward, created_unix) VALUES (?,?,?,?,?)");
    if (!assign) {
        return assign.error();
    }
    (*assign)
        ->bind(1, model)
        .bind(2, seq)
        .bind(3, theme)
        .bind(4, row.ward)
        .bind(5, row.createdUnix);
    if (auto st = (*assign)->run(); !st) {
        return st;
    }
    if (m_db.changes() != 1) {
        return {}; // already assigned (and counted)
    }
    return countInRollups(row, findings, model, theme, 1);
}

Status SqliteStore::countInRollups(const RowFacts& row, const CommentFindings& findings,
                                   std::int64_t model, int theme, int sign) {
    const bool rated = row.rating && *row.rating >= 1 && *row.rating <= 5;
    const std::int64_t n = sign;
    const std::int64_t ratedN = rated ? n : 0;
    const std::int64_t ratingSum = rated ? n * *row.rating : 0;
    const std::int64_t positive = findings.sentimentClass == 0 ? n : 0;
    const std::int64_t neutral = findings.sentimentClass == 1 ? n : 0;
    const std::int64_t negative = findings.sentimentClass == 2 ? n : 0;
    const double sentiment = static_cast<double>(n) * findings.sentiment;
    const std::int64_t day = row.createdUnix / kDaySeconds;
    // (built once: ingest writes these for every comment)
    static const std::string dayUpsert =
        "INSERT INTO theme_rollups (model, ward, day, topic, theme, comments, rated, rating_sum, "
        "positive, neutral, negative, sentiment_sum, patients, visitors, carers, others) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?6 * (?13 = 'patient'), "
        "?6 * (?13 = 'visitor'), ?6 * (?13 = 'carer'), ?6 * (?13 = 'other')) "
        "ON CONFLICT (model, ward, day, topic, theme) DO UPDATE SET " +
        std::string(rows::kDaySums);
    auto rollup = m_db.cached(dayUpsert);
    // the month's row for its topic and for every topic
    static const std::string monthUpsert =
        "INSERT INTO theme_months (model, ward, month, topic, theme, comments, rated, rating_sum, "
        "negative, sentiment_sum, first_day, positive, neutral) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT (model, ward, month, topic, theme) DO UPDATE SET " +
        std::string(rows::kMonthSums);
    auto month = m_db.cached(monthUpsert);
    if (!rollup || !month) {
        return !rollup ? rollup.error() : month.error();
    }
    (*rollup)
        ->bind(1, model)
        .bind(2, row.ward)
        .bind(3, day)
        .bind(4, row.topic)
        .bind(5, theme)
        .bind(6, n)
        .bind(7, ratedN)
        .bind(8, ratingSum)
        .bind(9, positive)
        .bind(10, neutral)
        .bind(11, negative)
        .bind(12, sentiment)
        .bind(13, common::toString(row.respondent));
    if (auto st = (*rollup)->run(); !st) {
        return st;
    }
    for (const std::string_view topic : {row.topic, std::string_view("")}) {
        (*month)
            ->bind(1, model)
            .bind(2, row.ward)
            .bind(3, rows::monthOf(day))
            .bind(4, topic)
            .bind(5, theme)
            .bind(6, n)
            .bind(7, ratedN)
            .bind(8, ratingSum)
            .bind(9, negative)
            .bind(10, sentiment)
            .bind(11, day)
            .bind(12, positive)
            .bind(13, neutral);
        if (auto st = (*month)->run(); !st) {
            return st;
        }
    }
    if (sign > 0) {
        return {};
    }
    // a row whose last comment left is gone, as if it had never been written
    auto emptyDay = m_db.cached("DELETE FROM theme_rollups WHERE model = ? AND ward = ? AND "
                                "day = ? AND topic = ? AND theme = ? AND comments <= 0");
    auto emptyMonth = m_db.cached("DELETE FROM theme_months WHERE model = ? AND ward = ? AND "
                                  "month = ? AND topic IN (?, '') AND theme = ? AND comments <= 0");
    if (!emptyDay || !emptyMonth) {
        return !emptyDay ? emptyDay.error() : emptyMonth.error();
    }
    (*emptyDay)->bind(1, model).bind(2, row.ward).bind(3, day).bind(4, row.topic).bind(5, theme);
    (*emptyMonth)
        ->bind(1, model)
        .bind(2, row.ward)
        .bind(3, rows::monthOf(day))
        .bind(4, row.topic)
        .bind(5, theme);
    if (auto st = (*emptyDay)->run(); !st) {
        return st;
    }
    return (*emptyMonth)->run();
}

Result<std::int64_t> SqliteStore::indexForSearch(std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    std::int64_t from = 0;
    {
        auto through =
            m_db.cached("SELECT value FROM counters WHERE name = 'search_indexed_through'");
        if (!through) {
            return through.error();
        }
        auto row = (*through)->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            return makeError("sqlite", "no search_indexed_through counter");
        }
        from = (*through)->columnInt(0);
    }
    // the rows up to `limit` after it, with or without a comment
    std::int64_t to = 0;
    {
        auto reach = m_db.cached("SELECT max(seq) FROM (SELECT seq FROM submissions WHERE seq > ? "
                                 "ORDER BY seq LIMIT ?)");
        if (!reach) {
            return reach.error();
        }
        (*reach)->bind(1, from).bind(2, static_cast<std::int64_t>(limit));
        auto row = (*reach)->step();
        if (!row) {
            return row.error();
        }
        if ((*reach)->columnIsNull(0)) {
            return std::int64_t{0}; // nothing new
        }
        to = (*reach)->columnInt(0);
    }
    auto index = m_db.cached("INSERT INTO comment_search (rowid, comment) SELECT seq, comment "
                             "FROM submissions WHERE seq > ? AND seq <= ? AND comment <> ''");
    auto advance =
        m_db.cached("UPDATE counters SET value = ? WHERE name = 'search_indexed_through'");
    if (!index || !advance) {
        return !index ? index.error() : advance.error();
    }
    (*index)->bind(1, from).bind(2, to);
    if (auto s = (*index)->run(); !s) {
        return s.error();
    }
    (*advance)->bind(1, to);
    if (auto s = (*advance)->run(); !s) {
        return s.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return to - from;
}

Status SqliteStore::recordHeartbeat(const std::string& kioskId, const Heartbeat& beat,
                                    std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st =
        m_db.cached("UPDATE kiosks SET last_seen_at = ?, version = ?, queue_depth = ?, "
                    "oldest_queued_at = ?, last_sync_at = ?, uptime_s = ? WHERE kiosk_id = ?");
    if (!st) {
        return st.error();
    }
    (*st)
        ->bind(1, now)
        .bind(2, beat.version)
        .bind(3, beat.queueDepth)
        .bind(4, beat.oldestQueuedAt)
        .bind(5, beat.lastSyncAt)
        .bind(6, beat.uptimeS)
        .bind(7, kioskId);
    return (*st)->run();
}

Status SqliteStore::touchKiosk(const std::string& kioskId, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("UPDATE kiosks SET last_seen_at = ? WHERE kiosk_id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, kioskId);
    return st->run();
}

StoredSubmission rows::submissionFromRow(const Statement& row) {
    StoredSubmission out;
    common::Submission& s = out.submission;
    s.id = row.columnText(0);
    s.createdAt = row.columnText(1);
    s.ward = row.columnText(2);
    s.respondent =
        common::respondentFromString(row.columnText(3)).value_or(common::Respondent::Other);
    s.topic = common::topicFromString(row.columnText(4)).value_or(common::Topic::General);
    if (const auto rating = row.columnOptionalInt(5)) {
        s.rating = static_cast<int>(*rating);
    }
    const auto answers = nlohmann::json::parse(row.columnText(6), nullptr, false);
    if (answers.is_object()) {
        for (const auto& [q, a] : answers.items()) {
            if (a.is_string()) {
                s.answers[q] = a.get<std::string>();
            }
        }
    }
    s.comment = row.columnText(7);
    s.language = row.columnText(8);
    out.kioskId = row.columnText(9);
    out.receivedAt = row.columnInt(10);
    out.seq = row.columnInt(11);
    out.createdUnix = row.columnInt(12);
    s.assisted = row.columnInt(13) != 0;
    return out;
}

std::int64_t rows::monthOf(std::int64_t day) {
    const std::time_t t = static_cast<std::time_t>(day * kDaySeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    return static_cast<std::int64_t>(timegm(&tm)) / kDaySeconds;
}

std::int64_t rows::nextMonth(std::int64_t month) {
    return monthOf(month + 31);
}

std::string rows::marks(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += i == 0 ? "?" : ",?";
    }
    return out;
}

std::string rows::placeholders(std::size_t n, int first) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += (i == 0 ? "?" : ",?") + std::to_string(first + static_cast<int>(i));
    }
    return out;
}

Status SqliteStore::forEachSubmission(std::optional<std::int64_t> since,
                                      std::optional<std::int64_t> until,
                                      const std::function<void(const StoredSubmission&)>& visit,
                                      const std::string& ward) {
    const ReadLease lease = reader();
    // The ward in the WHERE clause, so that the (ward, time) index reads that ward's rows only.
    auto st =
        lease.db().prepare(std::string("SELECT ") + kSubmissionColumns +
                           " FROM submissions WHERE " + (ward.empty() ? "" : "ward = ?3 AND ") +
                           "created_unix >= ?1 AND created_unix < ?2 ORDER BY created_unix, seq");
    if (!st) {
        return st.error();
    }
    st->bind(1, since.value_or(INT64_MIN)).bind(2, until.value_or(INT64_MAX));
    if (!ward.empty()) {
        st->bind(3, ward);
    }
    return st->forEachRow([&](const Statement& row) { visit(submissionFromRow(row)); });
}

Result<std::int64_t> SqliteStore::scalar(const char* sql) {
    const ReadLease lease = reader();
    auto st = lease.db().cached(sql);
    if (!st) {
        return st.error();
    }
    auto row = (*st)->step();
    if (!row) {
        return row.error();
    }
    return row.value() ? (*st)->columnInt(0) : 0;
}

Result<std::int64_t> SqliteStore::lastSubmissionSeq() {
    return scalar("SELECT coalesce(max(seq), 0) FROM submissions");
}

Result<std::int64_t> SqliteStore::countSubmissions() {
    return scalar("SELECT value FROM counters WHERE name = 'submissions'");
}

Status SqliteStore::backupTo(const std::string& target) {
    // VACUUM INTO copies the database as one read transaction sees it: writers go on beside it
    // and it never restarts. Into a temporary name first; the target appears only complete and
    // checked.
    const std::string temp = target + ".partial";
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    {
        // its own connection (the pooled ones are query-only, which VACUUM INTO is not); an
        // in-memory database has only the writer's
        std::optional<Database> own;
        std::unique_lock<std::mutex> writerLock;
        if (m_readers) {
            auto opened = Database::open(m_db.path());
            if (!opened) {
                return opened.error();
            }
            own = std::move(opened).value();
        } else {
            writerLock = std::unique_lock(m_mutex);
        }
        Database& db = own ? *own : m_db;
        auto vacuum = db.prepare("VACUUM INTO ?");
        if (!vacuum) {
            return vacuum.error();
        }
        vacuum->bind(1, temp);
        if (auto st = vacuum->run(); !st) {
            std::filesystem::remove(temp, ec);
            return makeError(st.error().code, "backup to " + target + ": " + st.error().message);
        }
    }
    auto fail = [&](const Error& e) {
        std::filesystem::remove(temp, ec);
        return makeError(e.code, "backup to " + target + ": " + e.message);
    };
    {
        auto copy = Database::open(
            temp, common::db::OpenOptions{
                      .readOnly = true, .create = false, .busyTimeoutMs = 5000, .wal = false});
        if (!copy) {
            return fail(copy.error());
        }
        auto check = copy->prepare("PRAGMA integrity_check");
        if (!check) {
            return fail(check.error());
        }
        std::string findings;
        if (auto st = check->forEachRow([&](const Statement& row) {
                if (row.columnText(0) != "ok") {
                    findings += row.columnText(0) + "; ";
                }
            });
            !st) {
            return fail(st.error());
        }
        if (!findings.empty()) {
            return fail(makeError("corrupt", "the copy failed its integrity check: " + findings));
        }
    }
    // on disk before it takes the target's name, and the name on disk too
    const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        return fail(makeError("io", std::string("fsync: ") + std::strerror(errno)));
    }
    ::close(fd);
    if (std::rename(temp.c_str(), target.c_str()) != 0) {
        return fail(makeError("io", std::string("rename: ") + std::strerror(errno)));
    }
    const auto folder = std::filesystem::absolute(target).parent_path();
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    return {};
}

} // namespace wardvoice::aggregator
