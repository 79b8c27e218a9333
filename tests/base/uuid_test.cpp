#include <gtest/gtest.h>

#include <set>

#include "base/uuid.hpp"

using namespace triad;

TEST(Uuid, Version4CanonicalAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto u = new_uuid();
    ASSERT_TRUE(is_uuid(u)) << u;
    EXPECT_EQ(u[14], '4');
    EXPECT_TRUE(u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b');
    EXPECT_TRUE(seen.insert(u).second);
  }
  EXPECT_FALSE(is_uuid("not-a-uuid"));
  EXPECT_FALSE(is_uuid("0123456789ABCDEF0123456789abcdef0123"));
}
