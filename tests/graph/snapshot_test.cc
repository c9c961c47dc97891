// Snapshot round trips (hand-built, random and empty graphs; files, pipes and
// buffers) and atomic writes. Corruption classes: snapshot_corruption_test.cc.
#include "engine/graph/snapshot.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/graph/snapshot_test_util.h"
#include "tests/testing/random_graph.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

// Every array byte-identical, and the derived accessors agree.
void ExpectSameGraph(const Graph& a, const Graph& b) {
  const GraphArrays &x = a.arrays(), &y = b.arrays();
  EXPECT_TRUE(SameBytes(x.names, y.names));
  EXPECT_TRUE(SameBytes(x.name_offsets, y.name_offsets));
  EXPECT_TRUE(SameBytes(x.out_offsets, y.out_offsets));
  EXPECT_TRUE(SameBytes(x.out_targets, y.out_targets));
  EXPECT_TRUE(SameBytes(x.in_offsets, y.in_offsets));
  EXPECT_TRUE(SameBytes(x.in_targets, y.in_targets));
  EXPECT_TRUE(SameBytes(x.kinds, y.kinds));
  EXPECT_TRUE(SameBytes(x.flags, y.flags));
  EXPECT_TRUE(SameBytes(x.kind_names, y.kind_names));
  EXPECT_TRUE(SameBytes(x.kind_name_offsets, y.kind_name_offsets));
  EXPECT_TRUE(SameBytes(x.disagreements, y.disagreements));
  EXPECT_TRUE(SameBytes(x.self_loops, y.self_loops));
  ASSERT_EQ(a.num_nodes(), b.num_nodes());
  EXPECT_EQ(a.num_edges(), b.num_edges());
  EXPECT_EQ(a.num_externals(), b.num_externals());
  EXPECT_EQ(a.num_kinds(), b.num_kinds());
  for (NodeId v = 0; v < a.num_nodes(); ++v) {
    ASSERT_EQ(b.Find(a.name(v)), v);
    ASSERT_EQ(b.kind_name(b.kind(v)), a.kind_name(a.kind(v)));
  }
  EXPECT_EQ(b.Find("no such node"), std::nullopt);
}

Graph RoundTrip(const Graph& g, const std::string& path) {
  absl::Status written = WriteSnapshot(g, path);
  EXPECT_THAT(written, IsOk());
  absl::StatusOr<Graph> read = ReadSnapshot(path);
  EXPECT_THAT(read, IsOk());
  return read.ok() ? std::move(read).value() : Graph();
}

class SnapshotTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(SnapshotTest, HandBuiltGraphRoundTrips) {
  const Graph g = SmallGraph();
  ASSERT_EQ(g.disagreements().size(), 2u);
  ASSERT_EQ(g.self_loops().size(), 1u);
  ASSERT_EQ(g.num_externals(), 1u);
  const Graph r = RoundTrip(g, dir_.Path("small.etldag"));
  ExpectSameGraph(g, r);
  EXPECT_EQ(r.name(*r.Find("raw/x")), "raw/x");
  EXPECT_TRUE(r.is_external(*r.Find("raw/x")));
  EXPECT_EQ(r.kind_name(r.kind(*r.Find("model/m"))), "ml");
  EXPECT_EQ(r.disagreements()[0].declared_by, g.disagreements()[0].declared_by);
  EXPECT_EQ(r.self_loops()[0], *r.Find("model/m"));
}

TEST_F(SnapshotTest, EmptyGraphsRoundTrip) {
  ExpectSameGraph(Graph(), RoundTrip(Graph(), dir_.Path("default.etldag")));
  ASSERT_OK_AND_ASSIGN(Graph built, GraphBuilder().Build());
  ExpectSameGraph(built, RoundTrip(built, dir_.Path("built.etldag")));
}

TEST_F(SnapshotTest, RandomGraphsRoundTripThroughFilesAndBuffers) {
  const std::string path = dir_.Path("random.etldag");
  for (uint64_t seed = 0; seed < 120; ++seed) {
    SCOPED_TRACE(seed);
    const Graph g = seed % 3 == 0   ? testing::RandomDigraph(1 + seed * 7, seed * 20, seed)
                    : seed % 3 == 1 ? testing::RandomGraph(1 + seed * 5, seed * 10, seed % 7, seed, true)
                                    : RichRandomGraph(seed);
    ExpectSameGraph(g, RoundTrip(g, path));
    const std::string bytes = ReadFileBytes(path);
    auto owner = std::make_shared<std::string>(bytes);
    ASSERT_OK_AND_ASSIGN(Graph from_buffer, ReadSnapshotFromBuffer("buf", owner, {owner->data(), owner->size()}));
    ExpectSameGraph(g, from_buffer);
    // Misaligned bytes are copied, not rejected.
    auto shifted = std::make_shared<std::string>(" " + bytes);
    ASSERT_OK_AND_ASSIGN(Graph from_shifted,
                         ReadSnapshotFromBuffer("buf", shifted, {shifted->data() + 1, bytes.size()}));
    ExpectSameGraph(g, from_shifted);
  }
}

