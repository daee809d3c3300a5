// Staff correct the themes engine through the API: rename, merge, move a comment, its category
// and sentiment; every view follows, new comments and refits keep the corrections, every
// correction is audited, and ward managers correct only what is theirs.
#include "aggregator/themes/engine.hpp"
#include "staff_fixture.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

using namespace staff_test;
using nlohmann::json;

class Corrections : public StaffApi {
protected:
    /// The themes of ward-7 by a word their example holds ("gel", "Discharge", "Visiting").
    std::map<std::string, json> themesByWord(const Session& s) {
        auto r = get(s, "/api/v1/themes?ward=ward-7");
        EXPECT_EQ(r->status, 200) << r->body;
        std::map<std::string, json> out;
        const json body = json::parse(r->body);
        for (const auto& t : body["themes"]) {
            for (const char* word : {"gel", "Discharge", "Visiting", "food"}) {
                if (t["example"].get<std::string>().find(word) != std::string::npos) {
                    out[word] = t;
                }
            }
        }
        return out;
    }
    json comments(const Session& s, const std::string& filter) {
        auto r = get(s, "/api/v1/submissions?ward=ward-7&limit=1000&" + filter);
        EXPECT_EQ(r->status, 200) << r->body;
        return json::parse(r->body);
    }
    httplib::Result correct(const Session& s, const json& body) {
        return post(s, "/api/v1/themes/corrections", body);
    }
    static std::int64_t volume(const json& theme) { return theme["volume"].get<std::int64_t>(); }
};

