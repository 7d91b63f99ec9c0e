#include "analyze/key_index.h"

#include <cstdint>

#include <gtest/gtest.h>

namespace dyad::analyze {
namespace {

TEST(KeyIndexTest, RowsInInsertionOrderThroughSeveralGrowths) {
  KeyIndex index;
  EXPECT_EQ(index.Find(42), -1);
  // 100,000 keys: the table (65,536 slots at first) doubles twice.
  constexpr int kKeys = 100000;
  auto key = [](int i) { return static_cast<std::uint64_t>(i) * 0x9e3779b97f4a7c15ULL + 1; };
  for (int i = 0; i < kKeys; ++i) ASSERT_EQ(index.Insert(key(i)), i);
  EXPECT_EQ(index.size(), static_cast<std::size_t>(kKeys));
  for (int i = 0; i < kKeys; ++i) {
    ASSERT_EQ(index.Find(key(i)), i);
    ASSERT_EQ(index.keys()[i], key(i));
  }
  // A key inserted again keeps its row and adds none.
  EXPECT_EQ(index.Insert(key(12345)), 12345);
  EXPECT_EQ(index.size(), static_cast<std::size_t>(kKeys));
  EXPECT_EQ(index.Find(key(kKeys)), -1);
  EXPECT_EQ(index.Insert(key(kKeys)), kKeys);
}

}  // namespace
}  // namespace dyad::analyze
