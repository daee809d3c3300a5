// "Help us choose" through the API: a chair offers agenda items of a ward as choices on its
// kiosks, patients' votes arrive in their submissions (counted once, an unknown one refused
// alone with the rest kept), and the tallies reach the ward's choices and the meeting exports.
#include "common/wire.hpp"
#include "staff_fixture.hpp"
#include "support/pdf_text.hpp"

#include <gtest/gtest.h>

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;

class Choices : public StaffApi {
protected:
    httplib::Result put(const Session& s, const std::string& path, const json& body) {
        return client().Put(path, {{"Authorization", "Bearer " + s.token}}, body.dump(),
                            "application/json");
    }
    /// A meeting with the top three themes of the trust; their item ids.
    std::vector<std::int64_t> threeItems(const Session& chair, std::int64_t& meeting) {
        auto m = post(chair, "/api/v1/meetings",
                      {{"held_on", common::formatRfc3339(common::nowUnix() + 86400).substr(0, 10)},
                       {"title", "Panel"}});
        EXPECT_EQ(m->status, 201) << m->body;
        meeting = json::parse(m->body)["id"];
        auto added =
            post(chair, "/api/v1/meetings/" + std::to_string(meeting) + "/items", {{"top", 3}});
        EXPECT_EQ(added->status, 201) << added->body;
        std::vector<std::int64_t> ids;
        const json answer = json::parse(added->body);
        EXPECT_EQ(answer["items"].size(), 3u) << added->body;
        for (const auto& item : answer["items"]) {
            ids.push_back(item["id"]);
        }
        return ids;
    }
    /// A ward-7 submission voting `vote` (a JSON value).
    static json voting(const std::string& id, const json& vote, const std::string& comment) {
        return {{"id", id},
                {"created_at", common::formatRfc3339(common::nowUnix() - 60)},
                {"ward", "ward-7"},
                {"respondent", "carer"},
                {"topic", "general"},
                {"rating", 2},
                {"answers", json::object()},
                {"comment", comment},
                {"language", "cy"},
                {"priority_vote", vote}};
    }
    json send(const json& submissions) {
        auto r =
            kioskPost(m_kiosk7, "/api/v1/submissions",
                      json{{"kiosk_id", m_kiosk7.kioskId}, {"submissions", submissions}}.dump());
        EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
        return r ? json::parse(r->body) : json();
    }
    /// `n` submissions from the ward-7 kiosk voting `vote`; the batch answer.
    json vote(int n, const json& vote, std::vector<std::string>* ids = nullptr) {
        json list = json::array();
        for (int i = 0; i < n; ++i) {
            const std::string id = common::newUuid();
            if (ids != nullptr) {
                ids->push_back(id);
            }
            list.push_back(voting(id, vote, "voted " + vote.dump()));
        }
        return send(list);
    }
};

