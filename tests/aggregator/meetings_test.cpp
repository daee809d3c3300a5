// Panel meetings through the API: a chair prepares, runs and follows up a meeting (items from the
// themes never twice, a chosen theme, a free item, owners, due dates, statuses, the agreed
// action, order, exports), unfinished items carry into the next meeting, and ward managers see
// and annotate the items of their wards.
#include "staff_fixture.hpp"
#include "support/pdf_text.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;
using wardvoice::testing::pdfText;

class Meetings : public StaffApi {
protected:
    static std::string day(int offset) {
        return common::formatRfc3339(common::nowUnix() + offset * 86400).substr(0, 10);
    }
    json newMeeting(const Session& s, int inDays, const std::string& title) {
        auto r = post(s, "/api/v1/meetings",
                      {{"held_on", day(inDays)},
                       {"title", title},
                       {"attendees", {"Panel chair", "Matron, ward 7", "Patient representative"}}});
        EXPECT_EQ(r->status, 201) << r->body;
        return json::parse(r->body);
    }
    json meeting(const Session& s, std::int64_t id) {
        auto r = get(s, "/api/v1/meetings/" + std::to_string(id));
        EXPECT_EQ(r->status, 200) << r->body;
        return json::parse(r->body);
    }
    httplib::Result patch(const Session& s, std::int64_t item, const json& body) {
        return client().Patch("/api/v1/agenda-items/" + std::to_string(item),
                              {{"Authorization", "Bearer " + s.token}}, body.dump(),
                              "application/json");
    }
    static std::vector<std::int64_t> ids(const json& agenda) {
        std::vector<std::int64_t> out;
        for (const auto& item : agenda) {
            out.push_back(item["id"]);
        }
        return out;
    }
};

