// The aggregator's HTTP API: kiosk ingest, heartbeat and config, and health.
//
// [SECTION] helpers
// [SECTION] kiosk routes
// [SECTION] server set-up
#include "aggregator/api/server.hpp"

#include "aggregator/agenda/choices.hpp"
#include "aggregator/alerts/alert_service.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/http_util.hpp"
#include "aggregator/api/kiosk_auth.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "aggregator/cli/backup_commands.hpp"
#include "common/model.hpp"
#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <sstream>
#include <sys/socket.h>

namespace wardvoice::aggregator {
namespace {

using nlohmann::json;

/// Connections the kernel queues before accept(): a ward's kiosks reconnecting at once fit.
constexpr int kListenBacklog = 1024;

/// 2015-01-01T00:00:00Z: no submission can be older.
constexpr std::int64_t kEarliestCreatedAt = 1'420'070'400;

// [SECTION] helpers

using http::logLine;
using http::sendError;
using http::sendJson;

std::string reasonCode(int status) {
    switch (status) {
    case 400:
        return "bad_request";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 413:
        return "payload_too_large";
    case 414:
        return "uri_too_long";
    case 429:
        return "too_many_requests";
    case 503:
        return "unavailable";
    default:
        return status >= 500 ? "internal_error" : "error";
    }
}

/// Optional string field: absent or null gives "", otherwise it must be a string.
bool optionalString(const json& j, const char* key, std::string& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        out.clear();
        return true;
    }
    if (!it->is_string()) {
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool optionalCount(const json& j, const char* key, std::int64_t& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        out = 0;
        return true;
    }
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
        return false;
    }
    out = it->get<std::int64_t>();
    return true;
}

common::Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return common::makeError("cantopen", "cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

ApiServer::ApiServer(Store& store, ServerOptions options, nlohmann::json questionSet)
    : m_store(store), m_options(std::move(options)), m_questionSet(std::move(questionSet)),
      m_kioskLimiter(m_options.kioskRequestsPerMinute, m_options.kioskBurst),
      m_loginLimiter(m_options.loginsPerMinute, m_options.loginBurst),
      m_loginAddressLimiter(m_options.loginsPerMinutePerAddress, m_options.loginBurstPerAddress) {}

ApiServer::~ApiServer() = default;

common::Result<std::unique_ptr<ApiServer>> ApiServer::create(Store& store, ServerOptions options) {
    const std::string path = options.assetsDir + "/kiosk/questions.json";
    auto text = readFile(path);
    if (!text) {
        return text.error();
    }
    const json questions = json::parse(text.value(), nullptr, false);
    if (questions.is_discarded() || !questions.is_object() || !questions.contains("topics")) {
        return common::makeError(
            "bad_config", path + ": not a question set (expected an object with \"topics\")");
    }
    const std::string modelPath = options.assetsDir + "/models/comments.wvm";
    auto model = themes::CommentModel::load(modelPath);
    if (!model) {
        return model.error();
    }
    std::unique_ptr<ApiServer> server(new ApiServer(store, std::move(options), questions));
    server->m_model = std::make_unique<themes::CommentModel>(std::move(model.value()));
    server->m_themes =
        std::make_unique<ThemeService>(store, *server->m_model, server->m_options.themes);
    if (server->m_options.themeWorker) {
        if (auto s = server->m_themes->start(); !s) {
            return s.error();
        }
    }
    server->m_insights = std::make_unique<Insights>(store, *server->m_themes);
    if (!server->m_options.panelKeyFile.empty()) {
        auto key = loadPanelKey(server->m_options.panelKeyFile);
        if (!key) {
            return key.error(); // configured but unusable: say so at start, not at the first offer
        }
        server->m_panelKey = std::move(key).value();
    }
    server->m_alerts = std::make_unique<alerts::AlertService>(
        store, server->m_options.alerts, [](const std::string& line) { logLine(line); });
    if (server->m_options.alertWorker) {
        server->m_alerts->start();
    }
    server->m_views =
        std::make_unique<ViewPool>(server->m_options.viewThreads, server->m_options.viewNiceness);
    FrontDoorOptions door;
    door.frame.maxBodyBytes = common::kMaxBodyBytes;
    door.requestDeadline = std::chrono::milliseconds(server->m_options.requestDeadlineMs);
    door.idleTimeout = std::chrono::milliseconds(server->m_options.idleTimeoutMs);
    door.maxConnectionsPerAddress = server->m_options.maxConnectionsPerAddress;
    door.maxConnections = server->m_options.maxConnections;
    door.workers = server->m_options.threads;
    door.tlsCert = server->m_options.tlsCert;
    door.tlsKey = server->m_options.tlsKey;
    auto front = FrontDoor::create(std::move(door));
    if (!front) {
        return front.error();
    }
    server->m_server = std::move(front).value();
    server->routes();
    return server;
}

common::Result<int> ApiServer::bind(const std::string& host, int port) {
    // httplib's default sets SO_REUSEPORT, which lets a second aggregator start on a port that
    // is in use and take half its connections: allow only restarts over TIME_WAIT sockets.
    m_server->set_socket_options([this](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        m_listenFd = sock;
    });
    const int bound = port == 0 ? m_server->bind_to_any_port(host)
                                : (m_server->bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        return common::makeError("bind_failed", "cannot listen on " + host + ":" +
                                                    std::to_string(port) +
                                                    " (is another aggregator running there?)");
    }
    // httplib listens with a backlog of 5: kiosks reconnecting together would have their SYNs
    // dropped and wait a second or more to retry. Listening again raises the backlog.
    if (m_listenFd >= 0 && ::listen(m_listenFd, kListenBacklog) != 0) {
        return common::makeError("bind_failed", std::string("listen: ") + std::strerror(errno));
    }
    return bound;
}

void ApiServer::listen() {
    m_server->listen_after_bind();
    m_server->drain(); // requests being handled are answered before listen returns
}

std::size_t ApiServer::openConnections() const {
    return m_server->openConnections();
}

void ApiServer::stop() {
    m_themes->stop(); // a fit in progress stops at its next checkpoint
    m_alerts->stop(); // a delivery in flight is abandoned and retried at the next start
    m_server->stop();
}

void ApiServer::routes() {
    httplib::Server& svr = *m_server;
    // Framing, limits, time-outs, keep-alive and TLS are the FrontDoor's (front_door.cpp).

    svr.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown exception";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            logLine("error: " + req.method + " " + req.path + ": " + what);
            sendError(res, 500, "internal_error",
                      "the server failed; nothing was stored by this request");
        });
    svr.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (res.body.empty()) {
                if (res.status == 404) {
                    setRequestMatched(false); // no route: its path is not a metrics label
                }
                sendError(res, res.status, reasonCode(res.status),
                          "HTTP " + std::to_string(res.status));
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    // Every answer is counted for /metrics and, unless --quiet, logged (never its body).
    svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        const double seconds = secondsSinceRequestStart();
        const std::string route = Metrics::routeLabel(req.method, req.path, requestMatched());
        m_metrics.countRequest(route, res.status, seconds);
        if (!m_options.accessLog) {
            return;
        }
        std::string kiosk = req.get_header_value(common::kHeaderKiosk);
        if (!common::isIdentifier(kiosk)) {
            kiosk = kiosk.empty() ? "" : "invalid";
        }
        common::log::info("request", {{"method", req.method.substr(0, 16)},
                                      {"route", route},
                                      {"path", req.path.substr(0, 200)},
                                      {"status", res.status},
                                      {"ms", seconds * 1000},
                                      {"bytes_in", req.body.size()},
                                      {"bytes_out", res.body.size()},
                                      {"kiosk", kiosk},
                                      {"remote", req.remote_addr}});
    });

    // Every answer: no caching of patient data, no sniffing, no framing, scripts only from us.
    svr.set_default_headers({{"Cache-Control", "no-store"},
                             {"X-Content-Type-Options", "nosniff"},
                             {"X-Frame-Options", "DENY"},
                             {"Referrer-Policy", "no-referrer"},
                             {"Content-Security-Policy",
                              "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                              "script-src 'self'; frame-ancestors 'none'; form-action 'self'"}});
    // The staff dashboard: static files, no build step.
    svr.set_mount_point("/", m_options.assetsDir + "/web");
    staffRoutes();
    metricsRoute();

    // Health for monitors and load balancers: whether the store answers. How much feedback is
    // stored is for signed-in staff only.
    svr.Get("/api/v1/health", [this](const httplib::Request& req, httplib::Response& res) {
        auto count = m_store.countSubmissions();
        if (!count) {
            sendError(res, 503, "storage_unavailable", count.error().message);
            return;
        }
        json body = {{"status", "ok"}, {"server_time", common::nowUnix()}};
        auto caller = findCaller(m_store, req.get_header_value("Authorization"),
                                 req.get_header_value("Cookie"), common::nowUnix());
        if (caller && caller.value()) {
            body["submissions"] = count.value();
        }
        sendJson(res, 200, body);
    });

    // Liveness probe that touches nothing: also the benchmarks' no-op baseline.
    svr.Get("/api/v1/ping", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 200, json::object());
    });

    // [SECTION] kiosk routes

    // Every kiosk route: authenticate, rate-limit, then hand over the kiosk's record.
    auto kioskRoute = [this](auto handler) {
        return [this, handler](const httplib::Request& req, httplib::Response& res) {
            const std::int64_t now = common::nowUnix();
            const KioskRequest kr{req.get_header_value(common::kHeaderKiosk),
                                  req.get_header_value(common::kHeaderTimestamp),
                                  req.get_header_value(common::kHeaderSignature),
                                  req.method,
                                  req.path,
                                  req.body};
            const AuthOutcome auth = authenticateKiosk(m_store, kr, now);
            if (!auth.internalError.empty()) {
                logLine("error: authenticate: " + auth.internalError);
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            const bool upload = req.path == "/api/v1/submissions";
            if (!auth.kiosk) {
                if (upload) {
                    m_metrics.countRejected(auth.refusal.code);
                }
                sendJson(res, 401,
                         {{"error", auth.refusal.code},
                          {"detail", auth.refusal.detail},
                          {"server_time", now}});
                return;
            }
            if (const int wait = m_kioskLimiter.acquire(auth.kiosk->kioskId); wait > 0) {
                if (upload) {
                    m_metrics.countRejected("rate_limited");
                }
                res.set_header("Retry-After", std::to_string(wait));
                sendError(res, 429, "rate_limited",
                          "too many requests from this kiosk; retry after " + std::to_string(wait) +
                              " s");
                return;
            }
            handler(*auth.kiosk, req, res, now);
        };
    };

    svr.Post("/api/v1/submissions",
             kioskRoute([this](const KioskRecord& kiosk, const httplib::Request& req,
                               httplib::Response& res, std::int64_t now) {
                 auto batch = common::wire::parseSubmissionBatch(req.body);
                 if (!batch) {
                     const int status = batch.error().code == "too_many_submissions" ? 413 : 400;
                     m_metrics.countRejected(batch.error().code);
                     sendError(res, status, batch.error().code, batch.error().message);
                     return;
                 }
                 if (batch->kioskId != kiosk.kioskId) {
                     m_metrics.countRejected("kiosk_mismatch");
                     sendError(res, 400, "kiosk_mismatch",
                               "kiosk_id in the body differs from X-WardVoice-Kiosk");
                     return;
                 }
                 // A kiosk speaks for its own ward only.
                 std::vector<common::Submission> accepted;
                 common::wire::BatchResult result;
                 result.rejected = batch->rejected;
                 for (common::Submission& s : batch->submissions) {
                     // WardVoice did not exist before 2015; a day ahead covers any time zone
                     const auto created = common::parseRfc3339(s.createdAt);
                     if (!created || *created < kEarliestCreatedAt || *created > now + 86'400) {
                         result.rejected.push_back(
                             {s.id, "bad_created_at",
                              "created_at must be from 2015 to no more than a day ahead"});
                         continue;
                     }
                     if (s.ward != kiosk.ward) {
                         result.rejected.push_back(
                             {s.id, "ward_mismatch", "this kiosk is enrolled for " + kiosk.ward});
                         continue;
                     }
                     accepted.push_back(std::move(s));
                 }
                 auto stored = m_store.ingest(kiosk.kioskId, accepted, now);
                 if (!stored) {
                     logLine("error: ingest from " + kiosk.kioskId + ": " + stored.error().message);
                     m_metrics.countRejected("storage_unavailable");
                     sendError(res, 503, "storage_unavailable", "nothing was stored; retry later");
                     return;
                 }
                 result.accepted = std::move(stored->accepted);
                 result.duplicate = std::move(stored->duplicate);
                 // stored without their vote (bad_priority_vote): stored all the same
                 const std::size_t storedRefused = stored->rejected.size();
                 result.rejected.insert(result.rejected.end(), stored->rejected.begin(),
                                        stored->rejected.end());
                 m_metrics.countSubmissions(result.accepted.size() + storedRefused,
                                            result.duplicate.size());
                 for (const auto& r : result.rejected) {
                     m_metrics.countRejected(r.error);
                 }
                 if (!result.accepted.empty() || storedRefused > 0) {
                     m_alerts->wake(); // an alert may have been raised with these rows
                 }
                 res.status = 200;
                 res.set_content(common::wire::serialiseBatchResult(result), "application/json");
             }));

    // Someone at the kiosk offered to join the patient and carer panel: their contact arrives
    // sealed to the panel key, in a request of its own, and is stored sealed with the day alone.
    svr.Post(
        "/api/v1/panel-volunteers",
        kioskRoute([this](const KioskRecord& kiosk, const httplib::Request& req,
                          httplib::Response& res, std::int64_t now) {
            if (!m_panelKey) {
                sendError(res, 503, "no_panel_key",
                          "this aggregator takes no volunteers yet: it has no panel key");
                return;
            }
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            const json& j = parsed.value();
            const auto id = j.find("id");
            if (id == j.end() || !id->is_string() || !common::isUuid(id->get<std::string>())) {
                sendError(res, 400, "bad_uuid", "id must be a UUID");
                return;
            }
            const auto sealed = j.find("sealed");
            auto bytes = sealed != j.end() && sealed->is_string() && sealed->size() <= 8192
                             ? fromBase64(sealed->get<std::string>())
                             : common::Result<std::string>(common::makeError("bad", ""));
            auto plain = bytes ? openSealed(*m_panelKey, bytes.value())
                               : common::Result<std::string>(bytes.error());
            const json record = plain ? json::parse(plain.value(), nullptr, false) : json();
            const auto text = [&](const char* key, std::size_t min, std::size_t max) {
                const auto it = record.is_object() ? record.find(key) : record.end();
                return it != record.end() && it->is_string() &&
                       common::utf8::isValid(it->get<std::string>()) &&
                       common::utf8::length(it->get<std::string>()) >= min &&
                       common::utf8::length(it->get<std::string>()) <= max;
            };
            if (!plain || !text("name", 1, 80) || !text("contact", 3, 120) ||
                !text("best_time", 0, 80)) {
                sendError(res, 400, "bad_sealed",
                          "sealed must be base64 of a sealed box, made for this aggregator's "
                          "panel_public_key, of {\"name\", \"contact\", \"best_time\"}");
                return;
            }
            PanelVolunteer v;
            v.id = common::canonicalUuid(id->get<std::string>());
            v.ward = kiosk.ward;
            v.day = common::formatRfc3339(now).substr(0, 10); // the day, never the time
            v.sealed = sealed->get<std::string>();
            auto added = m_store.addVolunteer(v);
            if (!added) {
                sendError(res, 503, "storage_unavailable", "nothing was stored; retry later");
                return;
            }
            sendJson(res, added.value() ? 201 : 200, {{"id", v.id}, {"duplicate", !added.value()}});
        }));

    svr.Post("/api/v1/kiosk/heartbeat",
             kioskRoute([this](const KioskRecord& kiosk, const httplib::Request& req,
                               httplib::Response& res, std::int64_t now) {
                 const auto parsed = common::wire::parseJsonObject(req.body);
                 if (!parsed) {
                     sendError(res, 400, parsed.error().code, parsed.error().message);
                     return;
                 }
                 const json& j = parsed.value();
                 Heartbeat beat;
                 if (!optionalString(j, "version", beat.version) || beat.version.size() > 64 ||
                     !optionalCount(j, "queue_depth", beat.queueDepth) ||
                     !optionalCount(j, "uptime_s", beat.uptimeS) ||
                     !optionalString(j, "oldest_queued_at", beat.oldestQueuedAt) ||
                     !optionalString(j, "last_sync_at", beat.lastSyncAt)) {
                     sendError(res, 400, "bad_shape",
                               "version must be a string, queue_depth and uptime_s whole numbers "
                               ">= 0, times strings");
                     return;
                 }
                 for (const std::string* t : {&beat.oldestQueuedAt, &beat.lastSyncAt}) {
                     if (!t->empty() && !common::parseRfc3339(*t)) {
                         sendError(res, 400, "bad_timestamp",
                                   "oldest_queued_at and last_sync_at must be RFC 3339");
                         return;
                     }
                 }
                 if (auto s = m_store.recordHeartbeat(kiosk.kioskId, beat, now); !s) {
                     logLine("error: heartbeat from " + kiosk.kioskId + ": " + s.error().message);
                     sendError(res, 503, "storage_unavailable", "try again later");
                     return;
                 }
                 res.status = 204;
             }));

    svr.Get("/api/v1/kiosk/config",
            kioskRoute([this](const KioskRecord& kiosk, const httplib::Request& req,
                              httplib::Response& res, std::int64_t now) {
                auto messages = m_store.listMessages(kiosk.ward, now);
                if (!messages) {
                    logLine("error: messages for " + kiosk.ward + ": " + messages.error().message);
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json said = json::array();
                for (const auto& m : messages.value()) {
                    said.push_back({{"id", m.id},
                                    {"text", m.text},
                                    {"texts", json(m.texts)},
                                    {"created_at", common::formatRfc3339(m.createdAt)},
                                    {"expires_at", common::formatRfc3339(m.expiresAt)}});
                }
                // "help us choose": the ward's open choices, each titled per language
                auto offered = m_store.listChoices(kiosk.ward);
                if (!offered) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json choices = json::array();
                for (const AgendaChoice& c : offered.value()) {
                    if (c.open()) {
                        choices.push_back({{"id", c.itemId}, {"title", json(c.titles)}});
                    }
                }
                json body = {{"kiosk_id", kiosk.kioskId},
                             {"ward", kiosk.ward},
                             {"languages", m_options.languages},
                             {"idle_timeout_s", m_options.kioskIdleTimeoutS},
                             {"questions", m_questionSet},
                             {"you_said_we_did", said},
                             {"choices", choices},
                             {"progress", progressJson(offered.value(), now)},
                             {"panel_public_key",
                              m_panelKey ? json(toBase64(m_panelKey->publicKey)) : json(nullptr)}};
                const std::string etag = "\"" + common::sha256Hex(body.dump()).substr(0, 32) + "\"";
                body["etag"] = etag;
                res.set_header("ETag", etag);
                if (req.get_header_value("If-None-Match") == etag) {
                    res.status = 304;
                    return;
                }
                (void)m_store.touchKiosk(kiosk.kioskId, now);
                sendJson(res, 200, body);
            }));
}

// [SECTION] metrics

namespace {

bool isLoopback(const std::string& address) {
    return address.rfind("127.", 0) == 0 || address == "::1" ||
           address.rfind("::ffff:127.", 0) == 0;
}

std::int64_t fileSize(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
}

} // namespace

void ApiServer::metricsRoute() {
    m_server->Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string auth = req.get_header_value("Authorization");
        const std::string expected = "Bearer " + m_options.metricsToken;
        const bool tokenOk = !m_options.metricsToken.empty() && auth.size() == expected.size() &&
                             CRYPTO_memcmp(auth.data(), expected.data(), auth.size()) == 0;
        if (!tokenOk && !isLoopback(req.remote_addr)) {
            sendError(res, 403, "forbidden",
                      m_options.metricsToken.empty()
                          ? "metrics are served to loopback clients only (or set metrics_token)"
                          : "send Authorization: Bearer with the configured metrics token");
            return;
        }
        MetricsSnapshot snap;
        const std::int64_t now = common::nowUnix();
        if (auto kiosks = m_store.listKiosks()) {
            for (const auto& k : kiosks.value()) {
                if (k.revokedAt) {
                    continue;
                }
                snap.kiosks.push_back({k.kioskId, k.ward, k.queueDepth.value_or(0),
                                       k.lastSeenAt.value_or(0),
                                       k.lastSeenAt && now - *k.lastSeenAt <= 300});
            }
        } else {
            sendError(res, 503, "storage_unavailable", kiosks.error().message);
            return;
        }
        snap.themeComputeSeconds = m_themes->lastFitSeconds();
        if (!m_options.dbPath.empty()) {
            snap.dbSizeBytes = fileSize(m_options.dbPath) + fileSize(m_options.dbPath + "-wal");
        }
        if (!m_options.backupFolder.empty()) {
            snap.lastBackupAt = lastBackupTime(m_options.backupFolder).value_or(0);
        }
        if (auto pending = m_store.pendingDeliveries()) {
            snap.alertQueueDepth = pending.value();
        }
        res.status = 200;
        res.set_content(m_metrics.render(snap), "text/plain; version=0.0.4; charset=utf-8");
    });
}

} // namespace wardvoice::aggregator
