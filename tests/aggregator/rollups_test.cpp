// What the views read at a trust's volume: counts and theme rollups kept by ingest (each
// submission counted once), the stored theme model and every comment's theme under it (whether
// ingest or the background job placed it), pages of comments, and backups that are complete or
// absent.
#include "aggregator/agenda/insights.hpp"
#include "aggregator/agenda/theme_service.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/sqlite.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"

#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <thread>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNoon = 1795435200; // 2026-11-23T12:00:00Z

const char* const kTexts[] = {
    "The hand gel dispensers by the door were empty all week",
    "Nobody told me when my discharge letter would be ready, I waited all day",
    "Visiting hours end before my husband finishes work",
    "The nurses were kind and explained everything about my medication",
    "Parking was impossible and the machines did not take cards",
    "The food was cold and arrived late",
};

/// A fresh file database in its own folder, removed afterwards.
class Rollups : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("wv_rollups_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        auto store = SqliteStore::open((m_dir / "live.db").string());
        ASSERT_TRUE(store.ok()) << store.error().message;
        m_store = std::make_unique<SqliteStore>(std::move(store).value());
        m_kioskA = m_store->addKiosk("ward-a", "").value();
        m_kioskB = m_store->addKiosk("ward-b", "").value();
    }
    void TearDown() override {
        m_store.reset();
        fs::remove_all(m_dir);
    }

    static common::Submission make(const std::string& ward, std::int64_t created, int i) {
        common::Submission s;
        s.id = common::newUuid();
        s.createdAt = common::formatRfc3339(created);
        s.ward = ward;
        s.respondent = common::kAllRespondents[i % 4];
        s.topic = common::kAllTopics[i % 4];
        s.rating = 1 + i % 6;
        s.comment = i % 7 == 6 ? "" : kTexts[i % 6];
        s.language = "en";
        return s;
    }

    std::int64_t commentsUnder(std::int64_t model, const std::vector<std::string>& wards) {
        auto cells = m_store->themeWardCounts({model, wards, std::nullopt, 0, 100000}, 0);
        EXPECT_TRUE(cells.ok());
        std::int64_t n = 0;
        for (const auto& c : cells.value()) {
            n += c.comments;
        }
        return n;
    }

    fs::path m_dir;
    std::unique_ptr<Store> m_store;
    KioskRecord m_kioskA;
    KioskRecord m_kioskB;
};

TEST_F(Rollups, IngestCountsEverySubmissionOnceInTheViewsCounts) {
    std::vector<common::Submission> a;
    std::vector<common::Submission> b;
    for (int i = 0; i < 30; ++i) {
        a.push_back(make("ward-a", kNoon - (i % 3) * kDay, i));
    }
    for (int i = 0; i < 12; ++i) {
        b.push_back(make("ward-b", kNoon, i));
        b.back().assisted = i % 4 == 0; // staff or family helped with 3 of ward-b's 12
    }
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, a, kNoon).ok());
    ASSERT_TRUE(m_store->ingest(m_kioskB.kioskId, b, kNoon).ok());
    // the same batches again (a kiosk retrying): nothing more is counted
    ASSERT_EQ(m_store->ingest(m_kioskA.kioskId, a, kNoon)->duplicate.size(), a.size());
    EXPECT_EQ(m_store->countSubmissions().value(), 42);
    EXPECT_EQ(m_store->listWards().value(), (std::vector<std::string>{"ward-a", "ward-b"}));

    // ward-a's answers and comments on the last day only, worked out by hand
    std::array<std::int64_t, 6> answers{};
    std::int64_t comments = 0;
    for (const auto& s : a) {
        if (s.createdAt == common::formatRfc3339(kNoon)) {
            ++answers[static_cast<std::size_t>(*s.rating - 1)];
            comments += s.comment.empty() ? 0 : 1;
        }
    }
    const std::int64_t day = kNoon / kDay * kDay;
    auto totals = m_store->wardTotals({"ward-a", "ward-b"}, day, day + kDay);
    ASSERT_TRUE(totals.ok());
    EXPECT_EQ(totals.value()["ward-a"].answers, answers);
    EXPECT_EQ(totals.value()["ward-a"].comments, comments);
    EXPECT_EQ(totals.value()["ward-b"].total, 12);
    EXPECT_EQ(totals.value()["ward-b"].assisted, 3) << "counted once, retries or not";
    EXPECT_EQ(totals.value()["ward-a"].assisted, 0);
    EXPECT_EQ(fftReturnCsv(totals.value())
                  .rfind("ward,very_good,good,neither_good_nor_poor,poor,"
                         "very_poor,dont_know,total,assisted\r\n",
                         0),
              0u);
    EXPECT_NE(fftReturnCsv(totals.value()).find(",12,3\r\n"), std::string::npos)
        << fftReturnCsv(totals.value());
    // a ward not asked about is not read
    EXPECT_EQ(m_store->wardTotals({"ward-b"}, day, day + kDay)->count("ward-a"), 0u);
}

