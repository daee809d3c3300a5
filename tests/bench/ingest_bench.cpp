// Ingest benchmarks (./run bench): each figure is printed as a ratio against a baseline
// measured in the same run on the same machine.
//   ingest_batches   signed 100-submission batches from 4 concurrent clients vs raw SQLite inserts
//   ingest_single    single-submission requests/s vs the same server's no-op endpoint
//   outbox_drain     a 10,000-row kiosk outbox drained by the sync worker vs raw SQLite inserts
//   screen           the safeguarding screen's cost per comment vs one no-op request
#include "aggregator/api/server.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/safeguarding.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"
#include "kiosk/outbox.hpp"
#include "kiosk/sync/sync_worker.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <httplib.h>
#include <iostream>
#include <thread>

namespace {

using namespace wardvoice;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Kiosks sending single submissions at the same moment in the fleet figure.
constexpr int kFleet = 32;

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

void report(const char* name, double value, const char* unit, double ratio, const char* baseline) {
    std::printf("bench: %s %.1f %s (%.2f x %s)\n", name, value, unit, ratio, baseline);
    std::fflush(stdout);
}

std::vector<common::Submission> makeRows(std::size_t n) {
    std::vector<common::Submission> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        common::Submission s;
        s.id = common::newUuid();
        s.createdAt = "2026-11-23T10:15:00Z";
        s.ward = "ward-7";
        s.respondent = common::kAllRespondents[i % 4];
        s.topic = common::kAllTopics[i % 4];
        s.rating = static_cast<int>(i % 6) + 1;
        s.answers = {{"discharge.who_to_call", "yes"}};
        s.comment = "The nurses were kind but nobody told me when the discharge letter would come, "
                    "number " +
                    std::to_string(i);
        s.language = "en";
        rows.push_back(std::move(s));
    }
    return rows;
}

/// Rows/s of inserting `rows` straight into a fresh store in one transaction.
double rawInsertRate(const fs::path& dir, const std::vector<common::Submission>& rows) {
    auto store = aggregator::SqliteStore::open((dir / "raw.db").string());
    auto kiosk = store->addKiosk("ward-7", "");
    const auto t0 = Clock::now();
    auto r = store->ingest(kiosk->kioskId, rows, common::nowUnix());
    const auto t1 = Clock::now();
    if (!r || r->accepted.size() != rows.size()) {
        std::cerr << "raw insert failed\n";
        std::exit(1);
    }
    return static_cast<double>(rows.size()) / seconds(t0, t1);
}

/// A server on a fresh file database, listening in a thread until destroyed.
struct LiveServer {
    explicit LiveServer(const fs::path& db) {
        auto s = aggregator::SqliteStore::open(db.string());
        store = std::make_unique<aggregator::SqliteStore>(std::move(s).value());
        kiosk = store->addKiosk("ward-7", "bench").value();
        aggregator::ServerOptions options;
        options.assetsDir = WARDVOICE_SOURCE_DIR "/assets";
        options.accessLog = false;
        options.kioskBurst = 1e9;
        options.kioskRequestsPerMinute = 1e9;
        server = std::move(aggregator::ApiServer::create(*store, options)).value();
        port = server->bind("127.0.0.1", 0).value();
        thread = std::thread([this] { server->listen(); });
    }
    ~LiveServer() {
        server->stop();
        thread.join();
    }
    httplib::Headers sign(const std::string& method, const std::string& path,
                          const std::string& body) const {
        const auto ts = common::nowUnix();
        return {
            {common::kHeaderKiosk, kiosk.kioskId},
            {common::kHeaderTimestamp, std::to_string(ts)},
            {common::kHeaderSignature, common::signRequest(kiosk.secret, ts, method, path, body)}};
    }
    std::unique_ptr<aggregator::Store> store;
    std::unique_ptr<aggregator::ApiServer> server;
    aggregator::KioskRecord kiosk;
    int port = 0;
    std::thread thread;
};

/// Runs `work(client, index)` for `total` requests spread over `clients` threads; returns req/s.
template <typename Work> double concurrentRate(int port, int clients, int total, Work work) {
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            for (int i = next++; i < total; i = next++) {
                if (!work(client, i)) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    const auto t1 = Clock::now();
    if (failures > 0) {
        std::cerr << failures << " requests failed\n";
        std::exit(1);
    }
    return total / seconds(t0, t1);
}

} // namespace

