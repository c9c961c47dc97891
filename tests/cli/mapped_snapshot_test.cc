// A snapshot, or a large manifest (mapped while it is parsed: file_buffer.h),
// truncated by another process while a command has it mapped: touching a
// page past the new end raises SIGBUS. The CLI's guard
// (tools/etldag/fault_guard.h) must turn that into exit code 3 and one
// "FILE: error: the file changed while it was being read" line, not a crash.
//
// Deterministic: a child process loads the snapshot, installs the guard as
// main() does, truncates the file itself and reads every name; the parent
// checks how the child ended. (ctest runs each test in its own process, so
// no oneTBB state is inherited across the fork.)
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/load/load_graph.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"
#include "tools/etldag/fault_guard.h"

namespace etldag::testing {
namespace {

// Runs `child_body` in a forked process with the guard installed, as main()
// does, for `path`; expects exit code 3 and the one-line message.
template <typename Fn>
void ExpectGuardedExit(const std::string& path, Fn child_body) {
  int err_pipe[2];
  ASSERT_EQ(::pipe(err_pipe), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(err_pipe[1], STDERR_FILENO);
    cli::InstallMappedFileGuard();
    cli::SetMappedFileName(path);
    ::_exit(child_body());
  }
  ::close(err_pipe[1]);
  std::string err;
  char buf[512];
  for (ssize_t n; (n = ::read(err_pipe[0], buf, sizeof(buf))) > 0;) err.append(buf, static_cast<size_t>(n));
  ::close(err_pipe[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 3) << err;
  EXPECT_THAT(err, ::testing::StartsWith(path + ": error: the file changed while it was being read"));
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(MappedSnapshotTest, ManifestTruncatedWhileMappedExitsThreeWithAMessage) {
  ScratchDir dir;
  const std::string path = dir.Path("manifest.json");
  std::string text = "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"}, \"nodes\": {";
  for (int i = 0; text.size() < 3 * kMapBytes; ++i) {
    text += (i ? ", \"model.p.m" : "\"model.p.m") + std::to_string(i) + "\": {\"resource_type\": \"model\"}";
  }
  WriteFile(path, text + "}}");
  ExpectGuardedExit(path, [&] {
    absl::StatusOr<FileBuffer> fb = FileBuffer::Read(path, FileRead::kMapLarge);  // as LoadGraph reads a manifest
    if (!fb.ok()) return 10;
    if (::truncate(path.c_str(), 0) != 0) return 11;
    absl::StatusOr<Graph> g = ParseDbtManifest(path, fb->data());  // SIGBUS here
    return g.ok() ? 12 : 13;  // not reached when the guard works
  });
}

TEST(MappedSnapshotTest, TruncatedWhileMappedExitsThreeWithAMessage) {
  ScratchDir dir;
  const std::string json = dir.Path("ops.json"), snap = dir.Path("ops.etldag");
  std::string text = "[";
  for (int i = 0; i < 50000; ++i) {  // a snapshot of a few MB: many pages
    text += (i ? ",{\"name\":\"dataset/n" : "{\"name\":\"dataset/n") + std::to_string(i) + "\"}";
  }
  WriteFile(json, text + "]");
  const CliResult indexed = RunEtldag(dir, {"index", json, "-o", snap});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

  ExpectGuardedExit(snap, [&] {
    absl::StatusOr<Graph> g = LoadGraph(snap);
    if (!g.ok()) return 10;
    if (::truncate(snap.c_str(), 0) != 0) return 11;
    size_t bytes = 0;
    for (NodeId v = 0; v < g->num_nodes(); ++v) bytes += g->name(v).size();  // SIGBUS here
    return bytes > 0 ? 12 : 13;  // not reached when the guard works
  });
}

}  // namespace
}  // namespace etldag::testing
