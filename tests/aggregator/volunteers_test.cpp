// Joining the patient and carer panel, the aggregator's side: a kiosk sends a volunteer's
// contact sealed to the panel key in a request of its own; it is stored sealed with the day
// alone, opened only for chairs and admins (audited), and deleted on request or after the
// retention period. Without a panel key no volunteer is taken.
#include "aggregator/panel/panel_key.hpp"
#include "staff_fixture.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;
namespace fs = std::filesystem;

std::string seal(const std::string& publicKey, const std::string& plain) {
    std::string out(plain.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()),
                    reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    reinterpret_cast<const unsigned char*>(publicKey.data()));
    return out;
}

class Volunteers : public StaffApi {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("wv_panel_" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        auto key = createPanelKey((m_dir / "panel.key").string());
        ASSERT_TRUE(key.ok()) << key.error().message;
        m_key = key.value();
        ServerOptions options;
        options.panelKeyFile = (m_dir / "panel.key").string();
        options.volunteerRetentionDays = 180;
        ASSERT_NO_FATAL_FAILURE(start(options));
        addUser("patient", Role::PanelMember, {});
    }
    void TearDown() override {
        StaffApi::TearDown();
        fs::remove_all(m_dir);
    }
    httplib::Result offer(const std::string& id, const std::string& sealedBase64) {
        return kioskPost(m_kiosk7, "/api/v1/panel-volunteers",
                         json{{"id", id}, {"sealed", sealedBase64}}.dump());
    }
    std::string sealedRecord(const std::string& contact) {
        return toBase64(seal(
            m_key.publicKey,
            json{{"name", "Ann Jones"}, {"contact", contact}, {"best_time", "weekday mornings"}}
                .dump()));
    }
    fs::path m_dir;
    PanelKey m_key;
};

TEST_F(Volunteers, ASealedOfferIsStoredSealedAndOpenedOnlyForChairs) {
    EXPECT_EQ(kioskConfig(m_kiosk7)["panel_public_key"], toBase64(m_key.publicKey));
    const std::string id = common::newUuid();
    auto first = offer(id, sealedRecord("ann@example.org"));
    ASSERT_EQ(first->status, 201) << first->body;
    auto again = offer(id, sealedRecord("ann@example.org"));
    EXPECT_EQ(again->status, 200);
    EXPECT_TRUE(json::parse(again->body)["duplicate"]) << "stored once";

    // stored sealed, with the day and the ward alone
    const auto stored = m_store->listVolunteers();
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored.value().size(), 1u);
    EXPECT_EQ(stored.value()[0].sealed.find("ann@example.org"), std::string::npos);
    EXPECT_EQ(stored.value()[0].day, common::formatRfc3339(common::nowUnix()).substr(0, 10));
    EXPECT_EQ(stored.value()[0].ward, "ward-7");

    const Session chair = login("chair");
    auto seen = get(chair, "/api/v1/panel-volunteers");
    ASSERT_EQ(seen->status, 200) << seen->body;
    const json list = json::parse(seen->body)["volunteers"];
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["contact"], "ann@example.org");
    EXPECT_EQ(list[0]["name"], "Ann Jones");
    EXPECT_EQ(list[0]["status"], "new");
    EXPECT_FALSE(list[0].contains("received_at")) << "no time finer than the day";
    EXPECT_EQ(get(login("mgr7"), "/api/v1/panel-volunteers")->status, 403);
    EXPECT_EQ(get(login("patient"), "/api/v1/panel-volunteers")->status, 403);
    const json audit = json::parse(get(login("admin"), "/api/v1/audit?limit=50")->body)["entries"];
    bool viewed = false;
    for (const auto& e : audit) {
        viewed = viewed || (e["user"] == "chair" && e["action"] == "view_volunteers");
    }
    EXPECT_TRUE(viewed) << "opening the contacts is audited";

    // contacted, then deleted on request
    const std::string path = "/api/v1/panel-volunteers/" + id;
    auto contacted = post(chair, path, {{"status", "contacted"}});
    ASSERT_EQ(contacted->status, 200) << contacted->body;
    EXPECT_EQ(json::parse(get(chair, "/api/v1/panel-volunteers")->body)["volunteers"][0]["status"],
              "contacted");
    EXPECT_EQ(post(chair, path, {{"status", "maybe"}})->status, 400);
    const auto remove = [&](const Session& s) {
        return client().Delete(path, {{"Authorization", "Bearer " + s.token}})->status;
    };
    EXPECT_EQ(remove(login("mgr7")), 403);
    EXPECT_EQ(remove(chair), 204);
    EXPECT_EQ(remove(chair), 404);
    EXPECT_TRUE(json::parse(get(chair, "/api/v1/panel-volunteers")->body)["volunteers"].empty());
}

