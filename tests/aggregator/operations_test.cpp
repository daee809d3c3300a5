// What a trust's IT team relies on: backups with rotation and checksums, restore that refuses
// a damaged file or a running server, migration of the first released schema, the metrics
// page's labels and format, and log lines that are one logfmt line each.
#include "aggregator/api/metrics.hpp"
#include "aggregator/cli/backup_commands.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/log.hpp"
#include "common/sqlite.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "support/sample_submission.hpp"
#include "support/temp_dir.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;
using testing::TempDirTest;

constexpr std::int64_t kDay = 86'400;
// Monday 2 November 2026, 03:15 UTC
constexpr std::int64_t kMonday = 1'793'589'300;

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(BackupNames, RoundTripAndRefuseOtherFiles) {
    const std::string name = backupFileName(kMonday);
    EXPECT_EQ(name, "wardvoice-20261102T031500Z.db");
    EXPECT_EQ(backupFileTime(name), kMonday);
    for (const std::string other :
         {"wardvoice.db", "wardvoice-20261102T031500Z.db.sha256", "wardvoice-2026110T031500Z.db",
          "notes.txt", "wardvoice-20261302T031500Z.db", "wardvoice-20261102T031500Z.db.partial"}) {
        EXPECT_FALSE(backupFileTime(other)) << other;
    }
}

TEST(BackupRotation, KeepsSevenDailyFourWeeklyTwelveMonthly) {
    // a backup every night for 800 days
    std::vector<std::int64_t> times;
    for (int d = 0; d < 800; ++d) {
        times.push_back(kMonday - d * kDay);
    }
    const BackupPolicy policy; // 7, 4, 12
    const auto drop = backupsToDrop(times, policy);
    std::set<std::int64_t> kept(times.begin(), times.end());
    for (const auto t : drop) {
        kept.erase(t);
    }
    // the 7 newest nights are kept
    for (int d = 0; d < 7; ++d) {
        EXPECT_TRUE(kept.contains(kMonday - d * kDay)) << d;
    }
    // one a week for the 4 newest ISO weeks, one a month for 12 months: at most 7 + 4 + 12
    EXPECT_LE(kept.size(), 23u);
    EXPECT_GE(kept.size(), 12u + 4u);
    std::set<std::string> months;
    for (const auto t : kept) {
        months.insert(common::formatRfc3339(t).substr(0, 7));
    }
    EXPECT_EQ(months.size(), 12u); // 12 distinct months, the newest ones
    EXPECT_TRUE(months.contains("2026-11"));
    EXPECT_TRUE(months.contains("2025-12"));
    EXPECT_FALSE(months.contains("2025-11"));
    // nothing older than 12 months survives
    for (const auto t : kept) {
        EXPECT_GT(t, kMonday - 366 * kDay);
    }
    EXPECT_EQ(drop.size() + kept.size(), times.size());
}

TEST(BackupRotation, NeverDropsTheNewestAndHonoursSmallerPolicies) {
    BackupPolicy one{"", 1, 0, 0};
    const std::vector<std::int64_t> times = {kMonday, kMonday - 60, kMonday - kDay};
    const auto drop = backupsToDrop(times, one);
    EXPECT_EQ(drop.size(), 2u);
    EXPECT_EQ(std::count(drop.begin(), drop.end(), kMonday), 0);
    EXPECT_TRUE(backupsToDrop({kMonday}, one).empty());
    EXPECT_TRUE(backupsToDrop({}, one).empty());
}

class Backups : public TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        m_db = (m_dir / "wardvoice.db").string();
        auto store = SqliteStore::open(m_db);
        ASSERT_TRUE(store.ok()) << store.error().message;
        m_store = std::make_unique<SqliteStore>(std::move(store).value());
        auto kiosk = m_store->addKiosk("ward-7", "corridor");
        ASSERT_TRUE(kiosk.ok());
        m_kiosk = kiosk->kioskId;
        ingest(20);
    }
    void ingest(int n) {
        std::vector<common::Submission> batch;
        for (int i = 0; i < n; ++i) {
            common::Submission s = test::sampleSubmission();
            s.id = common::newUuid();
            s.ward = "ward-7";
            batch.push_back(s);
            m_ids.push_back(s.id);
        }
        auto stored = m_store->ingest(m_kiosk, batch, common::nowUnix());
        ASSERT_TRUE(stored.ok());
        ASSERT_EQ(stored->accepted.size(), static_cast<std::size_t>(n));
    }
    std::int64_t countIn(const std::string& path) {
        auto store = SqliteStore::open(path);
        EXPECT_TRUE(store.ok()) << store.error().message;
        return store ? store->countSubmissions().value() : -1;
    }
    std::string m_db;
    std::unique_ptr<SqliteStore> m_store;
    std::string m_kiosk;
    std::vector<std::string> m_ids;
};

