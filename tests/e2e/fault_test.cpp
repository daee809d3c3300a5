// Sync and ingest through outages, with real processes on loopback: every submission reaches
// the aggregator exactly once whatever is killed or slow.
#include "aggregator/store/sqlite_store.hpp"
#include "common/sqlite.hpp"
#include "delay_proxy.hpp"
#include "process.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace wardvoice::test {
namespace {

namespace fs = std::filesystem;
const std::string kBin = WARDVOICE_BIN_DIR;

class FaultTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("wv_fault_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "aggregator.db").string();
        auto store = aggregator::SqliteStore::open(m_db);
        ASSERT_TRUE(store.ok());
        auto kiosk = store->addKiosk("ward-7", "fault test");
        ASSERT_TRUE(kiosk.ok());
        m_kiosk = kiosk.value();
        m_port = freePort();
        m_log = (m_dir / "log.txt").string();
    }
    void TearDown() override {
        if (HasFailure()) {
            std::ifstream log(m_log);
            std::cerr << "---- process log ----\n" << log.rdbuf() << "\n";
        }
        fs::remove_all(m_dir);
    }

    std::string writeKioskConfig(int port, int requestTimeoutS = 20,
                                 const std::string& scheme = "http",
                                 const std::string& caFile = "") {
        const std::string path = (m_dir / "kiosk.toml").string();
        std::ofstream out(path);
        if (!caFile.empty()) {
            out << "ca_file = \"" << caFile << "\"\n";
        }
        out << "kiosk_id = \"" << m_kiosk.kioskId << "\"\nsecret = \"" << m_kiosk.secret
            << "\"\naggregator_url = \"" << scheme << "://127.0.0.1:" << port
            << "\"\nward = \"ward-7\"\ndata_dir = \"" << (m_dir / "kiosk").string()
            << "\"\nrequest_timeout_s = " << requestTimeoutS << "\nconnect_timeout_s = 2\n";
        return path;
    }
    void seed(int count) {
        Process p(
            {kBin + "/outbox_seed", (m_dir / "kiosk").string(), "ward-7", std::to_string(count)},
            m_log);
        ASSERT_EQ(p.wait(60), 0);
    }
    std::unique_ptr<Process> startAggregator(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> argv{
            kBin + "/wardvoice-aggregator",        "serve",   "--db",         m_db,    "--listen",
            "127.0.0.1:" + std::to_string(m_port), "--quiet", "--kiosk-rate", "100000"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        return std::make_unique<Process>(argv, m_log);
    }
    std::unique_ptr<Process> startKiosk(const std::string& config) {
        auto p = std::make_unique<Process>(
            std::vector<std::string>{kBin + "/wardvoice-kiosk", "--config", config, "--sync-only"},
            m_log);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_TRUE(p->running()) << "the kiosk exited at start-up";
        return p;
    }
    static std::int64_t count(const std::string& db, const char* sql) {
        auto d = common::db::Database::open(
            db, {.readOnly = true, .create = false, .busyTimeoutMs = 5000, .wal = false});
        if (!d) {
            return -1;
        }
        auto st = d->prepare(sql);
        if (!st || !st->step().ok()) {
            return -1;
        }
        return st->columnInt(0);
    }
    std::int64_t stored() const { return count(m_db, "SELECT count(*) FROM submissions"); }
    std::int64_t distinctStored() const {
        return count(m_db, "SELECT count(DISTINCT id) FROM submissions");
    }
    std::int64_t queued() const {
        return count((m_dir / "kiosk" / "outbox.db").string(), "SELECT count(*) FROM outbox");
    }

    void expectAllDeliveredOnce(std::int64_t n) {
        EXPECT_TRUE(eventually([&] { return queued() == 0 && stored() == n; }, 60))
            << "queued " << queued() << ", stored " << stored();
        EXPECT_EQ(stored(), n);
        EXPECT_EQ(distinctStored(), n);
        EXPECT_EQ(
            count((m_dir / "kiosk" / "outbox.db").string(), "SELECT count(*) FROM dead_letter"), 0);
    }

    fs::path m_dir;
    std::string m_db;
    std::string m_log;
    aggregator::KioskRecord m_kiosk;
    int m_port = 0;
};

TEST_F(FaultTest, AggregatorDownAtFirstThenStarted) {
    seed(200);
    auto kiosk = startKiosk(writeKioskConfig(m_port));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // uploads fail: nothing listens
    EXPECT_EQ(queued(), 200);
    auto agg = startAggregator();
    expectAllDeliveredOnce(200);
}

TEST_F(FaultTest, AggregatorKilledMidBatchThenRestarted) {
    seed(3000);
    auto agg = startAggregator();
    auto kiosk = startKiosk(writeKioskConfig(m_port));
    ASSERT_TRUE(eventually([&] { return stored() > 0; }, 30));
    agg->signal(SIGKILL);
    agg->wait(10);
    const auto before = stored();
    EXPECT_LT(before, 3000) << "the kill came too late to be mid-stream";
    agg = startAggregator();
    expectAllDeliveredOnce(3000);
}

TEST_F(FaultTest, KioskKilledDuringUploadThenRestarted) {
    seed(3000);
    auto agg = startAggregator();
    const std::string config = writeKioskConfig(m_port);
    auto kiosk = startKiosk(config);
    ASSERT_TRUE(eventually([&] { return stored() > 0; }, 30));
    kiosk->signal(SIGKILL);
    kiosk->wait(10);
    EXPECT_GT(queued(), 0) << "the kill came too late to be mid-upload";
    kiosk = startKiosk(config);
    expectAllDeliveredOnce(3000);
}

TEST_F(FaultTest, SlowAggregatorPastTheKioskTimeout) {
    seed(50);
    auto agg = startAggregator();
    ASSERT_TRUE(eventually([&] { return stored() == 0; }, 5));
    DelayProxy slow(m_port, 2, 2500); // the first two answers arrive after the 1 s timeout
    auto kiosk = startKiosk(writeKioskConfig(slow.port(), 1));
    expectAllDeliveredOnce(50);
    EXPECT_GE(slow.connections(), 3) << "the kiosk should have retried";
}

TEST_F(FaultTest, WrongSecretKeepsOutboxIntact) {
    seed(20);
    auto agg = startAggregator();
    m_kiosk.secret = std::string(64, 'b');
    auto kiosk = startKiosk(writeKioskConfig(m_port));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(queued(), 20);
    EXPECT_EQ(stored(), 0);
    kiosk->signal(SIGTERM);
    EXPECT_EQ(kiosk->wait(10), 0);
}

TEST_F(FaultTest, RevokedKioskKeepsOutboxIntact) {
    seed(20);
    {
        auto store = aggregator::SqliteStore::open(m_db);
        ASSERT_TRUE(store->revokeKiosk(m_kiosk.kioskId, 1).ok());
    }
    auto agg = startAggregator();
    auto kiosk = startKiosk(writeKioskConfig(m_port));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(queued(), 20);
    EXPECT_EQ(stored(), 0);
}

TEST_F(FaultTest, TenThousandQueuedDrainCompletely) {
    seed(10000);
    auto agg = startAggregator();
    auto kiosk = startKiosk(writeKioskConfig(m_port));
    expectAllDeliveredOnce(10000);
}

TEST_F(FaultTest, HttpsVerifiedAgainstCaFile) {
    const std::string cert = (m_dir / "cert.pem").string();
    const std::string key = (m_dir / "key.pem").string();
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                            "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
                            key + "' -out '" + cert + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
    seed(30);
    auto agg = startAggregator({"--tls-cert", cert, "--tls-key", key});
    {
        // without the CA the self-signed certificate is refused: nothing leaves the outbox
        auto untrusted = startKiosk(writeKioskConfig(m_port, 5, "https"));
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        EXPECT_EQ(queued(), 30);
        EXPECT_EQ(stored(), 0);
    }
    auto trusted = startKiosk(writeKioskConfig(m_port, 5, "https", cert));
    expectAllDeliveredOnce(30);
}

TEST_F(FaultTest, AggregatorStopsCleanlyOnSigterm) {
    auto agg = startAggregator();
    ASSERT_TRUE(eventually([&] { return count(m_db, "SELECT 1") == 1; }, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    agg->signal(SIGTERM);
    EXPECT_EQ(agg->wait(15), 0);
}

} // namespace
} // namespace wardvoice::test
