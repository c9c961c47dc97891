// The spark_ops.json loader on valid input: what the file says ends up in the
// graph (names, externals, kinds, edges with their sides), whatever the field
// order, extra fields, escapes and whitespace.
#include "engine/load/spark_ops.h"

#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/load/load_test_util.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::ParseJson;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using NamedEdges = std::set<std::pair<std::string, std::string>>;

NamedEdges EdgesByName(const Graph& g) {
  NamedEdges edges;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) edges.emplace(g.name(u), g.name(v));
  }
  return edges;
}

std::vector<std::string> Names(const Graph& g) {
  std::vector<std::string> names;
  for (NodeId v = 0; v < g.num_nodes(); ++v) names.emplace_back(g.name(v));
  return names;
}

std::string KindOf(const Graph& g, std::string_view name) {
  const std::optional<NodeId> v = g.Find(name);
  return v ? std::string(g.kind_name(g.kind(*v))) : "<missing>";
}

TEST(SparkOps, EmptyArrayIsAnEmptyGraph) {
  for (const char* json : {"[]", " [ ] \n", "\n[\n]\n"}) {
    ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(json));
    EXPECT_EQ(g.num_nodes(), 0u);
    EXPECT_EQ(g.num_edges(), 0u);
  }
}

//   a -> b -> c        (b.inputs = [a]; b.successors = [c]; c.inputs = [b])
TEST(SparkOps, InputsAndSuccessorsMakeEdges) {
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(R"([
    {"name": "a", "successors": ["b"]},
    {"name": "b", "inputs": ["a"], "successors": ["c"]},
    {"name": "c", "inputs": ["b"]}
  ])"));
  EXPECT_THAT(Names(g), ElementsAre("a", "b", "c"));
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"a", "b"}, {"b", "c"}}));
  EXPECT_EQ(g.num_externals(), 0u);
  EXPECT_THAT(g.disagreements(), IsEmpty());
  EXPECT_THAT(g.self_loops(), IsEmpty());
}

// Edges are the union of both sides; duplicates collapse; one-sided op->op
// edges are recorded as disagreements; self-loops are kept and recorded.
TEST(SparkOps, UnionDuplicatesDisagreementsSelfLoops) {
  LoadStats stats;
  const std::string json = R"([
    {"name": "a", "inputs": ["x", "x"], "successors": ["b", "b"]},
    {"name": "b", "inputs": ["a", "a"]},
    {"name": "c", "inputs": ["b"]},
    {"name": "d", "successors": ["c"], "inputs": ["d"]}
  ])";
  std::string padded = json + std::string(kFileBufferPadding, '\0');
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseSparkOps("t.json", std::string_view(padded.data(), json.size()), &stats));
  EXPECT_THAT(Names(g), ElementsAre("a", "b", "c", "d", "x"));
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"x", "a"}, {"a", "b"}, {"b", "c"}, {"d", "c"}, {"d", "d"}}));
  EXPECT_EQ(stats.ops, 4u);
  EXPECT_EQ(stats.raw_edges, 9u);
  EXPECT_EQ(stats.file_bytes, json.size());
  // x is external (referenced, never defined).
  EXPECT_EQ(g.num_externals(), 1u);
  EXPECT_TRUE(g.is_external(*g.Find("x")));
  EXPECT_EQ(KindOf(g, "x"), "external");
  // b -> c only in c.inputs; d -> c only in d.successors; d -> d only in inputs.
  std::set<std::tuple<std::string, std::string, EdgeSide>> dis;
  for (const Disagreement& d : g.disagreements()) dis.emplace(g.name(d.from), g.name(d.to), d.declared_by);
  EXPECT_EQ(dis, (std::set<std::tuple<std::string, std::string, EdgeSide>>{
                     {"b", "c", EdgeSide::kInputs}, {"d", "c", EdgeSide::kSuccessors}, {"d", "d", EdgeSide::kInputs}}));
  ASSERT_EQ(g.self_loops().size(), 1u);
  EXPECT_EQ(g.name(g.self_loops()[0]), "d");
}

TEST(SparkOps, FieldsInAnyOrderAndExtraFieldsOfAnyShape) {
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(R"([
    {"inputs": ["a"], "extra": {"deep": [1, -2.5e+3, true, false, null, {"k": ["v", {}]}], "s": "x\"y\\z"},
     "successors": null, "n": 0, "z": [], "name": "b"},
    {"path": "a.sql", "name": "a", "inputs": null, "owner": null, "tags": [[], [[]], {"": ""}]},
    {"name": "c", "inputs": [], "successors": [], "neg": -0, "e": 1E5, "f": 0.5e-1}
  ])"));
  EXPECT_THAT(Names(g), ElementsAre("a", "b", "c"));
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"a", "b"}}));
}

