// etldag in-process: flag parsing, exit codes (0..4) and selector resolution,
// through cli::Main as the binary runs it (tests/cli/cli_runner.h).
//
// diamond.json (tests/golden/fixtures):
//   raw/events ------> contract/events -> dataset/daily --> dataset/report -> model/score
//   external/s3-dump -/                \-> dataset/weekly -/   \-> policy/limits (from daily)
//   dataset/orphan (alone)
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"

namespace etldag::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kDiamond = "tests/golden/fixtures/diamond.json";
constexpr std::string_view kCycle = "tests/golden/fixtures/cycle.json";

TEST(CliFlags, UnknownFlagSuggestsTheClosest) {
  const InProcessResult r = RunEtldag({"downstream", kDiamond, "raw/events", "--dpeth", "1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("unknown flag '--dpeth' (did you mean '--depth'?)"));
}

TEST(CliFlags, SingleValuedFlagTwiceValueMissingBooleanWithValue) {
  EXPECT_EQ(RunEtldag({"downstream", kDiamond, "raw/events", "--depth", "1", "--depth", "2"}).code, 2);
  const InProcessResult missing = RunEtldag({"downstream", kDiamond, "raw/events", "--depth"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_THAT(missing.err, HasSubstr("flag --depth needs a value (N)"));
  EXPECT_EQ(RunEtldag({"downstream", kDiamond, "raw/events", "--count=yes"}).code, 2);
  EXPECT_EQ(RunEtldag({"downstream", kDiamond, "raw/events", "--threads", "0"}).code, 2);
  EXPECT_EQ(RunEtldag({"downstream", kDiamond, "raw/events", "--format", "xml"}).code, 2);
}

TEST(CliFlags, EqualsFormAndRepeatedFlags) {
  const InProcessResult r = RunEtldag(
      {"downstream", kDiamond, "raw/events", "--depth=2", "--exclude", "dataset/daily", "--exclude=raw/events"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // raw/events excluded: nothing selected
  const InProcessResult d = RunEtldag({"downstream", kDiamond, "raw/events", "--depth=2"});
  EXPECT_EQ(d.out, "contract/events\ndataset/daily\ndataset/weekly\n");
}

TEST(CliFlags, DefaultsFromTheTable) {
  // validate --limit defaults to 20 (echoed in json), blast-radius --max-memory to 512.
  const InProcessResult v = RunEtldag({"validate", kDiamond, "--format", "json"});
  EXPECT_EQ(v.code, 0);
  EXPECT_THAT(v.out, HasSubstr("\"limit\": 20"));
  const InProcessResult h = RunEtldag({"blast-radius", "--help"});
  EXPECT_THAT(h.out, HasSubstr("(default 512)"));
}

TEST(CliExitCodes, ZeroOneTwoThreeFour) {
  EXPECT_EQ(RunEtldag({"downstream", kDiamond, "raw/events"}).code, 0);
  EXPECT_EQ(RunEtldag({"path", kDiamond, "model/score", "raw/events"}).code, 1);  // no path
  EXPECT_EQ(RunEtldag({"select", kDiamond, "nothing*", "--fail-on-empty"}).code, 1);
  EXPECT_EQ(RunEtldag({"stats"}).code, 2);
  EXPECT_EQ(RunEtldag({"nosuch"}).code, 2);
  EXPECT_EQ(RunEtldag({}).code, 2);
  const InProcessResult bad = RunEtldag({"stats", "tests/golden/fixtures/truncated.json"});
  EXPECT_EQ(bad.code, 3);
  EXPECT_EQ(bad.out, "");
  EXPECT_THAT(bad.err, StartsWith("tests/golden/fixtures/truncated.json:"));
  EXPECT_EQ(RunEtldag({"stats", "no/such/file.json"}).code, 3);
  const InProcessResult cyc = RunEtldag({"levels", kCycle});
  EXPECT_EQ(cyc.code, 4);
  EXPECT_EQ(cyc.out, "");
  EXPECT_THAT(cyc.err, HasSubstr("cycle"));
}

TEST(CliExitCodes, HelpAndVersionExitZero) {
  EXPECT_EQ(RunEtldag({"--help"}).code, 0);
  EXPECT_EQ(RunEtldag({"--version"}).code, 0);
  EXPECT_EQ(RunEtldag({"help", "downstream"}).code, 0);
  EXPECT_EQ(RunEtldag({"downstream", "--help"}).code, 0);
  EXPECT_EQ(RunEtldag({"help", "nosuch"}).code, 2);
}

TEST(CliSelectors, UnknownNameSuggests) {
  const InProcessResult r = RunEtldag({"downstream", kDiamond, "dataset/dialy"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("dataset/daily"));
}

TEST(CliSelectors, GlobUnionIntersectionExclude) {
  EXPECT_EQ(RunEtldag({"select", kDiamond, "dataset/*"}).out, "dataset/daily\ndataset/orphan\ndataset/report\ndataset/weekly\n");
  EXPECT_EQ(RunEtldag({"select", kDiamond, "dataset/* model/score"}).out,
            "dataset/daily\ndataset/orphan\ndataset/report\ndataset/weekly\nmodel/score\n");
  EXPECT_EQ(RunEtldag({"select", kDiamond, "dataset/*,dataset/weekly+"}).out, "dataset/report\ndataset/weekly\n");
  EXPECT_EQ(RunEtldag({"select", kDiamond, "dataset/*", "--exclude", "dataset/r*"}).out,
            "dataset/daily\ndataset/orphan\ndataset/weekly\n");
  const InProcessResult empty = RunEtldag({"select", kDiamond, "zzz*"});
  EXPECT_EQ(empty.code, 0);
  EXPECT_THAT(empty.err, HasSubstr("matched no node"));
}

TEST(CliSelectors, SyntaxErrorIsUsage) {
  const InProcessResult r = RunEtldag({"select", kDiamond, "raw/events+x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(CliSelectors, OneNodeArguments) {
  const InProcessResult r = RunEtldag({"path", kDiamond, "dataset/*", "model/score"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("must name exactly one node"));
}

}  // namespace
}  // namespace etldag::testing
