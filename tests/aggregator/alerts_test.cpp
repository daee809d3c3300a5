// Safeguarding alerts in process: raised with the submission, routed by ward and class (and
// hours), delivered and retried from the queue, escalated when nobody acknowledges, and the
// staff API that lists, opens, acknowledges and resolves them (scoped and audited).
#include "aggregator/alerts/alert_config.hpp"
#include "aggregator/alerts/alert_service.hpp"
#include "aggregator/alerts/delivery.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "support/live_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace wardvoice::aggregator {
namespace {

using nlohmann::json;

common::Submission submission(const std::string& ward, const std::string& comment, std::int64_t at,
                              int rating = 4) {
    common::Submission s;
    s.id = common::newUuid();
    s.createdAt = common::formatRfc3339(at);
    s.ward = ward;
    s.topic = common::Topic::General;
    s.rating = rating;
    s.comment = comment;
    s.language = "en";
    return s;
}

alerts::Settings parse(const std::string& text) {
    toml::table t;
    try {
        t = toml::parse(text);
    } catch (const toml::parse_error& e) {
        ADD_FAILURE() << e.description();
        return {};
    }
    auto s = alerts::parseSettings(*t["alerts"].as_table(), "test.toml");
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? s.value() : alerts::Settings{};
}

std::string parseError(const std::string& text) {
    const toml::table t = toml::parse(text);
    auto s = alerts::parseSettings(*t["alerts"].as_table(), "test.toml");
    return s.ok() ? "" : s.error().message;
}

const char* kConfig = R"(
[alerts]
smtp_url = "smtp://127.0.0.1:2525"
from = "wardvoice@trust.nhs.uk"
dashboard_url = "https://wardvoice.trust.nhs.uk/"
retry_min_s = 10
retry_max_s = 60

[[alerts.route]]
wards = ["ward-7"]
email = ["nic.ward7@trust.nhs.uk", "ward7.manager@trust.nhs.uk"]
webhook_url = "https://incidents.trust.nhs.uk/hook?x=1"
webhook_secret = "0123456789abcdef0123"
escalate_after_min = 30
escalate_to = "matron@trust.nhs.uk"

[[alerts.route]]
classes = ["self_harm"]
email = "safeguarding@trust.nhs.uk"
)";

class Alerts : public ::testing::Test {
protected:
    void SetUp() override {
        auto store = SqliteStore::open(":memory:");
        ASSERT_TRUE(store.ok());
        m_store = std::make_unique<SqliteStore>(std::move(store).value());
        auto kiosk = m_store->addKiosk("ward-7", "bay");
        auto kiosk9 = m_store->addKiosk("ward-9", "bay");
        ASSERT_TRUE(kiosk.ok() && kiosk9.ok());
        m_kiosk = kiosk->kioskId;
        m_kiosk9 = kiosk9->kioskId;
    }
    std::vector<AlertRecord> all(const std::vector<std::string>& wards = {"ward-7", "ward-9"}) {
        AlertQuery q;
        q.wards = wards;
        auto list = m_store->listAlerts(q);
        EXPECT_TRUE(list.ok());
        return list.ok() ? list.value() : std::vector<AlertRecord>{};
    }
    std::unique_ptr<SqliteStore> m_store;
    std::string m_kiosk;
    std::string m_kiosk9;
};

TEST_F(Alerts, AFlaggedCommentRaisesOneAlertWithItsSubmission) {
    const std::int64_t now = common::nowUnix();
    const auto flagged = submission("ward-7", "I want to end my life, nobody listens", now);
    const auto ordinary = submission("ward-7", "The food was cold", now);
    ASSERT_TRUE(m_store->ingest(m_kiosk, {flagged, ordinary}, now).ok());
    ASSERT_TRUE(m_store->ingest(m_kiosk, {flagged}, now).ok()) << "a kiosk's retry";
    const auto list = all();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].submissionId, flagged.id);
    EXPECT_EQ(list[0].concern, "self_harm");
    EXPECT_EQ(list[0].status, "open");
    EXPECT_NE(list[0].reason.find("end my life"), std::string::npos);
    ASSERT_FALSE(list[0].history.empty());
    EXPECT_EQ(list[0].history[0].action, "raised");
    auto one = m_store->findAlert(list[0].id);
    ASSERT_TRUE(one.ok() && one.value());
    EXPECT_EQ(one.value()->comment, flagged.comment);
}

