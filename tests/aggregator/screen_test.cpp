// The safeguarding screen on the team's labelled FFT file (precision and recall per class,
// printed), and the `screen` sub-command's contract, run as a real process.
#include "aggregator/cli/csv.hpp"
#include "aggregator/cli/screen_command.hpp"
#include "common/safeguarding.hpp"
#include "common/safeguarding_model.hpp"
#include "support/run_aggregator.hpp"
#include "support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;
using common::ConcernClass;

std::string labelledPath() {
    return std::string(WARDVOICE_SOURCE_DIR) + "/tests/aggregator/fixtures/safeguarding_fft.csv";
}

struct Counts {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    double precision() const { return tp + fp == 0 ? 1.0 : tp / double(tp + fp); }
    double recall() const { return tp + fn == 0 ? 1.0 : tp / double(tp + fn); }
};

TEST(ScreenLabelled, PrecisionAndRecallOnTheTeamsLabelledFile) {
    auto table = readCsvFile(labelledPath());
    ASSERT_TRUE(table.ok()) << table.error().message;
    const int text = table->column("comment");
    const int rating = table->column("fft_rating");
    const int label = table->column("class");
    ASSERT_GE(text, 0);
    ASSERT_GE(rating, 0);
    ASSERT_GE(label, 0);
    ASSERT_GE(table->rows.size(), 300u) << "the issue asks for at least 300 labelled comments";
    Counts flag;
    std::map<ConcernClass, Counts> perClass;
    int positives = 0;
    for (const auto& row : table->rows) {
        const auto gold = common::concernClassFromString(row[static_cast<std::size_t>(label)]);
        ASSERT_TRUE(gold.has_value()) << row[static_cast<std::size_t>(label)];
        common::ScreenInput input;
        input.comment = row[static_cast<std::size_t>(text)];
        const std::string& r = row[static_cast<std::size_t>(rating)];
        if (!r.empty()) {
            input.rating = std::stoi(r);
        }
        const auto got = common::screenComment(input);
        const bool goldFlag = *gold != ConcernClass::None;
        positives += goldFlag ? 1 : 0;
        flag.tp += goldFlag && got.flagged;
        flag.fp += !goldFlag && got.flagged;
        flag.fn += goldFlag && !got.flagged;
        for (ConcernClass c : common::kAllConcernClasses) {
            if (c == ConcernClass::None) {
                continue;
            }
            perClass[c].tp += *gold == c && got.concern == c;
            perClass[c].fp += *gold != c && got.concern == c;
            perClass[c].fn += *gold == c && got.concern != c;
        }
    }
    std::printf("safeguarding screen on %zu labelled comments (%d positive):\n", table->rows.size(),
                positives);
    std::printf("  %-17s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)\n", "flag",
                flag.precision(), flag.recall(), flag.tp, flag.fp, flag.fn);
    for (const auto& [c, k] : perClass) {
        std::printf("  %-17s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)\n",
                    std::string(common::toString(c)).c_str(), k.precision(), k.recall(), k.tp, k.fp,
                    k.fn);
    }
    // Recall first; precision high enough that a ward keeps reading its alerts.
    EXPECT_GE(flag.recall(), 0.78);
    EXPECT_GE(flag.precision(), 0.85);
    EXPECT_GE(perClass[ConcernClass::SelfHarm].recall(), 0.85);
    for (const auto& [c, k] : perClass) {
        EXPECT_GE(k.precision(), 0.6) << common::toString(c);
        EXPECT_GE(k.recall(), 0.6) << common::toString(c);
    }
}

TEST(ScreenModelCv, TheModelAddsRecallWithoutLosingTheWardsTrustCrossValidated) {
    // Honest figures: each comment is judged by a model that never saw it (5 folds).
    auto examples = loadScreenExamples(labelledPath());
    ASSERT_TRUE(examples.ok()) << examples.error().message;
    auto committed = common::ScreenModel::load(WARDVOICE_SOURCE_DIR "/assets/models/screen.wvs");
    ASSERT_TRUE(committed.ok()) << committed.error().message
                                << " (after changing the lexicons: wardvoice-aggregator "
                                   "train-screen --csv tests/aggregator/fixtures/"
                                   "safeguarding_fft.csv --out assets/models/screen.wvs)";
    const double threshold = committed->threshold();
    const auto held = common::ScreenModel::crossValidate(examples.value(), 5, {});
    Counts alone;
    Counts together;
    for (std::size_t i = 0; i < held.size(); ++i) {
        const bool gold = examples.value()[i].label != ConcernClass::None;
        const bool lexicon = held[i].lexicon.flagged;
        const bool flag = lexicon || held[i].concern >= threshold;
        alone.tp += gold && lexicon;
        alone.fp += !gold && lexicon;
        alone.fn += gold && !lexicon;
        together.tp += gold && flag;
        together.fp += !gold && flag;
        together.fn += gold && !flag;
    }
    std::printf("5-fold cross-validation, model threshold %.2f:\n", threshold);
    std::printf("  patterns alone      precision %.3f  recall %.3f\n", alone.precision(),
                alone.recall());
    std::printf("  patterns and model  precision %.3f  recall %.3f\n", together.precision(),
                together.recall());
    EXPECT_GE(together.recall(), alone.recall()) << "the model only adds flags";
    EXPECT_GE(together.precision(), 0.85);
    EXPECT_GE(together.recall(), 0.80);
}