TEST_F(Meetings, AChairPreparesRunsAndFollowsUpAMeeting) {
    const Session chair = login("chair");
    const json m = newMeeting(chair, 3, "December patient panel");
    const std::int64_t id = m["id"];
    EXPECT_TRUE(m["agenda"].empty());
    EXPECT_EQ(m["attendees"].size(), 3u);
    const std::string items = "/api/v1/meetings/" + std::to_string(id) + "/items";

    // the top two, then the top three: one more item, the two open ones get new evidence
    auto two = post(chair, items, {{"top", 2}});
    ASSERT_EQ(two->status, 201) << two->body;
    EXPECT_EQ(json::parse(two->body)["items"].size(), 2u);
    auto three = post(chair, items, {{"top", 3}});
    ASSERT_EQ(three->status, 201) << three->body;
    EXPECT_EQ(json::parse(three->body)["items"].size(), 1u);
    EXPECT_EQ(json::parse(three->body)["linked"].size(), 2u);
    json agenda = meeting(chair, id)["agenda"];
    ASSERT_EQ(agenda.size(), 3u) << "no duplicates: " << agenda.dump();
    EXPECT_EQ(agenda[0]["evidence_history"].size(), 2u) << "the new evidence joined the item";
    EXPECT_FALSE(agenda[0]["evidence"]["examples"].empty());
    EXPECT_TRUE(agenda[0]["live"].is_object()) << agenda[0].dump();

    // a chosen theme that was not among the top three, and a free item
    const json themes = json::parse(get(chair, "/api/v1/themes")->body)["themes"];
    ASSERT_GE(themes.size(), 4u);
    std::int64_t chosen = 0;
    for (const auto& t : themes) {
        bool on = false;
        for (const auto& item : agenda) {
            on = on || item["themes"][0] == t["id"];
        }
        if (!on) {
            chosen = t["id"];
        }
    }
    ASSERT_NE(chosen, 0);
    auto one = post(chair, items, {{"themes", {chosen}}});
    ASSERT_EQ(one->status, 201) << one->body;
    auto free = post(chair, items,
                     {{"title", "Volunteer drivers for discharge"},
                      {"description", "Raised by the patient representative"},
                      {"wards", {"ward-7"}}});
    ASSERT_EQ(free->status, 201) << free->body;
    EXPECT_EQ(json::parse(free->body)["items"][0]["kind"], "free");
    agenda = meeting(chair, id)["agenda"];
    ASSERT_EQ(agenda.size(), 5u);

    // one item through to done with an owner, a due date and the agreed action
    const std::int64_t first = agenda[0]["id"];
    auto owned = patch(chair, first,
                       {{"status", "on_agenda"}, {"owner", "Matron, ward 7"}, {"due_on", day(40)}});
    ASSERT_EQ(owned->status, 200) << owned->body;
    ASSERT_EQ(patch(chair, first,
                    {{"status", "action_agreed"},
                     {"action", "Refill every hand gel dispenser at each shift change"},
                     {"note", "agreed with the matron"}})
                  ->status,
              200);
    ASSERT_EQ(patch(chair, first, {{"status", "in_progress"}})->status, 200);
    auto done = patch(chair, first, {{"status", "done"}});
    ASSERT_EQ(done->status, 200) << done->body;
    const json item = json::parse(done->body);
    EXPECT_EQ(item["status"], "done");
    EXPECT_EQ(item["action"], "Refill every hand gel dispenser at each shift change")
        << "done without a note keeps the agreed action";
    EXPECT_EQ(item["latest_note"], "agreed with the matron");
    EXPECT_EQ(item["owner"], "Matron, ward 7");
    EXPECT_FALSE(item["closed_at"].is_null());
    // the history says who changed what, in which role
    const json& history = item["actions"];
    bool ownerChange = false;
    for (const auto& step : history) {
        EXPECT_EQ(step["user"], "chair");
        if (step["changes"].contains("owner")) {
            ownerChange = step["changes"]["owner"][0] == "" &&
                          step["changes"]["owner"][1] == "Matron, ward 7" &&
                          step["role"] == "panel_chair";
        }
    }
    EXPECT_TRUE(ownerChange) << history.dump();

    // dropping needs a reason
    const std::int64_t second = agenda[1]["id"];
    auto silent = patch(chair, second, {{"status", "dropped"}});
    EXPECT_EQ(silent->status, 400);
    EXPECT_EQ(json::parse(silent->body)["error"], "reason_required");
    EXPECT_EQ(patch(chair, second, {{"status", "dropped"}, {"note", "covered by the trust plan"}})
                  ->status,
              200);

    // the chair reorders the agenda
    std::vector<std::int64_t> order = ids(agenda);
    std::reverse(order.begin(), order.end());
    const std::string orderPath = "/api/v1/meetings/" + std::to_string(id) + "/order";
    auto reordered = client().Put(orderPath, {{"Authorization", "Bearer " + chair.token}},
                                  json{{"items", order}}.dump(), "application/json");
    ASSERT_EQ(reordered->status, 200) << reordered->body;
    EXPECT_EQ(ids(meeting(chair, id)["agenda"]), order);
    auto partial = client().Put(orderPath, {{"Authorization", "Bearer " + chair.token}},
                                json{{"items", {order[0]}}}.dump(), "application/json");
    EXPECT_EQ(partial->status, 400);
    EXPECT_EQ(json::parse(partial->body)["error"], "bad_order");

    // exports carry the meeting, owners, due dates and the agreed action
    const std::string base = "/api/v1/meetings/" + std::to_string(id);
    const auto md = get(chair, base + "?format=md");
    EXPECT_EQ(md->get_header_value("Content-Type"), "text/markdown; charset=utf-8");
    EXPECT_NE(md->body.find("# December patient panel"), std::string::npos) << md->body;
    EXPECT_NE(md->body.find("Meeting on " + day(3)), std::string::npos);
    EXPECT_NE(md->body.find("Owner: Matron, ward 7"), std::string::npos);
    EXPECT_NE(md->body.find("Due: " + day(40)), std::string::npos);
    EXPECT_NE(md->body.find("Agreed action: Refill every hand gel dispenser"), std::string::npos);
    EXPECT_EQ(md->body.find("added from the themes"), std::string::npos)
        << "the system's own steps are not notes";
    const auto csv = get(chair, base + "?format=csv");
    EXPECT_EQ(csv->body.rfind("meeting_date,meeting_title,position,id,kind,status,title,owner,"
                              "due_on,agreed_action,",
                              0),
              0u)
        << csv->body;
    EXPECT_NE(csv->body.find(day(40) + ",Refill every hand gel dispenser"), std::string::npos)
        << csv->body;
    const auto html = get(chair, base + "?format=html");
    EXPECT_NE(html->body.find("<dt>Owner</dt><dd>Matron, ward 7</dd>"), std::string::npos);
    EXPECT_EQ(get(chair, base + "?format=docx")->status, 400);
    const auto pdf = get(chair, base + "?format=pdf");
    ASSERT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    // its text, as pdftotext reads it
    const std::string text = pdfText(pdf->body);
    if (!text.empty()) {
        EXPECT_NE(text.find("December patient panel"), std::string::npos) << text;
        EXPECT_NE(text.find("Owner: Matron, ward 7"), std::string::npos) << text;
        EXPECT_NE(text.find("Refill every hand gel dispenser"), std::string::npos) << text;
        EXPECT_NE(text.find("Due: " + day(40)), std::string::npos) << text;
    }

    // the next meeting carries what is unfinished, and only that
    const json next = newMeeting(chair, 33, "January patient panel");
    std::set<std::int64_t> carried;
    for (const auto& i : next["agenda"]) {
        EXPECT_TRUE(i["carried"].get<bool>());
        EXPECT_TRUE(i["status"] != "done" && i["status"] != "dropped") << i.dump();
        carried.insert(i["id"].get<std::int64_t>());
    }
    EXPECT_EQ(carried.size(), 3u) << next.dump();
    EXPECT_EQ(carried.count(first), 0u);
    EXPECT_EQ(carried.count(second), 0u);
    const json list = json::parse(get(chair, "/api/v1/meetings")->body)["meetings"];
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["title"], "January patient panel");
    EXPECT_EQ(list[1]["items"], 5);
    EXPECT_EQ(list[1]["open"], 3);
}