TEST_F(Alerts, ARejectedBatchRaisesNothing) {
    // The alert is written in the submission's transaction: a request that fails stores neither.
    const std::int64_t now = common::nowUnix();
    auto bad = submission("ward-7", "He slapped my mum", now);
    bad.rating = 9; // violates the table's CHECK: the insert fails, the request rolls back
    auto r = m_store->ingest(m_kiosk, {bad}, now);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(all().empty());
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
}

TEST_F(Alerts, RescreeningOldFeedbackRaisesUnsentAlertsOnce) {
    const std::int64_t now = common::nowUnix();
    // Stored while the screen could not see it: simulate with an alert-free database.
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "left in urine for hours", now)}, now).ok());
    auto list = all();
    ASSERT_EQ(list.size(), 1u);
    ASSERT_TRUE(m_store->changeAlert(list[0].id, {"resolved", "test", false, "admin", now}).ok());
    auto raised = m_store->rescreen(std::nullopt, std::nullopt, now);
    ASSERT_TRUE(raised.ok());
    EXPECT_EQ(raised.value(), 0) << "a comment that has an alert gets no second";
    EXPECT_EQ(all().size(), 1u);
}

TEST_F(Alerts, AlertChangesFollowTheirLifeCycle) {
    const std::int64_t now = common::nowUnix();
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "a nurse shouted at me", now)}, now).ok());
    const std::int64_t id = all().at(0).id;
    EXPECT_EQ(m_store->changeAlert(id, {"resolved", "", false, "a", now}).ok(), true)
        << "the store takes a note-less resolution; the API refuses it";
    auto again = m_store->changeAlert(id, {"acknowledged", "", false, "a", now});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "bad_transition");
    auto missing = m_store->changeAlert(id + 100, {"acknowledged", "", false, "a", now});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "not_found");
}

TEST(AlertConfig, ReadsRoutesAndChecksEveryKey) {
    const alerts::Settings s = parse(kConfig);
    ASSERT_EQ(s.routes.size(), 2u);
    EXPECT_EQ(s.dashboardUrl, "https://wardvoice.trust.nhs.uk");
    EXPECT_EQ(s.routes[0].email.size(), 2u);
    EXPECT_EQ(s.routes[0].escalateTo, std::vector<std::string>{"matron@trust.nhs.uk"});
    EXPECT_EQ(s.routes[1].escalateAfterMin, 30) << "the default";
    struct Bad {
        std::string config;
        std::string message;
    };
    const std::string head = "[alerts]\nsmtp_url = \"smtp://h\"\nfrom = \"a@b.nhs.uk\"\n"
                             "dashboard_url = \"https://d\"\n";
    const std::vector<Bad> bad = {
        {head + "smtp_port = 25\n", "'alerts.smtp_port' is not a known setting"},
        {head + "[[alerts.route]]\nemail = \"x@y.uk\"\nescalate_after = 5\n",
         "'alerts.route[0].escalate_after' is not a known setting"},
        {head + "[[alerts.route]]\nemail = \"not an address\"\n", "not an e-mail address"},
        {head + "[[alerts.route]]\nemail = \"x@y.uk\\r\\nBcc: z@evil.com\"\n",
         "not an e-mail address"},
        {head + "[[alerts.route]]\nwebhook_url = \"https://h/x\"\n", "webhook_secret"},
        {head + "[[alerts.route]]\nclasses = [\"urgent\"]\nemail = \"x@y.uk\"\n", "classes"},
        {head + "[[alerts.route]]\nwards = [\"ward 7\"]\nemail = \"x@y.uk\"\n", "wards"},
        {head + "[[alerts.route]]\nwards = [\"ward-7\"]\n", "a route must tell someone"},
        {head + "[[alerts.route]]\nemail = \"x@y.uk\"\nescalate_after_min = 0\n",
         "escalate_after_min"},
        {"[alerts]\nfrom = \"a@b.uk\"\ndashboard_url = \"https://d\"\n[[alerts.route]]\nemail = "
         "\"x@y.uk\"\n",
         "smtp_url"},
        {"[alerts]\nsmtp_url = \"smtp://h\"\nfrom = \"a@b.uk\"\n[[alerts.route]]\nemail = "
         "\"x@y.uk\"\n",
         "dashboard_url"},
        {head + "in_hours = \"8-18\"\n", "in_hours"},
        {head + "in_hours_days = [\"monday\"]\n", "in_hours_days"},
        {head + "smtp_tls = \"never\"\n", "smtp_tls"},
    };
    for (const auto& b : bad) {
        const std::string message = parseError(b.config);
        EXPECT_NE(message.find(b.message), std::string::npos)
            << b.config << "\n-> " << (message.empty() ? "(accepted)" : message);
        EXPECT_NE(message.find("test.toml"), std::string::npos) << message;
    }
}

