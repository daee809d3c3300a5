// The staff sub-commands as real processes: user add/list/disable, fft-return, agenda, poster.
#include "aggregator/cli/csv.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"
#include "support/pdf_text.hpp"
#include "support/run_aggregator.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;
using wardvoice::testing::ToolOutput;

ToolOutput run(const std::string& args, const std::string& input = "") {
    return wardvoice::testing::runAggregator(args, input);
}

class StaffCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("wardvoice-staff-cli-" + std::to_string(getpid()));
        fs::create_directories(m_dir);
        m_db = " --db " + (m_dir / "w.db").string();
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
    std::string m_db;
};

TEST_F(StaffCli, UsersAreAddedListedAndDisabled) {
    auto r = run("user add" + m_db + " --name chair --role panel_chair --password-stdin", "short");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("at least 12 characters"), std::string::npos) << r.text;
    r = run("user add" + m_db + " --name m7 --role ward_manager --password-stdin",
            "long enough password");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("needs at least one --ward"), std::string::npos) << r.text;
    r = run("user add" + m_db + " --name m7 --role ward_manager --ward ward-7 --password-stdin",
            "long enough password");
    ASSERT_EQ(r.status, 0) << r.text;
    r = run("user add" + m_db + " --name m7 --role admin --password-stdin", "long enough password");
    EXPECT_EQ(r.status, 1) << "names are unique";
    EXPECT_EQ(
        run("user add" + m_db + " --name x --role nurse --password-stdin", "long enough password")
            .status,
        1);
    ASSERT_EQ(run("user disable" + m_db + " m7").status, 0);
    EXPECT_EQ(run("user disable" + m_db + " nobody").status, 1);
    r = run("user list --json" + m_db);
    ASSERT_EQ(r.status, 0) << r.text;
    const auto users = nlohmann::json::parse(r.text);
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0]["name"], "m7");
    EXPECT_EQ(users[0]["wards"], nlohmann::json::array({"ward-7"}));
    EXPECT_EQ(users[0]["disabled"], true);
    EXPECT_EQ(r.text.find("argon2"), std::string::npos) << "hashes are never printed";
}

TEST_F(StaffCli, FftReturnCountsEveryAnswerPerWard) {
    ASSERT_EQ(run("demo-seed" + m_db + " --days 10").status, 0);
    EXPECT_EQ(run("demo-seed" + m_db).status, 1) << "never seeds over real data";
    const std::string month = [] {
        char buffer[8];
        const std::time_t now = std::time(nullptr);
        std::strftime(buffer, sizeof buffer, "%Y-%m", std::gmtime(&now));
        return std::string(buffer);
    }();
    auto r = run("fft-return" + m_db + " --month " + month);
    ASSERT_EQ(r.status, 0) << r.text;
    auto table = parseCsv(r.text, "fft-return");
    ASSERT_TRUE(table.ok()) << table.error().message;
    EXPECT_EQ(table->header,
              (std::vector<std::string>{"ward", "very_good", "good", "neither_good_nor_poor",
                                        "poor", "very_poor", "dont_know", "total", "assisted"}));
    ASSERT_FALSE(table->rows.empty());
    for (const auto& row : table->rows) {
        int sum = 0;
        for (std::size_t i = 1; i <= 6; ++i) {
            sum += std::stoi(row[i]);
        }
        EXPECT_EQ(sum, std::stoi(row[7])) << row[0];
    }
    EXPECT_EQ(run("fft-return" + m_db + " --month 2026-13").status, 1);
}

TEST_F(StaffCli, AgendaProposesTheTopThemesWhenNoneWereChosen) {
    ASSERT_EQ(run("demo-seed" + m_db + " --days 20").status, 0);
    const std::string since = "2000-01-01";
    auto r = run("agenda" + m_db + " --since " + since + " --until 2100-01-01 --format md");
    ASSERT_EQ(r.status, 0) << r.text;
    EXPECT_EQ(r.text.rfind("# Patient experience panel agenda", 0), 0u);
    EXPECT_NE(r.text.find("## 10. "), std::string::npos) << "ten proposals";
    r = run("agenda" + m_db + " --since 2000-01-01 --until 2100-01-01 --format csv");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.text.rfind("id,status,title,category,volume", 0), 0u);
    EXPECT_EQ(run("agenda" + m_db + " --since 2000-01-01 --until 2100-01-01 --format pdf").status,
              1);
}