TEST_F(Corrections, RenameMergeAndMoveReachEveryViewNewCommentsAndARefit) {
    const Session chair = login("chair");
    auto before = themesByWord(chair);
    ASSERT_EQ(before.size(), 4u) << get(chair, "/api/v1/themes?ward=ward-7")->body;
    const int gel = before["gel"]["id"];
    const int discharge = before["Discharge"]["id"];
    const int visiting = before["Visiting"]["id"];

    // rename: the label everyone sees; two themes never share one
    auto renamed = correct(chair, {{"kind", "rename"},
                                   {"theme", gel},
                                   {"label", "  hand gel   dispensers empty "},
                                   {"note", "what people complain of"}});
    ASSERT_EQ(renamed->status, 201) << renamed->body;
    EXPECT_EQ(json::parse(renamed->body)["label"], "hand gel dispensers empty");
    auto taken = correct(
        chair, {{"kind", "rename"}, {"theme", discharge}, {"label", "Hand gel dispensers EMPTY"}});
    EXPECT_EQ(taken->status, 409) << taken->body;
    EXPECT_EQ(json::parse(taken->body)["error"], "label_taken");

    // merge: one theme with both volumes, in the ward view, the drill-down and the heat map
    auto merged = correct(chair, {{"kind", "merge"}, {"theme", visiting}, {"into", discharge}});
    ASSERT_EQ(merged->status, 201) << merged->body;
    auto after = themesByWord(chair);
    EXPECT_EQ(after["gel"]["label"], "hand gel dispensers empty");
    EXPECT_EQ(after.count("Visiting"), 0u) << "merged themes are shown once";
    EXPECT_EQ(volume(after["Discharge"]), volume(before["Discharge"]) + volume(before["Visiting"]));
    EXPECT_EQ(comments(chair, "theme=" + std::to_string(discharge))["total"],
              volume(after["Discharge"]));
    EXPECT_EQ(comments(chair, "theme=" + std::to_string(visiting))["total"], 0);
    const json heat = json::parse(get(chair, "/api/v1/heatmap")->body);
    bool labelled = false;
    for (const auto& t : heat["themes"]) {
        EXPECT_NE(t["id"], visiting);
        labelled = labelled || (t["id"] == gel && t["label"] == "hand gel dispensers empty");
    }
    EXPECT_TRUE(labelled) << heat.dump();

    // move: one gel comment to the discharge theme
    const json gelComments = comments(chair, "theme=" + std::to_string(gel));
    ASSERT_FALSE(gelComments["submissions"].empty());
    const json moved = gelComments["submissions"][0];
    EXPECT_EQ(moved["theme"]["id"], gel);
    EXPECT_EQ(moved["theme"]["label"], "hand gel dispensers empty");
    auto move = correct(chair, {{"kind", "move"}, {"submission", moved["id"]}, {"to", discharge}});
    ASSERT_EQ(move->status, 201) << move->body;
    EXPECT_EQ(json::parse(move->body)["theme"], gel);
    auto again = correct(chair, {{"kind", "move"}, {"submission", moved["id"]}, {"to", discharge}});
    EXPECT_EQ(again->status, 409) << again->body;
    after = themesByWord(chair);
    EXPECT_EQ(volume(after["gel"]), volume(before["gel"]) - 1);
    EXPECT_EQ(volume(after["Discharge"]),
              volume(before["Discharge"]) + volume(before["Visiting"]) + 1);

    // a new comment of the merged theme counts under the theme it went into
    common::Submission late;
    late.id = common::newUuid();
    late.createdAt = common::formatRfc3339(common::nowUnix() - 60);
    late.ward = "ward-7";
    late.rating = 4;
    late.comment = "Visiting hours end before my husband finishes work";
    late.language = "en";
    ASSERT_TRUE(m_store->ingest(m_kiosk7.kioskId, {late}, common::nowUnix()).ok());
    const std::int64_t dischargeNow = volume(themesByWord(chair)["Discharge"]);
    EXPECT_EQ(dischargeNow, volume(after["Discharge"]) + 1);

    // a refit (stable ids) keeps every correction
    ASSERT_NO_FATAL_FAILURE(m_live.settleThemes());
    const auto refit = themesByWord(chair);
    EXPECT_EQ(refit.at("gel")["label"], "hand gel dispensers empty");
    EXPECT_EQ(refit.count("Visiting"), 0u) << "still merged after a refit";
    EXPECT_EQ(volume(refit.at("gel")), volume(before["gel"]) - 1);
    EXPECT_EQ(volume(refit.at("Discharge")), dischargeNow);
    const json row = comments(chair, "q=" + moved["comment"].get<std::string>().substr(0, 12));
    bool stillMoved = false;
    for (const auto& r : row["submissions"]) {
        stillMoved = stillMoved || (r["id"] == moved["id"] && r["theme"]["id"] == discharge);
    }
    EXPECT_TRUE(stillMoved) << row.dump();

    // every correction is listed (JSON and CSV) and audited
    const json list = json::parse(get(chair, "/api/v1/themes/corrections")->body);
    ASSERT_EQ(list["corrections"].size(), 3u) << list.dump();
    EXPECT_EQ(list["corrections"][0]["kind"], "rename");
    EXPECT_EQ(list["corrections"][0]["before"], before["gel"]["label"]);
    EXPECT_EQ(list["corrections"][1]["into_label"], before["Discharge"]["label"]);
    EXPECT_EQ(list["corrections"][2]["submission"], moved["id"]);
    const auto csv = get(chair, "/api/v1/themes/corrections?format=csv");
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv->body.rfind("id,at,user,kind,theme,target,submission,ward,value,before,", 0), 0u)
        << csv->body;
    EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 4);
    const json log = json::parse(get(login("admin"), "/api/v1/audit")->body);
    int audited = 0;
    for (const auto& e : log["entries"]) {
        audited += e["action"] == "correct_theme" ? 1 : 0;
    }
    EXPECT_EQ(audited, 3) << log.dump();
}

