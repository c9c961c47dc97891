// LoadGraph: snapshot or JSON by magic bytes, from files, stdin and pipes.
#include "engine/load/load_graph.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "engine/graph/snapshot.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/snapshot_test_util.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kJson = R"([
  {"name": "dataset/b", "inputs": ["dataset/a", "raw/x"], "type": "dataset"},
  {"name": "dataset/a", "successors": ["model/m"]},
  {"name": "model/m", "inputs": ["dataset/a"], "successors": ["policy/p"]}
])";

std::vector<std::string> EdgeNames(const Graph& g) {
  std::vector<std::string> out;
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    for (NodeId v : g.out(u)) out.push_back(std::string(g.name(u)) + " -> " + std::string(g.name(v)));
  }
  return out;
}

// Runs LoadGraph("-") with `path` as stdin.
[[nodiscard]] absl::StatusOr<Graph> LoadWithStdin(const std::string& path, LoadStats* stats) {
  const int saved = ::dup(0);
  const int fd = ::open(path.c_str(), O_RDONLY);
  ::dup2(fd, 0);
  ::close(fd);
  absl::StatusOr<Graph> g = LoadGraph("-", stats);
  ::dup2(saved, 0);
  ::close(saved);
  return g;
}

class LoadGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json_ = dir_.Path("ops.json");
    snap_ = dir_.Path("ops.etldag");
    WriteFileBytes(json_, std::string(kJson));
    ASSERT_OK_AND_ASSIGN(Graph g, LoadGraph(json_));
    expected_ = EdgeNames(g);
    ASSERT_THAT(WriteSnapshot(g, snap_), IsOk());
  }
  TempDir dir_;
  std::string json_, snap_;
  std::vector<std::string> expected_;
};

TEST_F(LoadGraphTest, JsonAndSnapshotGiveTheSameGraph) {
  EXPECT_THAT(expected_, ::testing::ElementsAre("dataset/a -> dataset/b", "dataset/a -> model/m",
                                                "model/m -> policy/p", "raw/x -> dataset/b"));
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(Graph g, LoadGraph(snap_, &stats));
  EXPECT_EQ(EdgeNames(g), expected_);
  EXPECT_EQ(stats.ops, 3u);
  EXPECT_EQ(stats.raw_edges, 4u);
  EXPECT_EQ(stats.file_bytes, ReadFileBytes(snap_).size());
  EXPECT_EQ(g.kind_name(g.kind(*g.Find("dataset/b"))), "dataset");
}

TEST_F(LoadGraphTest, StdinEitherWay) {
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(Graph from_json, LoadWithStdin(json_, &stats));
  EXPECT_EQ(EdgeNames(from_json), expected_);
  EXPECT_EQ(stats.ops, 3u);
  ASSERT_OK_AND_ASSIGN(Graph from_snap, LoadWithStdin(snap_, &stats));
  EXPECT_EQ(EdgeNames(from_snap), expected_);
  EXPECT_EQ(stats.file_bytes, ReadFileBytes(snap_).size());
  WriteFileBytes(dir_.Path("cut"), ReadFileBytes(snap_).substr(0, 300));
  EXPECT_THAT(LoadWithStdin(dir_.Path("cut"), nullptr),
              StatusIs(absl::StatusCode::kDataLoss, StartsWith("<stdin>: error: truncated snapshot")));
}

TEST_F(LoadGraphTest, PipeIsReadOnceThenSniffed) {
  for (const std::string& path : {snap_, json_}) {
    const std::string bytes = ReadFileBytes(path);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::thread writer([&] {
      (void)!::write(fds[1], bytes.data(), bytes.size());
      ::close(fds[1]);
    });
    absl::StatusOr<Graph> g = LoadGraph("/proc/self/fd/" + std::to_string(fds[0]));
    writer.join();
    ::close(fds[0]);
    ASSERT_THAT(g, IsOk());
    EXPECT_EQ(EdgeNames(*g), expected_);
  }
}

TEST_F(LoadGraphTest, Errors) {
  std::string bytes = ReadFileBytes(snap_);
  bytes[bytes.size() - 1] ^= 1;
  WriteFileBytes(dir_.Path("bad.etldag"), bytes);
  EXPECT_THAT(LoadGraph(dir_.Path("bad.etldag")),
              StatusIs(absl::StatusCode::kDataLoss, StartsWith(dir_.Path("bad.etldag") + ": error: corrupt snapshot")));
  EXPECT_THAT(LoadGraph(dir_.Path("missing.json")), StatusIs(absl::StatusCode::kNotFound));
  WriteFileBytes(dir_.Path("short"), "ETLDAG");
  EXPECT_THAT(LoadGraph(dir_.Path("short")), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("truncated snapshot")));
  WriteFileBytes(dir_.Path("empty"), "");
  EXPECT_THAT(LoadGraph(dir_.Path("empty")), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

}  // namespace
}  // namespace etldag