int main(int argc, char** argv) {
    // Optional argument: run one figure only (batches, single or drain), for profiling.
    const std::string only = argc > 1 ? argv[1] : "";
    auto wanted = [&](const char* name) { return only.empty() || only == name; };
    const fs::path dir = fs::temp_directory_path() / ("wv_bench_" + std::to_string(::getpid()));
    fs::create_directories(dir);

    // 1. Batches from 4 clients against raw inserts of the same rows.
    if (wanted("batches")) {
        const auto rows = makeRows(20000);
        const double raw = rawInsertRate(dir, rows);
        LiveServer live(dir / "batches.db");
        std::vector<std::string> bodies;
        for (std::size_t i = 0; i < rows.size(); i += 100) {
            std::vector<common::Submission> batch(rows.begin() + static_cast<long>(i),
                                                  rows.begin() + static_cast<long>(i + 100));
            bodies.push_back(common::wire::serialiseSubmissionBatch(live.kiosk.kioskId, batch));
        }
        const double batchesPerS = concurrentRate(
            live.port, 4, static_cast<int>(bodies.size()), [&](httplib::Client& c, int i) {
                const std::string path = "/api/v1/submissions";
                auto r =
                    c.Post(path, live.sign("POST", path, bodies[i]), bodies[i], "application/json");
                return r && r->status == 200;
            });
        const double rowsPerS = batchesPerS * 100;
        report("ingest_batches", rowsPerS, "rows/s", rowsPerS / raw, "raw SQLite insert");
    }

    // 2. Single-submission requests against the no-op endpoint, from a fleet of kiosks sending
    //    at the same moment (each request is answered only once its row is on disk, so the
    //    rate depends on how many share a flush), and from 4 clients as in the batch figure.
    if (wanted("single")) {
        LiveServer live(dir / "single.db");
        const auto rows = makeRows(8000);
        std::atomic<std::size_t> nextRow{0};
        auto submitOne = [&](httplib::Client& c, int) {
            const std::string path = "/api/v1/submissions";
            const std::string body =
                common::wire::serialiseSubmissionBatch(live.kiosk.kioskId, {rows[nextRow++]});
            auto r = c.Post(path, live.sign("POST", path, body), body, "application/json");
            return r && r->status == 200;
        };
        auto ping = [](httplib::Client& c, int) {
            auto r = c.Get("/api/v1/ping");
            return r && r->status == 200;
        };
        for (const int clients : {kFleet, 4}) {
            const double noop = concurrentRate(live.port, clients, 20000, ping);
            const auto before = live.store->ingestStats();
            const double single = concurrentRate(live.port, clients, 4000, submitOne);
            const auto after = live.store->ingestStats();
            const std::string name = clients == kFleet
                                         ? "ingest_single"
                                         : "ingest_single_" + std::to_string(clients) + "_clients";
            report(name.c_str(), single, "req/s", single / noop, "no-op endpoint");
            std::printf("       %d clients; %.1f requests per transaction, %.1f per disk flush\n",
                        clients,
                        static_cast<double>(after.requests - before.requests) /
                            static_cast<double>(after.groups - before.groups),
                        static_cast<double>(after.requests - before.requests) /
                            static_cast<double>(after.flushes - before.flushes));
        }
    }

    // 3. Drain a 10,000-row kiosk outbox through the real sync worker.
    if (wanted("drain")) {
        const auto rows = makeRows(10000);
        fs::create_directories(dir / "drainraw");
        const double raw = rawInsertRate(dir / "drainraw", rows); // same rows, one transaction
        LiveServer live(dir / "drain.db");
        auto box = kiosk::Outbox::open((dir / "kiosk").string());
        if (!box || !box->storeAll(rows)) {
            std::cerr << "cannot fill the outbox\n";
            return 1;
        }
        kiosk::KioskConfig config;
        config.kioskId = live.kiosk.kioskId;
        config.secret = live.kiosk.secret;
        config.aggregatorUrl = "http://127.0.0.1:" + std::to_string(live.port);
        config.ward = "ward-7";
        config.dataDir = (dir / "kiosk").string();
        kiosk::SyncWorker worker(config, box.value());
        const auto t0 = Clock::now();
        while (worker.uploadOnce()) {
        }
        const auto t1 = Clock::now();
        if (box->depth().value() != 0 || live.store->countSubmissions().value() != 10000) {
            std::cerr << "drain incomplete\n";
            return 1;
        }
        const double drainS = seconds(t0, t1);
        report("outbox_drain_10k", drainS, "s", drainS / (10000.0 / raw), "raw SQLite insert time");
    }
    // 4. The safeguarding screen, run on every comment at ingest: its cost per comment (real
    //    FFT comments when ../shared is there, else the team's labelled file) against the cost
    //    of one request to the no-op endpoint from one client.
    if (wanted("screen")) {
        const std::string fft = WARDVOICE_SOURCE_DIR "/../shared/data/fft/v6framework_dev.csv";
        const bool shared = fs::exists(fft);
        auto table = aggregator::readCommentColumns(
            shared ? fft : WARDVOICE_SOURCE_DIR "/tests/aggregator/fixtures/safeguarding_fft.csv",
            shared ? "FFT answer" : "comment", "");
        if (!table) {
            std::cerr << table.error().message << "\n";
            return 1;
        }
        const auto& texts = table->texts;
        (void)common::screenComment({texts[0], std::nullopt, "", ""}); // compile the lexicons
        std::size_t flagged = 0;
        std::size_t screened = 0;
        const auto t0 = Clock::now();
        for (int round = 0; round < 10; ++round) {
            for (const auto& t : texts) {
                flagged += common::screenComment({t, std::nullopt, "", ""}).flagged ? 1 : 0;
                ++screened;
            }
        }
        const double perComment = seconds(t0, Clock::now()) / static_cast<double>(screened);
        LiveServer live(dir / "screen.db");
        auto ping = [](httplib::Client& c, int) {
            auto r = c.Get("/api/v1/ping");
            return r && r->status == 200;
        };
        const double perRequest = 1.0 / concurrentRate(live.port, 1, 5000, ping);
        report("screen_per_comment", perComment * 1e6, "us", perComment / perRequest,
               "one no-op request");
        std::printf("       %zu comments (%s) screened 10 times, %.1f%% flagged\n", texts.size(),
                    shared ? "FFT file" : "labelled fixture",
                    100.0 * static_cast<double>(flagged) / static_cast<double>(screened));
    }
    fs::remove_all(dir);
    return 0;
}
