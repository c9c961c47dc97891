// The etldag binary against hostile files: every command ends with its
// documented exit code and a short error (or a correct answer), never a
// signal; nothing on stdout when it fails (docs/design.md: no half answers).
// Golden cases (tests/golden) pin exact messages of a few commands; here every
// command meets every kind of bad input.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine/load/internal/json_syntax.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/etldag_binary.h"

namespace etldag::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Each command with the arguments it needs after GRAPH (node "a" exists in
// the good graphs below).
const std::vector<std::vector<std::string>>& EveryCommand() {
  static const auto* cmds = new std::vector<std::vector<std::string>>{
      {"stats"},
      {"validate"},
      {"downstream", "@G@", "a"},
      {"upstream", "@G@", "a"},
      {"select", "@G@", "a+"},
      {"path", "@G@", "a", "b"},
      {"blast-radius", "@G@", "a"},
      {"blast-radius", "@G@", "--top", "3"},
      {"safe-to-skip", "@G@"},
      {"retraction-set", "@G@", "a"},
      {"levels"},
      {"critical-path"},
      {"rerun-plan", "@G@", "--failed", "a"},
      {"index", "@G@", "--output", "@OUT@"},
  };
  return *cmds;
}

std::vector<std::string> Args(const std::vector<std::string>& cmd, const std::string& graph,
                              const std::string& out) {
  std::vector<std::string> args;
  bool has_graph = false;
  for (const std::string& a : cmd) {
    has_graph = has_graph || a == "@G@";
    args.push_back(a == "@G@" ? graph : a == "@OUT@" ? out : a);
  }
  if (!has_graph) args.push_back(graph);
  return args;
}

std::string Describe(const std::vector<std::string>& args, const CliResult& r) {
  std::string s = "etldag";
  for (const std::string& a : args) s += " " + (a.size() > 60 ? a.substr(0, 60) + "..." : a);
  return s + "\n  exit " + std::to_string(r.exit_code) + " signal " + std::to_string(r.signal) +
         "\n  stderr: " + r.err.substr(0, 400);
}

// A failure: the code, nothing on stdout, an error line first, short stderr.
void ExpectFailure(const std::vector<std::string>& args, const CliResult& r, int code) {
  const std::string what = Describe(args, r);
  EXPECT_EQ(r.signal, 0) << what;
  EXPECT_EQ(r.exit_code, code) << what;
  EXPECT_EQ(r.out, "") << what;
  const std::string first = r.err.substr(0, r.err.find('\n'));
  EXPECT_THAT(first, HasSubstr("error: ")) << what;
  EXPECT_LE(LineCount(r.err), 4u) << what;
}

struct BadFile {
  const char* name;
  std::string bytes;
};

TEST(CliHostileTest, EveryCommandRejectsEveryBadFile) {
  ScratchDir dir;
  const std::vector<BadFile> files = {
      {"empty.json", ""},
      {"one_byte.json", "["},
      {"whitespace.json", " \n\t\r\n  "},
      {"bom_only.json", "\xEF\xBB\xBF"},
      {"nul.json", std::string("[{\"name\":\"a\0\"}]", 15)},
      {"nul_outside.json", std::string("[{\"name\":\"a\"}\0]", 15)},
      {"bad_utf8.json", "[{\"name\":\"a\xFF\"}]"},
      {"lone_surrogate.json", "[{\"name\":\"\\ud800\"}]"},
      {"truncated.json", "[{\"name\":\"a\",\"inputs\":[\"b\""},
      {"not_array.json", "{\"name\":\"a\"}"},
      {"inputs_string.json", "[{\"name\":\"a\",\"inputs\":\"b\"}]"},
      {"nested_inputs.json", "[{\"name\":\"a\",\"inputs\":[[\"b\"]]}]"},
      {"name_number.json", "[{\"name\":1}]"},
      {"duplicate.json", "[{\"name\":\"a\"},{\"name\":\"a\"}]"},
      {"deep.json", "[{\"name\":\"a\",\"x\":" + std::string(10000, '[') + std::string(10000, ']') + "}]"},
      {"trailing.json", "[{\"name\":\"a\"}]]"},
      {"snapshot_cut.etldag", std::string("ETLDAG\0\1\1\0\0\0", 12)},
      {"snapshot_magic.etldag", "ETLDAG"},
  };
  for (const BadFile& f : files) WriteFile(dir.Path(f.name), f.bytes);
  for (const BadFile& f : files) {
    for (const auto& cmd : EveryCommand()) {
      const std::vector<std::string> args = Args(cmd, dir.Path(f.name), dir.Path("out.etldag"));
      ExpectFailure(args, RunEtldag(dir, args), 3);
    }
  }
  // The same through stdin, and a directory and a missing file.
  const std::vector<std::string> stdin_args = {"stats", "-"};
  ExpectFailure(stdin_args, RunEtldag(dir, stdin_args, dir.Path("truncated.json")), 3);
  for (const std::string& path : {dir.Path(""), dir.Path("missing.json")}) {
    for (const auto& cmd : EveryCommand()) {
      const std::vector<std::string> args = Args(cmd, path, dir.Path("out.etldag"));
      ExpectFailure(args, RunEtldag(dir, args), 3);
    }
  }
}

// A JSON error names FILE:LINE:COL on its first line.
TEST(CliHostileTest, JsonErrorsAreLocated) {
  ScratchDir dir;
  WriteFile(dir.Path("t.json"), "[\n  {\"name\": \"a\"},\n  {\"name\": \"b\", \"inputs\": [\"a\", 7]}\n]\n");
  const CliResult r = RunEtldag(dir, {"stats", dir.Path("t.json")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, StartsWith(dir.Path("t.json") + ":3:33: error: "));
}

// The empty graph: every command answers (or reports the unknown node "a").
TEST(CliHostileTest, EmptyArrayThroughEveryCommand) {
  ScratchDir dir;
  WriteFile(dir.Path("empty.json"), "[]");
  for (const auto& cmd : EveryCommand()) {
    const std::vector<std::string> args = Args(cmd, dir.Path("empty.json"), dir.Path("out.etldag"));
    const CliResult r = RunEtldag(dir, args);
    const bool names_a = std::find(args.begin(), args.end(), "a") != args.end() ||
                         std::find(args.begin(), args.end(), "a+") != args.end();
    if (names_a) {
      ExpectFailure(args, r, 2);
      EXPECT_THAT(r.err, HasSubstr("unknown node \"a\"")) << Describe(args, r);
    } else {
      EXPECT_EQ(r.signal, 0) << Describe(args, r);
      EXPECT_EQ(r.exit_code, 0) << Describe(args, r);
    }
  }
  // The snapshot of the empty graph works too.
  const CliResult r = RunEtldag(dir, {"stats", dir.Path("out.etldag"), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"nodes\": 0"));
}

}  // namespace
}  // namespace etldag::testing
