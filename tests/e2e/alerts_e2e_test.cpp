// Safeguarding alerts end to end with real processes: the aggregator (serve --config), a local
// SMTP relay (aiosmtpd) and a webhook receiver. A flagged comment reaches both within seconds;
// an SMTP outage, a kill -9 and nobody acknowledging lose nothing and send nothing twice.
#include "aggregator/api/staff_auth.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"
#include "kiosk/outbox.hpp"
#include "process.hpp"
#include "support/signed_post.hpp"

#include <arpa/inet.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <httplib.h>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace wardvoice::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const std::string kBin = WARDVOICE_BIN_DIR;
constexpr const char* kSecret = "a-webhook-secret-of-32-characters";
constexpr const char* kPassword = "correct horse battery";

/// A webhook receiver on 127.0.0.1: checks each request's signature, keeps the bodies.
class WebhookReceiver {
public:
    WebhookReceiver() {
        m_server.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            if (m_down) {
                res.status = 503;
                return;
            }
            const std::string ts = req.get_header_value(common::kHeaderTimestamp);
            const std::string expected = common::signRequest(
                kSecret, std::stoll(ts.empty() ? "0" : ts), "POST", "/hook", req.body);
            if (!common::signaturesEqual(expected,
                                         req.get_header_value(common::kHeaderSignature))) {
                ++m_badSignatures;
                res.status = 401;
                return;
            }
            m_bodies.push_back(json::parse(req.body));
            res.status = 204;
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~WebhookReceiver() {
        m_server.stop();
        m_thread.join();
    }
    int port() const { return m_port; }
    void setDown(bool down) {
        std::lock_guard lock(m_mutex);
        m_down = down;
    }
    std::vector<json> bodies() {
        std::lock_guard lock(m_mutex);
        return m_bodies;
    }
    int badSignatures() {
        std::lock_guard lock(m_mutex);
        return m_badSignatures;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    bool m_down = false;
    int m_badSignatures = 0;
    std::vector<json> m_bodies;
};

bool canConnect(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
}

struct Mail {
    std::string to;
    std::string text;
    std::int64_t alertId = 0;
    bool escalation = false;
};

class AlertsE2E : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("wv_alerts_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_log = (m_dir / "log.txt").string();
        Process probe({WARDVOICE_SYSTEM_PYTHON, "-c", "import aiosmtpd"}, m_log);
        if (probe.wait(20) != 0) {
            GTEST_SKIP() << "needs Debian's python3-aiosmtpd (./run deps installs it)";
        }
        m_db = (m_dir / "aggregator.db").string();
        auto store = aggregator::SqliteStore::open(m_db);
        ASSERT_TRUE(store.ok());
        auto kiosk = store->addKiosk("ward-7", "bay 3");
        ASSERT_TRUE(kiosk.ok());
        m_kiosk = kiosk.value();
        auto hash = aggregator::hashPassword(kPassword);
        ASSERT_TRUE(hash.ok());
        ASSERT_TRUE(store
                        ->addUser({"mgr7",
                                   aggregator::Role::WardManager,
                                   {"ward-7"},
                                   hash.value(),
                                   common::nowUnix(),
                                   std::nullopt})
                        .ok());
        m_port = freePort();
        m_smtpPort = freePort();
        m_mailDir = (m_dir / "mail").string();
        fs::create_directories(m_mailDir);
        writeConfig();
    }
    void TearDown() override {
        if (HasFailure()) {
            std::ifstream log(m_log);
            std::cerr << "---- process log ----\n" << log.rdbuf() << "\n";
        }
        m_aggregator.reset();
        m_smtp.reset();
        fs::remove_all(m_dir);
    }

    void writeConfig() {
        m_config = (m_dir / "aggregator.toml").string();
        std::ofstream out(m_config);
        out << "db = \"" << m_db << "\"\n"
            << "listen = \"127.0.0.1:" << m_port << "\"\n"
            << "quiet = true\n"
            << "kiosk_rate = 100000\n"
            << "\n[alerts]\n"
            << "smtp_url = \"smtp://127.0.0.1:" << m_smtpPort << "\"\n"
            << "from = \"wardvoice@trust.nhs.uk\"\n"
            << "dashboard_url = \"https://wardvoice.trust.nhs.uk\"\n"
            << "retry_min_s = 1\nretry_max_s = 4\n"
            << "\n[[alerts.route]]\n"
            << "wards = [\"ward-7\"]\n"
            << "email = \"nic.ward7@trust.nhs.uk\"\n"
            << "webhook_url = \"http://127.0.0.1:" << m_hooks.port() << "/hook\"\n"
            << "webhook_secret = \"" << kSecret << "\"\n"
            << "escalate_after_min = 1\n"
            << "escalate_to = \"matron@trust.nhs.uk\"\n";
    }
    void startAggregator() {
        m_aggregator = std::make_unique<Process>(
            std::vector<std::string>{kBin + "/wardvoice-aggregator", "serve", "--config", m_config},
            m_log);
        ASSERT_TRUE(eventually(
            [&] {
                httplib::Client c("127.0.0.1", m_port);
                c.set_connection_timeout(1);
                auto r = c.Get("/api/v1/health");
                return r && r->status == 200;
            },
            20))
            << "the aggregator did not come up";
    }
    void startSmtp() {
        m_smtp = std::make_unique<Process>(
            std::vector<std::string>{WARDVOICE_SYSTEM_PYTHON,
                                     WARDVOICE_SOURCE_DIR "/tests/e2e/smtp_sink.py",
                                     std::to_string(m_smtpPort), m_mailDir},
            m_log);
        ASSERT_TRUE(eventually([&] { return canConnect(m_smtpPort); }, 20))
            << "the SMTP relay did not come up";
    }
    static common::Submission submission(const std::string& comment,
                                         const std::string& language = "en") {
        common::Submission s;
        s.id = common::newUuid();
        s.createdAt = common::formatRfc3339(common::nowUnix());
        s.ward = "ward-7";
        s.topic = common::Topic::General;
        s.rating = 5;
        s.comment = comment;
        s.language = language;
        return s;
    }
    /// Posts one submission; returns its id.
    std::string post(const std::string& comment) {
        const common::Submission s = submission(comment);
        auto r = testing::postSigned(m_port, m_kiosk,
                                     common::wire::serialiseSubmissionBatch(m_kiosk.kioskId, {s}));
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
        return s.id;
    }
    std::vector<Mail> mails() const {
        std::vector<Mail> out;
        for (const auto& entry : fs::directory_iterator(m_mailDir)) {
            if (entry.path().extension() != ".eml") {
                continue;
            }
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            Mail m;
            m.text = text.str();
            std::smatch match;
            if (std::regex_search(m.text, match, std::regex("X-Envelope-To: ([^\r\n]+)"))) {
                m.to = match[1];
            }
            if (std::regex_search(m.text, match, std::regex("Message-ID: <alert-(\\d+)-"))) {
                m.alertId = std::stoll(match[1]);
            }
            m.escalation = m.text.find("NOT YET ACKNOWLEDGED") != std::string::npos;
            out.push_back(std::move(m));
        }
        return out;
    }
    std::size_t mailsTo(const std::string& to, std::int64_t alertId, bool escalation) const {
        std::size_t n = 0;
        for (const auto& m : mails()) {
            n += m.to == to && m.alertId == alertId && m.escalation == escalation ? 1 : 0;
        }
        return n;
    }
    std::size_t hooksFor(std::int64_t alertId) {
        std::size_t n = 0;
        for (const auto& b : m_hooks.bodies()) {
            n += b.value("alert_id", std::int64_t{0}) == alertId ? 1 : 0;
        }
        return n;
    }
    std::int64_t alertIdOf(const std::string& submissionId) {
        auto d = common::db::Database::open(
            m_db, {.readOnly = true, .create = false, .busyTimeoutMs = 5000, .wal = true});
        if (!d) {
            return 0;
        }
        auto st = d->prepare("SELECT id FROM alerts WHERE submission_id = ?");
        if (!st) {
            return 0;
        }
        st->bind(1, submissionId);
        auto row = st->step();
        return row.ok() && row.value() ? st->columnInt(0) : 0;
    }
    std::string login() {
        httplib::Client c("127.0.0.1", m_port);
        auto r = c.Post("/api/v1/login", json{{"name", "mgr7"}, {"password", kPassword}}.dump(),
                        "application/json");
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
        return r ? json::parse(r->body).value("token", "") : "";
    }

    fs::path m_dir;
    std::string m_db;
    std::string m_log;
    std::string m_config;
    std::string m_mailDir;
    aggregator::KioskRecord m_kiosk;
    int m_port = 0;
    int m_smtpPort = 0;
    WebhookReceiver m_hooks;
    std::unique_ptr<Process> m_aggregator;
    std::unique_ptr<Process> m_smtp;
};

TEST_F(AlertsE2E, AFlaggedCommentReachesTheMailboxAndTheWebhookWithinTenSeconds) {
    ASSERT_NO_FATAL_FAILURE(startSmtp());
    ASSERT_NO_FATAL_FAILURE(startAggregator());
    const auto start = std::chrono::steady_clock::now();
    const std::string comment = "My dad was left lying in his own urine for hours";
    const std::string id = post(comment);
    std::int64_t alert = 0;
    ASSERT_TRUE(eventually(
        [&] {
            alert = alertIdOf(id);
            return alert > 0 && mailsTo("nic.ward7@trust.nhs.uk", alert, false) == 1 &&
                   hooksFor(alert) == 1;
        },
        10))
        << "mails " << mails().size() << ", webhooks " << m_hooks.bodies().size();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("flagged comment -> mailbox and webhook in %.2f s\n", seconds);
    EXPECT_LT(seconds, 10.0);
    const Mail mail = mails().at(0);
    EXPECT_NE(mail.text.find("Subject: [WardVoice] Neglect or unsafe care - ward ward-7"),
              std::string::npos)
        << mail.text;
    EXPECT_NE(mail.text.find("https://wardvoice.trust.nhs.uk/#/alert?id=" + std::to_string(alert)),
              std::string::npos);
    EXPECT_EQ(mail.text.find("urine"), std::string::npos) << "no comment text in the e-mail";
    const json hook = m_hooks.bodies().at(0);
    EXPECT_EQ(hook["ward"], "ward-7");
    EXPECT_EQ(hook["class"], "neglect_unsafe");
    EXPECT_EQ(hook.dump().find("urine"), std::string::npos) << "no comment text in the webhook";
    EXPECT_EQ(m_hooks.badSignatures(), 0);
    // An ordinary comment raises nothing.
    post("The food was cold and the TV did not work");
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(mails().size(), 1u);
    EXPECT_EQ(m_hooks.bodies().size(), 1u);
}

TEST_F(AlertsE2E, AKiosksSavedCommentReachesTheMailboxAndTheWebhook) {
    // The kiosk's half: what is typed is what Send saves (tests/kiosk/ui_drive.py); from its
    // outbox on, a real kiosk process carries it.
    ASSERT_NO_FATAL_FAILURE(startSmtp());
    ASSERT_NO_FATAL_FAILURE(startAggregator());
    const std::string data = (m_dir / "kiosk").string();
    // Polish, typed without its accents
    const common::Submission s = submission("Chce umrzec, nikt mi nie pomaga", "pl");
    {
        auto outbox = kiosk::Outbox::open(data);
        ASSERT_TRUE(outbox.ok());
        ASSERT_TRUE(outbox->store(s).ok());
    }
    const std::string config = (m_dir / "kiosk.toml").string();
    std::ofstream(config) << "kiosk_id = \"" << m_kiosk.kioskId << "\"\nsecret = \""
                          << m_kiosk.secret << "\"\naggregator_url = \"http://127.0.0.1:" << m_port
                          << "\"\nward = \"ward-7\"\ndata_dir = \"" << data << "\"\n";
    const auto start = std::chrono::steady_clock::now();
    Process kiosk({kBin + "/wardvoice-kiosk", "--config", config, "--sync-only"}, m_log);
    std::int64_t alert = 0;
    ASSERT_TRUE(eventually(
        [&] {
            alert = alertIdOf(s.id);
            return alert > 0 && mailsTo("nic.ward7@trust.nhs.uk", alert, false) == 1 &&
                   hooksFor(alert) == 1;
        },
        15));
    std::printf("kiosk outbox -> mailbox and webhook in %.2f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    EXPECT_NE(mails().at(0).text.find("Self-harm or suicide risk"), std::string::npos);
}

TEST_F(AlertsE2E, SmtpDownForAMinuteThenUpDeliversOnceAndEscalatesTheUnacknowledged) {
    ASSERT_NO_FATAL_FAILURE(startAggregator()); // no SMTP relay yet: e-mail attempts fail
    const std::string first = post("A nurse shouts at me until I cry");
    const std::string second = post("The carer slapped my mum");
    std::int64_t a = 0;
    std::int64_t b = 0;
    ASSERT_TRUE(eventually(
        [&] {
            a = alertIdOf(first);
            b = alertIdOf(second);
            return a > 0 && b > 0 && hooksFor(a) == 1 && hooksFor(b) == 1;
        },
        10))
        << "the webhooks arrive while SMTP is down";
    // The ward manager acknowledges the second one; nobody acknowledges the first.
    httplib::Client c("127.0.0.1", m_port);
    auto r = c.Post("/api/v1/alerts/" + std::to_string(b), {{"Authorization", "Bearer " + login()}},
                    json{{"status", "acknowledged"}, {"note", "speaking to the family"}}.dump(),
                    "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    std::this_thread::sleep_for(std::chrono::seconds(60));
    EXPECT_TRUE(mails().empty());
    ASSERT_NO_FATAL_FAILURE(startSmtp());
    ASSERT_TRUE(eventually(
        [&] {
            return mailsTo("nic.ward7@trust.nhs.uk", a, false) == 1 &&
                   mailsTo("nic.ward7@trust.nhs.uk", b, false) == 1 &&
                   mailsTo("matron@trust.nhs.uk", a, true) == 1;
        },
        20))
        << mails().size() << " mails";
    std::this_thread::sleep_for(std::chrono::seconds(6)); // a few retry periods more
    EXPECT_EQ(mailsTo("nic.ward7@trust.nhs.uk", a, false), 1u) << "once, not once per retry";
    EXPECT_EQ(mailsTo("nic.ward7@trust.nhs.uk", b, false), 1u);
    EXPECT_EQ(mailsTo("matron@trust.nhs.uk", a, true), 1u);
    EXPECT_EQ(mailsTo("matron@trust.nhs.uk", b, true), 0u) << "acknowledged in time";
    EXPECT_EQ(mails().size(), 3u);
    EXPECT_EQ(hooksFor(a), 1u);
}

TEST_F(AlertsE2E, KilledAfterIngestBeforeDeliveryDeliversOnceAfterRestart) {
    m_hooks.setDown(true); // nothing can be delivered before the kill
    ASSERT_NO_FATAL_FAILURE(startAggregator());
    const std::string id = post("I have been having suicidal thoughts and nobody has called");
    m_aggregator->signal(SIGKILL);
    m_aggregator->wait(10);
    const std::int64_t alert = alertIdOf(id);
    ASSERT_GT(alert, 0) << "the alert was stored with the submission";
    EXPECT_TRUE(mails().empty());
    EXPECT_EQ(hooksFor(alert), 0u);
    m_hooks.setDown(false);
    ASSERT_NO_FATAL_FAILURE(startSmtp());
    ASSERT_NO_FATAL_FAILURE(startAggregator());
    ASSERT_TRUE(eventually(
        [&] {
            return mailsTo("nic.ward7@trust.nhs.uk", alert, false) == 1 && hooksFor(alert) == 1;
        },
        15));
    // Killed again and restarted: nothing is sent twice.
    m_aggregator->signal(SIGKILL);
    m_aggregator->wait(10);
    ASSERT_NO_FATAL_FAILURE(startAggregator());
    std::this_thread::sleep_for(std::chrono::seconds(4));
    EXPECT_EQ(mailsTo("nic.ward7@trust.nhs.uk", alert, false), 1u);
    EXPECT_EQ(hooksFor(alert), 1u);
    EXPECT_EQ(m_hooks.badSignatures(), 0);
}

} // namespace
} // namespace wardvoice::test
