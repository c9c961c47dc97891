// The four real manifests of data/dbt/: every one loads; its graph equals
// the one an independent reading builds from parent_map (simdjson DOM over
// the zlib-inflated file, no etldag loader code); downstream/upstream of
// every node equal a BFS over that reading; and `select` with every dbt
// method, for every value the manifest holds, equals the oracle's own
// filtering of the JSON (tests left out unless the selector targets them,
// as select.h documents).
#include <zlib.h>

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/algo/reachability.h"
#include "engine/load/load_graph.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "simdjson.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
namespace dom = simdjson::dom;

std::string SourceDir() { return ETLDAG_SOURCE_DIR_PATH; }

std::vector<std::string> ManifestFiles() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/data/dbt", ec)) {
    if (e.path().string().ends_with(".json.gz")) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Gunzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  std::string out;
  char buf[1 << 16];
  for (int n; f != nullptr && (n = gzread(f, buf, sizeof(buf))) > 0;) out.append(buf, static_cast<size_t>(n));
  if (f != nullptr) gzclose(f);
  return out;
}

// The oracle's view of one node.
struct OracleNode {
  std::string type, package, name, ofp, patch, source_name, materialized, test_name, access, group;
  bool generic = false;
  std::vector<std::string> tags, fqn;
};

struct Oracle {
  std::map<std::string, OracleNode> nodes;
  std::map<std::string, std::set<std::string>> children;  // from parent_map
  std::map<std::string, std::set<std::string>> parents;
};

using Field = simdjson::simdjson_result<dom::element>;

std::string Str(Field e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS ? std::string(s) : std::string();
}

std::vector<std::string> Strs(Field e) {
  std::vector<std::string> out;
  dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return out;
  for (dom::element x : a) out.push_back(Str(Field(std::move(x))));
  return out;
}

Oracle ReadOracle(const std::string& json) {
  Oracle o;
  dom::parser parser;
  dom::element doc = parser.parse(json);
  const std::pair<const char*, const char*> sections[] = {{"nodes", ""}, {"sources", "source"}, {"exposures", "exposure"},
                                                          {"metrics", "metric"}, {"semantic_models", "semantic_model"},
                                                          {"saved_queries", "saved_query"}, {"unit_tests", "unit_test"}};
  for (const auto& [key, type] : sections) {
    dom::object sec;
    if (doc[key].get_object().get(sec) != simdjson::SUCCESS) continue;
    for (dom::key_value_pair kv : sec) {
      OracleNode n;
      dom::element v = kv.value;
      n.type = Str(v["resource_type"]);
      if (n.type.empty()) n.type = type;
      n.package = Str(v["package_name"]);
      n.name = Str(v["name"]);
      n.ofp = Str(v["original_file_path"]);
      n.patch = Str(v["patch_path"]);
      n.source_name = Str(v["source_name"]);
      n.materialized = Str(v["config"]["materialized"]);
      n.access = Str(v["access"]);
      if (n.access.empty()) n.access = Str(v["config"]["access"]);
      n.group = Str(v["group"]);
      if (n.group.empty()) n.group = Str(v["config"]["group"]);
      dom::element tm;
      n.generic = v["test_metadata"].get(tm) == simdjson::SUCCESS && !tm.is_null();
      // (a missing field is an error result, never an exception: Field)
      if (n.generic) n.test_name = Str(tm["name"]);
      n.tags = Strs(v["tags"]);
      n.fqn = Strs(v["fqn"]);
      o.nodes[std::string(kv.key)] = n;
    }
  }
  dom::object pm;
  if (doc["parent_map"].get_object().get(pm) == simdjson::SUCCESS) {
    for (dom::key_value_pair kv : pm) {
      for (const std::string& p : Strs(Field(dom::element(kv.value)))) {
        o.children[p].insert(std::string(kv.key));
        o.parents[std::string(kv.key)].insert(p);
      }
    }
  }
  return o;
}

std::set<std::string> Bfs(const std::map<std::string, std::set<std::string>>& adj, const std::string& from) {
  std::set<std::string> seen;
  std::deque<std::string> q{from};
  while (!q.empty()) {
    const std::string u = q.front();
    q.pop_front();
    const auto it = adj.find(u);
    if (it == adj.end()) continue;
    for (const std::string& v : it->second) {
      if (seen.insert(v).second) q.push_back(v);
    }
  }
  seen.erase(from);
  return seen;
}

