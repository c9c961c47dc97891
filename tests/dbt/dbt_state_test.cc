// CompareDbtState (engine/algo/dbt_state.h) against a std::map oracle on
// seeded random pairs of manifests-like graphs (shared, new and removed
// nodes, equal and changed checksums, externals).
#include <map>
#include <random>
#include <string>

#include "engine/algo/dbt_state.h"
#include "engine/graph/graph_builder.h"
#include "gtest/gtest.h"

namespace etldag {
namespace {

struct Spec {
  std::map<std::string, std::string> nodes;  // name -> checksum
  std::vector<std::string> externals;
};

Graph Build(const Spec& spec) {
  GraphBuilder b;
  for (const auto& [name, sum] : spec.nodes) {
    const GraphBuilder::Pid p = b.Intern(name);
    EXPECT_TRUE(b.DefineOp(p, "model"));
    NodeAttributeInput a;
    a[AttrField::kResourceType] = "model";
    a[AttrField::kChecksum] = sum;
    b.SetAttributes(p, a);
  }
  for (const std::string& e : spec.externals) b.AddEdge(b.Intern(e), b.Intern(spec.nodes.begin()->first), EdgeSide::kInputs);
  return *std::move(b).Build();
}

TEST(DbtStateTest, MatchesAMapOracle) {
  for (uint32_t seed = 0; seed < 200; ++seed) {
    std::mt19937 rng(seed);
    Spec old_spec, new_spec;
    const int universe = 2 + static_cast<int>(rng() % 40);
    for (int i = 0; i < universe; ++i) {
      const std::string name = "model.p.m" + std::to_string(i);
      const uint32_t r = rng() % 6;
      if (r != 0) old_spec.nodes[name] = "c" + std::to_string(rng() % 3);
      if (r != 1) new_spec.nodes[name] = r == 2 ? "c" + std::to_string(rng() % 3) : old_spec.nodes.count(name) ? old_spec.nodes[name] : "x";
    }
    if (old_spec.nodes.empty() || new_spec.nodes.empty()) continue;
    new_spec.externals = {"source.p.ext"};
    old_spec.externals = {"model.p.m0x"};
    const Graph old_g = Build(old_spec), new_g = Build(new_spec);
    const DbtState s = CompareDbtState(old_g, new_g);
    for (NodeId v = 0; v < new_g.num_nodes(); ++v) {
      const std::string name(new_g.name(v));
      const auto cur = new_spec.nodes.find(name);
      if (cur == new_spec.nodes.end()) {  // an external: in no set
        EXPECT_FALSE(s.new_nodes.Test(v) || s.old_nodes.Test(v) || s.modified.Test(v) || s.unmodified.Test(v));
        continue;
      }
      const auto was = old_spec.nodes.find(name);
      const bool is_new = was == old_spec.nodes.end();
      EXPECT_EQ(s.new_nodes.Test(v), is_new) << seed << " " << name;
      EXPECT_EQ(s.old_nodes.Test(v), !is_new) << seed << " " << name;
      EXPECT_EQ(s.modified.Test(v), is_new || was->second != cur->second) << seed << " " << name;
      EXPECT_EQ(s.unmodified.Test(v), !is_new && was->second == cur->second) << seed << " " << name;
    }
  }
}

}  // namespace
}  // namespace etldag
