// The default protected set: whole "policy" name segments or kind "policy".
#include "engine/algo/protected_set.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/algo/oracles.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

TEST(ProtectedSet, PolicySegment) {
  struct Case {
    const char* name;
    bool want;
  };
  const Case cases[] = {
      {"policy/x", true},         {"nu-mx/policy/x", true},  {"a/b/policy", true},
      {"policy", true},           {"policy/", true},         {"/policy", true},
      {"policy-v2/x", false},     {"x/policymaker", false},  {"dataset/x", false},
      {"", false},                {"a//b", false},           {"Policy/x", false},
      {"nu/policy-holder/policy", true},
  };
  for (const Case& c : cases) EXPECT_EQ(HasPolicySegment(c.name), c.want) << c.name;
}

TEST(ProtectedSet, SegmentOrKind) {
  // dataset/a's op kind "policy"; model/b is protected by no rule; the kind of
  // "policy/c" is derived from its name; externals follow the name rule too.
  ASSERT_OK_AND_ASSIGN(const Graph g,
                       BuildGraph({{"dataset/a", "policy"}, {"model/b", ""},
                                   {"policy/c", ""}, {"br/policy/d", "model"}},
                                  {{"raw/policy/e", "model/b"}, {"raw/x", "model/b"}}));
  const Bitmap p = DefaultProtectedSet(g);
  std::vector<std::string> names;
  p.ForEach([&](size_t v) { names.emplace_back(g.name(static_cast<NodeId>(v))); });
  EXPECT_THAT(names, ::testing::ElementsAre("br/policy/d", "dataset/a", "policy/c",
                                            "raw/policy/e"));
  for (NodeId v = 0; v < g.num_nodes(); ++v) EXPECT_EQ(IsDefaultProtected(g, v), p.Test(v));
}

TEST(ProtectedSet, EmptyGraph) {
  const Graph g;
  EXPECT_EQ(DefaultProtectedSet(g).size(), 0u);
}

}  // namespace
}  // namespace etldag
