// `serve --config FILE`: every serve flag and [alerts] from TOML; a wrong key stops start-up with
// the file and the key named, and nothing is served.
#include "support/run_aggregator.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;

class ServeConfig : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("wardvoice-serve-config-" + std::to_string(getpid()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string write(const std::string& text) {
        const auto path = (m_dir / "aggregator.toml").string();
        std::ofstream(path, std::ios::binary) << "db = \"" << (m_dir / "w.db").string() << "\"\n"
                                              << text;
        return path;
    }
    fs::path m_dir;
};

TEST_F(ServeConfig, AWrongKeyStopsStartUpNamingTheFileAndTheKey) {
    struct Bad {
        std::string text;
        std::string message;
    };
    const std::vector<Bad> bad = {
        {"listn = \"127.0.0.1:0\"\n", "key 'listn' is not a known setting"},
        {"threads = 0\n", "key 'threads' is not valid"},
        {"threads = \"many\"\n", "key 'threads' is not valid"},
        {"quiet = \"yes\"\n", "key 'quiet' must be true or false"},
        {"config = \"other.toml\"\n", "key 'config' is not a known setting"},
        {"refit_hours = [1]\n", "key 'refit_hours' must be a string or a number"},
        {"[alerts]\nsmtp_host = \"x\"\n", "key 'alerts.smtp_host' is not a known setting"},
        {"alerts = 5\n", "key 'alerts' must be a table"},
        {"[alerts]\nfrom = \"a@b.uk\"\ndashboard_url = \"https://d\"\n[[alerts.route]]\n"
         "email = \"x@y.uk\"\n",
         "key 'alerts.smtp_url'"},
        {"listen = \"127.0.0.1:0\n", "aggregator.toml:2"},
        {"panel_join = \"\"\n", "key 'panel_join' is not valid"},
    };
    for (const auto& b : bad) {
        const std::string path = write(b.text);
        const auto r = testing::runAggregator("serve --config " + path);
        EXPECT_EQ(r.status, 1) << b.text << r.text;
        EXPECT_NE(r.text.find(b.message), std::string::npos) << b.text << "\n-> " << r.text;
        EXPECT_NE(r.text.find("aggregator.toml"), std::string::npos) << r.text;
        EXPECT_EQ(r.text.find("listening"), std::string::npos) << "nothing is served";
    }
    const auto missing = testing::runAggregator("serve --config " + (m_dir / "no.toml").string());
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.text.find("cannot read"), std::string::npos) << missing.text;
}

TEST_F(ServeConfig, AFlagOnTheCommandLineWinsOverTheFile) {
    // The file's listen address is taken (a bad port); the command line's is good: the command
    // line wins, so the server would start. With --listen also bad, the flag's error is shown.
    const std::string path = write("listen = \"nonsense\"\nthreads = 4\n");
    const auto r = testing::runAggregator("serve --config " + path + " --listen 127.0.0.1:x");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.text.find("127.0.0.1:x"), std::string::npos) << r.text;
    const auto fromFile = testing::runAggregator("serve --config " + path);
    EXPECT_EQ(fromFile.status, 1);
    EXPECT_NE(fromFile.text.find("listen must be HOST:PORT"), std::string::npos) << fromFile.text;
}

} // namespace
} // namespace wardvoice::aggregator