TEST_F(Backups, ScheduledBackupWritesAChecksumSha256sumAgreesWith) {
    BackupPolicy policy;
    auto made = scheduledBackup(*m_store, m_db, policy, kMonday);
    ASSERT_TRUE(made.ok()) << made.error().message;
    EXPECT_EQ(fs::path(made.value()).parent_path(), m_dir / "backups");
    EXPECT_EQ(fs::path(made.value()).filename(), backupFileName(kMonday));
    const std::string sidecar = readText(made.value() + ".sha256");
    auto sum = fileSha256(made.value());
    ASSERT_TRUE(sum.ok());
    EXPECT_EQ(sidecar, sum.value() + "  " + backupFileName(kMonday) + "\n");
    // the same format sha256sum -c reads
    const std::string cmd = "cd '" + (m_dir / "backups").string() + "' && sha256sum -c --quiet '" +
                            backupFileName(kMonday) + ".sha256' >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    EXPECT_EQ(lastBackupTime((m_dir / "backups").string()), kMonday);
    EXPECT_EQ(countIn(made.value()), 20);
}

TEST_F(Backups, RotationRemovesOnlyItsOwnOldFiles) {
    BackupPolicy policy{(m_dir / "b").string(), 2, 0, 0};
    fs::create_directories(m_dir / "b");
    std::ofstream(m_dir / "b" / "keep-me.txt") << "operator's notes";
    for (int d = 4; d >= 0; --d) {
        ASSERT_TRUE(scheduledBackup(*m_store, m_db, policy, kMonday - d * kDay).ok());
    }
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(m_dir / "b")) {
        names.insert(e.path().filename().string());
    }
    const std::set<std::string> expected = {
        "keep-me.txt", backupFileName(kMonday), backupFileName(kMonday) + ".sha256",
        backupFileName(kMonday - kDay), backupFileName(kMonday - kDay) + ".sha256"};
    EXPECT_EQ(names, expected);
}

TEST_F(Backups, RestoreRefusesADamagedFileAndKeepsTheDatabase) {
    const std::string copy = (m_dir / "copy.db").string();
    ASSERT_TRUE(backupWithChecksum(*m_store, copy).ok());
    m_store.reset();
    // one byte changed in the middle: the checksum says so
    const std::string damaged = (m_dir / "damaged.db").string();
    fs::copy_file(copy, damaged);
    fs::copy_file(copy + ".sha256", damaged + ".sha256");
    {
        std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(fs::file_size(damaged) / 2));
        f.put('\x5a');
    }
    std::string report;
    auto refused = restoreBackup(damaged, m_db, report);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "bad_checksum") << refused.error().message;
    // without its checksum file, the integrity check finds a damaged page
    const std::string noSum = (m_dir / "nosum.db").string();
    fs::copy_file(copy, noSum);
    {
        std::fstream f(noSum, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096); // every page after the first, which holds the schema
        for (std::uintmax_t i = 4096; i < fs::file_size(noSum); ++i) {
            f.put(static_cast<char>(i * 7919 % 251));
        }
    }
    refused = restoreBackup(noSum, m_db, report);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "corrupt") << refused.error().message;
    // a file that is not a database at all
    const std::string text = write("notes.db", "this is not a database, it is a note");
    EXPECT_FALSE(restoreBackup(text, m_db, report).ok());
    // the live database is as it was
    EXPECT_EQ(countIn(m_db), 20);
}

