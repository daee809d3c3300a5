// Version-7 UUIDs and UUID checking.
#include "common/uuid.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <set>

namespace wardvoice::common {
namespace {

TEST(Uuid, FreshIdsAreVersion7TimeOrderedAndUnique) {
    std::set<std::string> seen;
    const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    std::string previousPrefix;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = newUuid();
        ASSERT_TRUE(isUuid(id)) << id;
        EXPECT_EQ(id[14], '7');
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
        // the first 48 bits are the creation time in milliseconds, never going backwards here
        const std::string prefix = id.substr(0, 8) + id.substr(9, 4);
        const long long ms = std::stoll(prefix, nullptr, 16);
        EXPECT_GE(ms, before);
        EXPECT_LE(ms, before + 60'000);
        EXPECT_GE(prefix, previousPrefix);
        previousPrefix = prefix;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
    // the random part differs even within one millisecond
    std::set<std::string> tails;
    for (int i = 0; i < 100; ++i) {
        tails.insert(newUuid().substr(19));
    }
    EXPECT_EQ(tails.size(), 100u);
}

TEST(Uuid, Validation) {
    EXPECT_TRUE(isUuid("0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11"));
    EXPECT_TRUE(isUuid("0B8E4C1E-6A53-4A0E-9D0C-3C1D1F0E9A11"));
    EXPECT_FALSE(isUuid(""));
    EXPECT_FALSE(isUuid("0b8e4c1e6a534a0e9d0c3c1d1f0e9a11"));
    EXPECT_FALSE(isUuid("0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a1"));
    EXPECT_FALSE(isUuid("0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a1g"));
    EXPECT_FALSE(isUuid("{0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a1}"));
    EXPECT_EQ(canonicalUuid("0B8E4C1E-6A53-4A0E-9D0C-3C1D1F0E9A11"),
              "0b8e4c1e-6a53-4a0e-9d0c-3c1d1f0e9a11");
}

} // namespace
} // namespace wardvoice::common
