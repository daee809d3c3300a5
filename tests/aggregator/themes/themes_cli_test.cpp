// The `themes` and `train` sub-commands, run as real processes.
#include "aggregator/cli/csv.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/uuid.hpp"
#include "fixture.hpp"
#include "support/run_aggregator.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <unistd.h>

namespace wardvoice::themes {
namespace {

namespace fs = std::filesystem;
using wardvoice::testing::ToolOutput;

ToolOutput run(const std::string& args, const std::string& input = "") {
    return wardvoice::testing::runAggregator(args, input);
}

class ThemesCli : public wardvoice::testing::TempDirTest {};

/// A small training file in the FFT layout, written from the fixture's 40 labelled comments.
std::string trainingCsv() {
    std::string csv =
        "Comment ID,FFT categorical answer,FFT answer,Comment sentiment,hand gel,discharge letter,"
        "visiting hours,friendly nurses,cold food\n";
    const auto set = testing::fixtureSet();
    for (std::size_t i = 0; i < set.texts.size(); ++i) {
        csv += std::to_string(i) + "," + std::to_string(*set.ratings[i]) + ",\"" + set.texts[i] +
               "\"," + std::to_string(*set.sentiment[i]);
        for (std::size_t c = 0; c < 5; ++c) {
            csv += c == set.categories[i][0] ? ",1" : ",";
        }
        csv += "\n";
    }
    return csv;
}

TEST_F(ThemesCli, WritesOneLinePerRowWithTheContractHeader) {
    const auto out = (m_dir / "themes.csv").string();
    const auto r =
        run("themes --csv " + testing::fixturePath() +
            " --text-column comment --rating-column rating --themes 5 --quiet --out " + out);
    ASSERT_EQ(r.status, 0) << r.text;
    auto table = aggregator::readCsvFile(out);
    ASSERT_TRUE(table.ok()) << table.error().message;
    EXPECT_EQ(table->header, (std::vector<std::string>{"row", "theme_id", "theme_label", "category",
                                                       "sentiment", "theme_kind"}));
    ASSERT_EQ(table->rows.size(), 40u);
    std::map<std::string, std::string> labelOf;
    std::set<std::string> labels;
    std::size_t general = 0;
    for (std::size_t i = 0; i < table->rows.size(); ++i) {
        const auto& row = table->rows[i];
        ASSERT_EQ(row.size(), 6u);
        EXPECT_EQ(row[0], std::to_string(i));
        EXPECT_FALSE(row[2].empty());
        EXPECT_FALSE(row[3].empty()) << "a framework category from the committed model";
        const double sentiment = std::stod(row[4]);
        EXPECT_GE(sentiment, -1.0);
        EXPECT_LE(sentiment, 1.0);
        EXPECT_TRUE(row[5] == "general" || row[5] == "topic") << row[5];
        EXPECT_EQ(row[5] == "general", row[1] == "-2") << "the general bucket's id is fixed";
        general += row[5] == "general" ? 1 : 0;
        if (row[5] == "topic") {
            if (labelOf.emplace(row[1], row[2]).second) {
                EXPECT_TRUE(labels.insert(row[2]).second) << "two themes share " << row[2];
            }
            EXPECT_EQ(labelOf[row[1]], row[2]);
        }
    }
    EXPECT_GE(general, 5u) << "the praise of friendly nurses";
    EXPECT_TRUE(labels.count("hand gel dispensers empty"));
    EXPECT_TRUE(labels.count("food served cold"));
}

TEST_F(ThemesCli, StateFileKeepsIdsAcrossRuns) {
    const auto state = (m_dir / "state.json").string();
    const auto a = (m_dir / "a.csv").string();
    const auto b = (m_dir / "b.csv").string();
    const std::string common = "themes --csv " + testing::fixturePath() +
                               " --text-column comment --quiet --state " + state;
    ASSERT_EQ(run(common + " --out " + a).status, 0);
    ASSERT_TRUE(fs::exists(state));
    ASSERT_EQ(run(common + " --out " + b).status, 0);
    auto ta = aggregator::readCsvFile(a);
    auto tb = aggregator::readCsvFile(b);
    ASSERT_TRUE(ta.ok() && tb.ok());
    EXPECT_EQ(ta->rows, tb->rows);
}

TEST_F(ThemesCli, BadInputGetsAClearErrorNamingFileAndLine) {
    const auto out = (m_dir / "out.csv").string();
    auto r = run("themes --csv " + testing::fixturePath() + " --text-column nope --out " + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("ward_comments.csv:1: no column named \"nope\""), std::string::npos)
        << r.text;

    const auto invalid = write("invalid.csv", "id,comment\n1,fine\n2,bad \xC3\x28 bytes\n");
    r = run("themes --csv " + invalid + " --text-column comment --out " + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("invalid.csv:3: invalid UTF-8"), std::string::npos) << r.text;

    const auto empty = write("empty.csv", "");
    r = run("themes --csv " + empty + " --text-column comment --out " + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("empty.csv: the file is empty"), std::string::npos) << r.text;

    const auto headerOnly = write("header.csv", "id,comment\n");
    r = run("themes --csv " + headerOnly + " --text-column comment --out " + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("no data rows"), std::string::npos) << r.text;

    const auto ragged = write("ragged.csv", "id,comment\n1,ok\n2,\"multi\nline\",extra\n");
    r = run("themes --csv " + ragged + " --text-column comment --out " + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("ragged.csv:3: expected 2 fields"), std::string::npos) << r.text;
    EXPECT_FALSE(fs::exists(out)) << "nothing written on error";
}

TEST_F(ThemesCli, TrainWritesALoadableModelAndReportsCrossValidation) {
    const std::string csv = trainingCsv();
    const auto train = write("train.csv", csv);
    const auto model = (m_dir / "model.wvm").string();
    const auto r = run("train --csv " + train + " --out " + model + " --folds 4");
    ASSERT_EQ(r.status, 0) << r.text;
    EXPECT_NE(r.text.find("4-fold cross-validation on 40 comments"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("micro-F1"), std::string::npos);
    const auto out = (m_dir / "out.csv").string();
    const auto t = run("themes --csv " + testing::fixturePath() +
                       " --text-column comment --quiet --model " + model + " --out " + out);
    ASSERT_EQ(t.status, 0) << t.text;
    auto table = aggregator::readCsvFile(out);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->rows[0][3], "hand gel") << "categories come from the new model";

    const auto bad = write(
        "bad.csv", "Comment ID,FFT categorical answer,FFT answer,Comment sentiment,a\n1,1,x,9,1\n");
    const auto e = run("train --csv " + bad + " --out " + model);
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.text.find("bad.csv:2: \"Comment sentiment\" must be 1-5"), std::string::npos)
        << e.text;
}

TEST_F(ThemesCli, TrainWithCorrectionsLearnsWhatStaffSaid) {
    const std::string csv = trainingCsv();
    const auto train = write("train.csv", csv);
    // Two comments the file knows nothing like, which staff filed under "cold food".
    const auto db = (m_dir / "wardvoice.db").string();
    const std::string text = "the parking machine swallowed my coins";
    {
        auto store = aggregator::SqliteStore::open(db);
        ASSERT_TRUE(store.ok());
        auto kiosk = store->addKiosk("ward-7", "bay");
        ASSERT_TRUE(kiosk.ok());
        for (int i = 0; i < 2; ++i) {
            common::Submission s;
            s.id = common::newUuid();
            s.createdAt = "2026-11-01T10:00:00Z";
            s.ward = "ward-7";
            s.rating = 5;
            s.comment = i == 0 ? text : "The parking machine swallowed my coins again";
            s.language = "en";
            ASSERT_TRUE(store->ingest(kiosk->kioskId, {s}, 1'800'000'000).ok());
            const auto stored = store->findSubmission(s.id);
            ASSERT_TRUE(stored.ok() && stored.value());
            aggregator::ThemeCorrection c;
            c.at = 1'800'000'000;
            c.userName = "chair";
            c.kind = aggregator::CorrectionKind::Category;
            c.seq = stored.value()->seq;
            c.target = 0;
            c.value = "cold food";
            ASSERT_TRUE(store->addThemeCorrection(c).ok());
            c.kind = aggregator::CorrectionKind::Sentiment;
            c.target = 2;
            c.value = "negative";
            ASSERT_TRUE(store->addThemeCorrection(c).ok());
        }
    }
    const auto model = (m_dir / "model.wvm").string();
    const auto r =
        run("train --csv " + train + " --out " + model + " --folds 0 --corrections --db " + db);
    ASSERT_EQ(r.status, 0) << r.text;
    EXPECT_NE(r.text.find("training with 2 comments staff corrected (2 categories, 2 sentiments)"),
              std::string::npos)
        << r.text;
    const auto input = write("input.csv", "comment\n" + text + "\n");
    const auto out = (m_dir / "out.csv").string();
    const auto t = run("themes --csv " + input + " --text-column comment --quiet --model " + model +
                       " --out " + out);
    ASSERT_EQ(t.status, 0) << t.text;
    auto table = aggregator::readCsvFile(out);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->rows[0][3], "cold food") << "the corrected category was learnt";
    // a trained file without the category staff named is refused, naming it
    const auto other = write("other.csv", "Comment ID,FFT categorical answer,FFT answer,"
                                          "Comment sentiment,hand gel\n1,1,gel empty,4,1\n"
                                          "2,1,no gel,4,1\n");
    const auto e =
        run("train --csv " + other + " --out " + model + " --folds 0 --corrections --db " + db);
    EXPECT_EQ(e.status, 1);
    EXPECT_NE(e.text.find("\"cold food\" is not a column of the training file"), std::string::npos)
        << e.text;
    const auto missing = run("train --csv " + train + " --out " + model +
                             " --folds 0 --corrections --db " + (m_dir / "none.db").string());
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.text.find("no database at"), std::string::npos) << missing.text;
}

} // namespace
} // namespace wardvoice::themes