TEST_F(Volunteers, WhatIsNotSealedToThisAggregatorIsRefusedAndOldRecordsGo) {
    PanelKey other{std::string(crypto_box_PUBLICKEYBYTES, '\0'),
                   std::string(crypto_box_SECRETKEYBYTES, '\0')};
    crypto_box_keypair(reinterpret_cast<unsigned char*>(other.publicKey.data()),
                       reinterpret_cast<unsigned char*>(other.secretKey.data()));
    const std::vector<std::pair<json, std::string>> bad = {
        {{{"id", "not-a-uuid"}, {"sealed", sealedRecord("a@b.c")}}, "bad_uuid"},
        {{{"id", common::newUuid()}, {"sealed", "%%%"}}, "bad_sealed"},
        {{{"id", common::newUuid()}, {"sealed", toBase64("plain text, not sealed")}}, "bad_sealed"},
        {{{"id", common::newUuid()},
          {"sealed", toBase64(seal(other.publicKey, R"({"name":"x","contact":"a@b.c"})"))}},
         "bad_sealed"},
        {{{"id", common::newUuid()}, {"sealed", toBase64(seal(m_key.publicKey, R"({"name":""})"))}},
         "bad_sealed"},
    };
    for (const auto& [body, error] : bad) {
        auto r = kioskPost(m_kiosk7, "/api/v1/panel-volunteers", body.dump());
        EXPECT_EQ(r->status, 400) << body.dump();
        EXPECT_EQ(json::parse(r->body)["error"], error) << r->body;
    }
    // after the retention period a record is deleted
    PanelVolunteer old{common::newUuid(),
                       "ward-7",
                       common::formatRfc3339(common::nowUnix() - 181 * 86400).substr(0, 10),
                       sealedRecord("old@example.org"),
                       "new",
                       ""};
    ASSERT_TRUE(m_store->addVolunteer(old).ok());
    EXPECT_TRUE(
        json::parse(get(login("chair"), "/api/v1/panel-volunteers")->body)["volunteers"].empty());
    EXPECT_TRUE(m_store->listVolunteers().value().empty());
}

TEST(PanelKeyFile, IsCreatedOnceForTheAggregatorAloneAndRefusedWhenOthersMayReadIt) {
    const fs::path dir = fs::temp_directory_path() / ("wv_key_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "panel.key").string();
    auto made = createPanelKey(path);
    ASSERT_TRUE(made.ok()) << made.error().message;
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto again = createPanelKey(path);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "exists") << "a key is never replaced";
    auto loaded = loadPanelKey(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->publicKey, made->publicKey);
    const std::string sealed = seal(made->publicKey, "hello");
    EXPECT_EQ(openSealed(loaded.value(), sealed).value(), "hello");
    ::chmod(path.c_str(), 0644);
    EXPECT_EQ(loadPanelKey(path).error().code, "bad_key_file");
    EXPECT_EQ(loadPanelKey((dir / "missing.key").string()).error().code, "bad_key_file");
    fs::remove_all(dir);
}

TEST_F(StaffApi, WithoutAPanelKeyNoVolunteerIsTaken) {
    EXPECT_TRUE(kioskConfig(m_kiosk7)["panel_public_key"].is_null());
    auto r = kioskPost(m_kiosk7, "/api/v1/panel-volunteers",
                       json{{"id", common::newUuid()}, {"sealed", "AAAA"}}.dump());
    EXPECT_EQ(r->status, 503);
    EXPECT_EQ(json::parse(r->body)["error"], "no_panel_key");
    EXPECT_EQ(get(login("chair"), "/api/v1/panel-volunteers")->status, 503);
}

} // namespace
} // namespace wardvoice::aggregator
