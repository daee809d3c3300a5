// The server's counters for monitoring, served as `GET /metrics` in the Prometheus text format
// (version 0.0.4). Counters move as requests are answered; gauges are read when scraped.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

/// What a scrape reads from the store and the services, at the time of the scrape.
struct MetricsSnapshot {
    struct Kiosk {
        std::string id;
        std::string ward;
        std::int64_t queueDepth = 0;
        std::int64_t lastSeenAt = 0; ///< 0: never
        bool online = false;
    };
    std::vector<Kiosk> kiosks; ///< enrolled ones (revoked kiosks are not counted)
    double themeComputeSeconds = 0;
    std::int64_t dbSizeBytes = 0;
    std::int64_t lastBackupAt = 0; ///< 0: none in the backup folder
    std::int64_t alertQueueDepth = 0;
};

class Metrics {
public:
    /// Histogram bucket bounds of request durations, in seconds.
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5};

    /// A bounded route label for a request: the registered route's pattern ("/api/v1/alerts/{id}"),
    /// "static" for the dashboard's files, "unmatched" for anything else (so that a client
    /// cannot create labels).
    static std::string routeLabel(const std::string& method, const std::string& path, bool matched);

    void countRequest(const std::string& route, int status, double seconds);
    void countSubmissions(std::size_t accepted, std::size_t duplicate);
    void countRejected(const std::string& reason, std::size_t n = 1);

    std::string render(const MetricsSnapshot& snapshot) const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
    std::map<std::string, Histogram> m_durations; ///< by route
    std::map<std::string, std::uint64_t> m_rejected;
    std::uint64_t m_accepted = 0;
    std::uint64_t m_duplicate = 0;
};

/// When the request being handled on this thread began (set by the connection layer).
void markRequestStart();
double secondsSinceRequestStart();
/// Whether the request on this thread reached a route (the 404 handler clears it).
void setRequestMatched(bool matched);
bool requestMatched();

} // namespace wardvoice::aggregator
