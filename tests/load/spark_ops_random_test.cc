// Property tests of the loader on seeded random spark_ops.json texts:
//  - round trip: random ops/edges written with shuffled fields, random extra
//    fields, random whitespace and random escapes load into exactly the graph
//    the generator knows (names, externals, kinds, edges, disagreements,
//    self-loops);
//  - mutations: random byte edits of valid texts never crash the loader; it
//    rejects every text the strict scanner (json_syntax.h) rejects, accepts
//    only valid JSON, and every error is located ("t.json:L:C: error: ").
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_format.h"
#include "engine/load/json_syntax.h"
#include "engine/load/source_location.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/load/load_test_util.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::FirstLine;
using ::etldag::testing::ParseJson;

using Rng = std::mt19937_64;
size_t Pick(Rng& rng, size_t bound) { return std::uniform_int_distribution<size_t>(0, bound - 1)(rng); }

// Name pieces: ASCII, characters that need escapes, 2/3/4-byte UTF-8.
const std::vector<std::string> kPieces = {"a", "b", "/", ".", "_", "-", "x1", " ", "\"", "\\",
                                          "\xC3\xA9", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "policy/"};

std::string RandomName(Rng& rng) {
  std::string name;
  const size_t len = 1 + Pick(rng, 4);
  for (size_t i = 0; i < len; ++i) name += kPieces[Pick(rng, kPieces.size())];
  return name;
}

// `s` as a JSON string literal with randomly chosen escapes.
std::string Quote(const std::string& s, Rng& rng) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '/' && Pick(rng, 3) == 0) {
      out += "\\/";
    } else if (c < 0x80 && Pick(rng, 5) == 0) {
      out += absl::StrFormat("\\u%04x", c);
    } else if (c == 0xF0 && Pick(rng, 2) == 0) {  // U+1F600 as a surrogate pair
      out += "\\uD83D\\uDE00";
      i += 3;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string Ws(Rng& rng) {
  static const char* kWs[] = {"", "", " ", "\n", "\t", "\r\n  "};
  return kWs[Pick(rng, 6)];
}

// A random JSON value for an ignored field.
std::string RandomValue(Rng& rng, int depth) {
  switch (Pick(rng, depth > 3 ? 5 : 7)) {
    case 0: return "null";
    case 1: return Pick(rng, 2) ? "true" : "false";
    case 2: return std::to_string(static_cast<int64_t>(Pick(rng, 100000)) - 500) + (Pick(rng, 2) ? ".25e-3" : "");
    case 3: return Quote(RandomName(rng), rng);
    case 4: return "\"\"";
    case 5: {
      std::string s = "[";
      for (size_t i = 0, n = Pick(rng, 4); i < n; ++i) s += (i ? "," : "") + Ws(rng) + RandomValue(rng, depth + 1);
      return s + "]";
    }
    default: {
      std::string s = "{";
      for (size_t i = 0, n = Pick(rng, 4); i < n; ++i) {
        s += (i ? "," : "") + Ws(rng) + Quote(RandomName(rng), rng) + ":" + RandomValue(rng, depth + 1);
      }
      return s + "}";
    }
  }
}

struct Truth {
  std::set<std::string> ops, nodes;
  std::map<std::pair<std::string, std::string>, int> edges;  // -> sides (1 inputs, 2 successors)
  std::map<std::string, std::string> kinds;                  // of ops with an explicit kind
};

// A random spark_ops.json text and what it declares.
std::string RandomFile(uint64_t seed, Truth& t) {
  Rng rng(seed);
  std::vector<std::string> pool;
  for (size_t i = 0, n = 1 + Pick(rng, 30); i < n; ++i) pool.push_back(RandomName(rng));
  std::vector<std::string> ops;
  for (const std::string& name : pool) {
    if (Pick(rng, 4) != 0 && t.ops.insert(name).second) ops.push_back(name);  // the rest: externals
  }
  std::string json = Ws(rng) + "[";
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::string& v = ops[i];
    t.nodes.insert(v);
    std::vector<std::string> fields = {"\"name\":" + Ws(rng) + Quote(v, rng)};
    for (int side = 1; side <= 2; ++side) {
      const size_t n = Pick(rng, 5);
      if (n == 0 && Pick(rng, 2)) {
        if (Pick(rng, 2)) fields.push_back(std::string(side == 1 ? "\"inputs\"" : "\"successors\"") + ":null");
        continue;
      }
      std::string list = side == 1 ? "\"inputs\":[" : "\"successors\":[";
      for (size_t j = 0; j < n; ++j) {
        const std::string& u = pool[Pick(rng, pool.size())];
        t.nodes.insert(u);
        list += (j ? "," : "") + Ws(rng) + Quote(u, rng);
        t.edges[side == 1 ? std::make_pair(u, v) : std::make_pair(v, u)] |= side;
      }
      fields.push_back(list + "]");
    }
    const size_t k = Pick(rng, 4);  // 0 none, 1 type, 2 kind, 3 both
    if (k & 1) fields.push_back("\"type\":" + Quote("t" + std::to_string(Pick(rng, 3)), rng));
    if (k & 2) fields.push_back("\"kind\":" + Quote("k" + std::to_string(Pick(rng, 3)), rng));
    if (k != 0) t.kinds[v] = (k & 1) ? "" : "k";  // resolved after the shuffle
    for (size_t j = 0, n = Pick(rng, 4); j < n; ++j) {
      fields.push_back(Quote("x" + RandomName(rng), rng) + ":" + Ws(rng) + RandomValue(rng, 2));
    }
    std::shuffle(fields.begin(), fields.end(), rng);
    json += (i ? "," : "") + Ws(rng) + "{";
    for (size_t j = 0; j < fields.size(); ++j) json += (j ? "," : "") + Ws(rng) + fields[j] + Ws(rng);
    json += "}";
  }
  return json + Ws(rng) + "]" + Ws(rng);
}