TEST(SparkOps, Kinds) {
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(R"([
    {"name": "dataset/a", "inputs": ["raw/x"]},
    {"name": "dataset/b", "kind": "model"},
    {"name": "dataset/c", "type": "contract", "kind": "model"},
    {"kind": "model", "name": "dataset/d", "type": "contract"},
    {"name": "dataset/e", "type": 5, "kind": "seed"},
    {"name": "dataset/f", "type": null},
    {"name": "dataset/g", "type": ""},
    {"name": "dataset/h", "kind": "p\u00f6licy"}
  ])"));
  EXPECT_EQ(KindOf(g, "dataset/a"), "dataset");  // derived from the name
  EXPECT_EQ(KindOf(g, "raw/x"), "external");
  EXPECT_EQ(KindOf(g, "dataset/b"), "model");
  EXPECT_EQ(KindOf(g, "dataset/c"), "contract");  // "type" wins over "kind"
  EXPECT_EQ(KindOf(g, "dataset/d"), "contract");  // whatever the order
  EXPECT_EQ(KindOf(g, "dataset/e"), "seed");      // a non-string type is ignored
  EXPECT_EQ(KindOf(g, "dataset/f"), "dataset");
  EXPECT_EQ(KindOf(g, "dataset/g"), "dataset");   // "" = derive
  EXPECT_EQ(KindOf(g, "dataset/h"), "p\xC3\xB6licy");
}

TEST(SparkOps, EscapedAndUnicodeNamesAreInternedUnescaped) {
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(R"([
    {"name": "a\"b", "inputs": ["\u00e9t\u00E9", "caf\u00e9/\ud83d\ude00"]},
    {"name": "\u00e9t\u00e9"},
    {"name": "b\\c\/d", "successors": ["a\"b"]},
    {"na\u006de": "escaped key", "inp\u0075ts": ["été"]},
    {"name": "日本語/データ", "inputs": ["café/😀"]}
  ])"));
  EXPECT_THAT(Names(g), ElementsAre("a\"b", "b\\c/d", "caf\xC3\xA9/\xF0\x9F\x98\x80", "escaped key",
                                    "\xC3\xA9t\xC3\xA9", "日本語/データ"));
  EXPECT_EQ(g.num_externals(), 1u);  // café/😀
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"\xC3\xA9t\xC3\xA9", "a\"b"},
                                        {"caf\xC3\xA9/\xF0\x9F\x98\x80", "a\"b"},
                                        {"b\\c/d", "a\"b"},
                                        {"\xC3\xA9t\xC3\xA9", "escaped key"},
                                        {"caf\xC3\xA9/\xF0\x9F\x98\x80", "日本語/データ"}}));
}

TEST(SparkOps, WhitespaceEverywhereAndCrlf) {
  ASSERT_OK_AND_ASSIGN(const Graph g,
                       ParseJson("\r\n\t[\r\n\t{ \"name\" :\t\"a\" ,\r\n \"inputs\"\n:\n[\n\"b\"\n,\"c\" ] } ]\r\n\t "));
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"b", "a"}, {"c", "a"}}));
}

TEST(SparkOps, NameMayFollowItsEdges) {
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(R"([
    {"inputs": ["b"], "successors": ["c"], "name": "a"},
    {"successors": ["a"], "name": "b"},
    {"name": "c", "inputs": ["a"]}
  ])"));
  EXPECT_EQ(EdgesByName(g), (NamedEdges{{"b", "a"}, {"a", "c"}}));
  EXPECT_THAT(g.disagreements(), IsEmpty());
}

// A 100,000-op chain: nothing in the loader is recursive over ops or edges.
TEST(SparkOps, LongChain) {
  constexpr int kN = 100000;
  std::string json = "[";
  for (int i = 0; i < kN; ++i) {
    json += i ? ",\n" : "\n";
    json += "{\"name\": \"n" + std::to_string(i) + "\"";
    if (i) json += ", \"inputs\": [\"n" + std::to_string(i - 1) + "\"]";
    json += "}";
  }
  json += "\n]";
  ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(json));
  EXPECT_EQ(g.num_nodes(), static_cast<uint32_t>(kN));
  EXPECT_EQ(g.num_edges(), static_cast<uint64_t>(kN - 1));
  EXPECT_EQ(g.out_degree(*g.Find("n0")), 1u);
  EXPECT_EQ(g.name(g.out(*g.Find("n41"))[0]), "n42");
}

}  // namespace
}  // namespace etldag
