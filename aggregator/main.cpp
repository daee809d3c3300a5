// wardvoice-aggregator: the server (serve) and its administration sub-commands.
#include "aggregator/api/server.hpp"
#include "aggregator/cli/backup_commands.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/cli/demo_seed.hpp"
#include "aggregator/cli/screen_command.hpp"
#include "aggregator/cli/serve_config.hpp"
#include "aggregator/cli/staff_commands.hpp"
#include "aggregator/cli/themes_commands.hpp"
#include "aggregator/panel/panel_key.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/log.hpp"
#include "common/model.hpp"
#include "common/safeguarding.hpp"
#include "common/timeutil.hpp"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <sstream>
#include <systemd/sd-daemon.h>
#include <thread>
#include <tuple>
#include <unistd.h>

#ifndef WARDVOICE_DEFAULT_ASSETS
#define WARDVOICE_DEFAULT_ASSETS "assets"
#endif

namespace {

using namespace wardvoice;
using nlohmann::json;

int fail(const std::string& message) {
    std::cerr << "wardvoice-aggregator: " << message << "\n";
    return 1;
}

/// WARDVOICE_ASSETS, else the installed package's (PREFIX/share/wardvoice beside
/// PREFIX/bin), else the source tree's the binary was built from.
std::string defaultAssetsDir() {
    if (const char* env = std::getenv("WARDVOICE_ASSETS")) {
        return env;
    }
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share" / "wardvoice";
        if (std::filesystem::exists(installed / "kiosk" / "questions.json", ec)) {
            return installed.string();
        }
    }
    return WARDVOICE_DEFAULT_ASSETS;
}

std::string optionalTime(const std::optional<std::int64_t>& t) {
    return t ? common::formatRfc3339(*t) : std::string();
}

/// A start-up failure of `serve`, as a log line (journald keeps it with the unit's).
int failServe(const std::string& message) {
    common::log::error(message);
    return 1;
}

int runServe(const std::string& dbPath, const std::string& listen,
             aggregator::ServerOptions options) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return failServe("listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::]:443");
    }
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2); // [::1]:8080
    }
    int port = 0;
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || port < 0 || port > 65535) {
            throw std::invalid_argument("port");
        }
    } catch (const std::exception&) {
        return failServe("listen: bad port in " + listen);
    }
    // SIGTERM/SIGINT are taken by one thread, which stops the server; requests in flight
    // finish. Blocked before any thread starts, so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // held while serving (taken before the database is opened): `restore` refuses to replace a
    // database in use, and a server does not start on one being restored
    std::optional<aggregator::DatabaseLock> held;
    if (dbPath != ":memory:") {
        auto lock = aggregator::DatabaseLock::shared(dbPath);
        if (!lock) {
            return failServe(lock.error().message);
        }
        held.emplace(std::move(lock).value());
    }
    auto store = aggregator::SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        return failServe(store.error().message);
    }
    options.dbPath = dbPath;
    auto server = aggregator::ApiServer::create(store.value(), std::move(options));
    if (!server) {
        return failServe(server.error().message);
    }
    auto bound = server.value()->bind(host, port);
    if (!bound) {
        return failServe(bound.error().message);
    }
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        sd_notify(0, "STOPPING=1");
        common::log::info("stopping: finishing requests in flight", {{"signal", sig}});
        server.value()->stop();
    });
    const std::string address = host + ":" + std::to_string(bound.value());
    common::log::info("listening on " + address, {{"address", address}, {"db", dbPath}});
    std::cout << "listening " << host << ":" << bound.value() << std::endl;
    // systemd (Type=notify): ready once the socket takes connections
    sd_notify(
        0, ("READY=1\nSTATUS=listening on " + host + ":" + std::to_string(bound.value())).c_str());
    server.value()->listen();
    pthread_kill(waiter.native_handle(), SIGTERM); // wake the waiter if listen ended by itself
    waiter.join();
    common::log::info("stopped");
    return 0;
}

