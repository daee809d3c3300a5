// The alert worker: routes new safeguarding alerts into the delivery queue, escalates the ones
// nobody acknowledged, and delivers what is due, retrying with backoff. Everything it does is
// in the store first, so a restart (or a kill -9) resumes where it stopped.
#pragma once

#include "aggregator/alerts/alert_config.hpp"
#include "aggregator/store/store.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace wardvoice::aggregator::alerts {

/// Sends one delivery (the real one is alerts::send; tests may count calls).
using Sender = std::function<common::Status(const Settings&, const AlertDelivery&, std::int64_t,
                                            const std::atomic<bool>&)>;

struct ServiceCounters {
    std::uint64_t delivered = 0;
    std::uint64_t failed = 0; ///< attempts that failed (each is retried)
    std::uint64_t escalated = 0;
};

class AlertService {
public:
    AlertService(Store& store, Settings settings, std::function<void(const std::string&)> log,
                 Sender sender = {});
    ~AlertService();
    AlertService(const AlertService&) = delete;
    AlertService& operator=(const AlertService&) = delete;

    /// Starts the worker thread (it looks every second, and at once after wake()).
    void start();
    /// Stops it; a delivery in flight is abandoned and retried after the next start.
    void stop();
    /// New alerts may be waiting (called after an ingest that raised some).
    void wake();
    /// One pass: route, escalate, deliver what is due at `now`. Returns deliveries attempted.
    int step(std::int64_t now);

    ServiceCounters counters() const;
    const Settings& settings() const { return m_settings; }

private:
    void run();

    Store& m_store;
    Settings m_settings;
    std::function<void(const std::string&)> m_log;
    Sender m_sender;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = false;
    ServiceCounters m_counters;
};

} // namespace wardvoice::aggregator::alerts
