// Hostile manifests (tests/dbt/hostile/, the files listed in docs/dbt.md
// "Hostile input"): every file loads through LoadGraph with the documented
// outcome (status code = exit code 3 for a bad input, the message naming the
// place), and the generated ones too big to commit: 100,000 tags on one
// node, 100,000 nodes in one depends_on, a long depends_on chain closed into
// a cycle (which loads: `validate` reports it and the DAG commands exit 4,
// tests/golden/dbt_hostile_*).
#include <filesystem>
#include <string>
#include <vector>

#include "engine/algo/cycles.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/load/load_graph.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

std::string Hostile(const std::string& file) {
  return std::string(ETLDAG_SOURCE_DIR_PATH) + "/tests/dbt/hostile/" + file;
}

struct BadFile {
  const char* file;
  Code code;
  const char* message;  // a substring of the error
};

const BadFile kBadFiles[] = {
    {"bomb.json.gz", Code::kResourceExhausted,
     "error: gzip data inflates past 16777216 bytes (the limit for a 20422-byte file"},
    {"truncated.json.gz", Code::kInvalidArgument, "error: truncated gzip data (400 bytes)"},
    {"depends_on_string.json", Code::kInvalidArgument,
     ":3:57: error: node \"model.p.a\": \"depends_on\" must be an object, found a string"},
    {"depends_on_nodes_object.json", Code::kInvalidArgument,
     ":3:67: error: node \"model.p.a\": \"depends_on.nodes\" must be an array of strings, found an object"},
    {"depends_on_number.json", Code::kInvalidArgument, ":3:81: error: an element of node \"model.p.a\": "
                                                       "\"depends_on.nodes\" must be a string, found a number"},
    {"depends_on_null_element.json", Code::kInvalidArgument, ":3:68: error: an element of node \"model.p.a\": "
                                                             "\"depends_on.nodes\" must be a string, found null"},
    {"depends_on_nested.json", Code::kInvalidArgument, ":3:68: error: an element of node \"model.p.a\": "
                                                       "\"depends_on.nodes\" must be a string, found an array"},
    {"depends_on_empty_id.json", Code::kInvalidArgument,
     ":3:68: error: an element of node \"model.p.a\": \"depends_on.nodes\" is empty"},
    {"parent_map_string.json", Code::kInvalidArgument,
     ":5:30: error: \"parent_map\" of \"model.p.a\" must be an array of strings, found a string"},
    {"resource_type_number.json", Code::kInvalidArgument,
     ":3:34: error: node \"model.p.a\": \"resource_type\" must be a string, found a number"},
};

TEST(HostileManifestTest, BadFilesFailWithTheirDocumentedError) {
  for (const BadFile& f : kBadFiles) {
    EXPECT_THAT(LoadGraph(Hostile(f.file)).status(), StatusIs(f.code, HasSubstr(f.message))) << f.file;
  }
}

TEST(HostileManifestTest, UnknownResourceTypeIsItsOwnKind) {
  absl::StatusOr<Graph> g = LoadGraph(Hostile("unknown_resource_type.json"));
  ASSERT_THAT(g.status(), IsOk());
  const NodeId f = *g->Find("frobnicator.p.f");
  EXPECT_EQ(g->kind_name(g->kind(f)), "frobnicator");
  EXPECT_EQ(g->attr(f, AttrField::kResourceType), "frobnicator");
  absl::StatusOr<Selection> sel = Select(*g, {"+frobnicator.p.f"});
  ASSERT_THAT(sel.status(), IsOk());
  EXPECT_EQ(sel->count, 2u);
  // resource_type: takes dbt's own types only: a usage error naming them.
  EXPECT_THAT(Select(*g, {"resource_type:frobnicator"}).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("not a dbt resource type")));
}

TEST(HostileManifestTest, CyclesLoadAndAreFound) {
  absl::StatusOr<Graph> g = LoadGraph(Hostile("cycle.json"));
  ASSERT_THAT(g.status(), IsOk());
  const std::vector<Cycle> cycles = FindCycles(*g);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(FormatCyclePath(*g, cycles[0]), "model.p.a -> model.p.b -> model.p.c -> model.p.a");
  absl::StatusOr<Graph> loop = LoadGraph(Hostile("self_loop.json"));
  ASSERT_THAT(loop.status(), IsOk());
  EXPECT_EQ(loop->self_loops().size(), 1u);
}

std::string Manifest(const std::string& nodes) {
  return R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {)" +
         nodes + "}}";
}

[[nodiscard]] absl::StatusOr<Graph> Parse(const std::string& json) {
  const FileBuffer buf = FileBuffer::FromString(json, "big.json");
  return ParseDbtManifest("big.json", buf.data());
}

TEST(HostileManifestTest, HundredThousandTagsOnOneNode) {
  constexpr int kTags = 100000;
  std::string tags;
  for (int i = 0; i < kTags; ++i) tags += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  absl::StatusOr<Graph> g = Parse(Manifest(R"("model.p.a": {"resource_type": "model", "tags": [)" + tags +
                                           R"(]}, "model.p.b": {"resource_type": "model", "tags": ["t7", "t7"],
                                           "depends_on": {"nodes": ["model.p.a"]}})"));
  ASSERT_THAT(g.status(), IsOk());
  const NodeId a = *g->Find("model.p.a"), b = *g->Find("model.p.b");
  ASSERT_EQ(g->tags(a).size(), size_t{kTags});
  EXPECT_EQ(g->attr_string(g->tags(a)[kTags - 1]), "t99999");
  EXPECT_EQ(g->tags(b)[0], g->tags(a)[7]);  // interned once
  absl::StatusOr<Selection> sel = Select(*g, {"tag:t99999+"});
  ASSERT_THAT(sel.status(), IsOk());
  EXPECT_EQ(sel->count, 2u);
  sel = Select(*g, {"tag:t7,tag:t99998"});
  ASSERT_THAT(sel.status(), IsOk());
  EXPECT_EQ(sel->count, 1u);
}

TEST(HostileManifestTest, HundredThousandParentsAndALongCycle) {
  constexpr int kNodes = 100000;
  std::string nodes, parents;
  for (int i = 0; i < kNodes; ++i) {
    const std::string id = "model.p.m" + std::to_string(i);
    const std::string prev = "model.p.m" + std::to_string((i + kNodes - 1) % kNodes);  // m0 reads m99999
    nodes += "\"" + id + R"(": {"resource_type": "model", "depends_on": {"nodes": [")" + prev + "\"]}},";
    parents += (i ? ",\"" : "\"") + id + "\"";
  }
  nodes += R"("exposure.p.all": {"resource_type": "exposure", "depends_on": {"nodes": [)" + parents + "]}}";
  absl::StatusOr<Graph> g = Parse(Manifest(nodes));
  ASSERT_THAT(g.status(), IsOk());
  EXPECT_EQ(g->num_nodes(), size_t{kNodes + 1});
  EXPECT_EQ(g->in(*g->Find("exposure.p.all")).size(), size_t{kNodes});
  const std::vector<Cycle> cycles = FindCycles(*g);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].component.size(), size_t{kNodes});
}

}  // namespace
}  // namespace etldag
