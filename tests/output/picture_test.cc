// The state picture (engine/output/picture.h) against an independent reading
// of its DOT: every node of the set is drawn once (alone or counted in one
// summary box), every edge between two nodes drawn alone is drawn, nothing
// else; orientation, titles and summaries on small hand-made graphs.
#include "engine/output/picture.h"

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <utility>

#include "engine/output/dot_writer.h"
#include "gtest/gtest.h"
#include "tests/testing/random_graph.h"

namespace etldag {
namespace {

using testing::EdgeList;
using testing::GraphFromEdges;
using testing::RandomGraph;

struct ParsedDot {
  std::map<std::string, std::string> labels;  // box id -> label
  std::set<std::pair<std::string, std::string>> edges;
  std::string rankdir;
};

std::string Unescape(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      o += s[i] == 'n' ? '\n' : s[i];
    } else {
      o += s[i];
    }
  }
  return o;
}

ParsedDot Parse(const std::string& dot) {
  ParsedDot p;
  static const std::regex kNode(R"re(^  "([ns][0-9]+)" \[.*label="((?:[^"\\]|\\.)*)"\];$)re");
  static const std::regex kEdge(R"re(^  "([ns][0-9]+)" -> "([ns][0-9]+)")re");
  static const std::regex kRankdir(R"re(^  rankdir="(..)";$)re");
  size_t start = 0;
  while (start < dot.size()) {
    size_t end = dot.find('\n', start);
    if (end == std::string::npos) end = dot.size();
    const std::string line = dot.substr(start, end - start);
    std::smatch m;
    if (std::regex_search(line, m, kEdge)) {
      p.edges.emplace(m[1], m[2]);
    } else if (std::regex_match(line, m, kNode)) {
      p.labels[m[1]] = Unescape(m[2]);
    } else if (std::regex_match(line, m, kRankdir)) {
      p.rankdir = m[1];
    }
    start = end + 1;
  }
  return p;
}

TEST(PictureTest, RandomSetsAreDrawnCompletelyAndOnlyOnce) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE(seed);
    std::mt19937_64 rng(seed);
    const uint32_t n = 1 + static_cast<uint32_t>(rng() % 150);
    const Graph g = RandomGraph(n, rng() % (3 * n + 1), seed % 3, seed);
    Bitmap set(n);
    for (NodeId v = 0; v < n; ++v) {
      if (rng() % 3 != 0) set.Set(v);
    }
    std::vector<uint32_t> state(n);
    const uint32_t bits[] = {0, 0, 0, kDotFailed, kDotProtected, kDotCollateral, kDotPending, kDotSeed};
    for (uint32_t& s : state) s = bits[rng() % 8];
    PictureOptions o;
    o.max_detailed = 1 + rng() % 60;
    o.state = [&](NodeId v) { return state[v]; };
    std::string out;
    const PictureStats stats = AppendPictureDot(g, set, o, &out);
    const ParsedDot p = Parse(out);
    EXPECT_EQ(stats.nodes, set.Count());
    EXPECT_EQ(stats.boxes, p.labels.size());
    EXPECT_EQ(PictureBoxes(g, set, o), p.labels.size());
    size_t alone = 0, merged = 0;
    std::set<std::string> alone_names;
    for (const auto& [id, label] : p.labels) {
      if (id[0] == 'n') {
        ++alone;
        const NodeId v = static_cast<NodeId>(std::stoul(id.substr(1)));
        ASSERT_TRUE(set.Test(v));
        EXPECT_EQ(label, g.name(v));
      } else {
        merged += std::stoul(label);  // "12 test nodes ..."
      }
    }
    EXPECT_EQ(alone + merged, set.Count());
    EXPECT_EQ(merged, stats.summarized);
    if (set.Count() <= o.max_detailed) {
      EXPECT_EQ(merged, 0u);
    }
    // Edges between nodes drawn alone are exactly the induced edges.
    for (NodeId u = 0; u < n; ++u) {
      for (NodeId v : g.out(u)) {
        const std::string a = "n" + std::to_string(u), b = "n" + std::to_string(v);
        if (set.Test(u) && set.Test(v) && p.labels.count(a) && p.labels.count(b)) {
          EXPECT_TRUE(p.edges.count({a, b})) << a << " -> " << b;
        }
      }
    }
    for (const auto& [a, b] : p.edges) {
      EXPECT_TRUE(p.labels.count(a) && p.labels.count(b));
      if (a[0] == 'n' && b[0] == 'n') {
        const NodeId u = static_cast<NodeId>(std::stoul(a.substr(1)));
        const NodeId v = static_cast<NodeId>(std::stoul(b.substr(1)));
        const auto out_u = g.out(u);
        EXPECT_NE(std::find(out_u.begin(), out_u.end(), v), out_u.end()) << a << " -> " << b;
      }
    }
    // Deterministic.
    std::string again;
    AppendPictureDot(g, set, o, &again);
    EXPECT_EQ(out, again);
  }
}