/// The kiosk's whole kiosk.toml, for copying to /etc/wardvoice/kiosk.toml on the kiosk.
struct KioskConfigOut {
    std::string path;
    std::string url;
    std::string caFile;
    std::string dataDir = "/var/lib/wardvoice-kiosk";
};

std::string tomlString(const std::string& value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// Checks what can be checked before a kiosk is enrolled (so that a refusal enrols nothing).
std::optional<std::string> checkKioskConfigOut(const KioskConfigOut& out) {
    if (out.url.rfind("https://", 0) != 0 && out.url.rfind("http://", 0) != 0) {
        return "--config-out needs --url, the aggregator's address as the kiosk reaches it "
               "(https://feedback.trust.nhs.uk)";
    }
    if (std::filesystem::exists(out.path)) {
        return out.path + " exists: it may hold another kiosk's secret; remove it first";
    }
    if (out.dataDir.empty() || out.dataDir.front() != '/') {
        return "--data-dir must be an absolute path";
    }
    return std::nullopt;
}

common::Status writeKioskConfig(const KioskConfigOut& out, const aggregator::KioskRecord& k,
                                const std::vector<std::string>& languages) {
    std::ostringstream text;
    text << "# WardVoice kiosk " << k.kioskId << " for " << k.ward << ", enrolled "
         << common::formatRfc3339(k.createdAt) << " by `wardvoice-aggregator kiosk add`.\n"
         << "# Copy to /etc/wardvoice/kiosk.toml on the kiosk (root:wardvoice-kiosk, mode 0640):\n"
         << "# it holds the kiosk's secret. Revoke it with `wardvoice-aggregator kiosk revoke "
         << k.kioskId << "`.\n"
         << "kiosk_id = " << tomlString(k.kioskId) << "\n"
         << "secret = " << tomlString(k.secret) << "\n"
         << "aggregator_url = " << tomlString(out.url) << "\n"
         << "ward = " << tomlString(k.ward) << "\n"
         << "data_dir = " << tomlString(out.dataDir) << "\n";
    if (!out.caFile.empty()) {
        text << "ca_file = " << tomlString(out.caFile) << "\n";
    }
    text << "languages = [";
    for (std::size_t i = 0; i < languages.size(); ++i) {
        text << (i ? ", " : "") << tomlString(languages[i]);
    }
    text << "]\n";
    const std::string body = text.str();
    // a secret: created for the owner alone, never over an existing file
    const int fd = ::open(out.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return common::makeError("io", out.path + ": " + std::strerror(errno));
    }
    const ssize_t n = ::write(fd, body.data(), body.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (n != static_cast<ssize_t>(body.size()) || !synced) {
        ::unlink(out.path.c_str());
        return common::makeError("io", "cannot write " + out.path);
    }
    return {};
}

/// --since and --until as Unix times (absent when empty); false after printing the error.
bool parsePeriod(const std::string& since, const std::string& until,
                 std::optional<std::int64_t>& from, std::optional<std::int64_t>& to) {
    for (const auto& [text, target, flag] :
         {std::tuple{&since, &from, "--since"}, std::tuple{&until, &to, "--until"}}) {
        if (!text->empty()) {
            auto t = common::parseDateOrTime(*text);
            if (!t) {
                fail(std::string(flag) + ": " + t.error().message);
                return false;
            }
            *target = t.value();
        }
    }
    return true;
}

int runRescreen(const std::string& dbPath, const std::string& since, const std::string& until) {
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (!parsePeriod(since, until, from, to)) {
        return 1;
    }
    auto store = aggregator::SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        return fail(store.error().message);
    }
    auto raised = store->rescreen(from, to, common::nowUnix());
    if (!raised) {
        return fail(raised.error().message);
    }
    std::cout << "raised " << raised.value()
              << " alerts (shown in the dashboard, not sent: the feedback is not new)\n";
    return 0;
}

int runExport(const std::string& dbPath, const std::string& format, const std::string& since,
              const std::string& until) {
    if (format != "csv") {
        return fail("export: --format must be csv");
    }
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    if (!parsePeriod(since, until, from, to)) {
        return 1;
    }
    auto store = aggregator::SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        return fail(store.error().message);
    }
    std::cout << aggregator::csvRow({"id", "created_at", "received_at", "kiosk_id", "ward",
                                     "respondent", "topic", "rating", "answers", "comment",
                                     "language", "assisted"});
    auto s = store->forEachSubmission(from, to, [](const aggregator::StoredSubmission& row) {
        const common::Submission& sub = row.submission;
        json answers = json::object();
        for (const auto& [q, a] : sub.answers) {
            answers[q] = a;
        }
        std::cout << aggregator::csvRow(
            {sub.id, sub.createdAt, common::formatRfc3339(row.receivedAt), row.kioskId, sub.ward,
             std::string(common::toString(sub.respondent)),
             std::string(common::toString(sub.topic)),
             sub.rating ? std::to_string(*sub.rating) : "", answers.dump(), sub.comment,
             sub.language, sub.assisted ? "true" : "false"});
    });
    if (!s) {
        return fail(s.error().message);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "WardVoice aggregator: receives kiosk feedback, groups it into themes, serves staff"};
    app.require_subcommand(1);
    std::string dbPath = "var/wardvoice.db";

    auto* serve = app.add_subcommand("serve", "run the HTTP server");
    std::string listen = "127.0.0.1:8080";
    aggregator::ServerOptions options;
    options.assetsDir = defaultAssetsDir();
    std::string configPath;
    serve->add_option("--config", configPath,
                      "TOML config file: any of these flags (db, listen, tls_cert, ...) and "
                      "[alerts]; a flag given here wins");
    serve->add_option("--db,--database", dbPath, "SQLite database file")->capture_default_str();
    serve->add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
    std::string logLevel = "info";
    serve->add_option("--log-level", logLevel, "debug, info, warn or error")
        ->capture_default_str()
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
    serve
        ->add_option("--session-idle-minutes", options.sessionIdleMinutes,
                     "a staff session ends after this long without a request (0: only after "
                     "8 hours)")
        ->capture_default_str()
        ->check(CLI::Range(0, 480));
    serve->add_option("--metrics-token", options.metricsToken,
                      "GET /metrics also answers clients sending Authorization: Bearer TOKEN "
                      "(without it: loopback only)");
    serve->add_option("--panel-key", options.panelKeyFile,
                      "the panel key file ('keys init'): volunteers for the patient and carer "
                      "panel are sealed to it (without it none are taken)");
    serve
        ->add_option("--panel-join", options.panelJoin,
                     "the ward poster's words on how to join the patient and carer panel (at "
                     "most 600 characters)")
        ->check(aggregator::panelJoinValidator());
    serve
        ->add_option("--volunteer-retention-days", options.volunteerRetentionDays,
                     "volunteer records are deleted after this many days")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    aggregator::BackupPolicy backupPolicy;
    serve->add_option("--backup-dir", backupPolicy.dir,
                      "scheduled backups (default: backups beside the database)");
    serve->add_option("--backup-keep-daily", backupPolicy.keepDaily, "daily backups kept")
        ->capture_default_str()
        ->check(CLI::Range(1, 366));
    serve->add_option("--backup-keep-weekly", backupPolicy.keepWeekly, "weekly backups kept")
        ->capture_default_str()
        ->check(CLI::Range(0, 520));
    serve->add_option("--backup-keep-monthly", backupPolicy.keepMonthly, "monthly backups kept")
        ->capture_default_str()
        ->check(CLI::Range(0, 1200));
    serve->add_option("--tls-cert", options.tlsCert, "PEM certificate: serve HTTPS");
    serve->add_option("--tls-key", options.tlsKey, "PEM private key for --tls-cert");
    serve->add_option("--assets", options.assetsDir, "assets folder")->capture_default_str();
    serve->add_option("--threads", options.threads, "worker threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    serve->add_option("--kiosk-rate", options.kioskRequestsPerMinute, "requests a minute per kiosk")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 1e6));
    serve
        ->add_option("--request-deadline-ms", options.requestDeadlineMs,
                     "a request's head and body must arrive within this")
        ->capture_default_str()
        ->check(CLI::Range(500, 600'000));
    serve
        ->add_option("--max-connections-per-address", options.maxConnectionsPerAddress,
                     "open connections allowed from one client address")
        ->capture_default_str()
        ->check(CLI::Range(1, 100'000));
    serve->add_flag("!--quiet", options.accessLog, "no access log");
    double refitHours = 24;
    serve
        ->add_option("--refit-hours", refitHours,
                     "fit the theme model again at least this often while comments arrive")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 24.0 * 365));
    serve
        ->add_option("--fit-comments", options.themes.fitComments,
                     "a fit reads at most this many of the newest comments")
        ->capture_default_str()
        ->check(CLI::Range(100, 1'000'000));

    auto* kiosk = app.add_subcommand("kiosk", "enrol, list and revoke kiosks");
    kiosk->require_subcommand(1);
    auto* kioskAdd = kiosk->add_subcommand("add", "enrol a kiosk; prints its id and secret");
    std::string ward;
    std::string name;
    bool asJson = false;
    kioskAdd->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    kioskAdd->add_option("--ward", ward, "the ward it stands on")->required();
    kioskAdd->add_option("--name", name, "a name staff recognise");
    kioskAdd->add_flag("--json", asJson, "print {\"kiosk_id\": ..., \"secret\": ...}");
    KioskConfigOut configOut;
    kioskAdd->add_option("--config-out", configOut.path,
                         "write the kiosk's whole kiosk.toml here (mode 0600; never over a file)");
    kioskAdd->add_option("--url", configOut.url,
                         "with --config-out: the aggregator's URL as the kiosk reaches it");
    kioskAdd->add_option("--ca-file", configOut.caFile,
                         "with --config-out: the trust CA's PEM file, as a path on the kiosk");
    kioskAdd->add_option("--data-dir", configOut.dataDir, "with --config-out: the kiosk's outbox")
        ->capture_default_str();
    auto* kioskList = kiosk->add_subcommand("list", "list kiosks");
    kioskList->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    kioskList->add_flag("--json", asJson, "print a JSON array");
    auto* kioskRevoke = kiosk->add_subcommand("revoke", "revoke a kiosk's enrolment");
    std::string kioskId;
    kioskRevoke->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    kioskRevoke->add_option("ID", kioskId, "kiosk id")->required();

    auto* exportCmd = app.add_subcommand("export", "export stored submissions");
    std::string format;
    std::string since;
    std::string until;
    exportCmd->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    exportCmd->add_option("--format", format, "csv")->required();
    exportCmd->add_option("--since", since, "YYYY-MM-DD or RFC 3339, inclusive");
    exportCmd->add_option("--until", until, "YYYY-MM-DD or RFC 3339, exclusive");

    auto* backup = app.add_subcommand(
        "backup", "copy the database online (safe while serving), checked, with its SHA-256");
    std::string target;
    std::string backupConfig;
    std::string backupDirFlag;
    backup->add_option("--config", backupConfig, "the server's config file (database, backup_*)");
    backup->add_option("--db,--database", dbPath, "SQLite database file")->capture_default_str();
    backup->add_option("--to", target, "one backup file (no rotation)");
    backup->add_option("--dir", backupDirFlag,
                       "scheduled backup into this folder, then rotation (default: backup_dir)");

    auto* restore = app.add_subcommand(
        "restore", "replace the database with a backup (refused while the server runs)");
    std::string restoreFrom;
    std::string restoreConfig;
    restore->add_option("--from", restoreFrom, "backup file")->required();
    restore->add_option("--config", restoreConfig, "the server's config file (database)");
    restore->add_option("--db,--database", dbPath, "SQLite database file")->capture_default_str();

    auto* rescreenCmd = app.add_subcommand(
        "rescreen", "screen stored comments again; raises (unsent) alerts for new flags");
    std::string rescreenSince;
    std::string rescreenUntil;
    rescreenCmd->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    rescreenCmd->add_option("--since", rescreenSince, "YYYY-MM-DD or RFC 3339, inclusive");
    rescreenCmd->add_option("--until", rescreenUntil, "YYYY-MM-DD or RFC 3339, exclusive");

    auto* demoSeed = app.add_subcommand(
        "demo-seed", "fill an EMPTY database with synthetic demo feedback (for demonstrations)");
    int demoDays = 45;
    demoSeed->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    demoSeed->add_option("--days", demoDays, "days of feedback")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));

    aggregator::StaffCommands staffCommands;
    staffCommands.assetsDir = defaultAssetsDir();
    aggregator::addStaffCommands(app, staffCommands);

    auto* train = app.add_subcommand(
        "train", "train the comment model (category, sentiment) on a labelled FFT CSV file");
    aggregator::TrainArgs trainArgs;
    train->add_option("--csv", trainArgs.csv, "labelled comments (v6 framework columns)")
        ->required();
    train
        ->add_option("--out", trainArgs.out, "model file to write, e.g. assets/models/comments.wvm")
        ->required();
    train->add_option("--folds", trainArgs.folds, "cross-validation folds (0: skip)")
        ->capture_default_str();
    bool noCharNgrams = false;
    train->add_flag("--no-char-ngrams", noCharNgrams, "words only, no character n-grams");
    bool withCorrections = false;
    std::string trainConfig;
    trainArgs.currentModel = defaultAssetsDir() + "/models/comments.wvm";
    train->add_flag("--corrections", withCorrections,
                    "also train on the comments staff corrected (read from the database)");
    train->add_option("--db", dbPath, "SQLite database file (with --corrections)")
        ->capture_default_str();
    train->add_option("--config", trainConfig, "the server's config file (its database)");
    train
        ->add_option("--model", trainArgs.currentModel,
                     "the model the server uses now (names the categories staff kept)")
        ->capture_default_str();

    auto* themesCmd = app.add_subcommand("themes", "group the comments of a CSV file into themes");
    aggregator::ThemesArgs themesArgs;
    themesArgs.model = defaultAssetsDir() + "/models/comments.wvm";
    themesCmd->add_option("--csv", themesArgs.csv, "input CSV file (header row first)")->required();
    themesCmd->add_option("--text-column", themesArgs.textColumn, "column holding the comment")
        ->required();
    themesCmd->add_option("--out", themesArgs.out, "output CSV file")->required();
    themesCmd->add_option("--themes", themesArgs.themes, "number of themes (default: chosen)")
        ->check(CLI::Range(1, 500));
    themesCmd->add_option("--rating-column", themesArgs.ratingColumn,
                          "column holding the FFT rating 1-6 (sharpens sentiment)");
    themesCmd->add_option("--state", themesArgs.state,
                          "theme state file: read to keep theme ids stable, then rewritten");
    themesCmd->add_option("--model", themesArgs.model, "comment model file")->capture_default_str();
    themesCmd->add_flag("--quiet", themesArgs.quiet, "no progress bar");

    auto* screenCmd = app.add_subcommand(
        "screen", "flag the comments of a CSV file that raise a safeguarding concern");
    aggregator::ScreenArgs screenArgs;
    screenCmd->add_option("--csv", screenArgs.csv, "input CSV file (header row first)")->required();
    screenCmd->add_option("--text-column", screenArgs.textColumn, "column holding the comment")
        ->required();
    screenCmd->add_option("--rating-column", screenArgs.ratingColumn,
                          "column holding the FFT rating 1-6");
    screenCmd->add_option("--out", screenArgs.out, "output CSV file: row,flag,class,reason")
        ->required();

    auto* trainScreen = app.add_subcommand(
        "train-screen", "train the safeguarding screen's model on labelled comments");
    aggregator::TrainScreenArgs trainScreenArgs;
    trainScreen
        ->add_option("--csv", trainScreenArgs.csv,
                     "labelled comments: comment, fft_rating and class columns")
        ->required();
    trainScreen->add_option("--out", trainScreenArgs.out, "e.g. assets/models/screen.wvs")
        ->required();
    trainScreen->add_option("--folds", trainScreenArgs.folds, "cross-validation folds")
        ->capture_default_str()
        ->check(CLI::Range(2, 20));

    auto* keys = app.add_subcommand("keys", "the panel key volunteer records are sealed to");
    auto* keysInit = keys->add_subcommand(
        "init", "create the panel key file (0600); prints the public key for kiosk.toml");
    std::string keyPath = "var/panel.key";
    keysInit->add_option("--key", keyPath, "the key file to create")->capture_default_str();
    keys->require_subcommand(1);

    CLI11_PARSE(app, argc, argv);
    if (*keysInit) {
        auto key = aggregator::createPanelKey(keyPath);
        if (!key) {
            std::cerr << "wardvoice-aggregator: " << key.error().message << "\n";
            return 1;
        }
        std::cout << "created " << keyPath << " (keep it, and a copy where the backups are not)\n"
                  << "panel_public_key = \"" << aggregator::toBase64(key->publicKey) << "\"\n";
        return 0;
    }
    // The safeguarding screen's model (the patterns work without it, and say so).
    if (*serve || *screenCmd || *rescreenCmd || *demoSeed) {
        const std::string modelPath =
            (*serve ? options.assetsDir : defaultAssetsDir()) + "/models/screen.wvs";
        if (auto s = common::SafeguardingScreen::loadModel(modelPath); !s) {
            common::log::warn(s.error().message + " (screening with the patterns alone)");
        }
    }
    if (*trainScreen) {
        return aggregator::runTrainScreen(trainScreenArgs);
    }

    if (*demoSeed) {
        return aggregator::runDemoSeed(dbPath, demoDays);
    }
    if (auto code = aggregator::runStaffCommands(staffCommands)) {
        return *code;
    }
    if (*themesCmd) {
        return aggregator::runThemes(themesArgs);
    }
    if (*screenCmd) {
        return aggregator::runScreen(screenArgs);
    }
    // `backup` and `restore` read the server's own config file for its database and backups;
    // their own --db wins over it.
    auto readServerConfig = [&](CLI::App* command, const std::string& path) -> common::Status {
        if (path.empty()) {
            return {};
        }
        const std::string given = dbPath;
        aggregator::alerts::Settings unused;
        bool accessLog = true;
        if (auto st = aggregator::loadServeConfig(path, *serve, accessLog, unused); !st) {
            return st;
        }
        if (command->get_option("--db")->count() > 0) {
            dbPath = given;
        }
        return {};
    };
    if (*train) {
        trainArgs.charNgrams = !noCharNgrams;
        if (withCorrections) {
            if (auto st = readServerConfig(train, trainConfig); !st) {
                return fail(st.error().message);
            }
            if (!std::filesystem::exists(dbPath)) {
                return fail("train: no database at " + dbPath);
            }
            auto store = aggregator::SqliteStore::open(dbPath);
            if (!store) {
                return fail(store.error().message);
            }
            auto corrected = store->correctedComments();
            if (!corrected) {
                return fail(corrected.error().message);
            }
            trainArgs.corrections = std::move(corrected).value();
            if (trainArgs.corrections.empty()) {
                std::printf("no comments have been corrected yet: training on the file alone\n");
            }
        }
        return aggregator::runTrain(trainArgs);
    }
    if (*serve) {
        if (!configPath.empty()) {
            if (auto st = aggregator::loadServeConfig(configPath, *serve, options.accessLog,
                                                      options.alerts);
                !st) {
                return failServe(st.error().message);
            }
        }
        common::log::setLevel(common::log::parseLevel(logLevel).value_or(common::log::Level::Info));
        options.themes.refitEvery =
            std::chrono::seconds(static_cast<std::int64_t>(refitHours * 3600));
        options.backupFolder = aggregator::backupFolder(dbPath, backupPolicy);
        return runServe(dbPath, listen, options);
    }
    if (*backup) {
        if (auto st = readServerConfig(backup, backupConfig); !st) {
            return fail(st.error().message);
        }
        if (!backupDirFlag.empty()) {
            backupPolicy.dir = backupDirFlag;
        }
        if (!std::filesystem::exists(dbPath)) {
            return fail("backup: no database at " + dbPath);
        }
        auto store = aggregator::SqliteStore::open(dbPath);
        if (!store) {
            return fail(store.error().message);
        }
        if (!target.empty()) {
            if (auto st = aggregator::backupWithChecksum(store.value(), target); !st) {
                return fail(st.error().message);
            }
        } else {
            auto made =
                aggregator::scheduledBackup(store.value(), dbPath, backupPolicy, common::nowUnix());
            if (!made) {
                return fail(made.error().message);
            }
            target = made.value();
        }
        std::cout << "backed up to " << target << " (integrity checked; SHA-256 in " << target
                  << ".sha256)\n";
        return 0;
    }
    if (*restore) {
        if (auto st = readServerConfig(restore, restoreConfig); !st) {
            return fail(st.error().message);
        }
        std::string report;
        if (auto st = aggregator::restoreBackup(restoreFrom, dbPath, report); !st) {
            return fail(st.error().message);
        }
        std::cout << report << "\n";
        return 0;
    }
    if (*exportCmd) {
        return runExport(dbPath, format, since, until);
    }
    if (*rescreenCmd) {
        return runRescreen(dbPath, rescreenSince, rescreenUntil);
    }
    auto store = aggregator::SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        return fail(store.error().message);
    }
    if (*kioskAdd) {
        if (!configOut.path.empty()) {
            if (auto refusal = checkKioskConfigOut(configOut)) {
                return fail(*refusal);
            }
        }
        auto k = store->addKiosk(ward, name);
        if (!k) {
            return fail(k.error().message);
        }
        if (!configOut.path.empty()) {
            if (auto st = writeKioskConfig(configOut, k.value(), options.languages); !st) {
                (void)store->revokeKiosk(k->kioskId, common::nowUnix());
                return fail(st.error().message + " (the kiosk was revoked again)");
            }
            std::cout << "kiosk_id " << k->kioskId << "\nwrote " << configOut.path
                      << " (holds the secret: copy it to the kiosk's /etc/wardvoice/kiosk.toml)\n";
            return 0;
        }
        if (asJson) {
            std::cout << json{{"kiosk_id", k->kioskId}, {"secret", k->secret}}.dump() << "\n";
        } else {
            std::cout << "kiosk_id " << k->kioskId << "\nsecret " << k->secret << "\n";
        }
        return 0;
    }
    if (*kioskList) {
        auto list = store->listKiosks();
        if (!list) {
            return fail(list.error().message);
        }
        if (asJson) {
            json out = json::array();
            for (const auto& k : list.value()) {
                out.push_back({{"kiosk_id", k.kioskId},
                               {"ward", k.ward},
                               {"name", k.name},
                               {"last_seen_at",
                                k.lastSeenAt ? json(optionalTime(k.lastSeenAt)) : json(nullptr)},
                               {"queue_depth", k.queueDepth ? json(*k.queueDepth) : json(nullptr)},
                               {"version", k.version},
                               {"revoked", k.revokedAt.has_value()}});
            }
            std::cout << out.dump(2) << "\n";
        } else {
            for (const auto& k : list.value()) {
                std::cout << k.kioskId << "  " << k.ward << "  " << (k.name.empty() ? "-" : k.name)
                          << "  last seen " << (k.lastSeenAt ? optionalTime(k.lastSeenAt) : "never")
                          << "  queue " << (k.queueDepth ? std::to_string(*k.queueDepth) : "-")
                          << (k.revokedAt ? "  REVOKED" : "") << "\n";
            }
        }
        return 0;
    }
    if (*kioskRevoke) {
        if (auto s = store->revokeKiosk(kioskId, common::nowUnix()); !s) {
            return fail(s.error().message);
        }
        std::cout << "revoked " << kioskId << "\n";
        return 0;
    }
    return 0;
}