TEST_F(Meetings, WardManagersSeeTheItemsOfTheirWardsAndAddNotes) {
    const Session chair = login("chair");
    const json m = newMeeting(chair, 5, "Panel");
    const std::string items = "/api/v1/meetings/" + std::to_string(m["id"].get<int>()) + "/items";
    ASSERT_EQ(post(chair, items, {{"top", 10}})->status, 201);
    auto nine = post(chair, items, {{"title", "Call bells on ward 9"}, {"wards", {"ward-9"}}});
    ASSERT_EQ(nine->status, 201);
    const std::int64_t ward9Item = json::parse(nine->body)["items"][0]["id"];
    const Session mgr7 = login("mgr7");
    const json seen = meeting(mgr7, m["id"]);
    ASSERT_FALSE(seen["agenda"].empty());
    std::int64_t ward7Item = 0;
    for (const auto& item : seen["agenda"]) {
        bool mine = false;
        for (const auto& w : item["wards"]) {
            mine = mine || w == "ward-7";
        }
        EXPECT_TRUE(mine) << "only items touching ward-7: " << item.dump();
        EXPECT_NE(item["id"], ward9Item);
        ward7Item = item["id"];
    }
    auto note = post(mgr7, "/api/v1/agenda-items/" + std::to_string(ward7Item) + "/notes",
                     {{"note", "We have ordered more dispensers"}});
    ASSERT_EQ(note->status, 201) << note->body;
    const json after = json::parse(note->body);
    EXPECT_EQ(after["actions"].back()["role"], "ward_manager");
    EXPECT_EQ(after["actions"].back()["note"], "We have ordered more dispensers");
    EXPECT_EQ(after["latest_note"], "We have ordered more dispensers");
    EXPECT_EQ(
        post(mgr7, "/api/v1/agenda-items/" + std::to_string(ward9Item) + "/notes", {{"note", "x"}})
            ->status,
        404);
    EXPECT_EQ(patch(mgr7, ward7Item, {{"status", "done"}})->status, 403);
    EXPECT_EQ(post(mgr7, "/api/v1/meetings", {{"held_on", day(1)}, {"title", "x"}})->status, 403);
    // the agenda tab of a ward manager is not empty any more
    const json agenda = json::parse(get(mgr7, "/api/v1/agenda")->body);
    EXPECT_FALSE(agenda["items"].empty()) << agenda.dump();
}

