// Bitmap (engine/base/bitmap.h) against std::set<size_t> on seeded random
// operations, word boundaries, and TrySetAtomic from several threads (each bit
// claimed by exactly one caller).
#include "engine/base/bitmap.h"

#include <atomic>
#include <cstdint>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace etldag {
namespace {

std::vector<uint32_t> Sorted(const std::set<size_t>& s) { return std::vector<uint32_t>(s.begin(), s.end()); }

TEST(BitmapTest, WordBoundaries) {
  for (size_t size : {0, 1, 63, 64, 65, 127, 128, 129}) {
    Bitmap b(size);
    EXPECT_EQ(b.size(), size);
    EXPECT_EQ(b.Count(), 0u);
    for (size_t i = 0; i < size; ++i) b.Set(i);
    EXPECT_EQ(b.Count(), size) << size;
    EXPECT_EQ(b.ToVector().size(), size);
    if (size > 0) {
      b.Reset(size - 1);
      EXPECT_FALSE(b.Test(size - 1));
      EXPECT_EQ(b.Count(), size - 1);
    }
    b.Clear();
    EXPECT_EQ(b.Count(), 0u);
  }
}

TEST(BitmapTest, MatchesASetOnRandomOperations) {
  for (uint32_t seed = 0; seed < 200; ++seed) {
    std::mt19937 rng(seed);
    const size_t n = 1 + rng() % 300;
    Bitmap a(n), b(n);
    std::set<size_t> sa, sb;
    for (int op = 0; op < 200; ++op) {
      const size_t i = rng() % n;
      switch (rng() % 4) {
        case 0: a.Set(i); sa.insert(i); break;
        case 1: a.Reset(i); sa.erase(i); break;
        case 2: b.Set(i); sb.insert(i); break;
        default: EXPECT_EQ(a.TrySetAtomic(i), sa.insert(i).second); break;
      }
    }
    ASSERT_EQ(a.ToVector(), Sorted(sa)) << "seed " << seed;
    ASSERT_EQ(a.Count(), sa.size());
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(a.Test(i), sa.count(i) == 1) << "seed " << seed << " bit " << i;

    std::set<size_t> uni = sa, inter, diff;
    uni.insert(sb.begin(), sb.end());
    for (size_t x : sa) (sb.count(x) ? inter : diff).insert(x);
    Bitmap u = a, x = a, d = a;
    u.UnionWith(b);
    x.IntersectWith(b);
    d.Subtract(b);
    EXPECT_EQ(u.ToVector(), Sorted(uni)) << "seed " << seed;
    EXPECT_EQ(x.ToVector(), Sorted(inter)) << "seed " << seed;
    EXPECT_EQ(d.ToVector(), Sorted(diff)) << "seed " << seed;

    std::vector<size_t> visited;
    a.ForEach([&](size_t i) { visited.push_back(i); });
    EXPECT_EQ(visited, std::vector<size_t>(sa.begin(), sa.end()));
  }
}

TEST(BitmapTest, TrySetAtomicClaimsEachBitOnce) {
  constexpr size_t kBits = 10000;
  constexpr int kThreads = 4;
  Bitmap b(kBits);
  std::atomic<size_t> claimed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      size_t mine = 0;
      for (size_t k = 0; k < kBits; ++k) mine += b.TrySetAtomic((k * 7 + static_cast<size_t>(t) * 13) % kBits);
      claimed += mine;
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(claimed.load(), kBits);  // every bit claimed by exactly one call
  EXPECT_EQ(b.Count(), kBits);
}

}  // namespace
}  // namespace etldag