TEST_F(Backups, RestoreRefusesWhileTheServerHoldsTheDatabase) {
    const std::string copy = (m_dir / "copy.db").string();
    ASSERT_TRUE(backupWithChecksum(*m_store, copy).ok());
    auto lock = DatabaseLock::shared(m_db);
    ASSERT_TRUE(lock.ok());
    std::string report;
    auto refused = restoreBackup(copy, m_db, report);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "busy");
    EXPECT_NE(refused.error().message.find("stop it first"), std::string::npos);
}

TEST_F(Backups, RestoreBringsBackEveryRowOfTheBackupAndKeepsTheOldDatabase) {
    const std::string copy = (m_dir / "copy.db").string();
    ASSERT_TRUE(backupWithChecksum(*m_store, copy).ok());
    ingest(5); // after the backup: not in it
    m_store.reset();
    std::string report;
    auto restored = restoreBackup(copy, m_db, report);
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    EXPECT_NE(report.find("20 submissions"), std::string::npos) << report;
    EXPECT_NE(report.find("checksum matches"), std::string::npos) << report;
    EXPECT_EQ(countIn(m_db), 20);
    // the database it replaced, with the 5 later rows, is kept beside it
    std::string aside;
    for (const auto& e : fs::directory_iterator(m_dir)) {
        if (e.path().filename().string().find(".before-restore-") != std::string::npos &&
            e.path().extension() != ".db-wal") {
            const std::string name = e.path().string();
            if (name.find("-wal") == std::string::npos && name.find("-shm") == std::string::npos) {
                aside = name;
            }
        }
    }
    ASSERT_FALSE(aside.empty());
    EXPECT_EQ(countIn(aside), 25);
    // every id of the backup is there, once
    auto store = SqliteStore::open(m_db);
    ASSERT_TRUE(store.ok());
    std::set<std::string> ids;
    ASSERT_TRUE(
        store
            ->forEachSubmission(std::nullopt, std::nullopt,
                                [&](const StoredSubmission& row) { ids.insert(row.submission.id); })
            .ok());
    EXPECT_EQ(ids, std::set<std::string>(m_ids.begin(), m_ids.begin() + 20));
}

class Migration : public TempDirTest {};

TEST_F(Migration, TheFirstReleasedSchemaMigratesWithItsData) {
    const std::string path = (m_dir / "v8.db").string();
    {
        auto db = common::db::Database::open(path);
        ASSERT_TRUE(db.ok());
        const std::string dump =
            readText(WARDVOICE_SOURCE_DIR "/tests/aggregator/fixtures/schema_v8.sql");
        ASSERT_FALSE(dump.empty());
        ASSERT_TRUE(db->exec(dump).ok());
        ASSERT_EQ(db->userVersion().value(), 8);
    }
    {
        auto store = SqliteStore::open(path);
        ASSERT_TRUE(store.ok()) << store.error().message;
        EXPECT_EQ(store->countSubmissions().value(), 48);
        auto kiosks = store->listKiosks();
        ASSERT_TRUE(kiosks.ok());
        EXPECT_GE(kiosks->size(), 1u);
        // writes go on after the migration
        common::Submission s = test::sampleSubmission();
        s.id = common::newUuid();
        s.ward = kiosks->front().ward;
        auto stored = store->ingest(kiosks->front().kioskId, {s}, common::nowUnix());
        ASSERT_TRUE(stored.ok()) << stored.error().message;
        EXPECT_EQ(store->countSubmissions().value(), 49);
    }
    auto db = common::db::Database::open(path);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(db->userVersion().value(), SqliteStore::schemaVersion());
}