TEST_F(Corrections, CategoryAndSentimentOfACommentAreCorrectedAndCounted) {
    const Session chair = login("chair");
    const json categories = json::parse(get(chair, "/api/v1/themes/categories")->body);
    ASSERT_GE(categories["categories"].size(), 5u);
    const auto theme = themesByWord(chair)["gel"];
    const int gel = theme["id"];
    const json rows = comments(chair, "theme=" + std::to_string(gel));
    ASSERT_FALSE(rows["submissions"].empty());
    const json row = rows["submissions"][0];
    ASSERT_TRUE(row["category"].is_string()) << row.dump();
    ASSERT_TRUE(row["sentiment"].is_string()) << row.dump();
    const std::string wanted = row["sentiment"] == "negative" ? "positive" : "negative";
    std::string category;
    for (const auto& c : categories["categories"]) {
        if (c != row["category"] && category.empty()) {
            category = c;
        }
    }
    auto side =
        correct(chair, {{"kind", "sentiment"}, {"submission", row["id"]}, {"sentiment", wanted}});
    ASSERT_EQ(side->status, 201) << side->body;
    EXPECT_EQ(json::parse(side->body)["before"], row["sentiment"]);
    auto cat =
        correct(chair, {{"kind", "category"}, {"submission", row["id"]}, {"category", category}});
    ASSERT_EQ(cat->status, 201) << cat->body;
    bool seen = false;
    const json corrected = comments(chair, "theme=" + std::to_string(gel));
    for (const auto& r : corrected["submissions"]) {
        if (r["id"] == row["id"]) {
            seen = true;
            EXPECT_EQ(r["sentiment"], wanted);
            EXPECT_EQ(r["category"], category);
        }
    }
    EXPECT_TRUE(seen);
    // the theme's sides moved by one comment, its volume did not
    const auto after = themesByWord(chair)["gel"];
    EXPECT_EQ(after["volume"], theme["volume"]);
    const std::string from = row["sentiment"];
    if (theme[wanted].is_number() && after[wanted].is_number()) {
        EXPECT_EQ(after[wanted].get<int>(), theme[wanted].get<int>() + 1) << after.dump();
    }
    if (theme[from].is_number() && after[from].is_number()) {
        EXPECT_EQ(after[from].get<int>(), theme[from].get<int>() - 1) << after.dump();
    }
    // a refit keeps what staff said
    ASSERT_NO_FATAL_FAILURE(m_live.settleThemes());
    const json found = comments(chair, "q=" + row["comment"].get<std::string>().substr(0, 10));
    for (const auto& r : found["submissions"]) {
        if (r["id"] == row["id"]) {
            EXPECT_EQ(r["sentiment"], wanted);
            EXPECT_EQ(r["category"], category);
        }
    }
    auto trained = m_store->correctedComments();
    ASSERT_TRUE(trained.ok());
    ASSERT_EQ(trained->size(), 1u);
    EXPECT_TRUE(trained->front().categoryCorrected);
    EXPECT_TRUE(trained->front().sentimentCorrected);
    EXPECT_EQ(trained->front().text, row["comment"]);
}

TEST_F(Corrections, WardManagersCorrectOnlyTheirWardsComments) {
    const Session chair = login("chair");
    const Session mgr9 = login("mgr9");
    const Session mgr7 = login("mgr7");
    const auto byWord = themesByWord(chair);
    const int gel = byWord.at("gel")["id"];
    const json row = comments(chair, "theme=" + std::to_string(gel))["submissions"][0];
    auto other = post(mgr9, "/api/v1/themes/corrections",
                      {{"kind", "sentiment"}, {"submission", row["id"]}, {"sentiment", "neutral"}});
    EXPECT_EQ(other->status, 404) << "another ward's comment looks missing: " << other->body;
    auto rename = post(mgr9, "/api/v1/themes/corrections",
                       {{"kind", "rename"}, {"theme", gel}, {"label", "gel"}});
    EXPECT_EQ(rename->status, 403) << rename->body;
    auto own = post(mgr7, "/api/v1/themes/corrections",
                    {{"kind", "sentiment"}, {"submission", row["id"]}, {"sentiment", "neutral"}});
    EXPECT_EQ(own->status, 201) << own->body;
    auto ownRename = post(mgr7, "/api/v1/themes/corrections",
                          {{"kind", "rename"}, {"theme", gel}, {"label", "hand gel"}});
    EXPECT_EQ(ownRename->status, 201) << ownRename->body;
    // mgr9 sees the label change (everyone sees it), not ward-7's comment correction
    const json seen = json::parse(get(mgr9, "/api/v1/themes/corrections")->body);
    ASSERT_EQ(seen["corrections"].size(), 1u) << seen.dump();
    EXPECT_EQ(seen["corrections"][0]["kind"], "rename");
    EXPECT_EQ(json::parse(get(chair, "/api/v1/themes/corrections")->body)["corrections"].size(),
              2u);
    // a cookie session needs the CSRF token to correct anything
    auto noCsrf = client().Post(
        "/api/v1/themes/corrections", {{"Cookie", "wv_session=" + mgr7.token}},
        json{{"kind", "rename"}, {"theme", gel}, {"label", "gel x"}}.dump(), "application/json");
    EXPECT_EQ(noCsrf->status, 403);
}