TEST(SparkOpsRandom, RoundTrip) {
  for (uint64_t seed = 0; seed < 300; ++seed) {
    SCOPED_TRACE(seed);
    Truth t;
    const std::string json = RandomFile(seed, t);
    ASSERT_OK_AND_ASSIGN(const Graph g, ParseJson(json));
    std::set<std::string> nodes, externals;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      nodes.emplace(g.name(v));
      if (g.is_external(v)) externals.emplace(g.name(v));
      if (v > 0) {
        ASSERT_LT(g.name(v - 1), g.name(v));  // ids in name order
      }
    }
    ASSERT_EQ(nodes, t.nodes);
    std::set<std::string> want_externals;
    for (const std::string& n : t.nodes) {
      if (!t.ops.count(n)) want_externals.insert(n);
    }
    EXPECT_EQ(externals, want_externals);
    std::set<std::pair<std::string, std::string>> edges, want_edges;
    std::set<std::tuple<std::string, std::string, int>> dis, want_dis;
    std::set<std::string> loops, want_loops;
    for (const auto& [e, sides] : t.edges) {
      want_edges.insert(e);
      if (e.first == e.second) want_loops.insert(e.first);
      if (sides != 3 && t.ops.count(e.first) && t.ops.count(e.second)) want_dis.emplace(e.first, e.second, sides);
    }
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      for (NodeId v : g.out(u)) edges.emplace(g.name(u), g.name(v));
    }
    for (const Disagreement& d : g.disagreements()) {
      dis.emplace(g.name(d.from), g.name(d.to), static_cast<int>(d.declared_by));
    }
    for (NodeId v : g.self_loops()) loops.emplace(g.name(v));
    EXPECT_EQ(edges, want_edges);
    EXPECT_EQ(dis, want_dis);
    EXPECT_EQ(loops, want_loops);
    for (const std::string& op : t.ops) {
      const std::string kind(g.kind_name(g.kind(*g.Find(op))));
      auto it = t.kinds.find(op);
      if (it == t.kinds.end()) {
        EXPECT_TRUE(kind[0] != 't' && kind[0] != 'k') << kind;  // derived from the name
      } else {
        EXPECT_EQ(kind[0], it->second.empty() ? 't' : 'k') << op;
      }
    }
  }
}

// One random byte edit: delete, insert, replace, or truncate.
std::string Mutate(std::string s, Rng& rng) {
  static const std::string kBytes = std::string("[]{}\":,\\ \n0-1etrufalsn.eE+/u\x01\xC3\xA9\xFF\xED\xA0", 28) +
                                    std::string(1, '\0');
  const size_t pos = Pick(rng, s.size() + 1);
  const char c = kBytes[Pick(rng, kBytes.size())];
  switch (Pick(rng, 4)) {
    case 0: if (pos < s.size()) s.erase(pos, 1); break;
    case 1: s.insert(s.begin() + pos, c); break;
    case 2: if (pos < s.size()) s[pos] = c; break;
    default: s.resize(pos); break;
  }
  return s;
}

// Parses "t.json:LINE:COL: error: WHAT" (WHAT non-empty).
bool ParseLocation(const std::string& s, uint64_t* line, uint64_t* col) {
  unsigned long long l = 0, c = 0;
  int end = 0;
  if (std::sscanf(s.c_str(), "t.json:%llu:%llu: error: %n", &l, &c, &end) != 2 || end == 0) return false;
  if (static_cast<size_t>(end) >= s.size() || s.compare(0, 7, "t.json:") != 0) return false;
  *line = l;
  *col = c;
  return l >= 1 && c >= 1;
}

TEST(SparkOpsRandom, MutationsAreRejectedWithALocation) {
  int rejected = 0, syntax = 0;
  const char* env = std::getenv("ETLDAG_MUTATION_SEEDS");  // more, for local fuzzing
  const uint64_t seeds = env != nullptr ? std::stoull(env) : 3000;
  for (uint64_t seed = 0; seed < seeds; ++seed) {
    Truth t;
    Rng rng(seed);
    std::string json = RandomFile(seed % 200, t);
    for (size_t i = 0, n = 1 + Pick(rng, 3); i < n; ++i) json = Mutate(json, rng);
    SCOPED_TRACE(json);
    const absl::StatusOr<Graph> g = ParseJson(json);
    const std::optional<load_internal::JsonSyntaxError> err = load_internal::FindJsonSyntaxError(json);
    if (g.ok()) {
      ASSERT_FALSE(err.has_value()) << "accepted invalid JSON: " << err->message;
      continue;
    }
    ++rejected;
    ASSERT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << g.status();
    const std::string first = FirstLine(g.status());
    uint64_t line = 0, col = 0;
    ASSERT_TRUE(ParseLocation(first, &line, &col)) << first;
    EXPECT_EQ(first.find("invalid JSON ("), std::string::npos) << first;
    if (!err) continue;  // valid JSON, wrong content
    ++syntax;
    // Syntax errors are the scanner's, at its place; a content error can only
    // come before the first syntax error.
    const LineCol at = LineColAt(json, err->offset);
    if (first.find(err->message) != std::string::npos) {
      EXPECT_EQ(std::make_pair(line, col), std::make_pair(at.line, at.column)) << first;
    } else {
      EXPECT_LE(std::make_pair(line, col), std::make_pair(at.line, at.column)) << first << " / " << err->message;
    }
  }
  EXPECT_GT(rejected, 1000);
  EXPECT_GT(syntax, 500);
}

}  // namespace
}  // namespace etldag
