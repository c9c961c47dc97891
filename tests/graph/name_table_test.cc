// NameTable (engine/graph/internal/name_table.h) against a std::map oracle: ids in
// first-seen order, one by one or in batches (with names repeated inside a
// batch, new and old mixed, batches longer than the prefetch window), across
// many growths from an empty table; stored copies outlive the input.
#include "engine/graph/internal/name_table.h"

#include <map>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace etldag::graph_internal {
namespace {

TEST(NameTableTest, MatchesAMapOracleOneByOneAndInBatches) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    NameTable table;
    if (seed % 2) table.Reserve(rng() % 500);
    std::map<std::string, uint32_t> oracle;
    const int universe = 1 + static_cast<int>(rng() % 3000);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::string> owned(rng() % 80);
      for (std::string& s : owned) {
        const int k = static_cast<int>(rng() % universe);
        s = k == 0 ? std::string() : "dataset/n" + std::to_string(k) + std::string(k % 7, 'x');
      }
      std::vector<std::string_view> views(owned.begin(), owned.end());
      std::vector<uint32_t> got(views.size());
      if (round % 3 == 0) {
        for (size_t i = 0; i < views.size(); ++i) got[i] = table.Intern(views[i]);
      } else {
        table.InternBatch(views, got.data());
      }
      for (size_t i = 0; i < owned.size(); ++i) {
        const auto [it, inserted] = oracle.emplace(owned[i], static_cast<uint32_t>(oracle.size()));
        ASSERT_EQ(got[i], it->second) << "seed " << seed << " name '" << owned[i] << "' new " << inserted;
      }
      owned.clear();  // the table keeps its own copies
      ASSERT_EQ(table.size(), oracle.size());
    }
    for (const auto& [name, pid] : oracle) ASSERT_EQ(table.name(pid), name);
  }
}

TEST(NameTableTest, DropIndexKeepsTheNames) {
  NameTable table;
  EXPECT_EQ(table.Intern("a"), 0u);
  EXPECT_EQ(table.Intern(std::string(100000, 'z')), 1u);  // longer than an arena block's first size
  EXPECT_EQ(table.Intern("a"), 0u);
  table.DropIndex();
  EXPECT_EQ(table.name(0), "a");
  EXPECT_EQ(table.name(1).size(), 100000u);
}

}  // namespace
}  // namespace etldag::graph_internal
