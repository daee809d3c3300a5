// A thin RAII layer over the SQLite C API.
#include "sqlite.hpp"

#include <sqlite3.h>
#include <utility>

namespace wardvoice::common::db {
namespace {

std::string codeFor(int rc) {
    switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "busy";
    case SQLITE_FULL:
        return "full";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "corrupt";
    case SQLITE_CONSTRAINT:
        return "constraint";
    case SQLITE_IOERR:
        return "io";
    case SQLITE_READONLY:
        return "readonly";
    case SQLITE_CANTOPEN:
        return "cantopen";
    default:
        return "sqlite";
    }
}

} // namespace

Error sqliteError(sqlite3* db, int rc, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return makeError(codeFor(rc), std::move(message));
}

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db),
      m_bindError(std::move(other.m_bindError)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
        m_bindError = std::move(other.m_bindError);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

void Statement::noteBindResult(int rc, int index) {
    if (rc != SQLITE_OK && !m_bindError) {
        m_bindError = sqliteError(m_db, rc, "bind parameter " + std::to_string(index));
    }
}

Statement& Statement::bind(int index, std::int64_t value) {
    noteBindResult(sqlite3_bind_int64(m_stmt, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    noteBindResult(sqlite3_bind_double(m_stmt, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    noteBindResult(sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8),
                   index);
    return *this;
}

Statement& Statement::bindNull(int index) {
    noteBindResult(sqlite3_bind_null(m_stmt, index), index);
    return *this;
}

Result<bool> Statement::step() {
    if (m_bindError) {
        Error e = *m_bindError;
        m_bindError.reset();
        sqlite3_reset(m_stmt);
        return e;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    Error e = sqliteError(m_db, rc, "step");
    sqlite3_reset(m_stmt);
    return e;
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) {
            reset();
            return row.error();
        }
        if (!row.value()) {
            break;
        }
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError.reset();
}

std::int64_t Statement::columnInt(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::columnDouble(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const {
    const auto* text = sqlite3_column_text(m_stmt, column);
    if (text == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

bool Statement::columnIsNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::columnOptionalInt(int column) const {
    if (columnIsNull(column)) {
        return std::nullopt;
    }
    return columnInt(column);
}

// ---- Database ----

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
    int flags = SQLITE_OPEN_FULLMUTEX;
    flags |= options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.readOnly) {
        flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db(raw, path);
    if (rc != SQLITE_OK) {
        return sqliteError(raw, rc, "open " + path);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    // The first statement reads the header: a file that is not a database fails here.
    if (auto s = db.exec("PRAGMA foreign_keys=ON; SELECT count(*) FROM sqlite_schema;"); !s) {
        return makeError(s.error().code, "open " + path + ": " + s.error().message);
    }
    if (options.wal && !options.readOnly) {
        if (auto s = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s) {
            return makeError(s.error().code, "open " + path + ": " + s.error().message);
        }
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
      m_cache(std::move(other.m_cache)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        m_cache.clear();
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Database::~Database() {
    m_cache.clear(); // finalise kept statements before the connection closes
    sqlite3_close_v2(m_db);
}

Status Database::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return makeError(codeFor(rc), "exec: " + detail);
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return sqliteError(m_db, rc, "prepare \"" + std::string(sql.substr(0, 60)) + "\"");
    }
    return Statement(stmt, m_db);
}

Result<CachedStatement> Database::cached(std::string_view sql) {
    const std::string key(sql);
    if (const auto it = m_cache.find(key); it != m_cache.end()) {
        return CachedStatement(*it->second);
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, key.c_str(), static_cast<int>(key.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return sqliteError(m_db, rc, "prepare \"" + key.substr(0, 60) + "\"");
    }
    auto& slot = m_cache[key];
    slot.reset(new Statement(stmt, m_db));
    return CachedStatement(*slot);
}

Status Database::run(std::string_view sql) {
    auto statement = cached(sql);
    if (!statement) {
        return statement.error();
    }
    return (*statement)->run();
}

Result<int> Database::userVersion() {
    auto stmt = prepare("PRAGMA user_version");
    if (!stmt) {
        return stmt.error();
    }
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return static_cast<int>(stmt->columnInt(0));
}

Status Database::migrate(const std::vector<std::string>& steps) {
    auto version = userVersion();
    if (!version) {
        return version.error();
    }
    if (version.value() > static_cast<int>(steps.size())) {
        return makeError("schema_too_new",
                         m_path + " has schema version " + std::to_string(version.value()) +
                             "; this program knows up to " + std::to_string(steps.size()) +
                             ": it was written by a newer WardVoice. Install that version again "
                             "(a downgrade is not supported) or restore a backup of this one");
    }
    if (version.value() == static_cast<int>(steps.size())) {
        return {};
    }
    // As SQLite's ALTER TABLE page asks for a table rebuilt in a step: foreign keys are off
    // while the steps run, each step is checked for broken references before it commits, and
    // they are on again afterwards whatever happens.
    if (auto s = exec("PRAGMA foreign_keys=OFF"); !s) {
        return s;
    }
    struct KeysBackOn {
        Database* db;
        ~KeysBackOn() { (void)db->exec("PRAGMA foreign_keys=ON"); }
    } keysBackOn{this};
    for (auto k = static_cast<std::size_t>(version.value()); k < steps.size(); ++k) {
        auto tx = Transaction::begin(*this);
        if (!tx) {
            return tx.error();
        }
        if (auto s = exec(steps[k]); !s) {
            return makeError(s.error().code,
                             "migration " + std::to_string(k + 1) + ": " + s.error().message);
        }
        auto broken = prepare("PRAGMA foreign_key_check");
        if (!broken) {
            return broken.error();
        }
        auto row = broken->step();
        if (!row) {
            return row.error();
        }
        if (row.value()) {
            return makeError("constraint", "migration " + std::to_string(k + 1) +
                                               " breaks a reference from " + broken->columnText(0));
        }
        broken->reset();
        if (auto s = exec("PRAGMA user_version=" + std::to_string(k + 1)); !s) {
            return s;
        }
        if (auto s = tx->commit(); !s) {
            return s;
        }
    }
    return {};
}

Status Database::quickCheck() {
    auto stmt = prepare("PRAGMA quick_check");
    if (!stmt) {
        return stmt.error();
    }
    std::string findings;
    auto walked = stmt->forEachRow([&](const Statement& row) {
        const std::string line = row.columnText(0);
        if (line != "ok") {
            findings += findings.empty() ? line : "; " + line;
        }
    });
    if (!walked) {
        return walked;
    }
    if (!findings.empty()) {
        return makeError("corrupt", m_path + ": " + findings);
    }
    return {};
}

std::int64_t Database::lastInsertRowid() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}

// ---- Transaction ----

Result<Transaction> Transaction::begin(Database& db) {
    if (auto s = db.run("BEGIN IMMEDIATE"); !s) {
        return s.error();
    }
    return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_done(std::exchange(other.m_done, true)) {}

Transaction::~Transaction() {
    if (m_db != nullptr && !m_done) {
        (void)m_db->run("ROLLBACK"); // never throws; a failed rollback leaves SQLite to recover
    }
}

Status Transaction::commit() {
    auto s = m_db->run("COMMIT");
    if (s) {
        m_done = true;
    }
    return s;
}

} // namespace wardvoice::common::db
