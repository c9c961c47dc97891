// 1,000,000-node shapes through the etldag binary (labelled slow): a chain
// through EVERY command, from the JSON and its snapshot (a recursive traversal
// anywhere would overflow the stack here), a star with one hub feeding
// 1,000,000 ops, and 1,000,000 isolated ops. Each command must answer
// correctly, never die on a signal. Each file is generated when first needed;
// after one command on the JSON the others read its snapshot (parsing 60 MB
// of JSON would otherwise be most of each command's time).
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"

namespace etldag::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kN = 1000000;

std::string Name(const char* prefix, int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s%07d", prefix, i);
  return buf;
}

class BigShapesTest : public ::testing::Test {
 protected:
  // Each shape is generated on first use: ctest runs every test in a process
  // of its own, which then writes only the file it needs.
  static void SetUpTestSuite() { dir_ = new ScratchDir; }
  static std::string Shape(const std::string& shape) {
    const std::string path = dir_->Path(shape + ".json");
    if (!ReadFile(path).empty()) return path;
    std::string json = shape == "star" ? "[{\"name\":\"hub\"}" : "[";
    json.reserve(size_t{64} * kN);
    for (int i = 0; i < kN; ++i) {
      if (shape == "chain") {  // both sides declared: validate finds nothing to complain about
        json += (i ? ",\n{\"name\":\"" : "\n{\"name\":\"") + Name("c", i) + "\"";
        if (i > 0) json += ",\"inputs\":[\"" + Name("c", i - 1) + "\"]";
        if (i + 1 < kN) json += ",\"successors\":[\"" + Name("c", i + 1) + "\"]";
        json += "}";
      } else if (shape == "star") {  // inputs only: 1,000,000 disagreements for validate to cap
        json += ",\n{\"name\":\"" + Name("s", i) + "\",\"inputs\":[\"hub\"]}";
      } else {
        json += (i ? ",\n{\"name\":\"" : "\n{\"name\":\"") + Name("i", i) + "\"}";
      }
    }
    WriteFile(path, json + "]\n");
    return path;
  }
  static void TearDownTestSuite() { delete dir_; }