TEST_F(Corrections, WrongCorrectionsAreRefusedWithTheFieldNamedAndChangeNothing) {
    const Session chair = login("chair");
    const auto byWord = themesByWord(chair);
    const int gel = byWord.at("gel")["id"];
    const int food = byWord.at("food")["id"];
    const json row = comments(chair, "theme=" + std::to_string(gel))["submissions"][0];
    const std::string id = row["id"];
    const std::vector<std::tuple<json, int, std::string>> cases = {
        {{{"kind", "rewrite"}}, 400, "bad_kind"},
        {{{"theme", gel}}, 400, "bad_kind"},
        {{{"kind", "rename"}, {"label", "x y"}}, 404, "unknown_theme"},
        {{{"kind", "rename"}, {"theme", "12"}, {"label", "x y"}}, 400, "bad_theme"},
        {{{"kind", "rename"}, {"theme", gel}}, 400, "bad_label"},
        {{{"kind", "rename"}, {"theme", gel}, {"label", "a"}}, 400, "bad_label"},
        {{{"kind", "rename"}, {"theme", gel}, {"label", "two\nlines"}}, 400, "bad_label"},
        {{{"kind", "rename"}, {"theme", gel}, {"label", std::string(61, 'x')}}, 400, "bad_label"},
        {{{"kind", "rename"}, {"theme", 999999}, {"label", "x y"}}, 404, "unknown_theme"},
        {{{"kind", "rename"}, {"theme", themes::kGeneralTheme}, {"label", "x y"}},
         404,
         "unknown_theme"},
        {{{"kind", "merge"}, {"theme", gel}, {"into", gel}}, 400, "same_theme"},
        {{{"kind", "merge"}, {"theme", gel}}, 404, "unknown_theme"},
        {{{"kind", "move"}, {"submission", "not-a-uuid"}, {"to", food}}, 400, "bad_submission"},
        {{{"kind", "move"}, {"submission", common::newUuid()}, {"to", food}},
         404,
         "unknown_submission"},
        {{{"kind", "move"}, {"submission", id}, {"to", 999999}}, 404, "unknown_theme"},
        {{{"kind", "move"}, {"submission", id}, {"to", gel}}, 409, "unchanged"},
        {{{"kind", "category"}, {"submission", id}, {"category", "Weather on the moon"}},
         400,
         "unknown_category"},
        {{{"kind", "sentiment"}, {"submission", id}, {"sentiment", "cross"}}, 400, "bad_sentiment"},
        {{{"kind", "sentiment"}, {"submission", id}}, 400, "bad_sentiment"},
        {{{"kind", "rename"},
          {"theme", gel},
          {"label", "ok label"},
          {"note", std::string(501, 'n')}},
         400,
         "bad_note"},
    };
    for (const auto& [body, status, error] : cases) {
        auto r = correct(chair, body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, status) << body.dump() << " -> " << r->body;
        EXPECT_EQ(json::parse(r->body)["error"], error) << body.dump() << " -> " << r->body;
    }
    auto notJson =
        client().Post("/api/v1/themes/corrections", {{"Authorization", "Bearer " + chair.token}},
                      "{", "application/json");
    EXPECT_EQ(notJson->status, 400);
    EXPECT_TRUE(json::parse(get(chair, "/api/v1/themes/corrections")->body)["corrections"].empty());
    EXPECT_EQ(themesByWord(chair).at("gel"), byWord.at("gel")) << "nothing changed";
}