TEST_F(SnapshotTest, SameGraphSameBytes) {
  WriteSnapshotOrDie(testing::RandomDigraph(300, 900, 5), dir_.Path("a"));
  WriteSnapshotOrDie(testing::RandomDigraph(300, 900, 5), dir_.Path("b"));
  EXPECT_EQ(ReadFileBytes(dir_.Path("a")), ReadFileBytes(dir_.Path("b")));
}

TEST_F(SnapshotTest, GraphOutlivesNothingButItsOwner) {
  std::optional<Graph> g;
  {
    const Graph built = testing::Chain(50);
    WriteSnapshotOrDie(built, dir_.Path("chain"));
    ASSERT_OK_AND_ASSIGN(Graph r, ReadSnapshot(dir_.Path("chain")));
    g.emplace(std::move(r));
  }
  ASSERT_EQ(::unlink(dir_.Path("chain").c_str()), 0);  // the mapping stays valid
  Graph moved = std::move(*g);
  g.reset();
  EXPECT_EQ(moved.num_nodes(), 50u);
  EXPECT_EQ(moved.out(moved.num_nodes() - 2)[0], moved.num_nodes() - 1);
}

TEST_F(SnapshotTest, ReadsFromAPipe) {
  const Graph g = RichRandomGraph(7);
  WriteSnapshotOrDie(g, dir_.Path("p"));
  const std::string bytes = ReadFileBytes(dir_.Path("p"));
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t w = ::write(fds[1], bytes.data() + done, bytes.size() - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    ::close(fds[1]);
  });
  absl::StatusOr<Graph> r = ReadSnapshot("/proc/self/fd/" + std::to_string(fds[0]));
  writer.join();
  ::close(fds[0]);
  ASSERT_THAT(r, IsOk());
  ExpectSameGraph(g, *r);
}

TEST(SnapshotSniffTest, LooksLikeSnapshot) {
  EXPECT_TRUE(LooksLikeSnapshot(std::string_view("ETLDAG\0\1rest", 12)));
  EXPECT_TRUE(LooksLikeSnapshot("ETLDAG"));
  EXPECT_FALSE(LooksLikeSnapshot("ETLDA"));
  EXPECT_FALSE(LooksLikeSnapshot("[{\"name\": \"x\"}]"));
  EXPECT_FALSE(LooksLikeSnapshot(""));
  EXPECT_FALSE(LooksLikeSnapshot(" ETLDAG"));
}

TEST_F(SnapshotTest, AtomicWriteLeavesNoTemporaryFile) {
  WriteSnapshotOrDie(SmallGraph(), dir_.Path("x.etldag"));
  WriteSnapshotOrDie(testing::Chain(10), dir_.Path("x.etldag"));  // replaces
  EXPECT_THAT(dir_.List(), ::testing::ElementsAre("x.etldag"));
  ASSERT_OK_AND_ASSIGN(Graph r, ReadSnapshot(dir_.Path("x.etldag")));
  EXPECT_EQ(r.num_nodes(), 10u);
}

TEST_F(SnapshotTest, FailedRenameKeepsTheTargetAndRemovesTheTemporary) {
  ASSERT_EQ(::mkdir(dir_.Path("taken").c_str(), 0755), 0);
  ASSERT_EQ(::close(::open(dir_.Path("taken/keep").c_str(), O_CREAT | O_WRONLY, 0644)), 0);
  EXPECT_THAT(WriteSnapshot(SmallGraph(), dir_.Path("taken")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(dir_.Path("taken") + ": error: ")));
  EXPECT_THAT(dir_.List(), ::testing::ElementsAre("taken"));
  EXPECT_THAT(WriteSnapshot(SmallGraph(), dir_.Path("missing/x.etldag")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("No such file or directory")));
}

// A write that fails half-way (file size limit: EFBIG) must leave the old
// snapshot intact and no temporary file. Runs in a child: rlimits are global.
TEST_F(SnapshotTest, FailedWriteDoesNotClobberTheOldFile) {
  const std::string path = dir_.Path("old.etldag");
  WriteSnapshotOrDie(SmallGraph(), path);
  const std::string before = ReadFileBytes(path);
  const Graph big = testing::RandomDigraph(20000, 60000, 3);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const absl::Status s = WriteSnapshot(big, path);
    ::_exit(!s.ok() && s.message().find("cannot write") != std::string::npos ? 0 : 1);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
  EXPECT_EQ(ReadFileBytes(path), before);
  EXPECT_THAT(dir_.List(), ::testing::ElementsAre("old.etldag"));
}

}  // namespace
}  // namespace etldag