TEST_F(Choices, PatientsVoteAmongTheChoicesTheirWardOffersAndTheAgendaCountsThemOnce) {
    const Session chair = login("chair");
    std::int64_t meeting = 0;
    const auto items = threeItems(chair, meeting);
    ASSERT_EQ(items.size(), 3u);
    auto set =
        put(chair, "/api/v1/wards/ward-7/choices",
            {{"choices",
              {{{"item", items[0]},
                {"title", {{"en", "Hand gel on every bed"}, {"cy", "Gel dwylo ar bob gwely"}}}},
               {{"item", items[1]}, {"title", {{"en", "Letters home on time"}, {"pl", ""}}}}}}});
    ASSERT_EQ(set->status, 200) << set->body;
    EXPECT_EQ(json::parse(set->body)["choices"].size(), 2u);

    // the ward's kiosk offers them, titled per language; another ward's offers none
    const json offered = kioskConfig(m_kiosk7)["choices"];
    ASSERT_EQ(offered.size(), 2u) << offered.dump();
    EXPECT_EQ(offered[0]["id"], items[0]);
    EXPECT_EQ(offered[0]["title"]["cy"], "Gel dwylo ar bob gwely");
    EXPECT_EQ(offered[1]["title"], json({{"en", "Letters home on time"}}));
    EXPECT_TRUE(kioskConfig(m_kiosk9)["choices"].empty());

    // five votes for the first, one for the second
    std::vector<std::string> sent;
    EXPECT_EQ(vote(5, items[0], &sent)["accepted"].size(), 5u);
    EXPECT_EQ(vote(1, items[1])["accepted"].size(), 1u);
    // a vote for what is not an open choice of the ward: refused alone, the rest is kept
    std::vector<std::string> refusedIds;
    const json refused = vote(1, items[2], &refusedIds);
    ASSERT_EQ(refused["rejected"].size(), 1u) << refused.dump();
    EXPECT_EQ(refused["rejected"][0]["error"], "bad_priority_vote");
    EXPECT_EQ(vote(1, "first")["rejected"][0]["error"], "bad_priority_vote");
    EXPECT_EQ(vote(1, -4)["rejected"][0]["error"], "bad_priority_vote");
    const json stored = json::parse(get(chair, "/api/v1/submissions?ward=ward-7&limit=200")->body);
    bool kept = false;
    for (const auto& s : stored["submissions"]) {
        kept = kept || s["id"] == refusedIds[0];
    }
    EXPECT_TRUE(kept) << "the comment and rating of a refused vote are stored";

    // the same submissions again count nothing twice
    json again = json::array();
    for (const auto& id : sent) {
        again.push_back(voting(id, items[0], "again"));
    }
    EXPECT_EQ(send(again)["duplicate"].size(), 5u);

    const json tally = json::parse(get(chair, "/api/v1/wards/ward-7/choices")->body);
    ASSERT_EQ(tally["choices"].size(), 2u) << tally.dump();
    const json& first = tally["choices"][0];
    EXPECT_EQ(first["item"], items[0]);
    EXPECT_EQ(first["votes"], 5);
    EXPECT_EQ(first["voters"], 6);
    EXPECT_EQ(first["rank"], 1);
    EXPECT_EQ(first["of"], 2);
    EXPECT_DOUBLE_EQ(first["share_percent"].get<double>(), 83.3);
    ASSERT_EQ(first["by_week"].size(), 1u);
    EXPECT_EQ(tally["choices"][1]["votes"], "fewer than 5") << "small numbers suppressed";
    EXPECT_TRUE(tally["choices"][1]["share_percent"].is_null());

    // the meeting shows and exports them
    const std::string path = "/api/v1/meetings/" + std::to_string(meeting);
    const json agenda = json::parse(get(chair, path)->body)["agenda"];
    for (const auto& item : agenda) {
        if (item["id"] == items[0]) {
            ASSERT_EQ(item["votes"].size(), 1u) << item.dump();
            EXPECT_EQ(item["votes"][0]["votes"], 5);
        }
    }
    const std::string md = get(chair, path + "?format=md")->body;
    EXPECT_NE(md.find("Patients' priority: ward-7: 1st of 2, 83% of 6 votes"), std::string::npos)
        << md;
    const std::string csv = get(chair, path + "?format=csv")->body;
    EXPECT_NE(csv.find(",patients_priority\r\n"), std::string::npos) << csv.substr(0, 300);
    EXPECT_NE(csv.find("ward-7: 1st of 2, 83% of 6 votes"), std::string::npos);

    // taken off: the kiosk offers nothing, a late vote is refused alone, the votes stay
    ASSERT_EQ(put(chair, "/api/v1/wards/ward-7/choices", {{"choices", json::array()}})->status,
              200);
    EXPECT_TRUE(kioskConfig(m_kiosk7)["choices"].empty());
    EXPECT_EQ(vote(1, items[0])["rejected"][0]["error"], "bad_priority_vote");
    const json closed = json::parse(get(chair, "/api/v1/wards/ward-7/choices")->body);
    EXPECT_TRUE(closed["choices"].empty());
    ASSERT_EQ(closed["closed"].size(), 2u);
    EXPECT_EQ(closed["closed"][0]["votes"], 5);
}

