// The etldag binary on hostile shapes and side files, at sizes that run in a
// second: hostile names through every --format json (the output must stay
// valid JSON), a cycle through 100,000 nodes, 10,000 disjoint cycles (each
// reported, lists capped), durations and committed files with unknown names,
// CRLF, no final newline, duplicates, negative or non-numeric values. And
// determinism: every command prints the same bytes at --threads 1, 2 and 8,
// and twice in a row.
#include <cstdlib>
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

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A chain n_0 -> ... -> n_{k-1} (-> n_0 when closed), names zero-padded.
std::string ChainJson(int k, bool closed, const std::string& prefix) {
  std::string json;
  auto name = [&](int i) {
    std::string d = std::to_string(i);
    return prefix + std::string(6 - d.size(), '0') + d;
  };
  for (int i = 0; i < k; ++i) {
    json += (json.empty() ? "" : ",\n") + std::string("{\"name\":") + Quote(name(i));
    if (i > 0 || closed) json += ",\"inputs\":[" + Quote(name(i > 0 ? i - 1 : k - 1)) + "]";
    if (i + 1 < k || closed) json += ",\"successors\":[" + Quote(name(i + 1 < k ? i + 1 : 0)) + "]";
    json += "}";
  }
  return json;
}

TEST(CliShapesTest, HostileNamesKeepJsonOutputValid) {
  ScratchDir dir;
  const std::string big(65536, 'w');
  // q"uote -> back\slash -> emoji -> 64 KiB name -> policy/p
  const std::string json =
      "[{\"name\":\"q\\\"uote\",\"type\":\"k\\\"ind\"},"
      "{\"name\":\"back\\\\slash\",\"inputs\":[\"q\\\"uote\"]},"
      "{\"name\":\"emoji/\xF0\x9F\x98\x80 </script>\",\"inputs\":[\"back\\\\slash\"]},"
      "{\"name\":\"" + big + "\",\"inputs\":[\"emoji/\xF0\x9F\x98\x80 </script>\"]},"
      "{\"name\":\"policy/p\",\"inputs\":[\"" + big + "\"]}]";
  WriteFile(dir.Path("g.json"), json);
  const std::string g = dir.Path("g.json");
  const std::vector<std::vector<std::string>> cmds = {
      {"stats", g},
      {"validate", g},
      {"downstream", g, "q\"uote"},
      {"upstream", g, "policy/p"},
      {"select", g, "*"},
      {"path", g, "q\"uote", "policy/p"},
      {"blast-radius", g, "q\"uote"},
      {"blast-radius", g, "--top", "5"},
      {"safe-to-skip", g, "back\\slash"},
      {"retraction-set", g, "back\\slash"},
      {"levels", g},
      {"critical-path", g},
      {"rerun-plan", g, "--failed", "q\"uote"},
  };
  for (std::vector<std::string> args : cmds) {
    args.insert(args.end(), {"--format", "json"});
    const CliResult r = RunEtldag(dir, args);
    ASSERT_EQ(r.signal, 0) << args[0];
    EXPECT_LE(r.exit_code, 1) << args[0] << ": " << r.err;
    const auto err = load_internal::FindJsonSyntaxError(r.out);
    EXPECT_FALSE(err.has_value()) << args[0] << ": invalid JSON at " << err->offset << ": " << err->message;
  }
  // names format: the exact names, one per line.
  const CliResult r = RunEtldag(dir, {"select", g, "*"});
  EXPECT_EQ(r.out, "back\\slash\nemoji/\xF0\x9F\x98\x80 </script>\npolicy/p\nq\"uote\n" + big + "\n");
}

TEST(CliShapesTest, CycleThroughOneHundredThousandNodes) {
  ScratchDir dir;
  WriteFile(dir.Path("ring.json"), "[" + ChainJson(100000, true, "r/") + "]");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"levels", dir.Path("ring.json")},
           {"critical-path", dir.Path("ring.json")},
           {"rerun-plan", dir.Path("ring.json"), "--failed", "r/000000"},
           {"retraction-set", dir.Path("ring.json"), "r/050000"}}) {
    const CliResult r = RunEtldag(dir, args);
    ASSERT_EQ(r.signal, 0) << args[0];
    if (args[0] == "retraction-set") {  // works on cycles: the whole ring
      EXPECT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(LineCount(r.out), 100000u);
      continue;
    }
    EXPECT_EQ(r.exit_code, 4) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_THAT(r.err, HasSubstr("cycle")) << args[0];
    EXPECT_LT(r.err.size(), 4096u) << args[0] << ": the cycle must be elided, not printed whole";
  }
  const CliResult v = RunEtldag(dir, {"validate", dir.Path("ring.json")});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_LT(v.out.size(), 8192u) << "a long cycle is elided in text";
  EXPECT_THAT(v.out, HasSubstr("(99977 more)"));
  const CliResult all = RunEtldag(dir, {"validate", dir.Path("ring.json"), "--limit", "0"});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_GT(all.out.size(), 1000000u) << "--limit 0 prints the whole cycle";
  const CliResult down = RunEtldag(dir, {"downstream", dir.Path("ring.json"), "r/000000", "--count"});
  EXPECT_EQ(down.exit_code, 0);
  EXPECT_EQ(down.out, "99999\n");  // never its own descendant
}