std::set<std::string> Names(const Graph& g, const Bitmap& b) {
  std::set<std::string> out;
  b.ForEach([&](size_t v) { out.emplace(g.name(static_cast<NodeId>(v))); });
  return out;
}

bool IsTest(const OracleNode& n) { return n.type == "test" || n.type == "unit_test"; }
bool IsParsed(const OracleNode& n) {
  for (const char* t : {"source", "exposure", "metric", "semantic_model", "saved_query", "unit_test"}) {
    if (n.type == t) return false;
  }
  return true;
}

class RealManifestTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RealManifestTest, GraphEqualsParentMapAndReachabilityAgrees) {
  absl::StatusOr<Graph> g = LoadGraph(GetParam());
  ASSERT_THAT(g.status(), IsOk());
  const Oracle o = ReadOracle(Gunzip(GetParam()));
  std::set<std::string> names;
  for (NodeId v = 0; v < g->num_nodes(); ++v) names.emplace(g->name(v));
  std::set<std::string> want;
  for (const auto& [id, n] : o.nodes) want.insert(id);
  EXPECT_EQ(names, want);
  std::set<std::pair<std::string, std::string>> edges, want_edges;
  for (NodeId u = 0; u < g->num_nodes(); ++u) {
    for (NodeId v : g->out(u)) edges.emplace(g->name(u), g->name(v));
  }
  for (const auto& [u, vs] : o.children) {
    for (const std::string& v : vs) want_edges.emplace(u, v);
  }
  EXPECT_EQ(edges, want_edges);
  EXPECT_TRUE(g->disagreements().empty());
  for (NodeId v = 0; v < g->num_nodes(); ++v) {
    const std::string name(g->name(v));
    const NodeId seeds[] = {v};
    EXPECT_EQ(Names(*g, Reach(*g, seeds, {Direction::kDownstream})), Bfs(o.children, name)) << name;
    EXPECT_EQ(Names(*g, Reach(*g, seeds, {Direction::kUpstream})), Bfs(o.parents, name)) << name;
  }
}

// select with `selector` equals the oracle's nodes with pred (tests only
// when `tests_too`).
template <typename Pred>
void ExpectSelect(const Graph& g, const Oracle& o, const std::string& selector, bool tests_too, Pred pred) {
  std::set<std::string> want;
  for (const auto& [id, n] : o.nodes) {
    if ((tests_too || !IsTest(n)) && pred(n, id)) want.insert(id);
  }
  absl::StatusOr<Selection> sel = Select(g, {selector});
  ASSERT_THAT(sel.status(), IsOk()) << selector;
  EXPECT_EQ(Names(g, sel->nodes), want) << selector;
}

