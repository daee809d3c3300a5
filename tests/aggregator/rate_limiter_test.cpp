// Token buckets: bursts allowed, then a wait that shrinks as time passes.
#include "aggregator/api/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace wardvoice::aggregator {
namespace {

TEST(RateLimiter, BurstThenWaitThenRefill) {
    RateLimiter limiter(60, 3); // one a second, bursts of three
    const auto t0 = RateLimiter::Clock::now();
    EXPECT_EQ(limiter.acquire("k", t0), 0);
    EXPECT_EQ(limiter.acquire("k", t0), 0);
    EXPECT_EQ(limiter.acquire("k", t0), 0);
    EXPECT_EQ(limiter.acquire("k", t0), 1);
    EXPECT_EQ(limiter.acquire("other", t0), 0); // keys are independent
    EXPECT_EQ(limiter.acquire("k", t0 + std::chrono::milliseconds(1100)), 0);
    EXPECT_GE(limiter.acquire("k", t0 + std::chrono::milliseconds(1100)), 1);
}

TEST(RateLimiter, SlowRateAsksForLongerWait) {
    RateLimiter limiter(6, 1); // one every ten seconds
    const auto t0 = RateLimiter::Clock::now();
    EXPECT_EQ(limiter.acquire("k", t0), 0);
    EXPECT_EQ(limiter.acquire("k", t0), 10);
}

} // namespace
} // namespace wardvoice::aggregator