TEST_F(Corrections, ComplexCommentsAreFlaggedAndListedOnTheirOwn) {
    std::string longText;
    for (int i = 0; i < 60; ++i) {
        longText += i % 10 == 0 ? "the nurses were kind but " : "word ";
    }
    common::Submission s;
    s.id = common::newUuid();
    s.createdAt = common::formatRfc3339(common::nowUnix() - 120);
    s.ward = "ward-7";
    s.rating = 3;
    s.comment = longText;
    s.language = "en";
    ASSERT_TRUE(m_store->ingest(m_kiosk7.kioskId, {s}, common::nowUnix()).ok());
    const Session chair = login("chair");
    const json complex = comments(chair, "complex=1");
    ASSERT_EQ(complex["submissions"].size(), 1u) << complex.dump();
    EXPECT_EQ(complex["submissions"][0]["id"], s.id);
    EXPECT_EQ(complex["submissions"][0]["complex"], true);
    EXPECT_EQ(comments(chair, "")["submissions"][0]["complex"], true);
    EXPECT_EQ(comments(chair, "")["submissions"][1]["complex"], false);
    EXPECT_EQ(get(chair, "/api/v1/submissions?ward=ward-7&complex=yes")->status, 400);
}

TEST(CorrectionsStore, AreReadBackWhenTheDatabaseIsOpenedAgain) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("wv_corrections_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "wardvoice.db").string();
    {
        auto store = SqliteStore::open(path);
        ASSERT_TRUE(store.ok());
        ThemeCorrection rename;
        rename.at = 1;
        rename.userName = "chair";
        rename.kind = CorrectionKind::Rename;
        rename.theme = 5;
        rename.value = "call bells not answered";
        ASSERT_TRUE(store->addThemeCorrection(rename).ok());
        ThemeCorrection merge = rename;
        merge.kind = CorrectionKind::Merge;
        merge.theme = 3;
        merge.target = 5;
        merge.value.clear();
        merge.targetLabel = "call bells not answered";
        ASSERT_TRUE(store->addThemeCorrection(merge).ok());
        ThemeCorrection move = rename;
        move.kind = CorrectionKind::Move;
        move.seq = 12;
        move.target = 3;
        EXPECT_EQ(store->addThemeCorrection(move).error().code, "not_found") << "no comment 12";
    }
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store.ok());
    const auto overlay = store->themeOverlay();
    EXPECT_EQ(overlay->labels.at(5), "call bells not answered");
    EXPECT_EQ(overlay->resolve(3), 5);
    EXPECT_EQ(overlay->place(99, 3), 5);
    EXPECT_EQ(overlay->place(99, 7), 7);
    EXPECT_TRUE(overlay->moved.empty()) << "a refused correction leaves nothing";
    EXPECT_EQ(overlay->known.at(5).first, "call bells not answered");
    auto list = store->listThemeCorrections();
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->size(), 2u);
    std::filesystem::remove_all(dir);
}

TEST(CorrectionsStore, ComplexCommentsAreLongOrOfThreeCategories) {
    EXPECT_EQ(wordCount("  one two\tthree\nfour  "), 4u);
    EXPECT_EQ(wordCount(""), 0u);
    std::string fifty;
    for (int i = 0; i < 50; ++i) {
        fifty += "word ";
    }
    EXPECT_FALSE(isComplexComment(fifty, 1));
    EXPECT_TRUE(isComplexComment(fifty + "more", 1));
    EXPECT_TRUE(isComplexComment("short", 3));
    EXPECT_FALSE(isComplexComment("short", 2));
}

} // namespace
} // namespace wardvoice::aggregator