TEST_F(StaffCli, PosterSaysHowTheWardDidWhatPatientsRaisedAndWhatWasAgreed) {
    ASSERT_EQ(run("demo-seed" + m_db + " --days 70").status, 0);
    ASSERT_EQ(run("ward add" + m_db + " ward-7 --name \"Ward 7, care of older people\"").status, 0);
    const std::int64_t now = common::nowUnix();
    const std::string lastMonth = common::formatRfc3339(now - 40 * 86400).substr(0, 7);
    {
        auto store = SqliteStore::open((m_dir / "w.db").string());
        ASSERT_TRUE(store.ok()) << store.error().message;
        AgendaItem item;
        item.title = "hand gel dispensers empty";
        item.wards = {"ward-7"};
        item.since = lastMonth + "-01";
        item.until = lastMonth + "-28";
        item.evidence = "{}";
        item.createdBy = "chair";
        item.createdAt = now - 45 * 86400;
        auto id = store->addAgendaItem(item);
        ASSERT_TRUE(id.ok()) << id.error().message;
        AgendaChange agreed;
        agreed.status = "action_agreed";
        agreed.action = "Housekeeping check every gel dispenser at each shift change";
        agreed.userName = "chair";
        agreed.role = "panel_chair";
        agreed.at = now - 44 * 86400;
        ASSERT_TRUE(store->changeAgendaItem(id.value(), agreed).ok());
        // patients chose it on the kiosk by its patient-facing title
        AgendaChoice choice;
        choice.ward = "ward-7";
        choice.itemId = id.value();
        choice.titles = {{"en", "Hand gel within reach of every bed"}, {"cy", "Gel dwylo"}};
        choice.openedBy = "chair";
        ASSERT_TRUE(store->setChoices("ward-7", {choice}, now - 43 * 86400).ok());
    }
    const std::string out = (m_dir / "poster.pdf").string();
    auto r = run("poster" + m_db + " --ward ward-7 --month " + lastMonth + " --out " + out);
    ASSERT_EQ(r.status, 0) << r.text;
    std::ifstream in(out, std::ios::binary);
    const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const std::string flat = wardvoice::testing::pdfFlatText(pdf);
    EXPECT_NE(flat.find("Ward 7, care of older people: you said, we did"), std::string::npos)
        << flat;
    EXPECT_NE(
        flat.find("people who answered said their experience of the ward was good or very good"),
        std::string::npos)
        << flat;
    EXPECT_NE(flat.find("What you told us most 1. "), std::string::npos) << flat;
    EXPECT_NE(flat.find("Agreed: Housekeeping check every gel dispenser at each shift change"),
              std::string::npos)
        << flat;
    EXPECT_NE(flat.find("You said: Hand gel within reach of every bed"), std::string::npos) << flat;
    EXPECT_NE(flat.find("Join our patient and carer panel"), std::string::npos);
    EXPECT_NE(flat.find("ask any member of staff on the ward"), std::string::npos)
        << "without --join, the built-in words";
    // the trust's own words, in any language; empty or too long words are refused
    ASSERT_EQ(run("poster" + m_db + " --ward ward-7 --month " + lastMonth + " --out " + out +
                  " --join 'Ffoniwch Nyrs Jones ar 01234 567890'")
                  .status,
              0);
    {
        std::ifstream again(out, std::ios::binary);
        const std::string trust((std::istreambuf_iterator<char>(again)),
                                std::istreambuf_iterator<char>());
        const std::string words = wardvoice::testing::pdfFlatText(trust);
        EXPECT_NE(words.find("Ffoniwch Nyrs Jones ar 01234 567890"), std::string::npos) << words;
        EXPECT_EQ(words.find("ask any member of staff"), std::string::npos) << words;
    }
    const auto empty = run("poster" + m_db + " --ward ward-7 --month " + lastMonth + " --out " +
                           out + " --join '  '");
    EXPECT_NE(empty.status, 0) << empty.text;
    EXPECT_NE(empty.text.find("1 to 600 characters (got 0)"), std::string::npos) << empty.text;
    EXPECT_NE(run("poster" + m_db + " --ward ward-7 --month " + lastMonth + " --out " + out +
                  " --join " + std::string(601, 'x'))
                  .status,
              0);
    EXPECT_EQ(run("poster" + m_db + " --ward ward-7 --month 2026-13 --out " + out).status, 1);
    EXPECT_EQ(
        run("poster" + m_db + " --ward \"ward 7\" --month " + lastMonth + " --out " + out).status,
        1);
}

} // namespace
} // namespace wardvoice::aggregator