TEST(PictureTest, ChainsRunTopToBottomFansLeftToRight) {
  EdgeList chain, fan;
  for (NodeId i = 0; i + 1 < 20; ++i) chain.emplace_back(i, i + 1);
  for (NodeId i = 1; i < 20; ++i) fan.emplace_back(0, i);
  const Graph c = GraphFromEdges(20, chain), f = GraphFromEdges(20, fan);
  Bitmap all(20);
  for (NodeId v = 0; v < 20; ++v) all.Set(v);
  std::string out;
  EXPECT_TRUE(AppendPictureDot(c, all, {}, &out).top_to_bottom);
  EXPECT_EQ(Parse(out).rankdir, "TB");
  out.clear();
  EXPECT_FALSE(AppendPictureDot(f, all, {}, &out).top_to_bottom);
  EXPECT_EQ(Parse(out).rankdir, "LR");
}

// A failed root, 3 protected nodes and 60 plain sinks below it; with
// max_detailed 10 the root and the protected nodes stay alone, the sinks
// (more than 10) merge into one box, and the title says so.
TEST(PictureTest, FrontierAloneTheRestSummarised) {
  EdgeList e;
  for (NodeId i = 1; i <= 63; ++i) e.emplace_back(0, i);
  const Graph g = GraphFromEdges(64, e);
  Bitmap all(64);
  for (NodeId v = 0; v < 64; ++v) all.Set(v);
  PictureOptions o;
  o.title = "title";
  o.lines = {"line 2"};
  o.max_detailed = 10;
  o.state = [](NodeId v) { return v == 0 ? uint32_t{kDotFailed} : v <= 3 ? uint32_t{kDotProtected} : 0u; };
  std::string out;
  const PictureStats s = AppendPictureDot(g, all, o, &out);
  EXPECT_EQ(s.boxes, 5u);  // root, 3 protected, one summary
  EXPECT_EQ(s.summarized, 60u);
  const ParsedDot p = Parse(out);
  EXPECT_EQ(p.labels.at("s4"), "60 test sinks");
  EXPECT_TRUE(p.edges.count({"n0", "s4"}));
  EXPECT_NE(out.find("label=\"title\\nline 2\\nshowing 4 of 64 nodes one by one; 60 merged into "
                     "boxes by kind and state\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"failed / root failure\""), std::string::npos);
  EXPECT_NE(out.find("\"protected\""), std::string::npos);
  EXPECT_NE(out.find("N nodes merged by kind"), std::string::npos);
}

TEST(PictureTest, RanksGroupBoxes) {
  const Graph g = GraphFromEdges(3, {{0, 1}, {0, 2}});
  Bitmap all(3);
  for (NodeId v = 0; v < 3; ++v) all.Set(v);
  PictureOptions o;
  o.rank = [](NodeId v) { return v == 0 ? 1u : 2u; };
  std::string out;
  AppendPictureDot(g, all, o, &out);
  EXPECT_NE(out.find("{rank=\"same\"; \"n0\";}"), std::string::npos) << out;
  EXPECT_NE(out.find("{rank=\"same\"; \"n1\"; \"n2\";}"), std::string::npos) << out;
}

}  // namespace
}  // namespace etldag
