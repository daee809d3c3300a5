// The SQLite RAII layer: statements, transactions, migrations and its error paths.
#include "common/sqlite.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace wardvoice::common::db {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        m_path = fs::temp_directory_path() /
                 ("wv_sqlite_" + std::to_string(::getpid()) + "_" + std::to_string(s_counter++));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    std::string file(const char* name) const { return (m_path / name).string(); }

private:
    static inline int s_counter = 0;
    fs::path m_path;
};

Database openOrDie(const std::string& path, const OpenOptions& options = {}) {
    auto db = Database::open(path, options);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
    return std::move(db).value();
}

TEST(Sqlite, PreparedStatementsBindAndRead) {
    Database db = openOrDie(":memory:");
    ASSERT_TRUE(db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n TEXT)").ok());
    auto insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
    ASSERT_TRUE(insert.ok());
    insert->bind(1, std::int64_t{42}).bind(2, 2.5).bind(3, "żółć'; DROP TABLE t; --").bindNull(4);
    ASSERT_TRUE(insert->run().ok());
    auto select = db.prepare("SELECT i, d, s, n FROM t");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(select->step().value());
    EXPECT_EQ(select->columnInt(0), 42);
    EXPECT_DOUBLE_EQ(select->columnDouble(1), 2.5);
    EXPECT_EQ(select->columnText(2), "żółć'; DROP TABLE t; --");
    EXPECT_TRUE(select->columnIsNull(3));
    EXPECT_FALSE(select->columnOptionalInt(3).has_value());
    EXPECT_FALSE(select->step().value());
}

TEST(Sqlite, FileDatabasesUseWalAndFullSync) {
    TempDir dir;
    Database db = openOrDie(dir.file("wal.db"));
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode->step().value());
    EXPECT_EQ(mode->columnText(0), "wal");
    auto sync = db.prepare("PRAGMA synchronous");
    ASSERT_TRUE(sync->step().value());
    EXPECT_EQ(sync->columnInt(0), 2); // FULL
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
    Database db = openOrDie(":memory:");
    ASSERT_TRUE(db.exec("CREATE TABLE t (x INTEGER)").ok());
    {
        auto tx = Transaction::begin(db);
        ASSERT_TRUE(tx.ok());
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)").ok());
    } // destroyed without commit
    {
        auto tx = Transaction::begin(db);
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (2)").ok());
        ASSERT_TRUE(tx->commit().ok());
    }
    auto count = db.prepare("SELECT group_concat(x) FROM t");
    ASSERT_TRUE(count->step().value());
    EXPECT_EQ(count->columnText(0), "2");
}

TEST(Sqlite, MigrationsRunOnceInOrder) {
    TempDir dir;
    const std::vector<std::string> v1 = {"CREATE TABLE a (x INTEGER);"};
    const std::vector<std::string> v2 = {"CREATE TABLE a (x INTEGER);",
                                         "ALTER TABLE a ADD COLUMN y TEXT;"};
    {
        Database db = openOrDie(dir.file("m.db"));
        ASSERT_TRUE(db.migrate(v1).ok());
        EXPECT_EQ(db.userVersion().value(), 1);
        ASSERT_TRUE(db.migrate(v1).ok()); // idempotent
    }
    {
        Database db = openOrDie(dir.file("m.db"));
        ASSERT_TRUE(db.migrate(v2).ok());
        EXPECT_EQ(db.userVersion().value(), 2);
        EXPECT_TRUE(db.exec("INSERT INTO a (x, y) VALUES (1, 'b')").ok());
        // an older program must not touch a newer schema
        auto s = db.migrate(v1);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().code, "schema_too_new");
    }
}

TEST(Sqlite, FailedMigrationChangesNothing) {
    Database db = openOrDie(":memory:");
    const std::vector<std::string> steps = {
        "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);"};
    auto s = db.migrate(steps);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("migration 1"), std::string::npos);
    EXPECT_EQ(db.userVersion().value(), 0);
    EXPECT_TRUE(db.exec("CREATE TABLE a (z INTEGER)").ok()); // the half-made table was rolled back
}

