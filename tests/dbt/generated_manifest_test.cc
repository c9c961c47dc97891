// `etldag generate --format manifest` (tools/gen/manifest_gen.h): the
// generated manifest loads, is a DAG whose parent_map/child_map agree with
// depends_on, has every resource type, tags (with "x"), packages and
// checksums, is the same bytes for the same seed, and the node count is what
// the summary says.
#include <set>
#include <string>

#include "engine/algo/cycles.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tools/gen/manifest_gen.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;

TEST(GeneratedManifestTest, LoadsAsAConsistentDbtProject) {
  for (const uint64_t seed : {1u, 7u, 42u}) {
    GenOptions opts;
    opts.num_ops = 3000;
    opts.seed = seed;
    ManifestGenSummary summary;
    absl::StatusOr<std::string> text = GenerateManifestString(opts, &summary);
    ASSERT_THAT(text.status(), IsOk());
    EXPECT_EQ(*GenerateManifestString(opts), *text);
    const FileBuffer buf = FileBuffer::FromString(*text, "gen.json");
    absl::StatusOr<Graph> g = ParseDbtManifest("gen.json", buf.data());
    ASSERT_THAT(g.status(), IsOk());
    EXPECT_EQ(g->num_nodes(), summary.num_nodes);
    EXPECT_EQ(g->num_edges(), summary.num_edges);
    EXPECT_EQ(g->num_externals(), 0u);
    EXPECT_TRUE(g->disagreements().empty());  // the maps agree with depends_on
    EXPECT_TRUE(FindCycles(*g).empty());
    EXPECT_TRUE(g->self_loops().empty());
    std::set<std::string> types, packages;
    for (NodeId v = 0; v < g->num_nodes(); ++v) {
      types.emplace(g->attr(v, AttrField::kResourceType));
      packages.emplace(g->attr(v, AttrField::kPackageName));
      const std::string_view type = g->attr(v, AttrField::kResourceType);
      if (type != "source" && type != "exposure") {
        EXPECT_EQ(g->attr(v, AttrField::kChecksum).size(), 64u);
      }
    }
    EXPECT_EQ(types, (std::set<std::string>{"exposure", "model", "seed", "source", "test"})) << seed;
    EXPECT_EQ(packages.size(), 3u);
    absl::StatusOr<Selection> x = Select(*g, {"tag:x+"});
    ASSERT_THAT(x.status(), IsOk());
    EXPECT_GT(x->count, 10u) << seed;
  }
}

TEST(GeneratedManifestTest, RefusesDefects) {
  GenOptions opts;
  opts.cycle = true;
  EXPECT_FALSE(GenerateManifestString(opts).ok());
}

}  // namespace
}  // namespace etldag
