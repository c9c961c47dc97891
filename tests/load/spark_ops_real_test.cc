// The loader on the real dependency graphs of /work/shared/data/real (see its
// README for their origin). Expected counts were computed independently with
// Python's json module and jq: nodes = ops + externals (names referenced but
// not defined); edges = distinct (u, v) pairs. The README's edge counts
// (gitlab 3,998, debian 264,762) leave out the edges from externals (5 and 77).
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::testing::IsEmpty;

// Path of a real data file, or "" when the data is not there.
std::string RealFile(const std::string& name) {
  std::vector<std::string> dirs = {"/work/shared/data/real"};
  if (const char* src = std::getenv("ETLDAG_SOURCE_DIR")) {
    dirs.insert(dirs.begin(), std::string(src) + "/../shared/data/real");
  }
  for (const std::string& dir : dirs) {
    const std::string path = dir + "/" + name;
    if (std::filesystem::exists(path)) return path;
  }
  return "";
}

struct Expected {
  uint32_t nodes, externals;
  uint64_t edges, raw_edges;
  std::map<std::string, uint32_t> kinds;
};

void CheckFile(const std::string& name, const Expected& want) {
  const std::string path = RealFile(name);
  if (path.empty()) GTEST_SKIP() << name << " not found";
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(const Graph g, LoadSparkOpsFile(path, &stats));
  EXPECT_EQ(g.num_nodes(), want.nodes);
  EXPECT_EQ(g.num_externals(), want.externals);
  EXPECT_EQ(g.num_ops(), want.nodes - want.externals);
  EXPECT_EQ(g.num_edges(), want.edges);
  EXPECT_EQ(stats.ops, want.nodes - want.externals);
  EXPECT_EQ(stats.raw_edges, want.raw_edges);
  EXPECT_EQ(stats.file_bytes, std::filesystem::file_size(path));
  EXPECT_GT(stats.read_seconds + stats.parse_seconds + stats.build_seconds, 0.0);
  EXPECT_THAT(g.disagreements(), IsEmpty());  // the README: the sides agree
  EXPECT_THAT(g.self_loops(), IsEmpty());
  std::map<std::string, uint32_t> kinds;
  for (NodeId v = 0; v < g.num_nodes(); ++v) ++kinds[std::string(g.kind_name(g.kind(v)))];
  EXPECT_EQ(kinds, want.kinds);
}

TEST(SparkOpsReal, GitlabAnalytics) {
  CheckFile("gitlab_analytics.spark_ops.json",
            {4125, 4, 4003, 8001, {{"model", 2894}, {"seed", 33}, {"snapshot", 101}, {"source", 1093}, {"external", 4}}});
  const std::string path = RealFile("gitlab_analytics.spark_ops.json");
  if (path.empty()) return;
  ASSERT_OK_AND_ASSIGN(const Graph g, LoadSparkOpsFile(path));
  for (const char* ext : {"model/gitlab_snowflake.snowplow_base_events", "model/gitlab_snowflake.snowplow_id_map",
                          "model/gitlab_snowflake.snowplow_page_views",
                          "model/gitlab_snowflake.snowplow_web_page_context"}) {
    ASSERT_TRUE(g.Find(ext).has_value()) << ext;
    EXPECT_TRUE(g.is_external(*g.Find(ext))) << ext;
  }
  // The first op of the file reads two models.
  const NodeId v = *g.Find("model/gitlab_snowflake.bdg_crm_opportunity_contact_role");
  ASSERT_EQ(g.in_degree(v), 2u);
  EXPECT_EQ(g.name(g.in(v)[0]), "model/gitlab_snowflake.prep_crm_person");
  EXPECT_EQ(g.name(g.in(v)[1]), "model/gitlab_snowflake.sfdc_opportunity_contact_role_source");
}

TEST(SparkOpsReal, Tuva) {
  CheckFile("tuva.spark_ops.json", {384, 0, 753, 1506, {{"model", 307}, {"seed", 77}}});
  const std::string path = RealFile("tuva.spark_ops.json");
  if (path.empty()) return;
  ASSERT_OK_AND_ASSIGN(const Graph g, LoadSparkOpsFile(path));
  EXPECT_EQ(g.in_degree(*g.Find("model/the_tuva_project.normalized_input__medical_claim")), 17u);
}

TEST(SparkOpsReal, DebianBookworm) {
  CheckFile("debian_bookworm_amd64.spark_ops.json", {63711, 45, 264839, 529601, {{"package", 63666}, {"external", 45}}});
  const std::string path = RealFile("debian_bookworm_amd64.spark_ops.json");
  if (path.empty()) return;
  ASSERT_OK_AND_ASSIGN(const Graph g, LoadSparkOpsFile(path));
  EXPECT_EQ(g.out_degree(*g.Find("libc6")), 21839u);  // libc6 is read by 21,839 packages
  EXPECT_TRUE(g.Find("libstdc++6").has_value());
}

}  // namespace
}  // namespace etldag