TEST(AlertConfig, RoutesByWardClassAndHours) {
    alerts::Settings s = parse(kConfig);
    AlertRecord a;
    a.id = 5;
    a.ward = "ward-7";
    a.concern = "neglect_unsafe";
    a.createdAt = 1'000'000;
    auto plan = alerts::planFirst(s, a, 2'000'000);
    ASSERT_EQ(plan.size(), 3u) << "two e-mails and the webhook of the ward-7 route";
    EXPECT_EQ(plan[0].target, "nic.ward7@trust.nhs.uk");
    EXPECT_EQ(plan[2].channel, "webhook");
    EXPECT_EQ(plan[0].dueAt, 2'000'000);
    a.concern = "self_harm";
    EXPECT_EQ(alerts::planFirst(s, a, 0).size(), 4u) << "and the trust's safeguarding team";
    a.ward = "ward-9";
    plan = alerts::planFirst(s, a, 0);
    ASSERT_EQ(plan.size(), 1u);
    EXPECT_EQ(plan[0].target, "safeguarding@trust.nhs.uk");
    a.concern = "complaint_intent";
    EXPECT_TRUE(alerts::planFirst(s, a, 0).empty());

    // Out of hours: a Saturday goes to the out-of-hours route, a Tuesday noon to the in-hours.
    alerts::Route in;
    in.email = {"day@trust.nhs.uk"};
    in.when = "in_hours";
    alerts::Route out = in;
    out.email = {"night@trust.nhs.uk"};
    out.when = "out_of_hours";
    s.routes = {in, out};
    std::tm tuesday{};
    tuesday.tm_year = 2026 - 1900;
    tuesday.tm_mon = 11;
    tuesday.tm_mday = 1; // Tuesday 1 December 2026
    tuesday.tm_hour = 12;
    tuesday.tm_isdst = -1;
    a.createdAt = std::mktime(&tuesday);
    plan = alerts::planFirst(s, a, 0);
    ASSERT_EQ(plan.size(), 1u);
    EXPECT_EQ(plan[0].target, "day@trust.nhs.uk");
    a.createdAt += 4 * 86400; // Saturday noon
    plan = alerts::planFirst(s, a, 0);
    ASSERT_EQ(plan.size(), 1u);
    EXPECT_EQ(plan[0].target, "night@trust.nhs.uk");
}

TEST(AlertConfig, EscalatesOnlyAfterItsTimeAndRetriesWithBackoff) {
    const alerts::Settings s = parse(kConfig);
    AlertRecord a;
    a.id = 1;
    a.ward = "ward-7";
    a.concern = "harm_abuse";
    a.createdAt = 1000;
    EXPECT_TRUE(alerts::planEscalation(s, a, 1000 + 29 * 60).empty());
    const auto plan = alerts::planEscalation(s, a, 1000 + 30 * 60);
    ASSERT_EQ(plan.size(), 1u);
    EXPECT_EQ(plan[0].target, "matron@trust.nhs.uk");
    EXPECT_EQ(plan[0].stage, "escalation");
    EXPECT_EQ(alerts::retryDelay(s, 1), 10);
    EXPECT_EQ(alerts::retryDelay(s, 2), 20);
    EXPECT_EQ(alerts::retryDelay(s, 3), 40);
    EXPECT_EQ(alerts::retryDelay(s, 4), 60);
    EXPECT_EQ(alerts::retryDelay(s, 50), 60);
}