TEST(Sqlite, AMigrationMayRebuildAReferencedTableButNeverBreakAReference) {
    Database db = openOrDie(":memory:");
    const std::vector<std::string> steps = {
        "CREATE TABLE parent (name TEXT PRIMARY KEY, kind TEXT CHECK (kind IN ('a')));"
        "CREATE TABLE child (parent TEXT NOT NULL REFERENCES parent (name));"
        "INSERT INTO parent VALUES ('p', 'a'); INSERT INTO child VALUES ('p');",
        // the rebuild SQLite's ALTER TABLE page describes, for a wider CHECK
        "CREATE TABLE parent_new (name TEXT PRIMARY KEY, kind TEXT CHECK (kind IN ('a', 'b')));"
        "INSERT INTO parent_new SELECT * FROM parent; DROP TABLE parent;"
        "ALTER TABLE parent_new RENAME TO parent;"};
    ASSERT_TRUE(db.migrate(steps).ok());
    EXPECT_TRUE(db.exec("INSERT INTO parent VALUES ('q', 'b')").ok());
    EXPECT_FALSE(db.exec("INSERT INTO child VALUES ('nobody')").ok())
        << "foreign keys are on again";
    // a step that would leave a child without its parent is refused, and rolled back
    std::vector<std::string> breaking = steps;
    breaking.push_back("DELETE FROM parent WHERE name = 'p';");
    auto s = db.migrate(breaking);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("breaks a reference"), std::string::npos) << s.error().message;
    EXPECT_EQ(db.userVersion().value(), 2);
    EXPECT_FALSE(db.exec("INSERT INTO child VALUES ('nobody')").ok());
}

TEST(Sqlite, LockedDatabaseReportsBusy) {
    TempDir dir;
    OpenOptions quick;
    quick.busyTimeoutMs = 50;
    Database a = openOrDie(dir.file("lock.db"), quick);
    Database b = openOrDie(dir.file("lock.db"), quick);
    ASSERT_TRUE(a.exec("CREATE TABLE t (x INTEGER)").ok());
    auto held = Transaction::begin(a);
    ASSERT_TRUE(held.ok());
    auto blocked = Transaction::begin(b);
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, "busy");
    ASSERT_TRUE(held->commit().ok());
    EXPECT_TRUE(Transaction::begin(b).ok());
}

TEST(Sqlite, DiskFullIsReportedAndCommittedDataSurvives) {
    TempDir dir;
    Database db = openOrDie(dir.file("full.db"));
    ASSERT_TRUE(db.exec("CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('kept');").ok());
    ASSERT_TRUE(db.exec("PRAGMA max_page_count=8").ok());
    auto insert = db.prepare("INSERT INTO t VALUES (?)");
    Status last;
    for (int i = 0; i < 200 && last.ok(); ++i) {
        insert->bind(1, std::string(4000, 'x'));
        last = insert->run();
    }
    ASSERT_FALSE(last.ok());
    EXPECT_EQ(last.error().code, "full");
    auto count = db.prepare("SELECT count(*) FROM t WHERE s = 'kept'");
    ASSERT_TRUE(count->step().value());
    EXPECT_EQ(count->columnInt(0), 1);
}

TEST(Sqlite, CorruptFileGivesAClearError) {
    TempDir dir;
    const std::string path = dir.file("corrupt.db");
    {
        std::ofstream out(path, std::ios::binary);
        out << std::string(8192, 'Z');
    }
    auto db = Database::open(path);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, "corrupt");
    EXPECT_NE(db.error().message.find(path), std::string::npos);
}

TEST(Sqlite, DamagedPagesAreFoundByQuickCheck) {
    TempDir dir;
    const std::string path = dir.file("damaged.db");
    {
        OpenOptions plain;
        plain.wal = false;
        Database db = openOrDie(path, plain);
        ASSERT_TRUE(db.exec("CREATE TABLE t (s TEXT); CREATE INDEX ti ON t(s);").ok());
        auto insert = db.prepare("INSERT INTO t VALUES (?)");
        for (int i = 0; i < 500; ++i) {
            insert->bind(1, "row " + std::to_string(i) + std::string(100, 'y'));
            ASSERT_TRUE(insert->run().ok());
        }
    }
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096 * 3 + 100);
        const std::string garbage(2000, '\x7f');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    OpenOptions plain;
    plain.wal = false;
    auto db = Database::open(path, plain);
    if (!db.ok()) {
        EXPECT_EQ(db.error().code, "corrupt");
        return;
    }
    auto s = db->quickCheck();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "corrupt");
}

TEST(Sqlite, BadSqlIsAnErrorNotACrash) {
    Database db = openOrDie(":memory:");
    auto stmt = db.prepare("SELEKT 1");
    ASSERT_FALSE(stmt.ok());
    EXPECT_NE(stmt.error().message.find("SELEKT"), std::string::npos);
    ASSERT_TRUE(db.exec("CREATE TABLE u (x INTEGER PRIMARY KEY)").ok());
    ASSERT_TRUE(db.exec("INSERT INTO u VALUES (1)").ok());
    auto dup = db.exec("INSERT INTO u VALUES (1)");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, "constraint");
}

TEST(Sqlite, ReadOnlyMissingFileCannotOpen) {
    TempDir dir;
    OpenOptions ro;
    ro.readOnly = true;
    auto db = Database::open(dir.file("absent.db"), ro);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, "cantopen");
}

} // namespace
} // namespace wardvoice::common::db
