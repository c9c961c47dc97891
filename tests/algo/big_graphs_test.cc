// A 1,000,000-node chain: every algorithm must work without recursion (a
// recursive DFS would overflow the stack here). Plus a 100,000-node ring for
// the cyclic cases (smaller only because building graphs dominates the time).
#include <memory>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/algo/reachability.h"
#include "engine/algo/shortest_path.h"
#include "engine/algo/topo_levels.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

constexpr uint32_t kN = 1000000;
constexpr uint32_t kRing = 100000;

class BigGraphsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    chain_ = new Graph(testing::Chain(kN));
    ring_ = new Graph(testing::Chain(kRing, /*closed=*/true));
  }
  static void TearDownTestSuite() {
    delete chain_;
    delete ring_;
  }
  static Graph* chain_;  // n0 -> n1 -> ... -> n999999
  static Graph* ring_;   // n00000 -> ... -> n99999 -> n00000
};
Graph* BigGraphsTest::chain_ = nullptr;
Graph* BigGraphsTest::ring_ = nullptr;

TEST_F(BigGraphsTest, Reach) {
  const std::vector<NodeId> first = {0}, last = {kN - 1};
  EXPECT_EQ(Reach(*chain_, first).Count(), kN - 1);
  EXPECT_EQ(Reach(*chain_, last, {.direction = Direction::kUpstream}).Count(), kN - 1);
  EXPECT_EQ(Reach(*chain_, first, {.max_depth = 10}).ToVector(),
            (std::vector<NodeId>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  const std::vector<uint32_t> dist = ReachDistances(*chain_, first, Direction::kDownstream);
  EXPECT_EQ(dist[kN - 1], kN - 1);
  const Bitmap ring_reach = Reach(*ring_, first);
  EXPECT_EQ(ring_reach.Count(), kRing - 1);
  EXPECT_FALSE(ring_reach.Test(0));  // never its own descendant
}

TEST_F(BigGraphsTest, TopoLevels) {
  ASSERT_OK_AND_ASSIGN(const TopoLevels t, ComputeTopoLevels(*chain_));
  EXPECT_EQ(t.num_levels, kN);
  EXPECT_EQ(t.level[kN - 1], kN - 1);
  EXPECT_EQ(t.order[12345], 12345u);
  // The 100k-node cycle is named, elided in the middle.
  EXPECT_THAT(ComputeTopoLevels(*ring_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("n00000 -> n00001 -> n00002")));
  EXPECT_LT(ComputeTopoLevels(*ring_).status().message().size(), 1000u);
}

TEST_F(BigGraphsTest, FindCycles) {
  EXPECT_TRUE(FindCycles(*chain_).empty());
  const std::vector<Cycle> cycles = FindCycles(*ring_);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].component.size(), kRing);
  ASSERT_EQ(cycles[0].path.size(), kRing + 1);
  EXPECT_EQ(cycles[0].path[kRing - 1], kRing - 1);
  EXPECT_EQ(cycles[0].path[kRing], 0u);
}

TEST_F(BigGraphsTest, ShortestPath) {
  const std::vector<NodeId> path = ShortestPath(*chain_, 0, kN - 1);
  ASSERT_EQ(path.size(), kN);
  EXPECT_EQ(path[777], 777u);
  EXPECT_TRUE(ShortestPath(*chain_, kN - 1, 0).empty());
  EXPECT_EQ(ShortestPath(*ring_, kRing - 1, kRing - 2).size(), kRing);
}

}  // namespace
}  // namespace etldag