TEST_F(Rollups, EveryCommentHasItsThemeOnceWhoeverPlacedIt) {
    auto model = themes::CommentModel::load(WARDVOICE_SOURCE_DIR "/assets/models/comments.wvm");
    ASSERT_TRUE(model.ok());
    // stored before any theme model exists: nothing analysed them
    std::vector<common::Submission> first;
    for (int i = 0; i < 140; ++i) {
        first.push_back(make(i % 2 ? "ward-a" : "ward-b", kNoon - (i % 20) * kDay, i));
    }
    std::vector<common::Submission> forA;
    std::vector<common::Submission> forB;
    for (auto& s : first) {
        (s.ward == "ward-a" ? forA : forB).push_back(s);
    }
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, forA, kNoon).ok());
    ASSERT_TRUE(m_store->ingest(m_kioskB.kioskId, forB, kNoon).ok());
    std::int64_t withComment = 0;
    for (const auto& s : first) {
        withComment += s.comment.empty() ? 0 : 1;
    }
    ThemeServiceOptions quiet;
    quiet.log = false;
    quiet.batch = 50; // several background batches
    {
        ThemeService service(*m_store, model.value(), quiet);
        ASSERT_TRUE(service.settle().ok());
        auto live = m_store->liveThemeModels();
        ASSERT_TRUE(live.ok());
        ASSERT_EQ(live->size(), 1u);
        EXPECT_EQ(live->front().status, "active");
        EXPECT_EQ(live->front().assignedThrough, m_store->lastSubmissionSeq().value());
        EXPECT_EQ(commentsUnder(live->front().version, {"ward-a", "ward-b"}), withComment);
    }
    // with the service running, ingest places new comments itself: no gap for the job
    ThemeService service(*m_store, model.value(), quiet);
    ASSERT_TRUE(service.start().ok());
    const auto active = service.active();
    ASSERT_NE(active, nullptr);
    ASSERT_FALSE(active->state.themes.empty());
    std::vector<common::Submission> more;
    for (int i = 0; i < 21; ++i) {
        more.push_back(make("ward-a", kNoon, i));
    }
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, more, kNoon).ok());
    for (const auto& s : more) {
        withComment += s.comment.empty() ? 0 : 1;
    }
    auto live = m_store->liveThemeModels();
    EXPECT_EQ(live->front().assignedThrough, m_store->lastSubmissionSeq().value());
    EXPECT_EQ(commentsUnder(active->version, {"ward-a", "ward-b"}), withComment);

    // a refit: a new version, the same comments under it, the themes that match keep their ids
    ASSERT_TRUE(service.refitAndWait(std::chrono::seconds(60)));
    service.stop();
    const auto refitted = service.active();
    ASSERT_GT(refitted->version, active->version);
    EXPECT_EQ(commentsUnder(refitted->version, {"ward-a", "ward-b"}), withComment);
    std::set<int> before;
    for (const auto& t : active->state.themes) {
        before.insert(t.id);
    }
    std::size_t kept = 0;
    for (const auto& t : refitted->state.themes) {
        kept += before.count(t.id);
    }
    EXPECT_GT(kept, 0u) << "no theme kept its id across a refit of the same comments";
    // the replaced model's rows are removed by the background work
    ASSERT_TRUE(service.settle().ok());
    EXPECT_EQ(commentsUnder(active->version, {"ward-a", "ward-b"}), 0);
}