TEST(AlertMessages, CarryNoCommentTextOnlyWardClassTimeAndLink) {
    const alerts::Settings s = parse(kConfig);
    AlertDelivery d;
    d.id = 9;
    d.alertId = 42;
    d.stage = "first";
    d.channel = "email";
    d.target = "nic.ward7@trust.nhs.uk";
    d.ward = "ward-7";
    d.concern = "self_harm";
    d.raisedAt = 1'780'000'000;
    const std::string mail = alerts::composeEmail(s, d, 1'780'000'010);
    EXPECT_NE(mail.find("To: <nic.ward7@trust.nhs.uk>\r\n"), std::string::npos);
    EXPECT_NE(mail.find("Subject: [WardVoice] Self-harm or suicide risk - ward ward-7"),
              std::string::npos)
        << mail;
    EXPECT_NE(mail.find("https://wardvoice.trust.nhs.uk/#/alert?id=42"), std::string::npos);
    EXPECT_NE(mail.find("Message-ID: <alert-42-9@trust.nhs.uk>"), std::string::npos) << mail;
    EXPECT_EQ(mail.find("\r\n\r\n"), mail.find("\r\n\r\n")) << "one header block";
    const json hook = json::parse(alerts::composeWebhook(s, d));
    EXPECT_EQ(hook["alert_id"], 42);
    EXPECT_EQ(hook["ward"], "ward-7");
    EXPECT_EQ(hook["class"], "self_harm");
    EXPECT_EQ(hook["link"], "https://wardvoice.trust.nhs.uk/#/alert?id=42");
    EXPECT_FALSE(hook.contains("comment"));
    EXPECT_FALSE(hook.contains("reason")) << "the reason quotes the comment: not sent";
}

// The worker with a fake sender over a real store, at chosen times.
class AlertWorker : public Alerts {
protected:
    void SetUp() override {
        Alerts::SetUp();
        m_settings = parse(kConfig);
    }
    std::unique_ptr<alerts::AlertService> service() {
        return std::make_unique<alerts::AlertService>(
            *m_store, m_settings, [](const std::string&) {},
            [this](const alerts::Settings&, const AlertDelivery& d, std::int64_t,
                   const std::atomic<bool>&) -> common::Status {
                m_sent.push_back(d);
                if (m_failing) {
                    return common::makeError("smtp", "SMTP: connection refused");
                }
                return {};
            });
    }
    std::size_t sentTo(const std::string& target, const std::string& stage = "first") const {
        return static_cast<std::size_t>(
            std::count_if(m_sent.begin(), m_sent.end(), [&](const AlertDelivery& d) {
                return d.target == target && d.stage == stage;
            }));
    }
    alerts::Settings m_settings;
    std::vector<AlertDelivery> m_sent;
    bool m_failing = false;
};

TEST_F(AlertWorker, DeliversEachRecipientOnceAndRecordsIt) {
    const std::int64_t now = common::nowUnix();
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "they left him soaking wet", now)}, now)
            .ok());
    auto worker = service();
    EXPECT_EQ(worker->step(now), 3);
    EXPECT_EQ(worker->step(now + 5), 0) << "nothing twice";
    EXPECT_EQ(sentTo("nic.ward7@trust.nhs.uk"), 1u);
    EXPECT_EQ(sentTo("https://incidents.trust.nhs.uk/hook?x=1"), 1u);
    // A new worker (a restart) over the same store sends nothing again.
    auto restarted = service();
    EXPECT_EQ(restarted->step(now + 10), 0);
    EXPECT_EQ(m_sent.size(), 3u);
    const auto history = all().at(0).history;
    EXPECT_EQ(std::count_if(history.begin(), history.end(),
                            [](const AlertEvent& e) { return e.action == "delivered"; }),
              3);
    EXPECT_EQ(m_store->pendingDeliveries().value(), 0);
}

TEST_F(AlertWorker, AnOutageLosesNothingAndRetriesWithBackoff) {
    const std::int64_t now = common::nowUnix();
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "a carer slapped my dad", now)}, now).ok());
    m_failing = true;
    auto worker = service();
    EXPECT_EQ(worker->step(now), 3);
    EXPECT_EQ(m_store->pendingDeliveries().value(), 3);
    EXPECT_EQ(worker->step(now + 1), 0) << "not before the backoff";
    m_failing = false;
    EXPECT_EQ(worker->step(now + 11), 3) << "retried after retry_min_s";
    EXPECT_EQ(m_store->pendingDeliveries().value(), 0);
    EXPECT_EQ(sentTo("nic.ward7@trust.nhs.uk"), 2u) << "one failed attempt, one delivery";
    const auto history = all().at(0).history;
    EXPECT_EQ(std::count_if(history.begin(), history.end(),
                            [](const AlertEvent& e) { return e.action == "delivery_failed"; }),
              3);
}