  static CliResult Run(const std::vector<std::string>& args) {
    CliResult r = RunEtldag(*dir_, args);
    EXPECT_EQ(r.signal, 0) << args[0] << " died on a signal";
    return r;
  }
  // The shape indexed by `etldag index` (JSON parsing dominates a command's
  // time; the algorithms run the same on the snapshot).
  static std::string Snapshot(const std::string& shape) {
    const std::string path = dir_->Path(shape + ".etldag");
    if (!ReadFile(path).empty()) return path;
    const CliResult r = RunEtldag(*dir_, {"index", Shape(shape), "--output", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return path;
  }
  static ScratchDir* dir_;
};
ScratchDir* BigShapesTest::dir_ = nullptr;

std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

// stats from the JSON and from its snapshot, but for the file's name and size.
std::string WithoutFile(std::string out) {
  for (const char* key : {"\"graph\": ", "\"file_bytes\": "}) {
    const size_t at = out.find(key);
    if (at != std::string::npos) out.erase(at, out.find('\n', at) - at);
  }
  return out;
}

TEST_F(BigShapesTest, ChainThroughEveryCommand) {
  const std::string json = Shape("chain"), g = Snapshot("chain"), first = Name("c", 0), last = Name("c", kN - 1);
  const CliResult from_json = Run({"stats", json, "--format", "json", "--no-timings"});
  EXPECT_EQ(from_json.exit_code, 0) << from_json.err;
  EXPECT_THAT(from_json.out, HasSubstr("\"nodes\": 1000000"));
  CliResult r = Run({"stats", g, "--format", "json", "--no-timings"});
  EXPECT_EQ(WithoutFile(r.out), WithoutFile(from_json.out));
  r = Run({"validate", g});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  r = Run({"downstream", g, first});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(LineCount(r.out), size_t{kN} - 1);
  r = Run({"upstream", g, last, "--count"});
  EXPECT_EQ(r.out, "999999\n");
  r = Run({"path", g, first, last});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(LineCount(r.out), size_t{kN});
  r = Run({"path", g, last, first});
  EXPECT_EQ(r.exit_code, 1);  // no path against the flow
  r = Run({"select", g, "@" + Name("c", 500000), "--count"});
  EXPECT_EQ(r.out, "1000000\n");
  r = Run({"select", g, "3+" + Name("c", 500000) + "+2", "--count"});
  EXPECT_EQ(r.out, "6\n");
  r = Run({"critical-path", g});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(LineCount(r.out), size_t{kN});
  EXPECT_EQ(FirstLine(r.out), first);
  r = Run({"critical-path", g, "--to", Name("c", 10), "--format", "text"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Run({"rerun-plan", g, "--failed", first, "--slots", "4", "--format", "text"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(LineCount(r.out), size_t{kN});
  r = Run({"rerun-plan", g, "--failed", first});
  EXPECT_EQ(LineCount(r.out), size_t{kN});
  r = Run({"blast-radius", g, first, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("999999"));
  r = Run({"blast-radius", g, "--top", "3", "--format", "names"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, first + "\n" + Name("c", 1) + "\n" + Name("c", 2) + "\n");
  r = Run({"safe-to-skip", g, Name("c", 10)});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // no protected node anywhere
  r = Run({"retraction-set", g, Name("c", 1)});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(LineCount(r.out), size_t{kN} - 1);
  EXPECT_EQ(FirstLine(r.out), Name("c", 1));  // topological: upstream first
  r = Run({"levels", g, "--format", "text"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(LineCount(r.out), size_t{kN});
  EXPECT_THAT(r.out, HasSubstr("999999\t" + last + "\n"));
}

TEST_F(BigShapesTest, StarWithOneHubFeedingAMillionOps) {
  CliResult r = Run({"downstream", Shape("star"), "hub", "--count"});
  EXPECT_EQ(r.out, "1000000\n");
  const std::string g = Snapshot("star");
  r = Run({"upstream", g, Name("s", 123456)});
  EXPECT_EQ(r.out, "hub\n");
  r = Run({"validate", g});
  EXPECT_EQ(r.exit_code, 1);  // inputs without successors: disagreements
  EXPECT_THAT(r.out, HasSubstr("1000000"));
  EXPECT_LT(LineCount(r.out), 100u) << "the disagreement list must be capped";
  r = Run({"levels", g, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0);
  r = Run({"blast-radius", g, "--top", "2", "--format", "names"});
  EXPECT_EQ(FirstLine(r.out), "hub");
  r = Run({"critical-path", g});
  EXPECT_EQ(r.out, "hub\n" + Name("s", 0) + "\n");
  r = Run({"rerun-plan", g, "--failed", "hub", "--slots", "8", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Run({"safe-to-skip", g, "hub"});
  EXPECT_EQ(r.exit_code, 0);
}

TEST_F(BigShapesTest, AMillionIsolatedOps) {
  CliResult r = Run({"stats", Shape("isolated"), "--format", "json"});
  EXPECT_THAT(r.out, HasSubstr("1000000"));
  const std::string g = Snapshot("isolated");
  r = Run({"validate", g});
  EXPECT_EQ(r.exit_code, 0);
  r = Run({"levels", g, "--format", "text"});
  EXPECT_EQ(LineCount(r.out), size_t{kN});
  EXPECT_EQ(FirstLine(r.out), "0\t" + Name("i", 0));
  r = Run({"select", g, "i*", "--count"});
  EXPECT_EQ(r.out, "1000000\n");
  r = Run({"critical-path", g});
  EXPECT_EQ(r.out, Name("i", 0) + "\n");
  r = Run({"blast-radius", g, "--top", "1", "--format", "names"});
  EXPECT_EQ(r.out, Name("i", 0) + "\n");
  r = Run({"safe-to-skip", g, "--format", "names"});
  EXPECT_EQ(LineCount(r.out), size_t{kN});
}

}  // namespace
}  // namespace etldag::testing
