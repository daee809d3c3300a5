// The aggregator store: enrolment, idempotent ingest, heartbeats, export order and backup.
#include "aggregator/store/sqlite_store.hpp"
#include "common/sqlite.hpp"
#include "common/uuid.hpp"
#include "support/sample_submission.hpp"

#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

common::Submission sample() {
    return test::sampleSubmission();
}

SqliteStore openMemory() {
    auto store = SqliteStore::open(":memory:");
    EXPECT_TRUE(store.ok());
    return std::move(store).value();
}

TEST(Store, EnrolsKiosksWithFreshSecrets) {
    SqliteStore store = openMemory();
    auto a = store.addKiosk("ward-7", "corridor");
    auto b = store.addKiosk("ward-8", "");
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE(b.ok());
    EXPECT_NE(a->kioskId, b->kioskId);
    EXPECT_NE(a->secret, b->secret);
    EXPECT_EQ(a->secret.size(), 64u);
    auto found = store.findKiosk(a->kioskId);
    ASSERT_TRUE(found.ok() && found.value().has_value());
    EXPECT_EQ(found.value()->ward, "ward-7");
    EXPECT_EQ(found.value()->name, "corridor");
    EXPECT_EQ(store.listKiosks().value().size(), 2u);
    EXPECT_FALSE(store.addKiosk("ward 7", "").ok());
}

TEST(Store, RevokeMarksKioskAndUnknownIsNotFound) {
    SqliteStore store = openMemory();
    auto k = store.addKiosk("ward-7", "");
    ASSERT_TRUE(store.revokeKiosk(k->kioskId, 1000).ok());
    EXPECT_EQ(store.findKiosk(k->kioskId).value()->revokedAt, 1000);
    auto missing = store.revokeKiosk("k-nope", 1000);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "not_found");
}

TEST(Store, IngestStoresEachIdOnce) {
    SqliteStore store = openMemory();
    auto k = store.addKiosk("ward-7", "");
    const auto a = sample();
    const auto b = sample();
    auto first = store.ingest(k->kioskId, {a, b, a}, 2000);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->accepted, (std::vector<std::string>{a.id, b.id}));
    EXPECT_EQ(first->duplicate, (std::vector<std::string>{a.id}));
    auto again = store.ingest(k->kioskId, {b}, 2001);
    EXPECT_TRUE(again->accepted.empty());
    EXPECT_EQ(again->duplicate, (std::vector<std::string>{b.id}));
    EXPECT_EQ(store.countSubmissions().value(), 2);
}

