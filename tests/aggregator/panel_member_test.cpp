// Panel members are users too: patients and carers on the panel sign in, see their panel's
// meetings with each item's evidence and the patients' votes, add comments and their own
// priority votes on proposed items, marked as theirs; and nothing else.
#include "staff_fixture.hpp"

#include <gtest/gtest.h>

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;

class PanelMembers : public StaffApi {
protected:
    void SetUp() override {
        StaffApi::SetUp();
        addUser("patient", Role::PanelMember, {});
        addUser("carer7", Role::PanelMember, {"ward-7"});
    }
    /// A meeting with the top three themes and a free item for ward 9; its id.
    std::int64_t meeting(const Session& chair) {
        auto m = post(chair, "/api/v1/meetings",
                      {{"held_on", common::formatRfc3339(common::nowUnix() + 86400).substr(0, 10)},
                       {"title", "Panel"}});
        EXPECT_EQ(m->status, 201) << m->body;
        const std::int64_t id = json::parse(m->body)["id"];
        const std::string items = "/api/v1/meetings/" + std::to_string(id) + "/items";
        EXPECT_EQ(post(chair, items, {{"top", 3}})->status, 201);
        EXPECT_EQ(
            post(chair, items, {{"title", "Call bells on ward 9"}, {"wards", {"ward-9"}}})->status,
            201);
        return id;
    }
    json agenda(const Session& s, std::int64_t meeting) {
        auto r = get(s, "/api/v1/meetings/" + std::to_string(meeting));
        EXPECT_EQ(r->status, 200) << r->body;
        return r->status == 200 ? json::parse(r->body)["agenda"] : json::array();
    }
};

TEST_F(PanelMembers, SeeTheMeetingsCommentAndVoteMarkedAsTheirs) {
    const Session chair = login("chair");
    const std::int64_t id = meeting(chair);
    const Session patient = login("patient");
    EXPECT_EQ(json::parse(get(patient, "/api/v1/me")->body)["user"]["role"], "panel_member");
    EXPECT_EQ(get(patient, "/api/v1/meetings")->status, 200);
    const json items = agenda(patient, id);
    ASSERT_EQ(items.size(), 4u) << "the trust's panel sees every item";
    const json& first = items[0];
    EXPECT_FALSE(first["evidence"]["examples"].empty()) << "with the redacted examples";
    EXPECT_TRUE(first["votes"].is_array());
    const std::string item = "/api/v1/agenda-items/" + first["id"].dump();

    // a comment, beside the staff notes, marked as theirs
    auto noted = post(patient, item + "/notes", {{"note", "This happened to my mother too"}});
    ASSERT_EQ(noted->status, 201) << noted->body;
    const json history = json::parse(noted->body)["actions"];
    EXPECT_EQ(history.back()["role"], "panel_member");
    EXPECT_EQ(history.back()["user"], "patient");

    // their own priority vote, once, and taken back
    auto voted = post(patient, item + "/vote", {{"support", true}});
    ASSERT_EQ(voted->status, 200) << voted->body;
    EXPECT_EQ(json::parse(voted->body)["panel_votes"], 1);
    EXPECT_TRUE(json::parse(voted->body)["my_panel_vote"]);
    EXPECT_EQ(json::parse(post(patient, item + "/vote", {{"support", true}})->body)["panel_votes"],
              1)
        << "twice is once";
    const json seen = agenda(chair, id)[0];
    EXPECT_EQ(seen["panel_votes"], 1);
    EXPECT_FALSE(seen["my_panel_vote"]);
    EXPECT_EQ(seen["actions"].back()["changes"]["panel_vote"][1], "supports it");
    EXPECT_EQ(json::parse(post(patient, item + "/vote", {{"support", false}})->body)["panel_votes"],
              0);
    EXPECT_EQ(post(patient, item + "/vote", {{"support", "yes"}})->status, 400);
    EXPECT_EQ(post(chair, item + "/vote", {{"support", true}})->status, 403) << "members only";

    // on proposed items only
    ASSERT_EQ(client()
                  .Patch(item, {{"Authorization", "Bearer " + chair.token}},
                         json{{"status", "on_agenda"}}.dump(), "application/json")
                  ->status,
              200);
    auto late = post(patient, item + "/vote", {{"support", true}});
    EXPECT_EQ(late->status, 409);
    EXPECT_EQ(json::parse(late->body)["error"], "not_proposed");
}

TEST_F(PanelMembers, NeverSeeCommentsFleetAlertsVolunteersOrTheAuditLog) {
    const Session chair = login("chair");
    const std::int64_t id = meeting(chair);
    const Session patient = login("patient");
    for (const std::string path :
         {"/api/v1/submissions?ward=ward-7", "/api/v1/themes", "/api/v1/themes?ward=ward-7",
          "/api/v1/overview", "/api/v1/kiosks", "/api/v1/alerts", "/api/v1/alerts/count",
          "/api/v1/audit", "/api/v1/agenda", "/api/v1/you-said-we-did",
          "/api/v1/submissions?complex=1", "/api/v1/heatmap", "/api/v1/themes/model",
          "/api/v1/wards/ward-7/choices", "/api/v1/fft-months", "/api/v1/fft-return",
          "/api/v1/panel-volunteers", "/api/v1/themes/corrections"}) {
        EXPECT_EQ(get(patient, path)->status, 403) << path;
    }
    EXPECT_EQ(
        post(patient, "/api/v1/meetings", {{"held_on", "2030-01-01"}, {"title", "x"}})->status,
        403);
    const std::int64_t first = agenda(chair, id)[0]["id"];
    EXPECT_EQ(client()
                  .Patch("/api/v1/agenda-items/" + std::to_string(first),
                         {{"Authorization", "Bearer " + patient.token}},
                         json{{"status", "done"}}.dump(), "application/json")
                  ->status,
              403);
    // every refusal is in the audit log
    const json audit = json::parse(get(login("admin"), "/api/v1/audit?limit=200")->body)["entries"];
    int refused = 0;
    for (const auto& e : audit) {
        refused += e["user"] == "patient" && e["action"] == "refused" ? 1 : 0;
    }
    EXPECT_GE(refused, 16);

    // a ward's panel sees its ward's items and the trust-wide ones, not another ward's
    const Session carer = login("carer7");
    const json mine = agenda(carer, id);
    for (const auto& item : mine) {
        const auto& wards = item["wards"];
        EXPECT_TRUE(wards.empty() || std::find(wards.begin(), wards.end(), "ward-7") != wards.end())
            << item.dump();
    }
    std::int64_t ward9 = 0;
    for (const auto& item : agenda(chair, id)) {
        if (item["title"] == "Call bells on ward 9") {
            ward9 = item["id"];
        }
    }
    ASSERT_NE(ward9, 0);
    EXPECT_EQ(
        post(carer, "/api/v1/agenda-items/" + std::to_string(ward9) + "/notes", {{"note", "hello"}})
            ->status,
        404);
    EXPECT_EQ(post(patient, "/api/v1/agenda-items/" + std::to_string(ward9) + "/notes",
                   {{"note", "the trust's panel may"}})
                  ->status,
              201);
}

} // namespace
} // namespace wardvoice::aggregator
