// The HTTP API, in process on an ephemeral port: every documented answer of the kiosk routes.
#include "aggregator/api/server.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "support/live_server.hpp"
#include "support/signed_post.hpp"

#include <atomic>
#include <fstream>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace wardvoice::aggregator {
namespace {

using nlohmann::json;

/// A real server on 127.0.0.1:<free port>, stopped and joined when the test ends.
class ServerFixture : public ::testing::Test {
protected:
    void SetUp() override {
        ServerOptions options;
        options.kioskBurst = 5;
        options.kioskRequestsPerMinute = 6;
        ASSERT_NO_FATAL_FAILURE(m_live.start(options));
        m_store = &m_live.store();
        m_port = m_live.port();
        auto kiosk = m_store->addKiosk("ward-7", "test");
        ASSERT_TRUE(kiosk.ok());
        m_kiosk = kiosk.value();
    }
    void TearDown() override { m_live.stop(); }

    httplib::Result send(const std::string& method, const std::string& path,
                         const std::string& body, std::int64_t timestamp = 0,
                         const std::string& secret = "") {
        httplib::Client client("127.0.0.1", m_port);
        client.set_connection_timeout(5);
        const std::int64_t ts = timestamp != 0 ? timestamp : common::nowUnix();
        const std::string pathOnly = path.substr(0, path.find('?'));
        httplib::Headers headers = {
            {common::kHeaderKiosk, m_kiosk.kioskId},
            {common::kHeaderTimestamp, std::to_string(ts)},
            {common::kHeaderSignature, common::signRequest(secret.empty() ? m_kiosk.secret : secret,
                                                           ts, method, pathOnly, body)}};
        if (method == "GET") {
            return client.Get(path, headers);
        }
        return client.Post(path, headers, body, "application/json");
    }

    json submission(const std::string& id) const {
        return {{"id", id},
                {"created_at", "2026-11-23T10:15:00Z"},
                {"ward", "ward-7"},
                {"respondent", "carer"},
                {"topic", "infection_control"},
                {"rating", 1},
                {"answers", json::object()},
                {"comment", "Staff always used the gel"},
                {"language", "en"}};
    }
    std::string batch(const std::vector<json>& items) const {
        return json{{"kiosk_id", m_kiosk.kioskId}, {"submissions", items}}.dump();
    }

