// A trust's real volume (./run bench): 1,000,000 submissions over three years on 40 wards, 60%
// with real FFT comments, loaded once through the signed API and kept in build/bench-cache.
// Every figure is printed against a baseline measured in the same run:
//   views (trust 30 days and 1 year, a ward's year, a theme's drill-down, search): p95 warm and
//     p95 just after a new submission arrived, against the no-op endpoint's p95
//   kiosk upload p95 while 20 chairs read, against kiosks alone
//   RSS after 20 recomputations of the trust's year, against after the first
//   a backup while kiosks send 40 submissions a second, against a backup at rest
//   SIGTERM during a theme fit to exit, against the 1 s goal
// Needs ../shared/data/fft (the comments); says so and stops without it.
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"
#include "support/signed_post.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

namespace {

using namespace wardvoice;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

/// WARDVOICE_TRUST_ROWS changes it (a quick look at a smaller trust); the cache is per size.
std::size_t kSubmissions = 1'000'000;
constexpr int kWards = 40;
constexpr std::int64_t kDay = 86400;
constexpr const char* kPassword = "bench password 1";

double ms(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(at, v.size() - 1)];
}

void report(const std::string& name, double value, const char* unit, double ratio,
            const std::string& baseline) {
    std::printf("bench: %s %.1f %s (%.2f x %s)\n", name.c_str(), value, unit, ratio,
                baseline.c_str());
    std::fflush(stdout);
}

std::string wardName(int w) {
    char name[16];
    std::snprintf(name, sizeof name, "ward-%02d", w);
    return name;
}

double rssMb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

std::vector<std::string> loadComments(const fs::path& csv) {
    std::ifstream in(csv);
    std::stringstream text;
    text << in.rdbuf();
    auto table = aggregator::parseCsv(text.str(), csv.string());
    std::vector<std::string> out;
    if (!table) {
        return out;
    }
    const auto column = std::find(table->header.begin(), table->header.end(), "FFT answer");
    if (column == table->header.end()) {
        return out;
    }
    const auto c = static_cast<std::size_t>(column - table->header.begin());
    for (const auto& row : table->rows) {
        if (c < row.size() && row[c].size() > 3 && row[c].size() <= 2000) {
            out.push_back(row[c]);
        }
    }
    return out;
}

/// A server over `db`, listening in a thread until stop().
struct Live {
    Live(const fs::path& db, bool worker) {
        store = std::make_unique<aggregator::SqliteStore>(
            std::move(aggregator::SqliteStore::open(db.string())).value());
        aggregator::ServerOptions options;
        options.assetsDir = WARDVOICE_SOURCE_DIR "/assets";
        options.accessLog = false;
        options.kioskBurst = 1e9;
        options.kioskRequestsPerMinute = 1e9;
        options.themeWorker = worker;
        server = std::move(aggregator::ApiServer::create(*store, options)).value();
        port = server->bind("127.0.0.1", 0).value();
        thread = std::thread([this] { server->listen(); });
        const auto enrolled = store->listKiosks();
        if (!enrolled) {
            std::cerr << "trust bench: " << enrolled.error().message << "\n";
            std::exit(1);
        }
        for (const auto& k : enrolled.value()) {
            kiosks[k.ward] = k;
        }
    }
    ~Live() { stop(); }
    void stop() {
        if (thread.joinable()) {
            server->stop();
            thread.join();
        }
    }
    httplib::Result postSigned(httplib::Client& client, const aggregator::KioskRecord& kiosk,
                               const std::string& body) const {
        return testing::postSigned(client, kiosk, body);
    }
    std::unique_ptr<aggregator::Store> store;
    std::unique_ptr<aggregator::ApiServer> server;
    std::map<std::string, aggregator::KioskRecord> kiosks;
    int port = 0;
    std::thread thread;
};

httplib::Client clientFor(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_keep_alive(true);
    c.set_tcp_nodelay(true);
    c.set_read_timeout(300);
    return c;
}

/// One submission as a kiosk of `ward` would send it, created at `created`.
common::Submission makeSubmission(std::mt19937_64& random, const std::vector<std::string>& comments,
                                  const std::string& ward, std::int64_t created) {
    static const int kRatings[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 4, 5};
    common::Submission s;
    s.id = common::newUuid();
    s.createdAt = common::formatRfc3339(created);
    s.ward = ward;
    s.respondent = common::kAllRespondents[random() % 4];
    s.topic = common::kAllTopics[random() % 4];
    const auto r = random() % 21;
    if (r < 20) {
        s.rating = kRatings[r];
    } else {
        s.rating = 6;
    }
    if (random() % 10 < 6) {
        s.comment = comments[random() % comments.size()];
    }
    s.language = "en";
    return s;
}