TEST(CliShapesTest, ManyDisjointCyclesAreCountedAndCapped) {
  ScratchDir dir;
  std::string json = "[";
  for (int i = 0; i < 10000; ++i) {  // 10,000 two-node cycles, 1,000 self-loops
    const std::string a = Quote("c" + std::to_string(i) + "/a"), b = Quote("c" + std::to_string(i) + "/b");
    json += (i ? "," : "") + std::string("{\"name\":") + a + ",\"inputs\":[" + b + "],\"successors\":[" + b +
            "]},{\"name\":" + b + ",\"inputs\":[" + a + "],\"successors\":[" + a + "]}";
    if (i < 1000) json += ",{\"name\":\"s" + std::to_string(i) + "\",\"inputs\":[\"s" + std::to_string(i) +
                          "\"],\"successors\":[\"s" + std::to_string(i) + "\"]}";
  }
  WriteFile(dir.Path("cycles.json"), json + "]");
  const CliResult text = RunEtldag(dir, {"validate", dir.Path("cycles.json")});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_THAT(text.out, HasSubstr("10000"));
  EXPECT_THAT(text.out, HasSubstr("1000"));
  EXPECT_LT(LineCount(text.out), 200u) << "lists must be capped (--limit 20 by default)";
  const CliResult all = RunEtldag(dir, {"validate", dir.Path("cycles.json"), "--limit", "0"});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_GT(LineCount(all.out), 11000u) << "--limit 0 lists every cycle and self-loop";
  const CliResult js = RunEtldag(dir, {"validate", dir.Path("cycles.json"), "--format", "json"});
  EXPECT_EQ(js.exit_code, 1);
  EXPECT_FALSE(load_internal::FindJsonSyntaxError(js.out).has_value());
  EXPECT_LT(js.out.size(), 16384u);
  const CliResult levels = RunEtldag(dir, {"levels", dir.Path("cycles.json")});
  EXPECT_EQ(levels.exit_code, 4);
  EXPECT_LE(LineCount(levels.err), 3u);
}

TEST(CliShapesTest, DurationsFiles) {
  ScratchDir dir;
  WriteFile(dir.Path("g.json"), "[" + ChainJson(5, false, "n/") + "]");
  const std::string g = dir.Path("g.json");
  struct Case {
    const char* name;
    std::string bytes;
    int exit_code;
    const char* stderr_has;
  };
  const std::vector<Case> cases = {
      {"unknown.csv", "n/000000,1\nnope/1,2\nnope/2,3\n", 0, "2"},
      {"crlf_no_eol.csv", "name,seconds\r\nn/000000,1\r\nn/000004,2", 0, ""},
      {"bom.json", "\xEF\xBB\xBF{\"n/000001\": 2.5}", 0, ""},
      {"negative.csv", "n/000000,-1\n", 3, ":1:10: error: negative duration"},
      {"non_numeric.csv", "n/000000,1\nn/000001,abc\n", 3, ":2:10: error: "},
      {"duplicate.csv", "n/000000,1\nn/000000,1\n", 3, ":2:1: error: duplicate duration"},
      {"nan.json", "{\"n/000000\": NaN}", 3, ":1:14: error: "},
      {"string.json", "{\"n/000000\": \"1\"}", 3, ":1:14: error: "},
      {"truncated.json", "{\"n/000000\": 1", 3, "error: "},
  };
  for (const Case& c : cases) {
    WriteFile(dir.Path(c.name), c.bytes);
    const CliResult r = RunEtldag(dir, {"critical-path", g, "--durations", dir.Path(c.name)});
    EXPECT_EQ(r.signal, 0) << c.name;
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.stderr_has)) << c.name;
    if (c.exit_code == 0) {
      EXPECT_EQ(LineCount(r.out), 5u) << c.name;
    } else {
      EXPECT_EQ(r.out, "") << c.name;
      EXPECT_THAT(r.err, StartsWith(dir.Path(c.name) + ":")) << c.name;
    }
  }
}

