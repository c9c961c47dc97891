// The manifest reader (engine/load/dbt_manifest.h): nodes, edges and
// attributes of a small manifest; one test per error class (code, line:col,
// message); schema versions; gzip (plain, truncated, bomb); attributes
// through a snapshot.
#include <zlib.h>

#include <filesystem>
#include <string>

#include "engine/graph/snapshot.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/load/gzip.h"
#include "engine/load/load_graph.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Code = absl::StatusCode;

[[nodiscard]] absl::StatusOr<Graph> Parse(const std::string& json, LoadStats* stats = nullptr) {
  const FileBuffer buf = FileBuffer::FromString(json, "m.json");
  return ParseDbtManifest("m.json", buf.data(), stats);
}

std::string Manifest(const std::string& nodes, const std::string& extra = "", int version = 12) {
  return R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v)" +
         std::to_string(version) + R"(.json", "project_name": "shop"},
  "nodes": {)" + nodes + "}" + extra + "}";
}

const std::string kModelA = R"("model.shop.a": {"resource_type": "model", "name": "a", "package_name": "shop",
   "fqn": ["shop", "staging", "a"], "tags": ["nightly", "pii"], "original_file_path": "models/staging/a.sql",
   "config": {"materialized": "view", "enabled": true, "schema": "stg", "access": "protected"},
   "access": "public", "checksum": {"name": "sha256", "checksum": "abc"},
   "depends_on": {"macros": ["macro.x"], "nodes": ["source.shop.raw.orders"]}, "columns": {"id": {"x": [1, 2.5, null]}}})";
const std::string kTest = R"("test.shop.not_null_a_id.1234": {"resource_type": "test", "name": "not_null_a_id",
   "test_metadata": {"name": "not_null", "kwargs": {}}, "config": {"severity": "ERROR"},
   "depends_on": {"nodes": ["model.shop.a"]}})";
const std::string kSources = R"(, "sources": {"source.shop.raw.orders": {"resource_type": "source", "name": "orders",
   "source_name": "raw", "package_name": "shop", "fqn": ["shop", "raw", "orders"]}},
   "exposures": {"exposure.shop.dash": {"name": "dash", "owner": {"name": null, "email": "a@b.c"},
   "depends_on": {"nodes": ["model.shop.a"]}}})";

TEST(ManifestLoaderTest, NodesEdgesAndAttributes) {
  absl::StatusOr<Graph> g = Parse(Manifest(kModelA + "," + kTest, kSources));
  ASSERT_THAT(g.status(), IsOk());
  ASSERT_EQ(g->num_nodes(), 4u);
  EXPECT_EQ(g->num_externals(), 0u);
  EXPECT_EQ(g->num_edges(), 3u);
  ASSERT_TRUE(g->has_attributes());
  const NodeId a = *g->Find("model.shop.a");
  EXPECT_EQ(g->kind_name(g->kind(a)), "model");
  EXPECT_EQ(g->attr(a, AttrField::kShortName), "a");
  EXPECT_EQ(g->attr(a, AttrField::kMaterialized), "view");
  EXPECT_EQ(g->attr(a, AttrField::kEnabled), "true");
  EXPECT_EQ(g->attr(a, AttrField::kSchema), "stg");
  EXPECT_EQ(g->attr(a, AttrField::kAccess), "public");  // the node's access wins over config's
  EXPECT_EQ(g->attr(a, AttrField::kChecksum), "abc");
  EXPECT_EQ(g->attr(a, AttrField::kOriginalFilePath), "models/staging/a.sql");
  ASSERT_EQ(g->tags(a).size(), 2u);
  EXPECT_EQ(g->attr_string(g->tags(a)[1]), "pii");
  ASSERT_EQ(g->fqn(a).size(), 3u);
  EXPECT_EQ(g->attr_string(g->fqn(a)[1]), "staging");
  const NodeId t = *g->Find("test.shop.not_null_a_id.1234");
  EXPECT_EQ(g->attr(t, AttrField::kTestType), "generic");
  EXPECT_EQ(g->attr(t, AttrField::kTestName), "not_null");
  EXPECT_EQ(g->attr(t, AttrField::kSeverity), "ERROR");
  const NodeId e = *g->Find("exposure.shop.dash");
  EXPECT_EQ(g->attr(e, AttrField::kResourceType), "exposure");  // defaulted from the section
  EXPECT_EQ(g->attr(e, AttrField::kOwner), "a@b.c");
  const NodeId s = *g->Find("source.shop.raw.orders");
  EXPECT_EQ(g->attr(s, AttrField::kSourceName), "raw");
  EXPECT_THAT(g->out(s), ::testing::ElementsAre(a));
  EXPECT_EQ(g->graph_attr(GraphAttr::kProjectName), "shop");
  EXPECT_EQ(g->graph_attr(GraphAttr::kSchemaVersion), "v12");
}

