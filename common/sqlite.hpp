// A thin RAII layer over the SQLite C API: connections, prepared statements, transactions and
// schema migrations by PRAGMA user_version. Expected failures come back as Status/Result with
// codes "busy", "full", "corrupt", "constraint", "io", "readonly", "cantopen" or "sqlite".
#pragma once

#include "result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace wardvoice::common::db {

struct OpenOptions {
    bool readOnly = false;
    bool create = true;
    int busyTimeoutMs = 5000;
    /// WAL journal with synchronous=FULL: a committed transaction survives power loss.
    bool wal = true;
};

/// A prepared statement. Binding errors are remembered and reported by the next step().
class Statement {
public:
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    /// Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bindNull(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// Advances: true when a row is ready, false when done.
    Result<bool> step();
    /// Steps to completion, ignoring rows, then resets for reuse.
    Status run();
    /// Calls `visit(*this)` for each row; stops at the first error.
    template <typename Visit> Status forEachRow(Visit&& visit) {
        for (;;) {
            auto row = step();
            if (!row) {
                return row.error();
            }
            if (!row.value()) {
                return {};
            }
            visit(*this);
        }
    }
    /// Rewinds so the statement can run again (bindings are cleared).
    void reset();

    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    bool columnIsNull(int column) const;
    std::optional<std::int64_t> columnOptionalInt(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : m_stmt(stmt), m_db(db) {}
    void noteBindResult(int rc, int index);

    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    std::optional<Error> m_bindError;
};

/// A statement from Database::cached(): prepared once per connection and reused. When the
/// lease ends the statement is reset and its bindings cleared, so no read stays open.
class CachedStatement {
public:
    explicit CachedStatement(Statement& statement) : m_statement(&statement) {}
    CachedStatement(CachedStatement&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr)) {}
    CachedStatement& operator=(CachedStatement&&) = delete;
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    ~CachedStatement() {
        if (m_statement != nullptr) {
            m_statement->reset();
        }
    }
    Statement& operator*() const { return *m_statement; }
    Statement* operator->() const { return m_statement; }

private:
    Statement* m_statement;
};

/// One connection. Move-only; closes on destruction.
class Database {
public:
    static Result<Database> open(const std::string& path, const OpenOptions& options = {});

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more SQL statements without parameters (schema, pragmas).
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    /// For hot paths (ingest, kiosk look-up): the statement for `sql`, prepared on first use and
    /// kept for the connection's lifetime. One lease per statement at a time.
    Result<CachedStatement> cached(std::string_view sql);
    /// Runs one parameterless statement through cached(): exec() without the parse each time.
    Status run(std::string_view sql);

    /// Applies `steps[k]` for every k >= PRAGMA user_version, each in its own transaction,
    /// bumping user_version as it goes. A database newer than the program is refused.
    Status migrate(const std::vector<std::string>& steps);
    Result<int> userVersion();

    /// PRAGMA quick_check: "corrupt" with SQLite's findings when the file is damaged.
    Status quickCheck();

    std::int64_t lastInsertRowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

private:
    Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

/// BEGIN IMMEDIATE on construction; rolls back on destruction unless commit() succeeded.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    Status commit();

private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db = nullptr;
    bool m_done = false;
};

/// Maps a SQLite result code to a WardVoice error with a message naming the operation.
Error sqliteError(sqlite3* db, int rc, std::string_view what);

} // namespace wardvoice::common::db