TEST_F(Meetings, EvidenceExamplesDifferFromOneAnother) {
    std::vector<common::Submission> noise;
    const char* texts[] = {
        "Too noisy at night to sleep.", "Too noisy at night to sleep! Many thanks to the team.",
        "too noisy at night to sleep", "Machines beeping all night kept me awake",
        "The night staff talked loudly at the desk until 3am"};
    for (int i = 0; i < 15; ++i) {
        common::Submission s;
        s.id = common::newUuid();
        s.createdAt = common::formatRfc3339(common::nowUnix() - 60 * (i + 1));
        s.ward = "ward-7";
        s.rating = 4;
        s.comment = texts[i < 10 ? i % 3 : 3 + i % 2];
        s.language = "en";
        noise.push_back(s);
    }
    ASSERT_TRUE(m_store->ingest(m_kiosk7.kioskId, noise, common::nowUnix()).ok());
    ASSERT_NO_FATAL_FAILURE(m_live.settleThemes());
    const Session chair = login("chair");
    const json themes = json::parse(get(chair, "/api/v1/themes?ward=ward-7")->body)["themes"];
    bool found = false;
    for (const auto& t : themes) {
        if (t["label"].get<std::string>().find("noise") == std::string::npos) {
            continue;
        }
        found = true;
        const auto& examples = t["examples"];
        ASSERT_EQ(examples.size(), 3u) << t.dump();
        int noisy = 0;
        for (const auto& e : examples) {
            noisy += e.get<std::string>().find("oisy at night") != std::string::npos ? 1 : 0;
        }
        EXPECT_EQ(noisy, 1) << "one of the near-identical comments, not three: " << examples.dump();
    }
    EXPECT_TRUE(found) << themes.dump();
}

TEST_F(Meetings, MergedThemesMakeOneItemWithTheirFiguresAddedUp) {
    const Session chair = login("chair");
    const json themes = json::parse(get(chair, "/api/v1/themes")->body)["themes"];
    std::vector<json> counted;
    for (const auto& t : themes) {
        if (t["volume"].is_number() && t["negative"].is_number() && t["previous"].is_number()) {
            counted.push_back(t);
        }
    }
    ASSERT_GE(counted.size(), 2u) << "two themes whose figures are shown: " << themes.dump();
    const json& a = counted[0];
    const json& b = counted[1];
    const json m = newMeeting(chair, 4, "Panel");
    auto added = post(chair, "/api/v1/meetings/" + std::to_string(m["id"].get<int>()) + "/items",
                      {{"themes", {a["id"], b["id"]}}, {"title", "Two themes as one"}});
    ASSERT_EQ(added->status, 201) << added->body;
    const json item = json::parse(added->body)["items"][0];
    const json& e = item["evidence"];
    EXPECT_EQ(item["title"], "Two themes as one");
    EXPECT_EQ(item["themes"], json({a["id"], b["id"]}));
    EXPECT_EQ(e["volume"], a["volume"].get<int>() + b["volume"].get<int>()) << e.dump();
    EXPECT_EQ(e["negative"], a["negative"].get<int>() + b["negative"].get<int>()) << e.dump();
    EXPECT_EQ(e["previous"], a["previous"].get<int>() + b["previous"].get<int>()) << e.dump();
    ASSERT_EQ(e["merged"].size(), 2u);
    EXPECT_EQ(e["merged"][1]["label"], b["label"]);
    std::set<std::string> wards;
    for (const json* t : {&a, &b}) {
        for (const auto& w : (*t)["wards"]) {
            wards.insert(w.get<std::string>());
        }
    }
    EXPECT_EQ(item["wards"].get<std::set<std::string>>(), wards) << "the wards of both";
    EXPECT_LE(e["examples"].size(), 3u);
    EXPECT_FALSE(e["examples"].empty());
    const json live = meeting(chair, m["id"])["agenda"][0]["live"];
    ASSERT_TRUE(live.is_object()) << live.dump();
    EXPECT_EQ(live["volume"], e["volume"]) << "nothing new since: the live figures are the same";
}

