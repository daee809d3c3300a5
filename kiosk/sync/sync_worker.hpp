// The kiosk's uploader: its own thread drains the outbox to the aggregator in signed batches,
// sends heartbeats and refreshes the cached config. The UI never waits on it.
#pragma once

#include "kiosk/config.hpp"
#include "kiosk/outbox.hpp"
#include "kiosk/sync/config_cache.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace wardvoice::kiosk {

/// What the worker last saw, for the staff-only status line.
struct SyncStatus {
    std::int64_t queueDepth = 0;
    std::string lastSyncAt;                 ///< RFC 3339 of the last successful upload
    std::string lastError;                  ///< empty when the last attempt worked
    std::optional<std::int64_t> clockSkewS; ///< server minus kiosk, when the server said "stale"
    std::int64_t deadLetters = 0;
    std::vector<WardMessage> messages;  ///< "you said, we did" from the latest (cached) config
    std::vector<WardChoice> choices;    ///< "help us choose" from the latest (cached) config
    std::vector<WardProgress> progress; ///< what the ward is doing about earlier choices
    bool configKnown = false;           ///< a config was fetched or is cached
    std::optional<std::string> panelPublicKey; ///< the config's panel key (base64), if any
};

struct SyncSettings {
    std::size_t batchSize = 100;
    double backoffBaseS = 1.0;
    double backoffCapS = 300.0;
    long connectTimeoutMs = 5000;
    long totalTimeoutMs = 20000;
    double configRefreshS = 300.0;
    /// Unix seconds used to sign requests; tests replace it to play a kiosk with a wrong clock.
    std::function<std::int64_t()> clock;
};

/// Settings taken from the kiosk's config file (timeouts), defaults for the rest.
SyncSettings syncSettingsFor(const KioskConfig& config);

class SyncWorker {
public:
    SyncWorker(KioskConfig config, Outbox& outbox, SyncSettings settings = {});
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void start();
    /// Stops and joins; a request in flight ends at its timeout at the latest.
    void stop();
    /// Something new is in the outbox: upload now rather than at the next timer.
    void wake();
    SyncStatus status() const;

    /// One upload round: sends up to one batch. Returns true when the outbox may hold more
    /// that can be sent at once, false when the caller should wait (empty, or backing off).
    bool uploadOnce();
    /// Sends the sealed volunteer records that are due, each in a request of its own; returns
    /// how many the aggregator now has.
    int sendVolunteersOnce();
    bool sendHeartbeat();
    bool refreshConfig();
    /// Seconds the worker will wait before the next attempt (after failures).
    double currentBackoffS() const { return m_nextDelayS; }

private:
    void run();
    /// What the kiosk shows from a config document (fetched, or the cached one at start-up).
    void applyConfig(const nlohmann::json& config);
    void noteFailure(const std::string& error, double minimumDelayS = 0);
    void noteSuccess();
    std::vector<std::pair<std::string, std::string>> signedHeaders(const std::string& method,
                                                                   const std::string& path,
                                                                   const std::string& body) const;

    KioskConfig m_config;
    Outbox& m_outbox;
    SyncSettings m_settings;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    bool m_woken = false;
    SyncStatus m_status;
    int m_failures = 0;
    double m_nextDelayS = 0;
    std::size_t m_batchSize;
    std::mt19937_64 m_random;
    std::thread m_thread;
    std::int64_t m_startedAt;
};

} // namespace wardvoice::kiosk
