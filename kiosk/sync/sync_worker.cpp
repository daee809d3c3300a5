// The kiosk's uploader thread.
#include "kiosk/sync/sync_worker.hpp"

#include "common/signing.hpp"
#include "common/timeutil.hpp"
#include "common/wire.hpp"
#include "kiosk/sync/http.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

namespace wardvoice::kiosk {
namespace {

constexpr const char* kVersion = "0.1.0";
/// How often sealed volunteer records are checked for their (random) send time.
constexpr double kVolunteerPollS = 5.0;

void logLine(const std::string& line) {
    std::cerr << common::formatRfc3339(common::nowUnix()) << " sync: " << line << std::endl;
}

/// Writes `text` to `path` atomically (temp file, then rename), so a crash never leaves half.
bool writeAtomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            return false;
        }
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

} // namespace

SyncSettings syncSettingsFor(const KioskConfig& config) {
    SyncSettings s;
    s.connectTimeoutMs = config.connectTimeoutS * 1000L;
    s.totalTimeoutMs = config.requestTimeoutS * 1000L;
    return s;
}

SyncWorker::SyncWorker(KioskConfig config, Outbox& outbox, SyncSettings settings)
    : m_config(std::move(config)), m_outbox(outbox), m_settings(settings),
      m_batchSize(settings.batchSize), m_random(std::random_device{}()),
      m_startedAt(common::nowUnix()) {
    if (!m_settings.clock) {
        m_settings.clock = [] { return common::nowUnix(); };
    }
    applyConfig(loadCachedConfig(m_config.dataDir));
}

void SyncWorker::applyConfig(const nlohmann::json& config) {
    std::lock_guard lock(m_mutex);
    m_status.messages = messagesFromConfig(config);
    m_status.choices = choicesFromConfig(config);
    m_status.progress = progressFromConfig(config);
    m_status.configKnown = config.is_object();
    m_status.panelPublicKey = panelKeyFromConfig(config);
}

SyncWorker::~SyncWorker() {
    stop();
}