TEST_F(Rollups, LongPeriodsReadWholeMonthsAndAgreeWithTheDays) {
    auto model = themes::CommentModel::load(WARDVOICE_SOURCE_DIR "/assets/models/comments.wvm");
    ASSERT_TRUE(model.ok());
    std::vector<common::Submission> rows;
    for (int i = 0; i < 400; ++i) {
        rows.push_back(make("ward-a", kNoon - (i * 37 % 200) * kDay, i)); // 200 days back
    }
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, rows, kNoon).ok());
    ThemeServiceOptions quiet;
    quiet.log = false;
    ThemeService service(*m_store, model.value(), quiet);
    ASSERT_TRUE(service.settle().ok());
    const auto active = service.active();
    ASSERT_NE(active, nullptr);
    const std::int64_t until = kNoon / kDay + 1;
    for (const auto topic :
         {std::optional<common::Topic>(), std::optional(common::Topic::Discharge)}) {
        const ThemeRollupQuery whole{active->version, {"ward-a"}, topic, until - 190, until};
        auto months = m_store->themeWardCounts(whole, until - 7);
        ASSERT_TRUE(months.ok()) << months.error().message;
        // the same sums, a day at a time (a day is never a whole month)
        std::map<int, std::pair<std::int64_t, std::int64_t>> byDay;
        for (std::int64_t d = whole.fromDay; d < whole.untilDay; ++d) {
            ThemeRollupQuery one = whole;
            one.fromDay = d;
            one.untilDay = d + 1;
            auto cells = m_store->themeWardCounts(one, until - 7);
            ASSERT_TRUE(cells.ok());
            for (const auto& c : cells.value()) {
                byDay[c.theme].first += c.comments;
                byDay[c.theme].second += c.lastWeek;
            }
        }
        std::map<int, std::pair<std::int64_t, std::int64_t>> byMonth;
        for (const auto& c : months.value()) {
            byMonth[c.theme].first += c.comments;
            byMonth[c.theme].second += c.lastWeek;
        }
        EXPECT_EQ(byMonth, byDay);
        // the window's slices and the part before the period
        auto slices = m_store->themeSliceCounts(whole, 4, until - 30);
        ASSERT_TRUE(slices.ok());
        std::int64_t before = 0;
        std::int64_t all = 0;
        for (const auto& c : slices.value()) {
            all += c.comments;
            before += c.beforePeriod ? c.comments : 0;
        }
        std::int64_t expectedAll = 0;
        for (const auto& [theme, n] : byDay) {
            expectedAll += n.first;
        }
        ThemeRollupQuery early = whole;
        early.untilDay = until - 30;
        std::int64_t expectedBefore = 0;
        auto earlyCells = m_store->themeWardCounts(early, 0);
        ASSERT_TRUE(earlyCells.ok());
        for (const auto& c : earlyCells.value()) {
            expectedBefore += c.comments;
        }
        EXPECT_EQ(all, expectedAll);
        EXPECT_EQ(before, expectedBefore);
        EXPECT_GT(before, 0);
    }
}

TEST_F(Rollups, FeedbackWithoutAnyCommentGivesAModelWithNoThemes) {
    auto model = themes::CommentModel::load(WARDVOICE_SOURCE_DIR "/assets/models/comments.wvm");
    ASSERT_TRUE(model.ok());
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, {make("ward-a", kNoon, 6)}, kNoon).ok());
    ThemeServiceOptions quiet;
    quiet.log = false;
    ThemeService service(*m_store, model.value(), quiet);
    ASSERT_TRUE(service.settle().ok());
    ASSERT_NE(service.active(), nullptr);
    EXPECT_TRUE(service.active()->state.themes.empty());
    EXPECT_EQ(service.status()["state"], "idle");
}