TEST(Store, ConcurrentIngestsShareCommitsButCountEachIdOnce) {
    SqliteStore store = openMemory();
    auto k = store.addKiosk("ward-7", "");
    std::vector<common::Submission> shared;
    for (int i = 0; i < 50; ++i) {
        shared.push_back(sample());
    }
    // eight threads send the same 50 ids plus 20 of their own, at once
    std::vector<std::thread> threads;
    std::atomic<int> accepted{0};
    std::atomic<int> duplicate{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            std::vector<common::Submission> mine = shared;
            for (int i = 0; i < 20; ++i) {
                mine.push_back(sample());
            }
            auto r = store.ingest(k->kioskId, mine, 1);
            ASSERT_TRUE(r.ok());
            accepted += static_cast<int>(r->accepted.size());
            duplicate += static_cast<int>(r->duplicate.size());
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(accepted.load(), 50 + 8 * 20);
    EXPECT_EQ(duplicate.load(), 7 * 50);
    EXPECT_EQ(store.countSubmissions().value(), 50 + 8 * 20);
}

/// A file database in a fresh folder, removed at the end of the test.
struct FileStore {
    FileStore() {
        dir = std::filesystem::temp_directory_path() /
              ("wv_store_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~FileStore() { std::filesystem::remove_all(dir); }
    std::string path() const { return (dir / "agg.db").string(); }
    std::filesystem::path dir;
};

TEST(Store, FileIngestsFromManyThreadsAreFlushedTogetherAndStoredOnce) {
    FileStore files;
    auto opened = SqliteStore::open(files.path());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Store& store = opened.value();
    auto k = store.addKiosk("ward-7", "");
    constexpr int kThreads = 16;
    constexpr int kEach = 25;
    std::vector<std::thread> threads;
    std::atomic<int> accepted{0};
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                const auto one = sample();
                auto r = store.ingest(k->kioskId, {one}, 1);
                if (!r.ok() || r->accepted != std::vector<std::string>{one.id}) {
                    ++failures;
                }
                accepted += r.ok() ? static_cast<int>(r->accepted.size()) : 0;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(accepted.load(), kThreads * kEach);
    EXPECT_EQ(store.countSubmissions().value(), kThreads * kEach);
    const IngestStats stats = store.ingestStats();
    EXPECT_EQ(stats.requests, static_cast<std::uint64_t>(kThreads * kEach));
    EXPECT_GE(stats.groups, 1u);
    EXPECT_LE(stats.groups, stats.requests);
    EXPECT_GE(stats.flushes, 1u); // a file database answers only after flushing its WAL
    EXPECT_LE(stats.flushes, stats.groups);

    // Everything acknowledged is there for the next process to open.
    auto reopened = SqliteStore::open(files.path());
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened->countSubmissions().value(), kThreads * kEach);
}

TEST(Store, KioskLookUpSeesChangesMadeByAnotherConnection) {
    // The look-up reads through its own connection: a revocation by the command line (another
    // process) must show at once, not after some cached read.
    FileStore files;
    auto server = SqliteStore::open(files.path());
    ASSERT_TRUE(server.ok());
    auto k = server->addKiosk("ward-7", "");
    ASSERT_TRUE(server->findKiosk(k->kioskId).value().has_value());
    EXPECT_FALSE(server->findKiosk(k->kioskId).value()->revokedAt.has_value());
    auto cli = SqliteStore::open(files.path());
    ASSERT_TRUE(cli.ok());
    ASSERT_TRUE(cli->revokeKiosk(k->kioskId, 4242).ok());
    auto added = cli->addKiosk("ward-8", "");
    EXPECT_EQ(server->findKiosk(k->kioskId).value()->revokedAt, 4242);
    ASSERT_TRUE(server->findKiosk(added->kioskId).value().has_value());
}

TEST(Store, ExportGivesBackWhatWasStored) {
    SqliteStore store = openMemory();
    auto k = store.addKiosk("ward-7", "");
    auto early = sample();
    early.createdAt = "2026-11-01T09:00:00Z";
    auto late = sample();
    late.rating.reset();
    ASSERT_TRUE(store.ingest(k->kioskId, {late, early}, 3000).ok());
    std::vector<StoredSubmission> rows;
    ASSERT_TRUE(store
                    .forEachSubmission(std::nullopt, std::nullopt,
                                       [&](const StoredSubmission& r) { rows.push_back(r); })
                    .ok());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].submission, early);
    EXPECT_EQ(rows[1].submission, late);
    EXPECT_EQ(rows[0].kioskId, k->kioskId);
    EXPECT_EQ(rows[0].receivedAt, 3000);
    int inRange = 0;
    ASSERT_TRUE(store
                    .forEachSubmission(1795392000, std::nullopt,
                                       [&](const StoredSubmission&) { ++inRange; })
                    .ok());
    EXPECT_EQ(inRange, 1);
}

TEST(Store, HeartbeatIsKept) {
    SqliteStore store = openMemory();
    auto k = store.addKiosk("ward-7", "");
    Heartbeat beat{"0.1.0", 12, "2026-11-23T10:00:00Z", "2026-11-23T10:05:00Z", 3600};
    ASSERT_TRUE(store.recordHeartbeat(k->kioskId, beat, 5000).ok());
    const KioskRecord r = *store.findKiosk(k->kioskId).value();
    EXPECT_EQ(r.version, "0.1.0");
    EXPECT_EQ(r.queueDepth, 12);
    EXPECT_EQ(r.lastSeenAt, 5000);
    EXPECT_EQ(r.uptimeS, 3600);
}

TEST(Store, BackupIsAConsistentCopy) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("wv_backup_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        auto store = SqliteStore::open((dir / "live.db").string());
        ASSERT_TRUE(store.ok());
        auto k = store->addKiosk("ward-7", "");
        ASSERT_TRUE(store->ingest(k->kioskId, {sample(), sample(), sample()}, 1).ok());
        ASSERT_TRUE(store->backupTo((dir / "copy.db").string()).ok());
    }
    auto copy = SqliteStore::open((dir / "copy.db").string());
    ASSERT_TRUE(copy.ok());
    EXPECT_EQ(copy->countSubmissions().value(), 3);
    EXPECT_EQ(copy->listKiosks().value().size(), 1u);
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace wardvoice::aggregator