TEST(ManifestLoaderTest, MapsThatDisagreeWithDependsOnAreDisagreements) {
  // depends_on: orders -> a; the maps: a -> t (child_map) and orders -> a.
  const std::string maps = R"(, "parent_map": {"model.shop.a": ["source.shop.raw.orders"]},
      "child_map": {"model.shop.a": ["test.shop.t"], "source.shop.raw.orders": ["model.shop.a"]})";
  absl::StatusOr<Graph> g = Parse(Manifest(kModelA + R"(, "test.shop.t": {"resource_type": "test"})", maps));
  ASSERT_THAT(g.status(), IsOk());
  ASSERT_EQ(g->disagreements().size(), 1u);
  EXPECT_EQ(g->name(g->disagreements()[0].from), "model.shop.a");
  EXPECT_EQ(g->name(g->disagreements()[0].to), "test.shop.t");
  EXPECT_EQ(g->disagreements()[0].declared_by, EdgeSide::kSuccessors);
  EXPECT_EQ(g->num_externals(), 1u);  // the source is only referenced
}

// Found by fuzz_dbt_manifest: an escaped unique_id key was unescaped before
// its position was taken (simdjson's field::key() after unescaped_key() is
// undefined), so errors naming such a node pointed nowhere.
TEST(ManifestLoaderTest, EscapedKeysKeepTheirPosition) {
  absl::StatusOr<Graph> g = Parse(Manifest(R"("model.\u0061": {"resource_type": "model", "tags": ["x"]})"));
  ASSERT_THAT(g.status(), IsOk());
  EXPECT_TRUE(g->Find("model.a").has_value());
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model"}, "model.\u0061": {"resource_type": "model"})")).status(),
              StatusIs(Code::kInvalidArgument,
                       HasSubstr("m.json:2:52: error: duplicate unique_id \"model.a\" (first defined at 2:13)")));
  EXPECT_THAT(Parse(Manifest(R"("model.\u0061": {"resource_type": "model", "unique_id": "model.b"})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("\"unique_id\" is \"model.b\", not its key")));
}

