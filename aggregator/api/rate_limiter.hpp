// Per-key token buckets: how the API tells one kiosk (or login name) to slow down.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace wardvoice::aggregator {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// `perMinute` requests a minute on average, bursts of up to `burst`.
    RateLimiter(double perMinute, double burst) : m_perSecond(perMinute / 60.0), m_burst(burst) {}

    /// Takes a token for `key`; returns 0 when allowed, otherwise the whole seconds to wait.
    int acquire(const std::string& key, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point last;
    };
    double m_perSecond;
    double m_burst;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

} // namespace wardvoice::aggregator