TEST_P(RealManifestTest, EveryMethodAgreesWithTheOracle) {
  absl::StatusOr<Graph> g = LoadGraph(GetParam());
  ASSERT_THAT(g.status(), IsOk());
  const Oracle o = ReadOracle(Gunzip(GetParam()));
  std::set<std::string> tags, packages, types, mats, dirs, files, sources, source_tables, test_names, fqn2, access,
      groups;
  std::map<std::string, int> short_names;
  for (const auto& [id, n] : o.nodes) {
    for (const std::string& t : n.tags) tags.insert(t);
    packages.insert(n.package);
    types.insert(n.type);
    if (!n.materialized.empty()) mats.insert(n.materialized);
    for (size_t s = n.ofp.find('/'); s != std::string::npos; s = n.ofp.find('/', s + 1)) {
      if (n.ofp.substr(0, s) != ".") dirs.insert(n.ofp.substr(0, s));
    }
    files.insert(n.ofp.substr(n.ofp.rfind('/') + 1));
    if (n.type == "source") {
      sources.insert(n.source_name);
      source_tables.insert(n.source_name + "." + n.name);
    }
    if (!n.test_name.empty()) test_names.insert(n.test_name);
    if (n.fqn.size() >= 3 && IsParsed(n)) fqn2.insert(n.fqn[1] + "." + n.fqn[2]);
    if (!n.access.empty()) access.insert(n.access);
    if (!n.group.empty()) groups.insert(n.group);
    ++short_names[n.name];
  }
  for (const std::string& t : tags) {
    ExpectSelect(*g, o, "tag:" + t, false, [&](const OracleNode& n, const std::string&) {
      return std::find(n.tags.begin(), n.tags.end(), t) != n.tags.end();
    });
  }
  for (const std::string& p : packages) {
    if (p.empty()) continue;
    ExpectSelect(*g, o, "package:" + p, false, [&](const OracleNode& n, const std::string&) { return n.package == p; });
  }
  for (const std::string& t : types) {
    const bool tests = t == "test" || t == "unit_test";
    ExpectSelect(*g, o, "resource_type:" + t, tests, [&](const OracleNode& n, const std::string&) { return n.type == t; });
  }
  for (const std::string& m : mats) {
    ExpectSelect(*g, o, "config.materialized:" + m, false, [&](const OracleNode& n, const std::string&) {
      return n.materialized == m && (IsParsed(n) || n.type == "source");
    });
  }
  for (const std::string& d : dirs) {
    ExpectSelect(*g, o, "path:" + d, false, [&](const OracleNode& n, const std::string&) {
      const size_t scheme = n.patch.find("://");
      return n.ofp.starts_with(d + "/") || (scheme != std::string::npos && n.patch.substr(scheme + 3) == d);
    });
  }
  for (const std::string& f : files) {
    if (f.empty() || f.find_first_of("*?[") != std::string::npos) continue;
    ExpectSelect(*g, o, "file:" + f, false, [&](const OracleNode& n, const std::string&) {
      const std::string base = n.ofp.substr(n.ofp.rfind('/') + 1);
      return !n.ofp.empty() && (base == f || base.substr(0, base.rfind('.')) == f);
    });
  }
  for (const std::string& s : sources) {
    ExpectSelect(*g, o, "source:" + s + "+1", false, [&](const OracleNode& n, const std::string& id) {
      if (n.type == "source" && n.source_name == s) return true;
      const auto it = o.parents.find(id);
      if (it == o.parents.end()) return false;
      for (const std::string& p : it->second) {
        const OracleNode& pn = o.nodes.at(p);
        if (pn.type == "source" && pn.source_name == s) return true;
      }
      return false;
    });
  }
  for (const std::string& st : source_tables) {
    ExpectSelect(*g, o, "source:" + st, false, [&](const OracleNode& n, const std::string&) {
      return n.type == "source" && n.source_name + "." + n.name == st;
    });
  }
  for (const std::string& t : test_names) {
    ExpectSelect(*g, o, "test_name:" + t, true, [&](const OracleNode& n, const std::string&) {
      return n.type == "test" && n.test_name == t;
    });
  }
  ExpectSelect(*g, o, "test_type:generic", true, [](const OracleNode& n, const std::string&) { return n.type == "test" && n.generic; });
  ExpectSelect(*g, o, "test_type:singular", true, [](const OracleNode& n, const std::string&) { return n.type == "test" && !n.generic; });
  for (const std::string& f : fqn2) {  // dbt: the unscoped fqn (without the package) matches too
    ExpectSelect(*g, o, f, false, [&](const OracleNode& n, const std::string&) {
      if (!IsParsed(n) || n.fqn.empty()) return false;
      const std::vector<std::string> parts = {f.substr(0, f.find('.')), f.substr(f.find('.') + 1)};
      auto prefix = [&](size_t from) {
        return n.fqn.size() >= from + 2 && n.fqn[from] == parts[0] && n.fqn[from + 1] == parts[1];
      };
      return n.fqn.back() == f || prefix(0) || prefix(1);
    });
  }
  for (const std::string& a : access) {
    ExpectSelect(*g, o, "access:" + a, false, [&](const OracleNode& n, const std::string&) { return n.type == "model" && n.access == a; });
  }
  for (const std::string& gr : groups) {
    ExpectSelect(*g, o, "group:" + gr, false, [&](const OracleNode& n, const std::string&) {
      return (IsParsed(n) || n.type == "metric") && n.group == gr;
    });
  }
  int checked = 0;
  for (const auto& [name, count] : short_names) {  // a dbt short name = its node
    if (count != 1 || name.empty() || g->Find(name) || name.find_first_of("*?[+,@: ") != std::string::npos) continue;
    if (++checked > 50) break;
    const std::string& short_name = name;  // clang 14 cannot capture a structured binding
    ExpectSelect(*g, o, short_name, true,
                 [&](const OracleNode& n, const std::string&) { return n.name == short_name; });
  }
}

INSTANTIATE_TEST_SUITE_P(Data, RealManifestTest, ::testing::ValuesIn(ManifestFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = std::filesystem::path(info.param).filename().string();
                           n = n.substr(0, n.find('.'));
                           return n;
                         });

}  // namespace
}  // namespace etldag
