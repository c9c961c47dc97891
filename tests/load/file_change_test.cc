// A spark_ops.json rewritten while etldag reads it (a deploy copying a new
// file over the old one with `cp`, i.e. truncate + chunked writes): every
// load must give graph A, graph B, or an error — never a graph stitched from
// the old file's beginning and the new file's end.
//
// A and B have the same size and the same shape (a 100,000-op chain) and
// differ only in the names' prefix, so a stitched text is valid JSON: its
// graph has ops of both prefixes and externals where the halves meet. The
// writer pauses between rewrites (at least 20 ms, more than one kernel
// timestamp tick); InputFile::CheckUnchanged (file_buffer.h) detects the
// change by comparing size and mtime before and after reading. A rewrite
// racing a reader within one timestamp tick can still slip through (tests/README.md,
// "Files that change while being read").
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"

namespace etldag::testing {
namespace {

std::string Chain(char prefix, int n) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(1000000 + i);
    s += (i ? ",\n{\"name\":\"" : "\n{\"name\":\"") + std::string(1, prefix) + "/" + id + "\"";
    if (i > 0) s += ",\"inputs\":[\"" + std::string(1, prefix) + "/" + std::to_string(999999 + i) + "\"]";
    s += "}";
  }
  return s + "\n]\n";
}

// Rewrites `path` like cp(1): open with O_TRUNC, then 64 KiB writes.
void CopyOver(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
  ASSERT_GE(fd, 0);
  for (size_t at = 0; at < bytes.size(); at += 65536) {
    const size_t len = std::min<size_t>(65536, bytes.size() - at);
    ASSERT_EQ(::write(fd, bytes.data() + at, len), static_cast<ssize_t>(len));
  }
  ::close(fd);
}

// Loads raced against the writer: fewer under AddressSanitizer, where a load
// of 100,000 ops is ~10x slower (the race windows are as wide).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kLoads = 30;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kLoads = 30;
#else
constexpr int kLoads = 100;
#endif
#else
constexpr int kLoads = 100;
#endif

TEST(FileChangeTest, RewrittenWhileReadIsAnErrorNotAStitchedGraph) {
  constexpr int kOps = 100000;
  ScratchDir dir;
  const std::string path = dir.Path("ops.json"), a = Chain('a', kOps), b = Chain('b', kOps);
  ASSERT_EQ(a.size(), b.size());
  WriteFile(path, a);
  // Loads read the file in chunks while parsing, so a load is exposed to a
  // rewrite for its whole duration: the writer pauses for a few loads' time
  // (at least 20 ms) so that some loads see a quiet file.
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(LoadSparkOpsFile(path).ok());
  const auto pause = std::max<std::chrono::steady_clock::duration>(std::chrono::milliseconds(20),
                                                                   3 * (std::chrono::steady_clock::now() - t0));
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int k = 1; !stop.load(); ++k) {
      std::this_thread::sleep_for(pause);
      CopyOver(path, k % 2 ? b : a);
    }
  });
  int whole = 0, errors = 0, stitched = 0;
  for (int i = 0; i < kLoads; ++i) {
    const absl::StatusOr<Graph> g = LoadSparkOpsFile(path);
    if (!g.ok()) {
      ++errors;
      EXPECT_THAT(std::string(g.status().message()), ::testing::HasSubstr("error: ")) << g.status();
      continue;
    }
    const bool consistent = g->num_nodes() == kOps && g->num_externals() == 0 &&
                            g->name(0)[0] == g->name(kOps - 1)[0];
    if (consistent) ++whole; else ++stitched;
  }
  stop = true;
  writer.join();
  EXPECT_EQ(stitched, 0) << "loads that returned a graph stitched from two versions of the file";
  EXPECT_GT(whole, 0);
  RecordProperty("whole", whole);
  RecordProperty("errors", errors);
}

}  // namespace
}  // namespace etldag::testing