TEST_F(AlertWorker, EscalatesWhenNobodyAcknowledgesInTime) {
    const std::int64_t now = common::nowUnix();
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "a nurse threatened me", now)}, now).ok());
    ASSERT_TRUE(
        m_store->ingest(m_kiosk, {submission("ward-7", "I was assaulted by a patient", now)}, now)
            .ok());
    auto worker = service();
    worker->step(now);
    const auto list = all();
    ASSERT_EQ(list.size(), 2u);
    ASSERT_TRUE(
        m_store->changeAlert(list[0].id, {"acknowledged", "on it", false, "mgr", now + 60}).ok());
    worker->step(now + 29 * 60);
    EXPECT_EQ(sentTo("matron@trust.nhs.uk", "escalation"), 0u);
    worker->step(now + 31 * 60);
    EXPECT_EQ(sentTo("matron@trust.nhs.uk", "escalation"), 1u)
        << "only the alert nobody acknowledged";
    worker->step(now + 45 * 60);
    EXPECT_EQ(sentTo("matron@trust.nhs.uk", "escalation"), 1u) << "escalated once";
}

TEST_F(AlertWorker, AnAlertNoRouteTakesIsShownAndSaysSo) {
    const std::int64_t now = common::nowUnix();
    ASSERT_TRUE(
        m_store->ingest(m_kiosk9, {submission("ward-9", "I will contact my solicitor", now)}, now)
            .ok());
    auto worker = service();
    EXPECT_EQ(worker->step(now), 0);
    const auto list = all({"ward-9"});
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].history.back().action, "unrouted");
}

// The staff side: scoped lists, the comment after sign-in, acknowledge, resolve with a note.
class AlertApi : public ::testing::Test {
protected:
    void SetUp() override {
        ServerOptions options;
        options.themeWorker = false;
        options.alertWorker = false;
        ASSERT_NO_FATAL_FAILURE(m_live.start(options));
        auto hash = hashPassword("correct horse battery");
        ASSERT_TRUE(hash.ok());
        for (const auto& [name, role, wards] :
             {std::tuple{"admin", Role::Admin, std::vector<std::string>{}},
              std::tuple{"chair", Role::PanelChair, std::vector<std::string>{}},
              std::tuple{"mgr7", Role::WardManager, std::vector<std::string>{"ward-7"}},
              std::tuple{"mgr9", Role::WardManager, std::vector<std::string>{"ward-9"}}}) {
            ASSERT_TRUE(
                m_live.store()
                    .addUser({name, role, wards, hash.value(), common::nowUnix(), std::nullopt})
                    .ok());
        }
        auto kiosk = m_live.store().addKiosk("ward-7", "bay");
        ASSERT_TRUE(kiosk.ok());
        const std::int64_t now = common::nowUnix();
        ASSERT_TRUE(m_live.store()
                        .ingest(kiosk->kioskId,
                                {submission("ward-7", "My mum was left in pain all night", now),
                                 submission("ward-7", "Lovely staff", now)},
                                now)
                        .ok());
    }
    std::string token(const std::string& name) {
        if (const auto it = m_tokens.find(name); it != m_tokens.end()) {
            return it->second; // logins are rate-limited per account
        }
        httplib::Client c("127.0.0.1", m_live.port());
        auto r = c.Post("/api/v1/login",
                        json{{"name", name}, {"password", "correct horse battery"}}.dump(),
                        "application/json");
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
        return m_tokens[name] = r ? json::parse(r->body).value("token", "") : "";
    }
    httplib::Result get(const std::string& who, const std::string& path) {
        httplib::Client c("127.0.0.1", m_live.port());
        return c.Get(path, {{"Authorization", "Bearer " + token(who)}});
    }
    httplib::Result post(const std::string& who, const std::string& path, const json& body) {
        httplib::Client c("127.0.0.1", m_live.port());
        return c.Post(path, {{"Authorization", "Bearer " + token(who)}}, body.dump(),
                      "application/json");
    }
    testing::LiveServer m_live;
    std::map<std::string, std::string> m_tokens;
};