TEST(ScreenModelCv, AModelFromOtherLexiconsIsRefused) {
    const std::string path = ::testing::TempDir() + "/wv-screen-model.wvs";
    {
        std::ofstream(path) << "wardvoice-screen-model 1\nfingerprint 0000000000000000\n"
                               "threshold 0.8\nbias 0 0 0 0 0\n";
    }
    auto m = common::ScreenModel::load(path);
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("retrain"), std::string::npos) << m.error().message;
    { std::ofstream(path) << "not a model\n"; }
    EXPECT_FALSE(common::ScreenModel::load(path).ok());
    std::remove(path.c_str());
}

class ScreenCli : public wardvoice::testing::TempDirTest {};

TEST_F(ScreenCli, WritesRowFlagClassReasonForEveryDataRow) {
    const auto in =
        write("in.csv", "id,text,score\r\n"
                        "a,\"I want to end my life, nobody listens\",5\r\n"
                        "b,Lovely staff and good food,1\r\n"
                        "c,\"He was left in pain, soaking wet\",\r\n"
                        "d,\"Multi\nline, with \"\"quotes\"\" and a formal complaint\",4\r\n");
    const auto out = (m_dir / "out.csv").string();
    const auto r = testing::runAggregator("screen --csv " + in +
                                          " --text-column text --rating-column score --out " + out);
    ASSERT_EQ(r.status, 0) << r.text;
    auto table = readCsvFile(out);
    ASSERT_TRUE(table.ok()) << table.error().message;
    EXPECT_EQ(table->header, (std::vector<std::string>{"row", "flag", "class", "reason"}));
    ASSERT_EQ(table->rows.size(), 4u);
    const std::array<std::array<const char*, 3>, 4> expected = {{{"0", "1", "self_harm"},
                                                                 {"1", "0", "none"},
                                                                 {"2", "1", "neglect_unsafe"},
                                                                 {"3", "1", "complaint_intent"}}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& row = table->rows[i];
        EXPECT_EQ(row[0], expected[i][0]);
        EXPECT_EQ(row[1], expected[i][1]);
        EXPECT_EQ(row[2], expected[i][2]);
        EXPECT_EQ(row[3].empty(), row[1] == "0") << "a flag names its words: " << row[3];
    }
    EXPECT_NE(table->rows[0][3].find("end my life"), std::string::npos) << table->rows[0][3];
}

TEST_F(ScreenCli, ReadsTheCsvWithTheThemesCommandsRules) {
    const auto out = (m_dir / "out.csv").string();
    const auto good = write("good.csv", "text\nfine\n");
    struct Bad {
        std::string args;
        std::string message;
    };
    const std::vector<Bad> bad = {
        {"--csv " + good + " --text-column comment --out " + out,
         ":1: no column named \"comment\""},
        {"--csv " + good + " --text-column text --rating-column r --out " + out,
         ":1: no column named \"r\""},
        {"--csv " + write("rating.csv", "text,r\nok,9\n") +
             " --text-column text --rating-column r --out " + out,
         ":2: rating \"9\" is not an FFT answer 1-6"},
        {"--csv " + write("empty.csv", "text\n") + " --text-column text --out " + out,
         "no data rows"},
        {"--csv " + write("quote.csv", "text\n\"open\n") + " --text-column text --out " + out,
         "quote"},
        {"--csv " + (m_dir / "missing.csv").string() + " --text-column text --out " + out,
         "cannot read"},
    };
    for (const auto& b : bad) {
        const auto r = testing::runAggregator("screen " + b.args);
        EXPECT_EQ(r.status, 1) << b.args << "\n" << r.text;
        EXPECT_NE(r.text.find(b.message), std::string::npos) << b.args << "\n" << r.text;
        EXPECT_FALSE(fs::exists(out)) << "nothing written on a bad input";
    }
    const auto r = testing::runAggregator("screen --csv " + good + " --text-column text");
    EXPECT_NE(r.status, 0) << "--out is required";
}

} // namespace
} // namespace wardvoice::aggregator