TEST_F(Migration, AgendaItemsOfTheFirstSchemaJoinAMeetingWithTheirHistory) {
    const std::string path = (m_dir / "v8.db").string();
    {
        auto db = common::db::Database::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(
            db->exec(readText(WARDVOICE_SOURCE_DIR "/tests/aggregator/fixtures/schema_v8.sql"))
                .ok());
        ASSERT_TRUE(
            db->exec("INSERT INTO agenda_items (id, title, status, since, until, evidence, "
                     "created_by, created_at, updated_at) VALUES "
                     "(1, 'hand gel', 'done', '2026-10-01', '2026-11-01', "
                     "'{\"id\": 7, \"wards\": [\"ward-7\"], \"volume\": 12}', 'chair', "
                     "1790000000, 1790500000), "
                     "(2, 'noise at night', 'action_agreed', '2026-10-01', '2026-11-01', "
                     "'{\"id\": 9, \"wards\": [\"ward-7\", \"ward-9\"]}', 'chair', "
                     "1790000000, 1790400000); "
                     "INSERT INTO agenda_actions (item_id, at, user_name, status, note) VALUES "
                     "(1, 1790000000, 'chair', 'proposed', 'added from the themes'), "
                     "(1, 1790500000, 'chair', 'done', 'gel refilled every shift'), "
                     "(2, 1790400000, 'chair', 'action_agreed', 'earplugs offered'); "
                     "INSERT INTO messages (text, wards, agenda_item_id, created_by, created_at, "
                     "expires_at) VALUES ('We refill the gel', '[\"ward-7\"]', 1, 'chair', "
                     "1790500000, 1890000000);")
                .ok());
    }
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto meetings = store->listMeetings();
    ASSERT_TRUE(meetings.ok());
    ASSERT_EQ(meetings->size(), 1u);
    EXPECT_EQ(meetings->front().items, 2);
    EXPECT_EQ(meetings->front().open, 1);
    auto items = store->meetingItems(meetings->front().id);
    ASSERT_TRUE(items.ok());
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ(items->at(0).status, "done");
    EXPECT_EQ(items->at(0).themes, std::vector<std::int64_t>{7});
    EXPECT_EQ(items->at(0).wards, std::vector<std::string>{"ward-7"});
    EXPECT_TRUE(items->at(0).closedAt.has_value());
    EXPECT_EQ(items->at(0).actions.size(), 2u);
    EXPECT_EQ(items->at(0).evidenceHistory.size(), 1u);
    EXPECT_EQ(items->at(1).status, "action_agreed");
    // the new statuses can be set, and the message still names its item
    AgendaChange change;
    change.status = "in_progress";
    change.userName = "chair";
    change.at = 1790600000;
    ASSERT_TRUE(store->changeAgendaItem(2, change).ok());
    auto messages = store->listMessages("ward-7", 0);
    ASSERT_TRUE(messages.ok());
    ASSERT_EQ(messages->size(), 1u);
    EXPECT_EQ(messages->front().agendaItemId, 1);
    // the next meeting carries the open one
    Meeting next;
    next.heldOn = "2026-12-10";
    next.title = "December panel";
    next.createdBy = "chair";
    next.createdAt = 1790700000;
    auto added = store->addMeeting(next);
    ASSERT_TRUE(added.ok());
    auto carried = store->meetingItems(added->id);
    ASSERT_TRUE(carried.ok());
    ASSERT_EQ(carried->size(), 1u);
    EXPECT_EQ(carried->front().id, 2);
    EXPECT_TRUE(carried->front().carried);
}

TEST_F(Migration, ANewerSchemaStopsStartUpAndChangesNothing) {
    const std::string path = (m_dir / "future.db").string();
    {
        auto store = SqliteStore::open(path);
        ASSERT_TRUE(store.ok());
    }
    {
        auto db = common::db::Database::open(path);
        ASSERT_TRUE(
            db->exec("PRAGMA user_version=" + std::to_string(SqliteStore::schemaVersion() + 1))
                .ok());
    }
    auto store = SqliteStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, "schema_too_new");
    EXPECT_NE(store.error().message.find("newer WardVoice"), std::string::npos);
    auto db = common::db::Database::open(path);
    EXPECT_EQ(db->userVersion().value(), SqliteStore::schemaVersion() + 1);
}

TEST(MetricsLabels, RoutesAreBoundedWhateverTheClientAsks) {
    EXPECT_EQ(Metrics::routeLabel("GET", "/api/v1/alerts/17", true), "/api/v1/alerts/{id}");
    EXPECT_EQ(Metrics::routeLabel("POST", "/api/v1/agenda/3/actions", true),
              "/api/v1/agenda/{id}/actions");
    EXPECT_EQ(Metrics::routeLabel("POST", "/api/v1/submissions", true), "/api/v1/submissions");
    EXPECT_EQ(Metrics::routeLabel("GET", "/app.js", true), "static");
    EXPECT_EQ(Metrics::routeLabel("GET", "/api/v1/zzz-random-9f8e", false), "unmatched");
    EXPECT_EQ(Metrics::routeLabel("GET", "/../../etc/passwd", false), "unmatched");
}