TEST_F(Choices, WrongChoicesAreRefusedWithThePartNamedAndOnlyChairsOfferThem) {
    const Session chair = login("chair");
    std::int64_t meeting = 0;
    const auto items = threeItems(chair, meeting);
    ASSERT_EQ(items.size(), 3u);
    const auto choice = [](std::int64_t item, const json& title) {
        return json{{"item", item}, {"title", title}};
    };
    const json en = {{"en", "Hand gel"}};
    const std::vector<std::pair<json, std::string>> bad = {
        {json::object(), "bad_choices"},
        {{{"choices", "all"}}, "bad_choices"},
        {{{"choices",
           {choice(items[0], en), choice(items[1], en), choice(items[2], en),
            choice(items[0] + 100, en)}}},
         "bad_choices"},
        {{{"choices", {choice(items[0], en), choice(items[0], en)}}}, "bad_choices"},
        {{{"choices", {{{"item", "one"}, {"title", en}}}}}, "bad_choices"},
        {{{"choices", {choice(items[0], {{"cy", "Gel"}})}}}, "bad_title"},
        {{{"choices", {choice(items[0], {{"en", std::string(81, 'x')}})}}}, "bad_title"},
        {{{"choices", {choice(items[0], {{"en", "two\nlines"}})}}}, "bad_title"},
        {{{"choices", {choice(items[0], {{"en", "Gel"}, {"fr", "Gel"}})}}}, "bad_title"},
        {{{"choices", {choice(987654, en)}}}, "bad_item"},
    };
    for (const auto& [body, error] : bad) {
        auto r = put(chair, "/api/v1/wards/ward-7/choices", body);
        EXPECT_EQ(r->status, 400) << body.dump() << " " << r->body;
        EXPECT_EQ(json::parse(r->body)["error"], error) << body.dump() << " " << r->body;
    }
    EXPECT_TRUE(kioskConfig(m_kiosk7)["choices"].empty()) << "nothing was offered";
    // an item done is no longer a choice
    ASSERT_EQ(client()
                  .Patch("/api/v1/agenda-items/" + std::to_string(items[0]),
                         {{"Authorization", "Bearer " + chair.token}},
                         json{{"status", "done"}}.dump(), "application/json")
                  ->status,
              200);
    EXPECT_EQ(json::parse(
                  put(chair, "/api/v1/wards/ward-7/choices", {{"choices", {choice(items[0], en)}}})
                      ->body)["error"],
              "bad_item");
    const Session mgr7 = login("mgr7");
    EXPECT_EQ(
        put(mgr7, "/api/v1/wards/ward-7/choices", {{"choices", {choice(items[1], en)}}})->status,
        403);
    EXPECT_EQ(get(mgr7, "/api/v1/wards/ward-7/choices")->status, 200) << "a manager reads them";
    EXPECT_EQ(get(mgr7, "/api/v1/wards/ward-9/choices")->status, 403);
}

