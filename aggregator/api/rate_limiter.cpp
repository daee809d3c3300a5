// Per-key token buckets.
#include "aggregator/api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace wardvoice::aggregator {

int RateLimiter::acquire(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(m_mutex);
    auto [it, inserted] = m_buckets.try_emplace(key, Bucket{m_burst, now});
    Bucket& b = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - b.last).count();
        b.tokens = std::min(m_burst, b.tokens + std::max(0.0, elapsed) * m_perSecond);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    const double wait = (1.0 - b.tokens) / m_perSecond;
    return std::max(1, static_cast<int>(std::ceil(wait)));
}

} // namespace wardvoice::aggregator