TEST(CliShapesTest, CommittedFiles) {
  ScratchDir dir;
  WriteFile(dir.Path("g.json"), "[" + ChainJson(5, false, "n/") + "]");
  const std::string g = dir.Path("g.json");
  struct Case {
    const char* name;
    std::string bytes;
    int exit_code;
    size_t lines;  // of stdout
  };
  const std::vector<Case> cases = {
      {"list.txt", "n/000001\nn/000003\nunknown/x\n", 0, 2},
      {"crlf_no_eol.txt", "n/000001\r\nn/000001\r\n\r\nn/000004", 0, 2},
      {"bom_comments.txt", "\xEF\xBB\xBF# header\nn/000002\n", 0, 1},
      {"tx.json", "{\"data\":{\"transaction\":{\"datasets\":[{\"id\":\"ri.1\",\"name\":\"n/000001\",\"committed\":true},"
                  "{\"id\":\"ri.2\",\"name\":\"n/000002\",\"committed\":false}]}}}", 0, 1},
      {"control.txt", "n/000001\nbad\x01name\n", 3, 0},
      {"array.json", "[\"n/000001\"]", 3, 0},
      {"errors.json", "{\"errors\":[{\"message\":\"x\"}],\"data\":null}", 3, 0},
      {"truncated.json", "{\"data\":{\"transaction\":{\"datasets\":[", 3, 0},
  };
  for (const Case& c : cases) {
    WriteFile(dir.Path(c.name), c.bytes);
    const CliResult r = RunEtldag(dir, {"retraction-set", g, "n/000001", "--committed", dir.Path(c.name)});
    EXPECT_EQ(r.signal, 0) << c.name;
    EXPECT_EQ(r.exit_code, c.exit_code) << c.name << ": " << r.err;
    EXPECT_EQ(LineCount(r.out), c.lines) << c.name << ": " << r.out;
    if (c.exit_code != 0) {
      EXPECT_THAT(r.err, StartsWith(dir.Path(c.name) + ":")) << c.name;
    }
  }
  const CliResult unknown = RunEtldag(dir, {"retraction-set", g, "n/000001", "--committed", dir.Path("list.txt")});
  EXPECT_THAT(unknown.err, HasSubstr("unknown/x"));
}

// Same command, --threads 1, 2, 8, and twice at 8: byte-identical stdout and
// exit code; the snapshot written by `index` too.
TEST(CliShapesTest, OutputIsIdenticalAtEveryThreadCount) {
  ScratchDir dir;
  const char* env = std::getenv("ETLDAG_SOURCE_DIR");
  const std::string src = env != nullptr ? env : ETLDAG_SOURCE_DIR_PATH;
  const std::string g = src + "/data/spark_ops.json", d = src + "/data/durations.json";
  // Nodes of the sample graph: a raw source, the node with the largest
  // downstream closure, one node it feeds, and a node of the last level.
  auto first_line = [&](const std::vector<std::string>& args) {
    const CliResult r = RunEtldag(dir, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  };
  const std::string raw = first_line({"select", g, "raw/*"});
  const std::string hub = first_line({"blast-radius", g, "--top", "1", "--format", "names"});
  const std::string fed = first_line({"downstream", g, hub, "--depth", "1"});
  const CliResult levels = RunEtldag(dir, {"levels", g});
  ASSERT_GT(levels.out.size(), 1u);
  const std::string deep = levels.out.substr(levels.out.rfind('\n', levels.out.size() - 2) + 1,
                                             std::string::npos);
  const std::string last = deep.substr(0, deep.size() - 1);
  const std::vector<std::vector<std::string>> cmds = {
      {"stats", g, "--format", "json", "--no-timings"},
      {"validate", g, "--format", "json", "--limit", "0"},
      {"downstream", g, hub, "--format", "json"},
      {"upstream", g, last},
      {"select", g, "@" + hub, "--format", "json"},
      {"path", g, hub, fed},
      {"blast-radius", g, hub, "--format", "json"},
      {"blast-radius", g, "--top", "50", "--format", "json"},
      {"safe-to-skip", g, "--format", "json"},
      {"retraction-set", g, raw, "--format", "json"},
      {"levels", g, "--format", "json"},
      {"critical-path", g, "--durations", d, "--format", "json", "--near", "20"},
      {"rerun-plan", g, "--failed", raw, "--durations", d, "--slots", "4", "--format", "json"},
      {"rerun-plan", g, "--failed", last, "--format", "dot"},
  };
  for (const auto& cmd : cmds) {
    std::string first_out;
    int first_code = -1;
    for (const char* threads : {"1", "2", "8", "8"}) {
      std::vector<std::string> args = cmd;
      args.insert(args.end(), {"--threads", threads});
      const CliResult r = RunEtldag(dir, args);
      ASSERT_EQ(r.signal, 0) << cmd[0];
      ASSERT_LE(r.exit_code, 1) << cmd[0] << ": " << r.err;
      if (first_code < 0) {
        first_out = r.out;
        first_code = r.exit_code;
        EXPECT_FALSE(r.out.empty()) << cmd[0];
        continue;
      }
      EXPECT_EQ(r.exit_code, first_code) << cmd[0] << " --threads " << threads;
      EXPECT_TRUE(r.out == first_out) << cmd[0] << " --threads " << threads << ": output differs";
    }
  }
  std::string first;
  for (const char* threads : {"1", "2", "8"}) {
    const CliResult r = RunEtldag(dir, {"index", g, "--output", dir.Path("s.etldag"), "--threads", threads});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string bytes = ReadFile(dir.Path("s.etldag"));
    if (first.empty()) {
      first = bytes;
    } else {
      EXPECT_TRUE(bytes == first) << "snapshot differs at --threads " << threads;
    }
  }
}

}  // namespace
}  // namespace etldag::testing