std::string batchBody(const std::string& kioskId, const std::vector<common::Submission>& rows) {
    return common::wire::serialiseSubmissionBatch(kioskId, rows);
}

/// Loads the trust once: 40 wards, three years, through the signed API; then fits the themes
/// and places every comment. Written to a temporary name and renamed when complete.
bool buildTrust(const fs::path& target, const std::vector<std::string>& comments) {
    const fs::path temp = target.string() + ".building";
    fs::remove(temp);
    fs::remove(temp.string() + "-wal");
    fs::remove(temp.string() + "-shm");
    {
        auto store = aggregator::SqliteStore::open(temp.string());
        for (int w = 0; w < kWards; ++w) {
            (void)store->addKiosk(wardName(w), "bench");
        }
        auto hash = aggregator::hashPassword(kPassword);
        (void)store->addUser({"chair",
                              aggregator::Role::PanelChair,
                              {},
                              hash.value(),
                              common::nowUnix(),
                              std::nullopt});
    }
    const auto t0 = Clock::now();
    {
        // without the theme worker: the comments are analysed as they arrive and placed in
        // one go afterwards, as when a trust's existing feedback is loaded
        Live live(temp, false);
        std::atomic<std::size_t> next{0};
        std::atomic<int> failures{0};
        const std::int64_t now = common::nowUnix();
        std::vector<std::thread> senders;
        for (int t = 0; t < 4; ++t) {
            senders.emplace_back([&, t] {
                std::mt19937_64 random(1000 + static_cast<unsigned>(t));
                auto client = clientFor(live.port);
                for (std::size_t b = next++; b * 500 < kSubmissions; b = next++) {
                    const std::string ward = wardName(static_cast<int>(b % kWards));
                    std::vector<common::Submission> rows;
                    for (int i = 0; i < 500; ++i) {
                        const auto created =
                            now - static_cast<std::int64_t>(random() % (3 * 365 * kDay));
                        rows.push_back(makeSubmission(random, comments, ward, created));
                    }
                    auto r = live.postSigned(client, live.kiosks.at(ward),
                                             batchBody(live.kiosks.at(ward).kioskId, rows));
                    if (!r || r->status != 200) {
                        ++failures;
                    }
                    if (b % 200 == 0) {
                        std::fprintf(stderr, "trust bench: loading %zu of %zu\n", b * 500,
                                     kSubmissions);
                    }
                }
            });
        }
        for (auto& t : senders) {
            t.join();
        }
        if (failures > 0) {
            std::cerr << "trust bench: " << failures << " batches failed\n";
            return false;
        }
    }
    const auto t1 = Clock::now();
    std::printf("bench: trust_load %.0f rows/s (%.0f s for %zu rows through the signed API)\n",
                static_cast<double>(kSubmissions) / (ms(t0, t1) / 1000), ms(t0, t1) / 1000,
                kSubmissions);
    {
        auto store = aggregator::SqliteStore::open(temp.string());
        auto model = themes::CommentModel::load(WARDVOICE_SOURCE_DIR "/assets/models/comments.wvm");
        aggregator::ThemeService service(*store, model.value());
        if (auto s = service.settle(); !s) {
            std::cerr << "trust bench: themes: " << s.error().message << "\n";
            return false;
        }
    }
    const auto t2 = Clock::now();
    std::printf("bench: trust_first_fit %.1f s (fit and place every comment of %zu rows)\n",
                ms(t1, t2) / 1000, kSubmissions);
    fs::rename(temp, target);
    fs::remove(temp.string() + "-wal");
    fs::remove(temp.string() + "-shm");
    return true;
}

struct Staff {
    std::string token;
    httplib::Headers headers() const { return {{"Authorization", "Bearer " + token}}; }
};

Staff login(int port) {
    auto c = clientFor(port);
    auto r = c.Post("/api/v1/login", json{{"name", "chair"}, {"password", kPassword}}.dump(),
                    "application/json");
    if (!r || r->status != 200) {
        std::cerr << "trust bench: login failed\n";
        std::exit(1);
    }
    return {json::parse(r->body)["token"]};
}

} // namespace

