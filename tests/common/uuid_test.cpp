// Version-4 UUIDs and UUID checking.
#include "common/uuid.hpp"

#include <gtest/gtest.h>
#include <set>

namespace wardvoice::common {
namespace {

TEST(Uuid, FreshIdsAreVersion4AndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = newUuid();
        ASSERT_TRUE(isUuid(id)) << id;
        EXPECT_EQ(id[14], '4');
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
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
