// The staff API test fixture: a live server with four users (admin, chair, mgr7, mgr9) and
// comments on ward-7 (40, in three themes) and ward-9 (3), logins and requests with a token.
#pragma once

#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"
#include "support/live_server.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace wardvoice::aggregator::staff_test {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery";

struct Session {
    std::string token;
    std::string csrf;
    std::string cookie; ///< the Set-Cookie header of the login answer
};

class StaffApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // Hashing is deliberately slow: hash once for every test user.
        auto hash = hashPassword(kPassword);
        ASSERT_TRUE(hash.ok());
        s_hash = new std::string(hash.value());
    }
    static void TearDownTestSuite() {
        delete s_hash;
        s_hash = nullptr;
    }

    void SetUp() override { start(ServerOptions{}); }
    void TearDown() override { stop(); }

    void start(ServerOptions options) {
        ASSERT_NO_FATAL_FAILURE(m_live.start(options));
        m_store = &m_live.store();
        m_port = m_live.port();
        addUser("admin", Role::Admin, {});
        addUser("chair", Role::PanelChair, {});
        addUser("mgr7", Role::WardManager, {"ward-7"});
        addUser("mgr9", Role::WardManager, {"ward-9"});
        seed();
    }
    void stop() { m_live.stop(); }

    void addUser(const std::string& name, Role role, std::vector<std::string> wards) {
        UserRecord u{name, role, std::move(wards), *s_hash, common::nowUnix(), std::nullopt};
        ASSERT_TRUE(m_store->addUser(u).ok());
    }

    // ward-7: 40 comments in three themes; ward-9: 3 comments (a small group).
    void seed() {
        auto k7 = m_store->addKiosk("ward-7", "corridor");
        auto k9 = m_store->addKiosk("ward-9", "corridor");
        ASSERT_TRUE(k7.ok() && k9.ok());
        m_kiosk7 = k7.value();
        m_kiosk9 = k9.value();
        const std::int64_t now = common::nowUnix();
        m_seededAt = now;
        std::vector<common::Submission> w7;
        const char* texts[] = {"The hand gel dispensers were empty",
                               "Discharge letter was very late",
                               "Visiting hours end before my husband finishes work",
                               "<script>alert('x')</script> the food was cold"};
        for (int i = 0; i < 40; ++i) {
            common::Submission s;
            s.id = common::newUuid();
            s.createdAt = common::formatRfc3339(now - 3600 * (i + 1));
            s.ward = "ward-7";
            s.topic = common::Topic::General;
            s.rating = 1 + i % 5;
            s.comment = texts[i % 4];
            s.language = "en";
            w7.push_back(s);
        }
        ASSERT_TRUE(m_store->ingest(m_kiosk7.kioskId, w7, now).ok());
        std::vector<common::Submission> w9;
        for (int i = 0; i < 3; ++i) {
            common::Submission s;
            s.id = common::newUuid();
            // two hours ago, but never last month (a run in the first hours of a month)
            const std::int64_t monthStart =
                common::parseDateOrTime(common::formatRfc3339(now).substr(0, 7) + "-01").value();
            s.createdAt = common::formatRfc3339(std::max(monthStart, now - 7200));
            s.ward = "ward-9";
            s.rating = 5;
            s.comment = "The call bell was not answered";
            s.language = "en";
            w9.push_back(s);
        }
        ASSERT_TRUE(m_store->ingest(m_kiosk9.kioskId, w9, now).ok());
        ASSERT_NO_FATAL_FAILURE(m_live.settleThemes());
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", m_port);
        c.set_connection_timeout(5);
        c.set_read_timeout(30);
        return c;
    }

    Session login(const std::string& name, const std::string& password = kPassword) {
        auto r = client().Post("/api/v1/login", json{{"name", name}, {"password", password}}.dump(),
                               "application/json");
        EXPECT_TRUE(r);
        if (!r || r->status != 200) {
            ADD_FAILURE() << "login " << name << ": " << (r ? r->body : "no answer");
            return {};
        }
        const json j = json::parse(r->body);
        return {j["token"], j["csrf_token"], r->get_header_value("Set-Cookie")};
    }

    httplib::Result get(const Session& s, const std::string& path) {
        return client().Get(path, {{"Authorization", "Bearer " + s.token}});
    }
    httplib::Result post(const Session& s, const std::string& path, const json& body) {
        return client().Post(path, {{"Authorization", "Bearer " + s.token}}, body.dump(),
                             "application/json");
    }

    /// The kiosk's config, fetched as the kiosk signs it.
    json kioskConfig(const KioskRecord& k) {
        const std::int64_t ts = common::nowUnix();
        httplib::Headers h = {
            {common::kHeaderKiosk, k.kioskId},
            {common::kHeaderTimestamp, std::to_string(ts)},
            {common::kHeaderSignature,
             common::signRequest(k.secret, ts, "GET", "/api/v1/kiosk/config", "")}};
        auto res = client().Get("/api/v1/kiosk/config", h);
        EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
        return res ? json::parse(res->body) : json();
    }
    /// The "you said, we did" messages of the kiosk's config.
    json kioskMessages(const KioskRecord& k) { return kioskConfig(k)["you_said_we_did"]; }

    /// A signed kiosk POST.
    httplib::Result kioskPost(const KioskRecord& k, const std::string& path,
                              const std::string& body) {
        const std::int64_t ts = common::nowUnix();
        httplib::Headers h = {
            {common::kHeaderKiosk, k.kioskId},
            {common::kHeaderTimestamp, std::to_string(ts)},
            {common::kHeaderSignature, common::signRequest(k.secret, ts, "POST", path, body)}};
        return client().Post(path, h, body, "application/json");
    }

    httplib::Result patch(const Session& s, const std::string& path, const json& body) {
        return client().Patch(path, {{"Authorization", "Bearer " + s.token}}, body.dump(),
                              "application/json");
    }

    inline static std::string* s_hash = nullptr;
    testing::LiveServer m_live;
    Store* m_store = nullptr;
    int m_port = 0;
    KioskRecord m_kiosk7;
    KioskRecord m_kiosk9;
    std::int64_t m_seededAt = 0; ///< ward-7's comments were made 1 to 40 hours before this
};

} // namespace wardvoice::aggregator::staff_test