    testing::LiveServer m_live;
    Store* m_store = nullptr;
    int m_port = 0;
    KioskRecord m_kiosk;
};

TEST_F(ServerFixture, AcceptsThenReportsDuplicates) {
    const std::string a = common::newUuid();
    const std::string b = common::newUuid();
    auto r1 = send("POST", "/api/v1/submissions", batch({submission(a), submission(b)}));
    ASSERT_TRUE(r1);
    ASSERT_EQ(r1->status, 200);
    const json j1 = json::parse(r1->body);
    EXPECT_EQ(j1["accepted"], json({a, b}));
    EXPECT_EQ(j1["duplicate"], json::array());
    auto r2 = send("POST", "/api/v1/submissions", batch({submission(a)}));
    ASSERT_EQ(r2->status, 200);
    EXPECT_EQ(json::parse(r2->body)["duplicate"], json({a}));
    EXPECT_EQ(m_store->countSubmissions().value(), 2);
}

TEST_F(ServerFixture, RejectsInvalidSubmissionsAloneAndKeepsTheRest) {
    const std::string good = common::newUuid();
    json bad = submission(common::newUuid());
    bad["topic"] = "food";
    json otherWard = submission(common::newUuid());
    otherWard["ward"] = "ward-9";
    auto r = send("POST", "/api/v1/submissions", batch({submission(good), bad, otherWard}));
    ASSERT_EQ(r->status, 200);
    const json j = json::parse(r->body);
    EXPECT_EQ(j["accepted"], json({good}));
    ASSERT_EQ(j["rejected"].size(), 2u);
    EXPECT_EQ(j["rejected"][0]["error"], "unknown_topic");
    EXPECT_EQ(j["rejected"][1]["error"], "ward_mismatch");
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

TEST_F(ServerFixture, RedactsCommentsOnArrival) {
    json s = submission(common::newUuid());
    s["comment"] = "ring my wife on 07700 900123";
    ASSERT_EQ(send("POST", "/api/v1/submissions", batch({s}))->status, 200);
    std::string stored;
    ASSERT_TRUE(m_store
                    ->forEachSubmission(
                        std::nullopt, std::nullopt,
                        [&](const StoredSubmission& row) { stored = row.submission.comment; })
                    .ok());
    EXPECT_EQ(stored, "ring my wife on [phone]");
}

TEST_F(ServerFixture, AuthenticationFailuresAre401WithServerTime) {
    const std::string body = batch({submission(common::newUuid())});
    auto stale = send("POST", "/api/v1/submissions", body, common::nowUnix() - 301);
    ASSERT_EQ(stale->status, 401);
    EXPECT_EQ(json::parse(stale->body)["error"], "stale_timestamp");
    EXPECT_TRUE(json::parse(stale->body)["server_time"].is_number_integer());
    auto wrong = send("POST", "/api/v1/submissions", body, 0, std::string(64, 'a'));
    ASSERT_EQ(wrong->status, 401);
    EXPECT_EQ(json::parse(wrong->body)["error"], "bad_signature");
    httplib::Client client("127.0.0.1", m_port);
    auto unsigned_ = client.Post("/api/v1/submissions", body, "application/json");
    ASSERT_EQ(unsigned_->status, 401);
    EXPECT_EQ(json::parse(unsigned_->body)["error"], "missing_auth");
    ASSERT_TRUE(m_store->revokeKiosk(m_kiosk.kioskId, common::nowUnix()).ok());
    auto revoked = send("POST", "/api/v1/submissions", body);
    ASSERT_EQ(revoked->status, 401);
    EXPECT_EQ(json::parse(revoked->body)["error"], "revoked_kiosk");
    m_kiosk.kioskId = "k-00000000";
    auto unknown = send("POST", "/api/v1/submissions", body);
    ASSERT_EQ(unknown->status, 401);
    EXPECT_EQ(json::parse(unknown->body)["error"], "unknown_kiosk");
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
}

TEST_F(ServerFixture, MalformedAndOversizedBodiesStoreNothing) {
    auto malformed = send("POST", "/api/v1/submissions", "{\"kiosk_id\": ");
    ASSERT_EQ(malformed->status, 400);
    EXPECT_EQ(json::parse(malformed->body)["error"], "malformed_json");
    auto shape = send("POST", "/api/v1/submissions", R"({"kiosk_id": 5})");
    ASSERT_EQ(shape->status, 400);
    EXPECT_EQ(json::parse(shape->body)["error"], "bad_shape");
    json big = submission(common::newUuid());
    big["comment"] = std::string(1100 * 1024, 'x');
    auto oversized = send("POST", "/api/v1/submissions", batch({big}));
    ASSERT_TRUE(oversized) << "the client reads the refusal, not a reset";
    ASSERT_EQ(oversized->status, 413);
    EXPECT_EQ(json::parse(oversized->body)["error"], "payload_too_large");
    std::vector<json> many(501, submission(common::newUuid()));
    auto tooMany = send("POST", "/api/v1/submissions", batch(many));
    ASSERT_TRUE(tooMany);
    ASSERT_EQ(tooMany->status, 413);
    EXPECT_EQ(json::parse(tooMany->body)["error"], "too_many_submissions");
    EXPECT_EQ(m_store->countSubmissions().value(), 0);
}

TEST_F(ServerFixture, RateLimitAnswers429WithRetryAfter) {
    int limited = 0;
    std::string retryAfter;
    for (int i = 0; i < 8; ++i) {
        auto r = send("POST", "/api/v1/kiosk/heartbeat", R"({"kiosk_id": "x", "queue_depth": 0})");
        if (r->status == 429) {
            ++limited;
            retryAfter = r->get_header_value("Retry-After");
        }
    }
    EXPECT_EQ(limited, 3); // burst of five, then refused
    EXPECT_GE(std::stoi(retryAfter), 1);
}

TEST_F(ServerFixture, HeartbeatIsRecordedAndValidated) {
    auto ok = send("POST", "/api/v1/kiosk/heartbeat",
                   json{{"kiosk_id", m_kiosk.kioskId},
                        {"version", "0.1.0"},
                        {"queue_depth", 4},
                        {"oldest_queued_at", "2026-11-23T09:00:00Z"},
                        {"last_sync_at", nullptr},
                        {"uptime_s", 60}}
                       .dump());
    ASSERT_EQ(ok->status, 204);
    EXPECT_EQ(m_store->findKiosk(m_kiosk.kioskId).value()->queueDepth, 4);
    auto bad = send("POST", "/api/v1/kiosk/heartbeat", R"({"queue_depth": -1})");
    ASSERT_EQ(bad->status, 400);
    EXPECT_EQ(json::parse(bad->body)["error"], "bad_shape");
}

TEST_F(ServerFixture, ConfigCarriesWardQuestionsAndEtag) {
    auto r = send("GET", "/api/v1/kiosk/config", "");
    ASSERT_EQ(r->status, 200);
    const json j = json::parse(r->body);
    EXPECT_EQ(j["ward"], "ward-7");
    EXPECT_TRUE(j["questions"]["topics"].contains("discharge"));
    EXPECT_TRUE(j["you_said_we_did"].is_array());
    const std::string etag = j["etag"];
    EXPECT_EQ(r->get_header_value("ETag"), etag);
}

TEST_F(ServerFixture, UnknownRoutesAnswerJson) {
    httplib::Client client("127.0.0.1", m_port);
    auto r = client.Get("/api/v1/nothing-here");
    ASSERT_EQ(r->status, 404);
    EXPECT_EQ(json::parse(r->body)["error"], "not_found");
}

TEST_F(ServerFixture, ASecondServerCannotTakeTheSamePort) {
    // Two aggregators on one port would split the kiosks between them: the second must fail.
    ServerOptions options;
    options.assetsDir = WARDVOICE_SOURCE_DIR "/assets";
    options.accessLog = false;
    auto second = ApiServer::create(*m_store, options);
    ASSERT_TRUE(second.ok());
    auto bound = second.value()->bind("127.0.0.1", m_port);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().code, "bind_failed");
    EXPECT_NE(bound.error().message.find(std::to_string(m_port)), std::string::npos);
}

/// The kernel's count of connections dropped because a listen queue was full (all sockets).
long listenOverflows() {
    std::ifstream netstat("/proc/net/netstat");
    std::string keys;
    std::string values;
    while (std::getline(netstat, keys) && std::getline(netstat, values)) {
        if (keys.rfind("TcpExt:", 0) != 0) {
            continue;
        }
        std::istringstream k(keys);
        std::istringstream v(values);
        std::string key;
        std::string value;
        while (k >> key && v >> value) {
            if (key == "ListenOverflows") {
                return std::stol(value);
            }
        }
    }
    return -1;
}

TEST_F(ServerFixture, ManyClientsConnectingAtOnceAreAllServed) {
    // More simultaneous connections than httplib's own listen backlog of 5, each a new
    // connection: none may be dropped (a dropped SYN costs a kiosk a second or more).
    const long overflowsBefore = listenOverflows();
    if (overflowsBefore < 0) {
        GTEST_SKIP() << "no TcpExt ListenOverflows in /proc/net/netstat";
    }
    constexpr int kClients = 48;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
        threads.emplace_back([&] {
            httplib::Client client("127.0.0.1", m_port);
            client.set_connection_timeout(5);
            auto r = client.Get("/api/v1/ping");
            if (r && r->status == 200) {
                ++ok;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(ok.load(), kClients);
    EXPECT_EQ(listenOverflows(), overflowsBefore) << "connections were dropped at accept";
}

} // namespace
} // namespace wardvoice::aggregator

namespace wardvoice::aggregator {
namespace {

using testing::postSigned;

json plainSubmission(const std::string& id, const std::string& createdAt) {
    return {{"id", id},
            {"created_at", createdAt},
            {"ward", "ward-7"},
            {"respondent", "patient"},
            {"topic", "general"},
            {"rating", 1},
            {"answers", json::object()},
            {"comment", ""},
            {"language", "en"}};
}

TEST_F(ServerFixture, OneIdInTwoLetterCasesIsStoredOnce) {
    std::vector<std::string> ids;
    for (int i = 0; i < 100; ++i) {
        ids.push_back(common::newUuid());
    }
    std::vector<KioskRecord> kiosks;
    for (int t = 0; t < 20; ++t) {
        kiosks.push_back(m_store->addKiosk("ward-7", std::to_string(t)).value());
    }
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 20; ++t) {
        threads.emplace_back([&, t] {
            json items = json::array();
            for (std::size_t i = 0; i < ids.size(); ++i) {
                std::string id = ids[i];
                for (std::size_t c = 0; c < id.size(); ++c) {
                    if ((c + i + static_cast<std::size_t>(t)) % 2 == 0) {
                        id[c] = static_cast<char>(std::toupper(static_cast<unsigned char>(id[c])));
                    }
                }
                items.push_back(plainSubmission(id, "2026-11-23T10:15:00Z"));
            }
            const json body = {{"kiosk_id", kiosks[static_cast<std::size_t>(t)].kioskId},
                               {"submissions", items}};
            auto r = postSigned(m_port, kiosks[static_cast<std::size_t>(t)], body.dump());
            ok += r && r->status == 200;
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_EQ(ok.load(), 20);
    EXPECT_EQ(m_store->countSubmissions().value(), 100);
    // and the ids are answered and kept in lower case
    auto again = postSigned(m_port, kiosks[0],
                            json{{"kiosk_id", kiosks[0].kioskId},
                                 {"submissions", {plainSubmission(ids[0], "2026-11-23T10:15:00Z")}}}
                                .dump());
    ASSERT_TRUE(again);
    EXPECT_EQ(json::parse(again->body)["duplicate"], json({ids[0]}));
}

TEST_F(ServerFixture, CreatedAtFromBefore2015OrMoreThanADayAheadIsRejected) {
    const std::string good = common::newUuid();
    const std::vector<std::string> badTimes = {
        "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2014-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z", common::formatRfc3339(common::nowUnix() + 2 * 86'400)};
    json items = json::array({plainSubmission(good, common::formatRfc3339(common::nowUnix()))});
    for (const std::string& t : badTimes) {
        items.push_back(plainSubmission(common::newUuid(), t));
    }
    auto r = send("POST", "/api/v1/submissions", batch(items.get<std::vector<json>>()));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    const json j = json::parse(r->body);
    EXPECT_EQ(j["accepted"], json({good}));
    ASSERT_EQ(j["rejected"].size(), badTimes.size());
    for (const json& rej : j["rejected"]) {
        EXPECT_EQ(rej["error"], "bad_created_at") << rej.dump();
    }
    EXPECT_EQ(m_store->countSubmissions().value(), 1);
}

} // namespace
} // namespace wardvoice::aggregator