int main() {
    const fs::path data =
        fs::path(WARDVOICE_SOURCE_DIR) / ".." / "shared" / "data" / "fft" / "v6framework_dev.csv";
    if (!fs::exists(data)) {
        std::printf("bench: trust skipped (no %s: the FFT comments are needed)\n",
                    data.string().c_str());
        return 0;
    }
    const auto comments = loadComments(data);
    if (comments.size() < 1000) {
        std::printf("bench: trust skipped (could not read the FFT comments)\n");
        return 0;
    }
    const fs::path cacheDir = fs::path(WARDVOICE_BIN_DIR) / ".." / "bench-cache";
    fs::create_directories(cacheDir);
    if (const char* rows = std::getenv("WARDVOICE_TRUST_ROWS")) {
        kSubmissions = std::max<std::size_t>(20'000, std::strtoull(rows, nullptr, 10));
    }
    const fs::path db = cacheDir / ("trust-" + std::to_string(kSubmissions) + ".db");
    if (!fs::exists(db) && !buildTrust(db, comments)) {
        return 1;
    }
    Live live(db, true);
    const Staff chair = login(live.port);
    std::mt19937_64 random(7);
    auto client = clientFor(live.port);
    const std::int64_t now = common::nowUnix();
    auto day = [&](std::int64_t t) { return common::formatRfc3339(t).substr(0, 10); };
    auto sendOne = [&](httplib::Client& c, std::mt19937_64& rng, const std::string& ward) {
        auto s = makeSubmission(rng, comments, ward, common::nowUnix() - 60);
        s.comment = comments[rng() % comments.size()];
        auto r =
            live.postSigned(c, live.kiosks.at(ward), batchBody(live.kiosks.at(ward).kioskId, {s}));
        return r && r->status == 200;
    };
    auto get = [&](httplib::Client& c, const std::string& path) {
        auto r = c.Get(path, chair.headers());
        if (!r || r->status != 200) {
            std::cerr << "trust bench: GET " << path << ": " << (r ? r->status : -1) << "\n";
            std::exit(1);
        }
        return r->body;
    };
    // a theme to drill into: the ward's biggest over the year
    const std::string year = "since=" + day(now - 364 * kDay) + "&until=" + day(now);
    const json wardThemes = json::parse(get(client, "/api/v1/themes?ward=ward-07&" + year));
    if (wardThemes["themes"].empty()) {
        std::cerr << "trust bench: no themes\n";
        return 1;
    }
    const int theme = wardThemes["themes"][0]["id"];
    const std::vector<std::pair<std::string, std::string>> views = {
        {"trust_30d", "/api/v1/themes?since=" + day(now - 29 * kDay) + "&until=" + day(now)},
        {"trust_1y", "/api/v1/themes?" + year},
        {"ward_1y", "/api/v1/themes?ward=ward-07&" + year},
        {"drill_down_1y", "/api/v1/submissions?ward=ward-07&theme=" + std::to_string(theme) + "&" +
                              year + "&limit=50"},
        {"search_1y", "/api/v1/submissions?q=waiting&" + year + "&limit=50"},
    };
    // the no-op baseline
    std::vector<double> ping;
    for (int i = 0; i < 200; ++i) {
        const auto t0 = Clock::now();
        (void)client.Get("/api/v1/ping");
        ping.push_back(ms(t0, Clock::now()));
    }
    const double pingP95 = std::max(0.01, percentile(ping, 0.95));
    for (const auto& [name, path] : views) {
        std::vector<double> warm;
        std::vector<double> fresh;
        (void)get(client, path);
        for (int i = 0; i < 20; ++i) {
            const auto t0 = Clock::now();
            (void)get(client, path);
            warm.push_back(ms(t0, Clock::now()));
        }
        for (int i = 0; i < 10; ++i) {
            if (!sendOne(client, random, wardName(7))) {
                std::cerr << "trust bench: upload failed\n";
                return 1;
            }
            const auto t0 = Clock::now();
            (void)get(client, path);
            fresh.push_back(ms(t0, Clock::now()));
        }
        report(name + "_warm_p95", percentile(warm, 0.95), "ms", percentile(warm, 0.95) / pingP95,
               "ping p95 (goal < 300 ms)");
        report(name + "_after_new_feedback_p95", percentile(fresh, 0.95), "ms",
               percentile(fresh, 0.95) / pingP95, "ping p95 (goal < 1000 ms)");
    }
    // kiosks: 200 kiosks sending every 5 s is 40 uploads a second, from 8 threads
    auto kioskRound = [&](int readers, std::vector<double>& readerTimes) {
        std::atomic<bool> stop{false};
        std::vector<std::vector<double>> uploads(8);
        std::vector<std::vector<double>> reads(static_cast<std::size_t>(readers));
        std::vector<std::thread> threads;
        for (int k = 0; k < 8; ++k) {
            threads.emplace_back([&, k] {
                std::mt19937_64 rng(100 + static_cast<unsigned>(k));
                auto c = clientFor(live.port);
                auto due = Clock::now();
                while (!stop) {
                    due += std::chrono::milliseconds(200); // 5 a second per thread
                    std::this_thread::sleep_until(due);
                    const auto t0 = Clock::now();
                    if (!sendOne(c, rng, wardName(static_cast<int>(rng() % kWards)))) {
                        std::cerr << "trust bench: upload failed under load\n";
                    }
                    uploads[static_cast<std::size_t>(k)].push_back(ms(t0, Clock::now()));
                }
            });
        }
        for (int r = 0; r < readers; ++r) {
            threads.emplace_back([&, r] {
                auto c = clientFor(live.port);
                const auto& path = views[static_cast<std::size_t>(r % 3)].second;
                while (!stop) {
                    const auto t0 = Clock::now();
                    (void)get(c, path);
                    reads[static_cast<std::size_t>(r)].push_back(ms(t0, Clock::now()));
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::seconds(20));
        stop = true;
        for (auto& t : threads) {
            t.join();
        }
        std::vector<double> all;
        for (const auto& u : uploads) {
            all.insert(all.end(), u.begin(), u.end());
        }
        for (const auto& r : reads) {
            readerTimes.insert(readerTimes.end(), r.begin(), r.end());
        }
        return all;
    };
    std::vector<double> none;
    std::vector<double> chairs;
    const auto alone = kioskRound(0, none);
    const auto loaded = kioskRound(20, chairs);
    report("kiosk_upload_p95_with_20_chairs", percentile(loaded, 0.95), "ms",
           percentile(loaded, 0.95) / std::max(0.01, percentile(alone, 0.95)),
           "kiosks alone p95 " + std::to_string(percentile(alone, 0.95)).substr(0, 5) +
               " ms (goal < 1.5)");
    report("chair_views_p95_while_kiosks_send", percentile(chairs, 0.95), "ms",
           percentile(chairs, 0.95) / pingP95,
           "ping p95; " + std::to_string(chairs.size()) + " views, median " +
               std::to_string(percentile(chairs, 0.5)).substr(0, 5) + " ms (goal < 1000 ms)");
    // memory: the trust's year recomputed 20 times (a new submission before each)
    std::vector<double> rss;
    for (int i = 0; i < 20; ++i) {
        (void)sendOne(client, random, wardName(3));
        (void)get(client, views[1].second);
        rss.push_back(rssMb());
    }
    report("rss_after_20_recomputations", rss.back(), "MB", rss.back() / rss.front(),
           "after the first " + std::to_string(rss.front()).substr(0, 6) + " MB (goal < 1.10)");
    // a refit in the background while the server runs: memory before and after (a fit frees
    // hundreds of megabytes from its threads; malloc_trim gives them back)
    {
        const double before = rssMb();
        const auto t0 = Clock::now();
        if (!live.server->themes().refitAndWait(std::chrono::minutes(10))) {
            std::cerr << "trust bench: the refit did not finish in 10 minutes\n";
            return 1;
        }
        const double seconds = ms(t0, Clock::now()) / 1000;
        const double after = rssMb();
        report("rss_after_a_refit", after, "MB", after / before,
               "before it " + std::to_string(before).substr(0, 6) + " MB; the refit (fit, place " +
                   "every comment, switch) took " + std::to_string(seconds).substr(0, 5) + " s");
    }
    // backups: at rest, then while kiosks send 40 a second
    const fs::path copy = cacheDir / "trust-backup.db";
    auto backupMs = [&] {
        const auto t0 = Clock::now();
        if (auto s = live.store->backupTo(copy.string()); !s) {
            std::cerr << "trust bench: backup: " << s.error().message << "\n";
            std::exit(1);
        }
        return ms(t0, Clock::now());
    };
    const double rest = backupMs();
    std::atomic<bool> writing{true};
    std::atomic<int> written{0};
    std::thread writer([&] {
        std::mt19937_64 rng(55);
        auto c = clientFor(live.port);
        auto due = Clock::now();
        while (writing) {
            due += std::chrono::milliseconds(25);
            std::this_thread::sleep_until(due);
            if (sendOne(c, rng, wardName(static_cast<int>(rng() % kWards)))) {
                ++written;
            }
        }
    });
    const double underLoad = backupMs();
    writing = false;
    writer.join();
    report("backup_at_40_writes_per_s", underLoad / 1000, "s", underLoad / rest,
           "a backup at rest " + std::to_string(rest / 1000).substr(0, 5) + " s; " +
               std::to_string(written.load()) + " writes during it");
    fs::remove(copy);
    // SIGTERM during a fit: the serve command's stop path (ApiServer::stop, then listen returns)
    live.server->themes().requestFit();
    for (int i = 0; i < 600; ++i) {
        if (live.server->themes().status()["state"] == "fitting") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto s0 = Clock::now();
    live.stop();
    const double stopMs = ms(s0, Clock::now());
    report("sigterm_to_exit_during_fit", stopMs, "ms", stopMs / 1000, "the 1 s goal");
    return 0;
}
