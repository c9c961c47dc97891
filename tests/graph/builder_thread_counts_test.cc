// GraphBuilder::Build (parallel name sort, per-list sort and dedupe) at 1, 2
// and 8 threads: on 200 seeded loader-like random graphs (RandomNamedGraph, LoaderShape),
// large enough to cross every grain size, the graphs must be identical, and
// the 1-thread graph satisfies every invariant (fuzz_checks.h).
#include "engine/graph/graph.h"
#include "gtest/gtest.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/threads.h"

namespace etldag {
namespace {

using ::etldag::testing::kThreadCounts;
using ::etldag::testing::WithThreads;

TEST(ThreadCountsTest, GraphBuilderIsIdenticalAtEveryThreadCount) {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const Graph one = WithThreads(1, [&] { return testing::RandomNamedGraph(testing::LoaderShape(seed), seed); });
    fuzz::CheckGraph(one);
    for (int threads : kThreadCounts) {
      const Graph g = WithThreads(threads, [&] { return testing::RandomNamedGraph(testing::LoaderShape(seed), seed); });
      ASSERT_TRUE(fuzz::SameGraph(one, g)) << "seed " << seed << " threads " << threads;
    }
  }
}

}  // namespace
}  // namespace etldag