namespace wardvoice::aggregator {
namespace {

TEST(StoreMigration, IdsStoredTwiceInTwoLetterCasesAreFoldedKeepingTheFirst) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("wv_fold_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "old.db").string();
    {
        auto store = SqliteStore::open(path);
        ASSERT_TRUE(store.ok());
    }
    // A database as schema 2 left it: one id stored three times in different cases.
    {
        auto db = common::db::Database::open(path);
        ASSERT_TRUE(db.ok());
        // (what migrations 3 to 17 added goes, and what 4 dropped comes back)
        ASSERT_TRUE(db->exec("DROP TABLE migration_log; DROP TABLE counters; DROP TABLE wards; "
                             "DROP TABLE day_counts; DROP TABLE theme_models; "
                             "DROP TABLE submission_themes; DROP TABLE theme_rollups; "
                             "DROP TABLE theme_months; DROP TABLE comment_search; "
                             "DROP TABLE alert_deliveries; DROP TABLE alert_events; "
                             "DROP TABLE alerts; DROP TABLE theme_corrections; "
                             "DROP TABLE meeting_items; DROP TABLE meetings; "
                             "DROP TABLE agenda_evidence; DROP INDEX agenda_actions_by_item; "
                             "ALTER TABLE agenda_actions DROP COLUMN role; "
                             "ALTER TABLE agenda_actions DROP COLUMN changes; "
                             "ALTER TABLE sessions DROP COLUMN last_seen_at; "
                             "ALTER TABLE sessions DROP COLUMN idle_s; "
                             "ALTER TABLE messages DROP COLUMN texts; "
                             "ALTER TABLE messages DROP COLUMN withdrawn_at; "
                             "ALTER TABLE messages DROP COLUMN updated_by; "
                             "ALTER TABLE messages DROP COLUMN updated_at; "
                             "DROP TABLE agenda_choices; DROP INDEX submissions_by_vote; "
                             "DROP TABLE agenda_panel_votes; DROP TABLE panel_volunteers; "
                             "ALTER TABLE submissions DROP COLUMN priority_vote; "
                             "ALTER TABLE submissions DROP COLUMN assisted; "
                             "DROP TABLE agenda_items; CREATE TABLE agenda_items (id INTEGER "
                             "PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL CHECK "
                             "(status IN ('proposed', 'on_agenda', 'action_agreed', 'done')), "
                             "since TEXT NOT NULL, until TEXT NOT NULL, evidence TEXT NOT NULL, "
                             "created_by TEXT NOT NULL, created_at INTEGER NOT NULL, "
                             "updated_at INTEGER NOT NULL); "
                             "DROP INDEX submissions_complex; "
                             "ALTER TABLE submissions DROP COLUMN complex; "
                             "ALTER TABLE submissions DROP COLUMN category; "
                             "ALTER TABLE submissions DROP COLUMN sentiment; "
                             "ALTER TABLE submissions DROP COLUMN sentiment_class; "
                             "CREATE TABLE theme_states (scope TEXT PRIMARY KEY, state TEXT, "
                             "updated_at INTEGER); PRAGMA user_version=2;")
                        .ok());
        const char* rows[] = {
            "0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11", "0B8E4C1E-6A53-4A0E-9D0C-3C1D1F0E9A11",
            "0b8E4c1E-6a53-4a0e-9d0c-3c1d1f0e9a11", "1c8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11"};
        int n = 0;
        for (const char* id : rows) {
            ASSERT_TRUE(db->exec(std::string("INSERT INTO submissions (id, kiosk_id, received_at, "
                                             "created_at, created_unix, ward, respondent, topic, "
                                             "rating, answers, comment, language) VALUES ('") +
                                 id +
                                 "', 'k', 0, '2026-01-01T00:00:00Z', 0, 'ward-7', 'patient', "
                                 "'general', 1, '{}', 'row " +
                                 std::to_string(n++) + "', 'en')")
                            .ok());
        }
    }
    testing::internal::CaptureStderr();
    auto store = SqliteStore::open(path);
    const std::string said = testing::internal::GetCapturedStderr();
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_NE(said.find("folded 2 submissions"), std::string::npos) << said;
    EXPECT_EQ(store->countSubmissions().value(), 2);
    std::vector<std::string> comments;
    ASSERT_TRUE(store
                    ->forEachSubmission(std::nullopt, std::nullopt,
                                        [&](const StoredSubmission& row) {
                                            comments.push_back(row.submission.id + " " +
                                                               row.submission.comment);
                                        })
                    .ok());
    ASSERT_EQ(comments.size(), 2u);
    EXPECT_EQ(comments[0], "0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11 row 0");
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace wardvoice::aggregator

#include "aggregator/agenda/suppression.hpp"

namespace wardvoice::aggregator {
namespace {

std::vector<Shown> cellsOf(const std::vector<std::int64_t>& cells, std::int64_t total,
                           bool* totalHidden = nullptr) {
    const GroupSuppression g = suppressGroup(cells, total);
    if (totalHidden != nullptr) {
        *totalHidden = g.totalHidden;
    }
    return g.cells;
}

TEST(Suppression, NoHiddenCountFollowsFromTheTotalAndTheOthers) {
    using S = Shown;
    const S V = S::Value;
    const S F = S::FewerThan5;
    const S H = S::Hidden;
    bool total = false;
    // one small cell beside a shown total: the next smallest is hidden too
    EXPECT_EQ(cellsOf({8, 1, 0, 20}, 29, &total), (std::vector<S>{H, F, V, V}));
    EXPECT_FALSE(total);
    // two small cells whose sum is ambiguous (4 = 1+3 = 2+2 = 3+1): nothing more
    EXPECT_EQ(cellsOf({8, 1, 0, 0, 3, 0}, 12, &total), (std::vector<S>{V, F, V, V, F, V}));
    EXPECT_FALSE(total);
    // two small cells summing to 2: both are 1, so one more is hidden
    EXPECT_EQ(cellsOf({9, 1, 1}, 11, &total), (std::vector<S>{H, F, F}));
    // all small, each must be 4: the total goes
    EXPECT_EQ(cellsOf({4, 4, 4, 4, 4, 0}, 20, &total), (std::vector<S>{F, F, F, F, F, V}));
    EXPECT_TRUE(total);
    // nothing small: nothing hidden
    EXPECT_EQ(cellsOf({5, 0, 7}, 12, &total), (std::vector<S>{V, V, V}));
    EXPECT_FALSE(total);
}

TEST(Suppression, TablesAreSafeByRowAndByColumn) {
    // ward x theme: the lone 2 in row 0 and in column 1 needs a partner in both
    const std::vector<std::vector<std::int64_t>> cells = {{10, 2, 7}, {6, 9, 8}, {0, 12, 5}};
    const auto shown = suppressTable(cells);
    auto hiddenIn = [&](std::size_t r, std::size_t c) { return shown[r][c] != Shown::Value; };
    EXPECT_EQ(shown[0][1], Shown::FewerThan5);
    int rowHidden = 0;
    int columnHidden = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        rowHidden += hiddenIn(0, i);
        columnHidden += hiddenIn(i, 1);
    }
    EXPECT_GE(rowHidden, 2);
    EXPECT_GE(columnHidden, 2);
    // every row and column with a hidden cell has at least two
    for (std::size_t i = 0; i < 3; ++i) {
        int r = 0;
        int c = 0;
        for (std::size_t j = 0; j < 3; ++j) {
            r += hiddenIn(i, j);
            c += hiddenIn(j, i);
        }
        EXPECT_NE(r, 1) << "row " << i;
        EXPECT_NE(c, 1) << "column " << i;
    }
}

} // namespace
} // namespace wardvoice::aggregator

namespace wardvoice::aggregator {
namespace {

TEST(StoreSessions, EndAfterTheirIdleTimeAndEachUseKeepsThemAlive) {
    auto store = SqliteStore::open(":memory:");
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store->addUser({"chair", Role::PanelChair, {}, "hash", 1000, std::nullopt}).ok());
    const std::int64_t t0 = 1'800'000'000;
    ASSERT_TRUE(store->addSession("idle", {"chair", "csrf", t0 + 8 * 3600, 1800}, t0).ok());
    ASSERT_TRUE(store->addSession("fixed", {"chair", "csrf", t0 + 8 * 3600, 0}, t0).ok());
    // used every 20 minutes: alive for hours
    for (std::int64_t t = t0 + 1200; t < t0 + 4 * 3600; t += 1200) {
        auto s = store->findSession("idle", t);
        ASSERT_TRUE(s.ok());
        EXPECT_TRUE(s.value().has_value()) << "at +" << (t - t0) << " s";
    }
    // then 31 minutes without a request: gone; the session without an idle time is not
    const std::int64_t last = t0 + 4 * 3600 - 1200;
    EXPECT_FALSE(store->findSession("idle", last + 31 * 60).value().has_value());
    EXPECT_TRUE(store->findSession("fixed", last + 31 * 60).value().has_value());
    EXPECT_FALSE(store->findSession("fixed", t0 + 8 * 3600).value().has_value()) << "expired";
}

} // namespace
} // namespace wardvoice::aggregator