TEST_F(Rollups, PagesOfCommentsComeNewestFirstWithoutRepeatsOrGaps) {
    std::vector<common::Submission> rows;
    for (int i = 0; i < 25; ++i) {
        auto s = make("ward-a", kNoon - i * 3600, i);
        s.comment = i % 5 == 0 ? "The hand GEL was empty" : "Fine";
        rows.push_back(s);
    }
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, rows, kNoon).ok());
    ASSERT_TRUE(m_store->ingest(m_kioskB.kioskId, {make("ward-b", kNoon, 1)}, kNoon).ok());
    SubmissionQuery q;
    q.wards = {"ward-a"};
    q.since = kNoon - 10 * kDay;
    q.until = kNoon + kDay;
    q.limit = 10;
    std::vector<std::string> seen;
    std::int64_t last = INT64_MAX;
    for (int page = 0; page < 5; ++page) {
        auto p = m_store->submissionPage(q);
        ASSERT_TRUE(p.ok()) << p.error().message;
        EXPECT_EQ(p->total, 25);
        for (const auto& r : p->rows) {
            EXPECT_EQ(r.submission.ward, "ward-a");
            EXPECT_LE(r.createdUnix, last);
            last = r.createdUnix;
            seen.push_back(r.submission.id);
        }
        if (p->nextBefore.empty()) {
            break;
        }
        q.before = p->nextBefore;
    }
    EXPECT_EQ(seen.size(), 25u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 25u);
    // search is case-insensitive, and counts what it matches
    q.before.clear();
    q.search = "gel";
    auto found = m_store->submissionPage(q);
    EXPECT_EQ(found->total, 5);
    EXPECT_EQ(found->rows.size(), 5u);
    // the same once the search index has them (written in the background), in any case, and
    // with new comments it has not reached yet
    EXPECT_EQ(m_store->indexForSearch(1000).value(), 26);
    EXPECT_EQ(m_store->indexForSearch(1000).value(), 0);
    auto later = make("ward-a", kNoon - 3 * kDay, 0);
    later.comment = "gel again";
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, {later}, kNoon).ok());
    q.search = "GEL";
    EXPECT_EQ(m_store->submissionPage(q)->total, 6);
    q.search = "hand gel was";
    EXPECT_EQ(m_store->submissionPage(q)->total, 5);
    q.search = "gel";
    // a `before` that names nothing stored says so
    q.before = common::newUuid();
    EXPECT_TRUE(m_store->submissionPage(q)->unknownBefore);
}

TEST_F(Rollups, BackupIsCompleteUnderWritesOrNotThereAtAll) {
    ASSERT_TRUE(m_store->ingest(m_kioskA.kioskId, {make("ward-a", kNoon, 0)}, kNoon).ok());
    // a target that cannot be written: an error, and no file of any name is left
    const fs::path missing = m_dir / "no-such-folder" / "copy.db";
    EXPECT_FALSE(m_store->backupTo(missing.string()).ok());
    EXPECT_FALSE(fs::exists(missing));
    EXPECT_FALSE(fs::exists(missing.string() + ".partial"));
    // while a kiosk keeps sending, the backup still finishes with a consistent copy
    std::atomic<bool> writing{true};
    std::atomic<int> written{0};
    std::thread writer([&] {
        for (int i = 0; writing; ++i) {
            if (m_store->ingest(m_kioskA.kioskId, {make("ward-a", kNoon, i)}, kNoon).ok()) {
                ++written;
            }
        }
    });
    while (written < 20) {
        std::this_thread::yield();
    }
    const fs::path copy = m_dir / "copy.db";
    const auto status = m_store->backupTo(copy.string());
    const int duringBackup = written;
    writing = false;
    writer.join();
    ASSERT_TRUE(status.ok()) << status.error().message;
    EXPECT_FALSE(fs::exists(copy.string() + ".partial"));
    auto copied = common::db::Database::open(copy.string());
    ASSERT_TRUE(copied.ok());
    EXPECT_TRUE(copied->quickCheck().ok());
    auto reopened = SqliteStore::open(copy.string());
    ASSERT_TRUE(reopened.ok());
    const auto n = reopened->countSubmissions().value();
    EXPECT_GE(n, 21);
    EXPECT_LE(n, duringBackup + 1);
}

TEST(ThemeEngine, AFitAskedToStopEndsWithNothingUsable) {
    auto model = themes::CommentModel::load(WARDVOICE_SOURCE_DIR "/assets/models/comments.wvm");
    ASSERT_TRUE(model.ok());
    std::vector<themes::ThemeComment> comments;
    for (int i = 0; i < 3000; ++i) {
        comments.push_back({kTexts[i % 6], 1 + i % 5, std::nullopt});
    }
    std::atomic<bool> cancel{true};
    themes::EngineOptions options;
    options.cancel = &cancel;
    const auto run = themes::buildThemes(model.value(), comments, options);
    EXPECT_TRUE(run.cancelled);
    EXPECT_TRUE(run.state.themes.empty());
    cancel = false;
    const auto whole = themes::buildThemes(model.value(), comments, options);
    EXPECT_FALSE(whole.cancelled);
    EXPECT_FALSE(whole.state.themes.empty());
}

} // namespace
} // namespace wardvoice::aggregator