TEST_F(Choices, WhatTheWardIsDoingAboutAChoiceGoesBackToItsKiosks) {
    const Session chair = login("chair");
    std::int64_t meeting = 0;
    const auto items = threeItems(chair, meeting);
    ASSERT_EQ(items.size(), 3u);
    const json doing = {{"en", "We check the hand gel on every shift"},
                        {"cy", "Rydym yn gwirio'r gel dwylo bob shifft"}};
    ASSERT_EQ(
        put(chair, "/api/v1/wards/ward-7/choices",
            {{"choices",
              {{{"item", items[0]}, {"title", {{"en", "Hand gel by every bed"}}}, {"doing", doing}},
               {{"item", items[1]}, {"title", {{"en", "Letters on time"}}}}}}})
            ->status,
        200);
    EXPECT_TRUE(kioskConfig(m_kiosk7)["progress"].empty()) << "nothing agreed yet";
    const auto patch = [&](std::int64_t item, const json& body) {
        return client()
            .Patch("/api/v1/agenda-items/" + std::to_string(item),
                   {{"Authorization", "Bearer " + chair.token}}, body.dump(), "application/json")
            ->status;
    };
    ASSERT_EQ(patch(items[0], {{"status", "action_agreed"}, {"action", "Gel checks each shift"}}),
              200);
    ASSERT_EQ(
        patch(items[1], {{"status", "in_progress"}, {"action", "Letters typed the same day"}}),
        200);
    json progress = kioskConfig(m_kiosk7)["progress"];
    ASSERT_EQ(progress.size(), 2u) << progress.dump();
    const json* gel = progress[0]["id"] == items[0] ? &progress[0] : &progress[1];
    const json* letters = gel == &progress[0] ? &progress[1] : &progress[0];
    EXPECT_EQ((*gel)["status"], "agreed");
    EXPECT_EQ((*gel)["said"]["en"], "Hand gel by every bed");
    EXPECT_EQ((*gel)["doing"], doing) << "the ward's own words for patients";
    EXPECT_EQ((*letters)["status"], "in_progress");
    EXPECT_EQ((*letters)["doing"]["en"], "Letters typed the same day") << "else the agreed action";
    // done: shown as done (and no longer a choice); dropped: gone
    ASSERT_EQ(patch(items[0], {{"status", "done"}}), 200);
    ASSERT_EQ(patch(items[1], {{"status", "dropped"}, {"note", "merged with another item"}}), 200);
    progress = kioskConfig(m_kiosk7)["progress"];
    ASSERT_EQ(progress.size(), 1u) << progress.dump();
    EXPECT_EQ(progress[0]["status"], "done");
    EXPECT_TRUE(kioskConfig(m_kiosk7)["choices"].empty());
    EXPECT_TRUE(kioskConfig(m_kiosk9)["progress"].empty()) << "another ward's";
    auto bad = put(chair, "/api/v1/wards/ward-7/choices",
                   {{"choices",
                     {{{"item", items[2]},
                       {"title", {{"en", "x"}}},
                       {"doing", {{"en", std::string(161, 'x')}}}}}}});
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(json::parse(bad->body)["error"], "bad_doing");
}

TEST_F(Choices, TheWardPosterIsAPdfForThoseWhoMaySeeTheWard) {
    const Session chair = login("chair");
    const std::string month = common::formatRfc3339(common::nowUnix()).substr(0, 7);
    auto poster = get(chair, "/api/v1/wards/ward-7/poster?month=" + month);
    ASSERT_EQ(poster->status, 200) << poster->body;
    EXPECT_EQ(poster->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(poster->body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(poster->get_header_value("Content-Disposition").find("poster-ward-7-" + month),
              std::string::npos);
    EXPECT_EQ(get(chair, "/api/v1/wards/ward-7/poster?month=2026-1")->status, 400);
    EXPECT_EQ(get(login("mgr7"), "/api/v1/wards/ward-7/poster")->status, 200);
    EXPECT_EQ(get(login("mgr9"), "/api/v1/wards/ward-7/poster")->status, 403);
    const std::string builtIn = wardvoice::testing::pdfFlatText(poster->body);
    EXPECT_NE(builtIn.find("ask any member of staff"), std::string::npos) << builtIn;
}

TEST_F(Choices, ThePosterSaysHowToJoinInTheTrustsWords) {
    stop();
    ServerOptions options;
    options.panelJoin = "Ring Sister Okafor on 01632 960 123, or ask at the ward desk";
    ASSERT_NO_FATAL_FAILURE(start(options));
    auto poster = get(login("mgr7"), "/api/v1/wards/ward-7/poster");
    ASSERT_EQ(poster->status, 200) << poster->body;
    const std::string text = wardvoice::testing::pdfFlatText(poster->body);
    EXPECT_NE(text.find("Ring Sister Okafor on 01632 960 123"), std::string::npos) << text;
    EXPECT_EQ(text.find("ask any member of staff"), std::string::npos) << text;
}

} // namespace
} // namespace wardvoice::aggregator
