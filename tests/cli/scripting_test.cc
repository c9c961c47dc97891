// Scripting conventions in-process: --null on names from Debian's graph
// (libstdc++6, aewm++, libglib2.0-0: the fixture debian_hostile.spark_ops.json
// cut from it, tests/golden/fixtures/README.md), and the progress line
// (tools/etldag/progress.h) written to a pipe.
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"
#include "tools/etldag/command.h"
#include "tools/etldag/progress.h"

namespace etldag::testing {
namespace {

using ::testing::Contains;

constexpr char kDebian[] = "tests/golden/fixtures/debian_hostile.spark_ops.json";

std::vector<std::string> Split(const std::string& s, char end) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t i = s.find(end); i != std::string::npos; at = i + 1, i = s.find(end, at)) {
    out.push_back(s.substr(at, i - at));
  }
  EXPECT_EQ(at, s.size()) << "every name is ended";
  return out;
}

TEST(ScriptingTest, NullEndsEveryNameOnTheDebianGraph) {
  const InProcessResult lines = RunEtldag({"downstream", kDebian, "name:libstdc++6", "--depth", "1"});
  const InProcessResult nul = RunEtldag({"downstream", kDebian, "name:libstdc++6", "--depth", "1", "-0"});
  ASSERT_EQ(lines.code, 0) << lines.err;
  ASSERT_EQ(nul.code, 0) << nul.err;
  const std::vector<std::string> a = Split(lines.out, '\n'), b = Split(nul.out, '\0');
  EXPECT_EQ(a, b);
  EXPECT_GT(b.size(), 100u);
  EXPECT_THAT(b, Contains("aewm++"));
  EXPECT_THAT(b, Contains("libsigc++-2.0-0v5"));
  EXPECT_EQ(nul.out.find('\n'), std::string::npos);
}

TEST(ProgressTest, WritesALineThenErasesIt) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    const cli::Progress p(fds[1], "etldag x: working", true, std::chrono::milliseconds(0));
    char first[1];
    ASSERT_EQ(::read(fds[0], first, 1), 1);  // blocks until the line is written
    EXPECT_EQ(first[0], '\r');
  }
  ::close(fds[1]);
  std::string rest;
  char buf[256];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof(buf))) > 0;) rest.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  EXPECT_THAT(rest, ::testing::StartsWith("etldag x: working... 0 s"));
  EXPECT_THAT(rest, ::testing::EndsWith("\r\033[K"));
}

TEST(ProgressTest, DisabledWritesNothing) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  { const cli::Progress p(fds[1], "etldag x: working", false, std::chrono::milliseconds(0)); }
  ::close(fds[1]);
  char buf[16];
  EXPECT_EQ(::read(fds[0], buf, sizeof(buf)), 0);
  ::close(fds[0]);
}

TEST(ScriptingTest, QuietKeepsErrorsAndDropsNotes) {
  const InProcessResult note = RunEtldag({"select", "tests/golden/fixtures/diamond.json", "zzz*", "--quiet"});
  EXPECT_EQ(note.code, 0);
  EXPECT_EQ(note.err, "");
  const InProcessResult err = RunEtldag({"select", "tests/golden/fixtures/diamond.json", "zzz", "--quiet"});
  EXPECT_EQ(err.code, 2);
  EXPECT_THAT(err.err, ::testing::HasSubstr("error:"));
}

// --color: the whole decision table (no-color.org: NO_COLOR set and
// non-empty disables auto; always wins over it).
TEST(ColorTest, WhenTtyTermAndNoColor) {
  using cli::ColorWanted;
  EXPECT_EQ(ColorWanted("always", false, "dumb", "1"), true);
  EXPECT_EQ(ColorWanted("never", true, "xterm", nullptr), false);
  EXPECT_EQ(ColorWanted("auto", true, "xterm", nullptr), true);
  EXPECT_EQ(ColorWanted("auto", true, nullptr, nullptr), true);
  EXPECT_EQ(ColorWanted("auto", true, "xterm", ""), true);
  EXPECT_EQ(ColorWanted("auto", true, "xterm", "1"), false);
  EXPECT_EQ(ColorWanted("auto", true, "dumb", nullptr), false);
  EXPECT_EQ(ColorWanted("auto", false, "xterm", nullptr), false);
  EXPECT_EQ(ColorWanted("sometimes", true, "xterm", nullptr), std::nullopt);
  EXPECT_EQ(ColorWanted("", true, "xterm", nullptr), std::nullopt);
}

}  // namespace
}  // namespace etldag::testing