TEST(MetricsText, CountersAndHistogramInPrometheusFormat) {
    Metrics m;
    m.countSubmissions(3, 1);
    m.countRejected("bad_signature");
    m.countRejected("bad_rating", 2);
    m.countRequest("/api/v1/submissions", 200, 0.003);
    m.countRequest("/api/v1/submissions", 200, 0.3);
    MetricsSnapshot snap;
    snap.kiosks.push_back({"k-1", "ward \"7\"", 4, 1000, true});
    snap.kiosks.push_back({"k-2", "ward-9", 0, 0, false});
    snap.dbSizeBytes = 4096;
    const std::string text = m.render(snap);
    for (const std::string line :
         {"wardvoice_submissions_accepted_total 3\n", "wardvoice_submissions_duplicate_total 1\n",
          "wardvoice_submissions_rejected_total{reason=\"bad_rating\"} 2\n",
          "wardvoice_submissions_rejected_total{reason=\"bad_signature\"} 1\n",
          "wardvoice_http_requests_total{route=\"/api/v1/submissions\",status=\"200\"} 2\n",
          "wardvoice_http_request_duration_seconds_bucket{route=\"/api/v1/"
          "submissions\",le=\"0.005\"} 1\n",
          "wardvoice_http_request_duration_seconds_bucket{route=\"/api/v1/"
          "submissions\",le=\"0.5\"} 2\n",
          "wardvoice_http_request_duration_seconds_bucket{route=\"/api/v1/"
          "submissions\",le=\"+Inf\"} 2\n",
          "wardvoice_http_request_duration_seconds_count{route=\"/api/v1/submissions\"} 2\n",
          "wardvoice_kiosks{state=\"online\"} 1\n", "wardvoice_kiosks{state=\"offline\"} 1\n",
          "wardvoice_kiosk_queue_depth{kiosk=\"k-1\",ward=\"ward \\\"7\\\"\"} 4\n",
          "wardvoice_db_size_bytes 4096\n",
          "# TYPE wardvoice_http_request_duration_seconds histogram\n"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
    }
}

TEST(LogLines, AreOneLogfmtLineWhateverTheyCarry) {
    using namespace common::log;
    EXPECT_EQ(quote("plain"), "plain");
    EXPECT_EQ(quote(""), "\"\"");
    EXPECT_EQ(quote("two words"), "\"two words\"");
    EXPECT_EQ(quote("a=b"), "\"a=b\"");
    EXPECT_EQ(quote("say \"hi\"\nnext\\"), "\"say \\\"hi\\\"\\nnext\\\\\"");
    EXPECT_EQ(quote(std::string("bell\x07", 5)), "\"bell\\x07\"");
    const std::string line = formatLine(0, Level::Warn, "disk nearly full",
                                        {{"kiosk", "k-7f3a"}, {"status", 200}, {"ms", 3.1}});
    EXPECT_EQ(line, "ts=1970-01-01T00:00:00Z level=warn msg=\"disk nearly full\" kiosk=k-7f3a "
                    "status=200 ms=3.1");
    std::vector<std::string> lines;
    setSink([&](std::string_view l) { lines.emplace_back(l); });
    setLevel(Level::Warn);
    text("info is below warn");
    text("warning: shown as warn");
    text("error: shown as error", {{"code", "x y"}});
    setLevel(Level::Info);
    setSink({});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("level=warn msg=\"shown as warn\""), std::string::npos) << lines[0];
    EXPECT_NE(lines[1].find("level=error msg=\"shown as error\" code=\"x y\""), std::string::npos)
        << lines[1];
    EXPECT_EQ(parseLevel("debug"), Level::Debug);
    EXPECT_FALSE(parseLevel("verbose"));
}

} // namespace
} // namespace wardvoice::aggregator