void SyncWorker::start() {
    if (!m_thread.joinable()) {
        m_thread = std::thread([this] { run(); });
    }
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void SyncWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

SyncStatus SyncWorker::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::vector<std::pair<std::string, std::string>>
SyncWorker::signedHeaders(const std::string& method, const std::string& path,
                          const std::string& body) const {
    const std::int64_t ts = m_settings.clock();
    return {
        {common::kHeaderKiosk, m_config.kioskId},
        {common::kHeaderTimestamp, std::to_string(ts)},
        {common::kHeaderSignature, common::signRequest(m_config.secret, ts, method, path, body)}};
}

void SyncWorker::noteFailure(const std::string& error, double minimumDelayS) {
    // Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^n)].
    ++m_failures;
    const double ceiling =
        std::min(m_settings.backoffCapS,
                 m_settings.backoffBaseS * std::pow(2.0, std::min(m_failures - 1, 20)));
    std::uniform_real_distribution<double> jitter(0.0, ceiling);
    m_nextDelayS = std::max(jitter(m_random), minimumDelayS);
    std::lock_guard lock(m_mutex);
    if (m_status.lastError != error) {
        logLine(error);
    }
    m_status.lastError = error;
}

void SyncWorker::noteSuccess() {
    m_failures = 0;
    m_nextDelayS = 0;
    std::lock_guard lock(m_mutex);
    m_status.lastError.clear();
    m_status.clockSkewS.reset();
}

bool SyncWorker::uploadOnce() {
    auto rows = m_outbox.peek(m_batchSize);
    if (!rows) {
        noteFailure("outbox: " + rows.error().message);
        return false;
    }
    if (rows->empty()) {
        return false;
    }
    const std::string path = "/api/v1/submissions";
    const std::string body = common::wire::serialiseSubmissionBatch(m_config.kioskId, rows.value());
    HttpRequest req{
        "POST",         m_config.aggregatorUrl + path, signedHeaders("POST", path, body),
        body,           m_settings.connectTimeoutMs,   m_settings.totalTimeoutMs,
        m_config.caFile};
    auto res = performHttp(req);
    if (!res) {
        noteFailure(res.error().message);
        return false;
    }
    const long status = res->status;
    const auto j = nlohmann::json::parse(res->body, nullptr, false);
    const std::string code = j.is_object() && j.contains("error") && j["error"].is_string()
                                 ? j["error"].get<std::string>()
                                 : "";
    if (status == 200) {
        auto answer = common::wire::parseBatchResult(res->body);
        if (!answer) {
            noteFailure("aggregator answered 200 with an unreadable body: " +
                        answer.error().message);
            return false;
        }
        std::vector<std::string> delivered = answer->accepted;
        delivered.insert(delivered.end(), answer->duplicate.begin(), answer->duplicate.end());
        // a vote the ward no longer offers is refused alone: the rest was stored
        std::vector<common::wire::Rejection> refused;
        for (const auto& r : answer->rejected) {
            if (r.error == "bad_priority_vote") {
                delivered.push_back(r.id);
            } else {
                refused.push_back(r);
            }
        }
        if (auto s = m_outbox.remove(delivered); !s) {
            noteFailure("outbox: " + s.error().message);
            return false;
        }
        for (const auto& r : refused) {
            logLine("aggregator rejected " + r.id + ": " + r.error);
            if (auto s =
                    m_outbox.deadLetter(r.id, r.error + (r.detail.empty() ? "" : ": " + r.detail));
                !s) {
                noteFailure("outbox: " + s.error().message);
                return false;
            }
        }
        noteSuccess();
        m_batchSize = m_settings.batchSize;
        std::lock_guard lock(m_mutex);
        m_status.lastSyncAt = common::formatRfc3339(common::nowUnix());
        return rows->size() == m_batchSize || !delivered.empty();
    }
    if (status == 401 && code == "stale_timestamp" && j.contains("server_time") &&
        j["server_time"].is_number_integer()) {
        const std::int64_t skew = j["server_time"].get<std::int64_t>() - m_settings.clock();
        {
            std::lock_guard lock(m_mutex);
            m_status.clockSkewS = skew;
        }
        noteFailure("the kiosk clock is " + std::to_string(-skew) +
                        " s off the aggregator's; fix the clock",
                    60);
        return false;
    }
    if (status == 429) {
        double wait = 5;
        try {
            wait = std::stod(res->retryAfter);
        } catch (const std::exception&) {
        }
        noteFailure("aggregator asked to slow down", std::clamp(wait, 1.0, m_settings.backoffCapS));
        return false;
    }
    if ((status == 413 || status == 400) && rows->size() > 1) {
        m_batchSize = std::max<std::size_t>(1, rows->size() / 2); // find the row it cannot take
        noteFailure("aggregator refused a batch (" + std::to_string(status) + " " + code +
                    "); halving it");
        return false;
    }
    if ((status == 413 || status == 400) && rows->size() == 1) {
        // One row the aggregator will never take: keep it as evidence, never drop or retry forever.
        (void)m_outbox.deadLetter(rows->front().id, "HTTP " + std::to_string(status) + " " + code);
        noteFailure("aggregator refused one submission (" + code + "); moved to dead letters");
        return true;
    }
    noteFailure("aggregator answered " + std::to_string(status) + (code.empty() ? "" : " " + code));
    return false;
}

int SyncWorker::sendVolunteersOnce() {
    const std::int64_t now = common::nowUnix();
    auto due = m_outbox.dueVolunteers(now, 20);
    if (!due) {
        logLine("outbox: " + due.error().message);
        return 0;
    }
    int delivered = 0;
    const std::string path = "/api/v1/panel-volunteers";
    for (const SealedVolunteer& v : due.value()) {
        const std::string body = nlohmann::json{{"id", v.id}, {"sealed", v.sealed}}.dump();
        auto res = performHttp(
            {"POST", m_config.aggregatorUrl + path, signedHeaders("POST", path, body), body,
             m_settings.connectTimeoutMs, m_settings.totalTimeoutMs, m_config.caFile});
        const long status = res ? res->status : 0;
        const auto j = res ? nlohmann::json::parse(res->body, nullptr, false) : nlohmann::json();
        const std::string code = j.is_object() && j.contains("error") && j["error"].is_string()
                                     ? j["error"].get<std::string>()
                                     : "";
        common::Status kept;
        if (status == 200 || status == 201) {
            kept = m_outbox.removeVolunteer(v.id);
            ++delivered;
        } else if (status == 400) {
            // sealed to a key the aggregator no longer has: keep it, never resend it
            logLine("aggregator refused a volunteer record (" + code + "); kept, not resent");
            kept = m_outbox.refuseVolunteer(v.id, "HTTP 400 " + code);
        } else {
            // unreachable, no panel key yet, or busy: a random while later, never at once
            std::uniform_int_distribution<std::int64_t> later(60, status == 503 ? 3600 : 600);
            kept = m_outbox.postponeVolunteer(v.id, now + later(m_random));
            if (!res) {
                break; // the others would not get through either
            }
        }
        if (!kept) {
            logLine("outbox: " + kept.error().message);
            break;
        }
    }
    return delivered;
}

bool SyncWorker::sendHeartbeat() {
    auto depth = m_outbox.depth();
    auto oldest = m_outbox.oldestCreatedAt();
    auto dead = m_outbox.deadLetterCount();
    SyncStatus snapshot = status();
    nlohmann::json beat = {
        {"kiosk_id", m_config.kioskId},
        {"version", kVersion},
        {"queue_depth", depth ? depth.value() : 0},
        {"oldest_queued_at", oldest && oldest.value() ? nlohmann::json(*oldest.value()) : nullptr},
        {"last_sync_at", snapshot.lastSyncAt.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(snapshot.lastSyncAt)},
        {"uptime_s", common::nowUnix() - m_startedAt}};
    {
        std::lock_guard lock(m_mutex);
        m_status.queueDepth = depth ? depth.value() : m_status.queueDepth;
        m_status.deadLetters = dead ? dead.value() : m_status.deadLetters;
    }
    const std::string path = "/api/v1/kiosk/heartbeat";
    const std::string body = beat.dump();
    auto res =
        performHttp({"POST", m_config.aggregatorUrl + path, signedHeaders("POST", path, body), body,
                     m_settings.connectTimeoutMs, m_settings.totalTimeoutMs, m_config.caFile});
    return res && res->status == 204;
}

bool SyncWorker::refreshConfig() {
    const std::string path = "/api/v1/kiosk/config";
    auto res =
        performHttp({"GET", m_config.aggregatorUrl + path, signedHeaders("GET", path, ""), "",
                     m_settings.connectTimeoutMs, m_settings.totalTimeoutMs, m_config.caFile});
    if (!res || res->status != 200) {
        return false;
    }
    const auto j = nlohmann::json::parse(res->body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("questions")) {
        return false;
    }
    applyConfig(j);
    // The last good config survives outages: the kiosk reads these files at start-up.
    return writeAtomically(m_config.dataDir + "/config-cache.json", res->body) &&
           writeAtomically(m_config.dataDir + "/questions-cache.json", j["questions"].dump());
}

void SyncWorker::run() {
    using Clock = std::chrono::steady_clock;
    const auto after = [](double seconds) {
        return Clock::now() +
               std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    };
    auto nextHeartbeat = Clock::now();
    auto nextConfig = Clock::now();
    auto nextVolunteers = Clock::now();
    auto retryAt = Clock::now(); // uploads wait for this after a failure (backoff, Retry-After)
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                return;
            }
        }
        if (Clock::now() >= nextConfig) {
            refreshConfig();
            nextConfig = after(m_settings.configRefreshS);
        }
        bool more = false;
        if (Clock::now() >= retryAt) {
            more = uploadOnce();
            if (m_nextDelayS > 0) {
                retryAt = after(m_nextDelayS);
            }
        }
        if (Clock::now() >= nextVolunteers) {
            sendVolunteersOnce();
            nextVolunteers = after(kVolunteerPollS);
        }
        if (Clock::now() >= nextHeartbeat) {
            sendHeartbeat();
            nextHeartbeat = after(m_config.heartbeatS);
        }
        if (more) {
            continue;
        }
        // Sleep until woken, the backoff ends, or the next heartbeat is due; a heartbeat does not
        // cut a backoff short.
        const auto now = Clock::now();
        const auto until =
            std::min({retryAt > now ? retryAt : after(30.0), nextHeartbeat, nextVolunteers});
        std::unique_lock lock(m_mutex);
        m_wake.wait_until(lock, until, [&] { return m_stopping || m_woken; });
        const bool woken = m_woken;
        m_woken = false;
        lock.unlock();
        if (woken && m_failures == 0) {
            retryAt = Clock::now(); // something new to send, and nothing to back off from
        }
    }
}

} // namespace wardvoice::kiosk
