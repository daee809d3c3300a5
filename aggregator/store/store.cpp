// The aggregator's SQLite storage.
#include "aggregator/store/store.hpp"

#include "common/signing.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
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

Result<Store> Store::open(const std::string& path) {
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
            std::cerr << "wardvoice: migration: " << notes->columnText(1) << std::endl;
        }
        (void)db->exec("UPDATE migration_log SET shown = 1 WHERE shown = 0");
    }
    Store store(std::move(db).value());
    if (path != ":memory:" && !path.empty()) {
        // A second connection for the kiosk look-up on every request: in WAL mode it reads the
        // last committed state while a commit (and its fsync) holds the writing connection.
        auto reader = Database::open(path);
        if (!reader) {
            return reader.error();
        }
        if (auto s = reader->exec("PRAGMA query_only=ON;"); !s) {
            return s.error();
        }
        store.m_reader = std::move(reader).value();
        store.m_syncWal = true;
    }
    return store;
}

Result<Store> Store::openCreatingFolder(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec); // open() names the path if this failed
    }
    return open(path);
}

Result<KioskRecord> Store::addKiosk(const std::string& ward, const std::string& name) {
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

Result<std::vector<KioskRecord>> Store::listKiosks() {
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

Result<std::optional<KioskRecord>> Store::findKiosk(const std::string& kioskId) {
    const bool separate = m_reader.has_value();
    std::unique_lock lock(separate ? m_readMutex : m_mutex);
    Database& db = separate ? *m_reader : m_db;
    auto st = db.cached(std::string("SELECT ") + kKioskColumns + " FROM kiosks WHERE kiosk_id = ?");
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

Status Store::revokeKiosk(const std::string& kioskId, std::int64_t now) {
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

Result<common::wire::BatchResult> Store::ingest(const std::string& kioskId,
                                                const std::vector<common::Submission>& submissions,
                                                std::int64_t receivedAt) {
    // Two-stage group commit. Stage 1: requests that arrive while another group is being written
    // wait, then one of them writes them all in one transaction. Stage 2: one fdatasync of the
    // WAL makes every group written before it durable, and runs while the next group is being
    // written. Nobody is answered before their rows are on disk (what synchronous=FULL gives,
    // without holding the write lock through the disk flush).
    // Each waiter sleeps on its own condition variable and is woken only when its own state
    // changes or it is next to lead: no herd of wake-ups on two cores.
    PendingIngest me{&kioskId, &submissions, receivedAt, common::makeError("pending", ""), false, 0,
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

IngestStats Store::ingestStats() {
    std::lock_guard lock(m_groupMutex);
    return {m_requests, m_writtenGroups, m_flushes};
}

Status Store::syncWal() {
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

Store::~Store() {
    if (m_walFd >= 0) {
        ::close(m_walFd);
    }
}

void Store::commitGroup(const std::vector<PendingIngest*>& group) {
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
    auto insert =
        m_db.cached("INSERT INTO submissions (id, kiosk_id, received_at, created_at, "
                    "created_unix, ward, respondent, "
                    "topic, rating, answers, comment, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                    "ON CONFLICT(id) DO NOTHING");
    auto touch =
        m_db.cached("UPDATE kiosks SET last_seen_at = ?, last_sync_at = ? WHERE kiosk_id = ?");
    if (!insert || !touch) {
        return failAll(!insert ? insert.error() : touch.error());
    }
    std::vector<common::wire::BatchResult> results(group.size());
    if (group.size() == 1) {
        // Alone in the transaction: a failure rolls the whole transaction back.
        if (auto outcome = insertRequest(**insert, **touch, *group[0], results[0]); !outcome) {
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
            auto outcome = insertRequest(**insert, **touch, *group[k], results[k]);
            if (!outcome) {
                group[k]->result = outcome.error();
                (void)(*rollback)->run();
            }
            if (auto st = (*release)->run(); !st) {
                return failAll(st.error());
            }
        }
    }
    if (auto st = tx->commit(); !st) {
        return failAll(st.error());
    }
    for (std::size_t k = 0; k < group.size(); ++k) {
        if (group[k]->result.ok() || group[k]->result.error().code == "pending") {
            group[k]->result = std::move(results[k]);
        }
    }
}

Status Store::insertRequest(Statement& insert, Statement& touch, const PendingIngest& request,
                            common::wire::BatchResult& result) {
    for (const common::Submission& s : *request.submissions) {
        nlohmann::json answers = nlohmann::json::object();
        for (const auto& [q, a] : s.answers) {
            answers[q] = a;
        }
        const auto createdUnix = common::parseRfc3339(s.createdAt);
        insert.bind(1, s.id)
            .bind(2, *request.kioskId)
            .bind(3, request.receivedAt)
            .bind(4, s.createdAt)
            .bind(5, createdUnix ? createdUnix.value() : request.receivedAt)
            .bind(6, s.ward)
            .bind(7, common::toString(s.respondent))
            .bind(8, common::toString(s.topic))
            .bind(9, s.rating)
            .bind(10, answers.dump())
            .bind(11, s.comment)
            .bind(12, s.language);
        if (auto st = insert.run(); !st) {
            return st; // rolled back to the savepoint: nothing of this request is stored
        }
        (m_db.changes() == 1 ? result.accepted : result.duplicate).push_back(s.id);
    }
    touch.bind(1, request.receivedAt)
        .bind(2, common::formatRfc3339(request.receivedAt))
        .bind(3, *request.kioskId);
    return touch.run();
}

Status Store::recordHeartbeat(const std::string& kioskId, const Heartbeat& beat, std::int64_t now) {
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

Status Store::touchKiosk(const std::string& kioskId, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("UPDATE kiosks SET last_seen_at = ? WHERE kiosk_id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, kioskId);
    return st->run();
}

Status Store::forEachSubmission(std::optional<std::int64_t> since,
                                std::optional<std::int64_t> until,
                                const std::function<void(const StoredSubmission&)>& visit) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("SELECT id, created_at, ward, respondent, topic, rating, answers, "
                           "comment, language, kiosk_id, "
                           "received_at FROM submissions WHERE created_unix >= ? AND created_unix "
                           "< ? ORDER BY created_unix, seq");
    if (!st) {
        return st.error();
    }
    st->bind(1, since.value_or(INT64_MIN)).bind(2, until.value_or(INT64_MAX));
    return st->forEachRow([&](const Statement& row) {
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
        visit(out);
    });
}

Result<std::int64_t> Store::scalar(const char* sql) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(sql);
    if (!st) {
        return st.error();
    }
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    return st->columnInt(0);
}

Result<std::int64_t> Store::lastSubmissionSeq() {
    return scalar("SELECT coalesce(max(seq), 0) FROM submissions");
}

Result<std::int64_t> Store::countSubmissions() {
    return scalar("SELECT count(*) FROM submissions");
}

Status Store::backupTo(const std::string& target) {
    auto dest = Database::open(
        target, common::db::OpenOptions{
                    .readOnly = false, .create = true, .busyTimeoutMs = 5000, .wal = false});
    if (!dest) {
        return dest.error();
    }
    std::lock_guard lock(m_mutex);
    sqlite3_backup* backup = sqlite3_backup_init(dest->handle(), "main", m_db.handle(), "main");
    if (backup == nullptr) {
        return common::db::sqliteError(dest->handle(), sqlite3_errcode(dest->handle()),
                                       "backup to " + target);
    }
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(10);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        return common::db::sqliteError(dest->handle(), rc, "backup to " + target);
    }
    return {};
}

} // namespace wardvoice::aggregator