TEST_F(Meetings, WrongMeetingInputIsRefusedWithTheFieldNamed) {
    const Session chair = login("chair");
    const std::vector<std::tuple<json, std::string>> bad = {
        {{{"title", "x"}}, "bad_held_on"},
        {{{"held_on", "2026-13-01"}, {"title", "x"}}, "bad_held_on"},
        {{{"held_on", "1 December"}, {"title", "x"}}, "bad_held_on"},
        {{{"held_on", day(1)}}, "bad_title"},
        {{{"held_on", day(1)}, {"title", "two\nlines"}}, "bad_title"},
        {{{"held_on", day(1)}, {"title", "x"}, {"attendees", "everyone"}}, "bad_attendees"},
        {{{"held_on", day(1)}, {"title", "x"}, {"attendees", std::vector<std::string>(41, "a")}},
         "bad_attendees"},
    };
    for (const auto& [body, error] : bad) {
        auto r = post(chair, "/api/v1/meetings", body);
        EXPECT_EQ(r->status, 400) << body.dump();
        EXPECT_EQ(json::parse(r->body)["error"], error) << body.dump() << " " << r->body;
    }
    EXPECT_TRUE(json::parse(get(chair, "/api/v1/meetings")->body)["meetings"].empty());
    const json m = newMeeting(chair, 2, "Panel");
    const std::string items = "/api/v1/meetings/" + std::to_string(m["id"].get<int>()) + "/items";
    auto unknown = post(chair, items, {{"themes", {999999}}});
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(json::parse(unknown->body)["error"], "unknown_theme");
    EXPECT_EQ(post(chair, items, {{"top", 0}})->status, 400);
    EXPECT_EQ(post(chair, items, json::object())->status, 400) << "a free item needs a title";
    EXPECT_EQ(post(chair, "/api/v1/meetings/987654/items", {{"top", 1}})->status, 404);
    EXPECT_EQ(get(chair, "/api/v1/meetings/987654")->status, 404);
    auto added = post(chair, items, {{"top", 1}});
    const std::int64_t item = json::parse(added->body)["items"][0]["id"];
    EXPECT_EQ(json::parse(patch(chair, item, {{"status", "finished"}})->body)["error"],
              "bad_status");
    EXPECT_EQ(json::parse(patch(chair, item, {{"due_on", "soon"}})->body)["error"], "bad_due_on");
    EXPECT_EQ(patch(chair, 987654, {{"owner", "x"}})->status, 404);
    EXPECT_EQ(meeting(chair, m["id"])["agenda"][0]["actions"].size(), 1u) << "nothing changed";
}

} // namespace
} // namespace wardvoice::aggregator

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;

TEST_F(StaffApi, ChartsGetFftByMonthAndAThemesWeeksWithSmallNumbersHidden) {
    const Session mgr7 = login("mgr7");
    auto r = get(mgr7, "/api/v1/fft-months?ward=ward-7&months=3");
    ASSERT_EQ(r->status, 200) << r->body;
    const json months = json::parse(r->body);
    ASSERT_EQ(months["months"].size(), 3u);
    EXPECT_EQ(months["months"][2], common::formatRfc3339(common::nowUnix()).substr(0, 7));
    ASSERT_EQ(months["wards"].size(), 1u);
    std::int64_t responses = 0;
    for (const auto& p : months["wards"][0]["points"]) {
        if (p["responses"].is_number()) {
            responses += p["responses"].get<std::int64_t>();
            // (a percentage that would reveal a hidden answer count is null too)
            EXPECT_TRUE(p["percent_positive"].is_number() || p["percent_positive"].is_null());
        } else {
            EXPECT_TRUE(p["responses"] == 0 || p["responses"] == "fewer than 5") << p.dump();
            EXPECT_TRUE(p["percent_positive"].is_null()) << "no percentage of a hidden month";
        }
    }
    EXPECT_GE(responses, 36) << "the 40 answers of the last 40 hours, a few maybe hidden";
    EXPECT_EQ(get(mgr7, "/api/v1/fft-months?ward=ward-9")->status, 403);
    EXPECT_EQ(get(mgr7, "/api/v1/fft-months?ward=ward-7&months=1")->status, 400);

    const json themes = json::parse(get(mgr7, "/api/v1/themes?ward=ward-7")->body)["themes"];
    ASSERT_FALSE(themes.empty());
    const json& t = themes[0];
    auto w = get(mgr7, "/api/v1/themes/" + std::to_string(t["id"].get<int>()) +
                           "/weeks?ward=ward-7&weeks=4");
    ASSERT_EQ(w->status, 200) << w->body;
    const json weeks = json::parse(w->body)["weeks"];
    ASSERT_EQ(weeks.size(), 4u);
    EXPECT_EQ(weeks[3]["comments"], t["volume"]) << "every comment is of the last week";
    EXPECT_EQ(weeks[0]["comments"], 0);
    EXPECT_EQ(get(mgr7, "/api/v1/themes/1/weeks?ward=ward-7&weeks=500")->status, 400);
    // the small ward: a week of 3 comments is never a number
    const Session chair = login("chair");
    const json nine = json::parse(get(chair, "/api/v1/themes?ward=ward-9")->body)["themes"];
    ASSERT_FALSE(nine.empty());
    const json small =
        json::parse(get(chair, "/api/v1/themes/" + std::to_string(nine[0]["id"].get<int>()) +
                                   "/weeks?ward=ward-9&weeks=2")
                        ->body)["weeks"];
    EXPECT_EQ(small[1]["comments"], "fewer than 5");
}

} // namespace
} // namespace wardvoice::aggregator