TEST_F(AlertApi, ListsOpenAlertsScopedByRole) {
    auto r = get("mgr7", "/api/v1/alerts?status=open");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json body = json::parse(r->body);
    ASSERT_EQ(body["alerts"].size(), 1u);
    const json& a = body["alerts"][0];
    for (const char* key :
         {"id", "submission_id", "ward", "class", "reason", "created_at", "status", "history"}) {
        EXPECT_TRUE(a.contains(key)) << key;
    }
    EXPECT_EQ(a["class"], "neglect_unsafe");
    EXPECT_FALSE(a.contains("comment")) << "the list does not carry comment text";
    EXPECT_EQ(body["unresolved"], 1);
    r = get("mgr9", "/api/v1/alerts");
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["alerts"].size(), 0u);
    r = get("mgr7", "/api/v1/alerts/count");
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["open"], 1);
    r = get("mgr9", "/api/v1/alerts/count");
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["open"], 0);
    r = get("chair", "/api/v1/alerts/count");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    r = get("mgr9", "/api/v1/alerts?ward=ward-7");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    r = get("chair", "/api/v1/alerts");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    r = get("admin", "/api/v1/alerts?status=closed");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    httplib::Client anonymous("127.0.0.1", m_live.port());
    r = anonymous.Get("/api/v1/alerts");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
}

TEST_F(AlertApi, OpenAcknowledgeAndResolveWithANoteAllAudited) {
    const std::int64_t id = json::parse(get("mgr7", "/api/v1/alerts")->body)["alerts"][0]["id"];
    const std::string path = "/api/v1/alerts/" + std::to_string(id);
    auto r = get("mgr9", path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << "another ward's alert does not exist for them";
    r = get("mgr7", path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(json::parse(r->body)["comment"], "My mum was left in pain all night");
    r = post("mgr7", path, {{"status", "resolved"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(r->body.find("note_required"), std::string::npos);
    r = post("mgr7", path, {{"status", "acknowledged"}, {"note", "calling the family"}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["status"], "acknowledged");
    r = post("mgr7", path, {{"status", "acknowledged"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 409);
    r = post("mgr7", path,
             {{"status", "resolved"}, {"note", "Datix 12345 raised"}, {"false_alarm", false}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json done = json::parse(r->body);
    EXPECT_EQ(done["status"], "resolved");
    std::vector<std::string> actions;
    for (const auto& e : done["history"]) {
        actions.push_back(e["action"]);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"raised", "viewed", "acknowledged", "resolved"}));
    EXPECT_EQ(done["history"][3]["note"], "Datix 12345 raised");
    EXPECT_EQ(done["history"][3]["actor"], "mgr7");
    auto audit = m_live.store().listAudit(50);
    ASSERT_TRUE(audit.ok());
    std::set<std::string> audited;
    for (const auto& e : audit.value()) {
        audited.insert(e.action);
    }
    for (const char* a : {"view_alerts", "view_alert", "acknowledge_alert", "resolve_alert"}) {
        EXPECT_TRUE(audited.count(a)) << a;
    }
}

TEST_F(AlertApi, FalseAlarmsAreMarkedAndExported) {
    const std::int64_t id = json::parse(get("admin", "/api/v1/alerts")->body)["alerts"][0]["id"];
    auto r = post("admin", "/api/v1/alerts/" + std::to_string(id),
                  {{"status", "resolved"}, {"note", "she meant the TV"}, {"false_alarm", true}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    r = get("mgr7", "/api/v1/alerts/false-alarms");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    r = get("admin", "/api/v1/alerts/false-alarms?format=csv");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(
        r->body.rfind("alert_id,ward,class,reason,comment,rating,language,created_at,note", 0), 0u)
        << r->body;
    EXPECT_NE(r->body.find("she meant the TV"), std::string::npos);
    EXPECT_NE(r->body.find("left in pain all night"), std::string::npos);
}

} // namespace
} // namespace wardvoice::aggregator
