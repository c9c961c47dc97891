#include <string>

#include "engine/graph/graph_builder.h"
#include "engine/output/dot_writer.h"
#include "engine/output/names_writer.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

//   a -> b -> c
//   a -> c,  d isolated
[[nodiscard]] absl::StatusOr<Graph> Diamond() {
  return BuildGraph({{"a", ""}, {"b", ""}, {"c", ""}, {"d", ""}},
                    {{"a", "b"}, {"b", "c"}, {"a", "c"}});
}

TEST(DotQuoteTest, Escapes) {
  EXPECT_EQ(DotQuote("plain/x"), "\"plain/x\"");
  EXPECT_EQ(DotQuote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

TEST(DotWriterTest, RendersInInsertionOrder) {
  DotWriter w("g");
  w.AddGraphAttr("rankdir", "LR");
  w.AddNodeDefault("shape", "box");
  w.AddEdgeDefault("color", "gray");
  w.AddNode("x", {{"style", "filled"}, {"fillcolor", "#fff"}});
  w.AddNode("y");
  w.AddEdge("x", "y", {{"label", "1"}});
  std::string out;
  w.Render(&out);
  EXPECT_EQ(out,
            "digraph \"g\" {\n"
            "  rankdir=\"LR\";\n"
            "  node [shape=\"box\"];\n"
            "  edge [color=\"gray\"];\n"
            "  \"x\" [style=\"filled\", fillcolor=\"#fff\"];\n"
            "  \"y\";\n"
            "  \"x\" -> \"y\" [label=\"1\"];\n"
            "}\n");
}

TEST(DotWriterTest, HighlightAttrs) {
  EXPECT_TRUE(DotHighlightAttrs(0).empty());
  const DotAttrs failed_protected = DotHighlightAttrs(kDotFailed | kDotProtected | kDotSeed);
  EXPECT_EQ(failed_protected,
            (DotAttrs{{"style", "filled,bold"}, {"fillcolor", "#f4cccc"}, {"color", "#cc0000"},
                      {"shape", "doubleoctagon"}}));
  EXPECT_EQ(DotHighlightAttrs(kDotExternal), (DotAttrs{{"style", "dashed"}}));
}

TEST(DotWriterTest, InducedSubgraphKeepsOnlyInternalEdges) {
  ASSERT_OK_AND_ASSIGN(Graph g, Diamond());
  Bitmap set(g.num_nodes());
  set.Set(*g.Find("a"));
  set.Set(*g.Find("c"));
  set.Set(*g.Find("d"));
  std::string out;
  AppendInducedSubgraphDot(
      g, set, [&](NodeId v) { return g.name(v) == "a" ? uint32_t{kDotSeed} : 0u; }, &out);
  EXPECT_EQ(out,
            "digraph \"etldag\" {\n"
            "  rankdir=\"TB\";\n"
            "  fontname=\"Helvetica\";\n"
            "  node [shape=\"box\", fontname=\"Helvetica\"];\n"
            "  \"n0\" [style=\"filled\", fillcolor=\"#cfe2f3\", label=\"a\"];\n"
            "  \"n2\" [label=\"c\"];\n"
            "  \"n3\" [label=\"d\"];\n"
            "  \"n0\" -> \"n2\";\n"
            "  subgraph \"cluster_legend\" {\n"
            "    label=\"legend\";\n"
            "    fontname=\"Helvetica\";\n"
            "    \"legend0\" [style=\"filled\", fillcolor=\"#cfe2f3\", label=\"selected\"];\n"
            "  }\n"
            "}\n");
}

TEST(NamesWriterTest, SortedFromBitmapAndOrderedFromSpan) {
  ASSERT_OK_AND_ASSIGN(Graph g, Diamond());
  Bitmap set(g.num_nodes());
  set.Set(*g.Find("d"));
  set.Set(*g.Find("b"));
  std::string out;
  AppendNames(g, set, &out);
  EXPECT_EQ(out, "b\nd\n");
  out.clear();
  const NodeId path[] = {*g.Find("c"), *g.Find("a")};
  AppendNames(g, path, &out);
  EXPECT_EQ(out, "c\na\n");
  out.clear();
  AppendNames(g, Bitmap(g.num_nodes()), &out);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace etldag
