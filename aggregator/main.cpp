// wardvoice-aggregator: the server (serve) and its administration sub-commands.
#include "aggregator/api/server.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/cli/demo_seed.hpp"
#include "aggregator/cli/screen_command.hpp"
#include "aggregator/cli/serve_config.hpp"
#include "aggregator/cli/staff_commands.hpp"
#include "aggregator/cli/themes_commands.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/safeguarding.hpp"
#include "common/timeutil.hpp"

#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <pthread.h>
#include <thread>
#include <tuple>

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

std::string defaultAssetsDir() {
    if (const char* env = std::getenv("WARDVOICE_ASSETS")) {
        return env;
    }
    return WARDVOICE_DEFAULT_ASSETS;
}

std::string optionalTime(const std::optional<std::int64_t>& t) {
    return t ? common::formatRfc3339(*t) : std::string();
}

int runServe(const std::string& dbPath, const std::string& listen,
             aggregator::ServerOptions options) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        return fail("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    }
    const std::string host = listen.substr(0, colon);
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
        return fail("--listen: bad port in " + listen);
    }
    // SIGTERM/SIGINT are taken by one thread, which stops the server; requests in flight
    // finish. Blocked before any thread starts, so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    auto store = aggregator::SqliteStore::openCreatingFolder(dbPath);
    if (!store) {
        return fail(store.error().message);
    }
    auto server = aggregator::ApiServer::create(store.value(), std::move(options));
    if (!server) {
        return fail(server.error().message);
    }
    auto bound = server.value()->bind(host, port);
    if (!bound) {
        return fail(bound.error().message);
    }
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        std::cerr << "wardvoice-aggregator: signal " << sig << ", finishing requests in flight\n";
        server.value()->stop();
    });
    std::cerr << "wardvoice-aggregator: listening on " << host << ":" << bound.value() << " (db "
              << dbPath << ")" << std::endl;
    std::cout << "listening " << host << ":" << bound.value() << std::endl;
    server.value()->listen();
    pthread_kill(waiter.native_handle(), SIGTERM); // wake the waiter if listen ended by itself
    waiter.join();
    std::cerr << "wardvoice-aggregator: stopped" << std::endl;
    return 0;
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
                                     "language"});
    auto s = store->forEachSubmission(from, to, [](const aggregator::StoredSubmission& row) {
        const common::Submission& sub = row.submission;
        json answers = json::object();
        for (const auto& [q, a] : sub.answers) {
            answers[q] = a;
        }
        std::cout << aggregator::csvRow({sub.id, sub.createdAt,
                                         common::formatRfc3339(row.receivedAt), row.kioskId,
                                         sub.ward, std::string(common::toString(sub.respondent)),
                                         std::string(common::toString(sub.topic)),
                                         sub.rating ? std::to_string(*sub.rating) : "",
                                         answers.dump(), sub.comment, sub.language});
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
    serve->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    serve->add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
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

    auto* backup = app.add_subcommand("backup", "copy the database online (safe while serving)");
    std::string target;
    backup->add_option("--db", dbPath, "SQLite database file")->capture_default_str();
    backup->add_option("--to", target, "backup file")->required();

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
        ->check(CLI::Range(1, 400));

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

    CLI11_PARSE(app, argc, argv);
    // The safeguarding screen's model (the patterns work without it, and say so).
    if (*serve || *screenCmd || *rescreenCmd || *demoSeed) {
        const std::string modelPath =
            (*serve ? options.assetsDir : defaultAssetsDir()) + "/models/screen.wvs";
        if (auto s = common::SafeguardingScreen::loadModel(modelPath); !s) {
            std::cerr << "wardvoice-aggregator: warning: " << s.error().message
                      << " (screening with the patterns alone)\n";
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
    if (*train) {
        trainArgs.charNgrams = !noCharNgrams;
        return aggregator::runTrain(trainArgs);
    }
    if (*themesCmd) {
        return aggregator::runThemes(themesArgs);
    }
    if (*screenCmd) {
        return aggregator::runScreen(screenArgs);
    }
    if (*serve) {
        if (!configPath.empty()) {
            if (auto s = aggregator::loadServeConfig(configPath, *serve, options.accessLog,
                                                     options.alerts);
                !s) {
                return fail(s.error().message);
            }
        }
        options.themes.refitEvery =
            std::chrono::seconds(static_cast<std::int64_t>(refitHours * 3600));
        return runServe(dbPath, listen, options);
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
        auto k = store->addKiosk(ward, name);
        if (!k) {
            return fail(k.error().message);
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
    if (*backup) {
        if (auto s = store->backupTo(target); !s) {
            return fail(s.error().message);
        }
        std::cout << "backed up to " << target << "\n";
        return 0;
    }
    return 0;
}