TEST(ManifestLoaderTest, ErrorsAreLocated) {
  EXPECT_THAT(Parse(R"({"nodes": {}})").status(),
              StatusIs(Code::kInvalidArgument, AllOf(StartsWith("m.json:1:1: error: a JSON object but not a dbt manifest"))));
  EXPECT_THAT(Parse(R"({"metadata": {"x": 1}, "nodes": {}})").status(),
              StatusIs(Code::kInvalidArgument, StartsWith("m.json:1:14: error: a JSON object but not a dbt manifest")));
  EXPECT_THAT(Parse(R"({"metadata": {"dbt_schema_version": 12}, "nodes": {}})").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("1:37: error: \"metadata.dbt_schema_version\" must be a string, found a number")));
  EXPECT_THAT(Parse(R"({"metadata": {"dbt_schema_version": "v12"}, "nodes": {}})").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("unrecognised dbt_schema_version \"v12\"")));
  EXPECT_THAT(Parse(Manifest("", "", 3)).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("manifest schema v3 is too old: etldag reads v4 to v12")));
  EXPECT_THAT(Parse(R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}})").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("the manifest has no \"nodes\" object")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"name": "a"})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("2:24: error: node \"model.a\" has no \"resource_type\"")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "depends_on": {"nodes": "model.b"}})")).status(),
              StatusIs(Code::kInvalidArgument,
                       HasSubstr("2:75: error: node \"model.a\": \"depends_on.nodes\" must be an array of strings, found a string")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "depends_on": {"nodes": [1]}})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("must be a string, found a number")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "tags": [true]})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("\"tags\" must be a string, found a boolean")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "config": {"enabled": "yes"}})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("\"config.enabled\" must be true or false, found a string")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": [])")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("node \"model.a\" must be an object, found an array")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model"})", R"(, "sources": {"model.a": {}})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("duplicate unique_id \"model.a\" (first defined at 2:13)")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "unique_id": "model.b"})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("\"unique_id\" is \"model.b\", not its key")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "x": tru})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("2:56: error: invalid literal")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model"})") + "x").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("error:")));
  EXPECT_THAT(Parse(R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {)").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("m.json:1:")));
}

// A control character can only reach an id escaped (a raw one is a JSON
// syntax error): in a key, a depends_on element, a map key and element.
TEST(ManifestLoaderTest, EscapedControlCharactersInIdsAreRefused) {
  EXPECT_THAT(Parse(Manifest(R"("model.a\u0001": {"resource_type": "model"})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("2:13: error: a node's unique_id contains a control character")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model", "depends_on": {"nodes": ["model.b\n"]}})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("an element of node \"model.a\": \"depends_on.nodes\" contains a control character")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model"})", R"(, "parent_map": {"model.a": ["x\t"]})")).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("an element of \"parent_map\" of \"model.a\" contains a control character")));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"resource_type": "model"})", R"(, "child_map": {"model.a": []})")).status(),
              IsOk());
  // Escaped, but no control character: loaded under the unescaped name.
  ASSERT_OK_AND_ASSIGN(const Graph g, Parse(Manifest(R"("model.\u0061": {"resource_type": "model"})")));
  EXPECT_TRUE(g.Find("model.a").has_value());
}

TEST(ManifestLoaderTest, SchemaVersions) {
  for (int v = kOldestManifestVersion; v <= kNewestManifestVersion; ++v) {
    LoadStats stats;
    EXPECT_THAT(Parse(Manifest(kModelA, "", v), &stats).status(), IsOk()) << v;
    EXPECT_TRUE(stats.notes.empty());
  }
  LoadStats stats;
  ASSERT_THAT(Parse(Manifest(kModelA, "", 13), &stats).status(), IsOk());
  ASSERT_EQ(stats.notes.size(), 1u);
  EXPECT_THAT(stats.notes[0], HasSubstr("manifest schema v13 is newer than v12"));
  EXPECT_THAT(Parse(Manifest(R"("model.a": {"name": "a"})", "", 13)).status(),
              StatusIs(Code::kInvalidArgument,
                       AllOf(HasSubstr("has no \"resource_type\""), HasSubstr("manifest schema v13 is newer than v12"))));
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(GzipTest, InflatesTruncatedAndBombs) {
  const std::string json = Manifest(kModelA);
  const std::string gz = Gzip(json);
  ASSERT_TRUE(LooksLikeGzip(gz));
  absl::StatusOr<FileBuffer> plain = InflateGzip("m.json.gz", gz);
  ASSERT_THAT(plain.status(), IsOk());
  EXPECT_EQ(plain->data(), json);
  absl::StatusOr<FileBuffer> two = InflateGzip("m.json.gz", gz + gz);  // concatenated members
  ASSERT_THAT(two.status(), IsOk());
  EXPECT_EQ(two->data(), json + json);
  EXPECT_THAT(InflateGzip("m.json.gz", gz.substr(0, gz.size() / 2)).status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("m.json.gz: error: truncated gzip data")));
  std::string bad = gz;
  bad[12] ^= 0x55;
  EXPECT_THAT(InflateGzip("m.json.gz", bad).status(), StatusIs(Code::kInvalidArgument, HasSubstr("gzip data")));
  const std::string bomb = Gzip(std::string(1 << 20, ' '));
  EXPECT_THAT(InflateGzip("b.gz", bomb, 100000).status(),
              StatusIs(Code::kResourceExhausted, HasSubstr("b.gz: error: gzip data inflates past 100000 bytes")));
  EXPECT_EQ(DefaultGzipLimit(1000), uint64_t{16} << 20);
  EXPECT_EQ(DefaultGzipLimit(uint64_t{10} << 20), uint64_t{640} << 20);
}

TEST(GzipTest, LoadGraphReadsGzipAndSnapshotsKeepAttributes) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("etldag_dbt_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string gz = Gzip(Manifest(kModelA + "," + kTest, kSources));
  const std::string path = (dir / "m.json.gz").string();
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(gz.data(), 1, gz.size(), f);
  std::fclose(f);
  LoadStats stats;
  absl::StatusOr<Graph> g = LoadGraph(path, &stats);
  ASSERT_THAT(g.status(), IsOk());
  EXPECT_EQ(stats.file_bytes, gz.size());
  const std::string snap = (dir / "m.etldag").string();
  ASSERT_THAT(WriteSnapshot(*g, snap), IsOk());
  absl::StatusOr<Graph> s = LoadGraph(snap);
  ASSERT_THAT(s.status(), IsOk());
  ASSERT_TRUE(s->has_attributes());
  ASSERT_EQ(s->num_nodes(), g->num_nodes());
  for (NodeId v = 0; v < g->num_nodes(); ++v) {
    EXPECT_EQ(s->name(v), g->name(v));
    for (size_t f2 = 0; f2 < kNumAttrFields; ++f2) {
      EXPECT_EQ(s->attr(v, static_cast<AttrField>(f2)), g->attr(v, static_cast<AttrField>(f2)));
    }
    ASSERT_EQ(s->tags(v).size(), g->tags(v).size());
    ASSERT_EQ(s->fqn(v).size(), g->fqn(v).size());
  }
  EXPECT_EQ(s->graph_attr(GraphAttr::kProjectName), "shop");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace etldag
