// dbt's documented selection examples, so that users' dbt intuitions hold.
//
// Two sources:
//  1. dbt-core's own unit table, tests/unit/graph/test_selector.py
//     (`run_specs`, github.com/dbt-labs/dbt-core), on its graph: the
//     balanced binary tree of depth 2, nodes m.X.a ... m.X.g.
//  2. The examples of the dbt documentation pages
//     docs.getdbt.com/reference/node-selection/graph-operators ("plus",
//     "n-plus" and "at" operators), .../set-operators (unions and
//     intersections) and .../exclude, on a small graph drawn below.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;

std::set<std::string> Names(const Graph& g, const Bitmap& b) {
  std::set<std::string> out;
  b.ForEach([&](size_t v) { out.emplace(g.name(static_cast<NodeId>(v))); });
  return out;
}

std::set<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::set<std::string> out;
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

std::vector<std::string> Args(const std::vector<const char*>& v) { return {v.begin(), v.end()}; }

// ---- 1. dbt-core's run_specs -------------------------------------------------
//
//            a (X)
//          /      \.
//       b (Y)      c (X)
//      /    \.    /    \.
//   d (Y) e (X) f (Y)  g (X)
//
// Edges point down (a -> b: b reads a). dbt's fqn "X.a" is our name "a" (we
// match exact names); dbt's tags become name files for our file: method:
// tag:abc = {a, b, c}, tag:bcef = {b, c, e, f}, tag:efg = {e, f, g}.
struct RunSpec {
  std::vector<const char*> include;
  std::vector<const char*> exclude;
  const char* expected;  // space-separated names
};

const RunSpec kDbtRunSpecs[] = {
    // include by fqn
    {{"X.a"}, {}, "a"},
    // include by tag
    {{"tag:abc"}, {}, "a b c"},
    // exclude by tag
    {{"*"}, {"tag:abc"}, "d e f g"},
    // tag + fqn
    {{"tag:abc", "a"}, {}, "a b c"},
    {{"tag:abc", "d"}, {}, "a b c d"},
    // multiple node selection across packages
    {{"X.a", "b"}, {}, "a b"},
    {{"X.a+"}, {"b"}, "a c d e f g"},
    // children
    {{"X.c+"}, {}, "c f g"},
    {{"X.a+1"}, {}, "a b c"},
    {{"X.a+"}, {"tag:efg"}, "a b c d"},
    // parents
    {{"+Y.f"}, {}, "c f a"},
    {{"1+Y.f"}, {}, "c f"},
    // childrens parents
    {{"@X.c"}, {}, "a c f g"},
    // multiple selection/exclusion
    {{"tag:abc", "tag:bcef"}, {}, "a b c e f"},
    {{"tag:abc", "tag:bcef"}, {"tag:efg"}, "a b c"},
    {{"tag:abc", "tag:bcef"}, {"tag:efg", "a"}, "b c"},
    // intersections
    {{"a,a"}, {}, "a"},
    {{"+c,c+"}, {}, "c"},
    {{"a,b"}, {}, ""},
    {{"tag:abc,tag:bcef"}, {}, "b c"},
    {{"*,tag:abc,a"}, {}, "a"},
    {{"a,tag:abc,*"}, {}, "a"},
    {{"tag:abc,tag:bcef"}, {"c"}, "b"},
    {{"tag:bcef,tag:efg"}, {"tag:bcef,@b"}, "f"},
    {{"tag:bcef,tag:efg"}, {"tag:bcef,@a"}, ""},
    {{"*,@a,+b"}, {"*,tag:abc,tag:bcef"}, "a"},
    {{"tag:bcef,tag:efg", "*,tag:abc"}, {}, "a b c e f"},
    {{"tag:bcef,tag:efg", "*,tag:abc"}, {"e"}, "a b c f"},
    {{"tag:bcef,tag:efg", "*,tag:abc"}, {"e", "f"}, "a b c"},
    {{"tag:bcef,tag:efg", "*,tag:abc"}, {"tag:abc,tag:bcef"}, "a e f"},
    {{"tag:bcef,tag:efg", "*,tag:abc"}, {"tag:abc,tag:bcef", "tag:abc,a"}, "e f"},
};

class DbtCoreRunSpecs : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Graph> g = BuildGraph(
        {{"a", "X"}, {"b", "Y"}, {"c", "X"}, {"d", "Y"}, {"e", "X"}, {"f", "Y"}, {"g", "X"}},
        {{"a", "b"}, {"a", "c"}, {"b", "d"}, {"b", "e"}, {"c", "f"}, {"c", "g"}});
    ASSERT_THAT(g, IsOk());
    graph_ = std::move(*g);
    dir_ = ::testing::TempDir() + "/etldag_dbt_tags";
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/abc.txt") << "a\nb\nc\n";
    std::ofstream(dir_ + "/bcef.txt") << "b\nc\ne\nf\n";
    std::ofstream(dir_ + "/efg.txt") << "e\nf\ng\n";
  }
  // dbt spelling -> ours: "X.a" -> "a", "tag:abc" -> "file:DIR/abc.txt".
  std::vector<std::string> Translate(const std::vector<const char*>& specs) const {
    std::vector<std::string> out;
    for (const char* s : specs) out.push_back(TranslateOne(s));
    return out;
  }
  // Plain string scan (std::regex trips GCC 12's -Wmaybe-uninitialized under -O1 + ASan).
  std::string TranslateOne(std::string_view s) const {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::string t;
    for (size_t i = 0; i < s.size();) {
      const bool at_word_start = i == 0 || !word(s[i - 1]);
      if (at_word_start && (s[i] == 'X' || s[i] == 'Y') && i + 1 < s.size() && s[i + 1] == '.') {
        i += 2;  // "X.a" -> "a"
      } else if (at_word_start && s.substr(i, 4) == "tag:" && i + 4 < s.size() && word(s[i + 4])) {
        size_t end = i + 4;
        while (end < s.size() && word(s[end])) ++end;
        t += "file:" + dir_ + "/" + std::string(s.substr(i + 4, end - i - 4)) + ".txt";
        i = end;
      } else {
        t += s[i++];
      }
    }
    return t;
  }
  Graph graph_;
  std::string dir_;
};

TEST_F(DbtCoreRunSpecs, SameSelections) {
  for (const RunSpec& spec : kDbtRunSpecs) {
    const std::vector<std::string> include = Translate(spec.include);
    const std::vector<std::string> exclude = Translate(spec.exclude);
    SCOPED_TRACE(::testing::PrintToString(include) + " --exclude " + ::testing::PrintToString(exclude));
    absl::StatusOr<Selection> sel = Select(graph_, include, exclude);
    ASSERT_THAT(sel, IsOk());
    EXPECT_EQ(Names(graph_, sel->nodes), Split(spec.expected));
    EXPECT_EQ(sel->count, Split(spec.expected).size());
    EXPECT_EQ(sel->empty(), Split(spec.expected).empty());
  }
}

// ---- 2. The documentation's examples -----------------------------------------
//
// graph-operators page (my_model):
//
//   gg0 -> g1 -> g2 -> g3 -> my_model -> c1 -> c2 -> c3 -> c4 -> c5
//                                        ^
//                side_parent -> side ----+
//                                 |
//                                 +------> other_child
//
// set-operators page:
//
//   raw_events -> stg_events -> snowplow_sessions
//   raw_users  -> stg_users  -> snowplow_sessions
//                 stg_users  -> fct_orders
//   raw_orders -> stg_orders -> fct_orders
//
//   stg_invoices -> fct_invoices     stg_accounts -> dim_accounts
//   stg_invoices -> fct_billing <--- stg_accounts
//                   fct_billing -> rpt_revenue
//
// exclude page ("my_package".*+ --exclude "my_package.a_big_model+"):
//
//   my_package/a -> my_package/a_big_model -> reports/big_report
//   my_package/b -> reports/b_report
Graph DocsGraph() {
  std::vector<std::pair<std::string_view, std::string_view>> edges = {
      {"gg0", "g1"}, {"g1", "g2"}, {"g2", "g3"}, {"g3", "my_model"}, {"my_model", "c1"},
      {"c1", "c2"}, {"c2", "c3"}, {"c3", "c4"}, {"c4", "c5"}, {"side_parent", "side"},
      {"side", "c1"}, {"side", "other_child"},
      {"raw_events", "stg_events"}, {"stg_events", "snowplow_sessions"},
      {"raw_users", "stg_users"}, {"stg_users", "snowplow_sessions"}, {"stg_users", "fct_orders"},
      {"raw_orders", "stg_orders"}, {"stg_orders", "fct_orders"},
      {"stg_invoices", "fct_invoices"}, {"stg_invoices", "fct_billing"},
      {"stg_accounts", "fct_billing"}, {"stg_accounts", "dim_accounts"},
      {"fct_billing", "rpt_revenue"},
      {"my_package/a", "my_package/a_big_model"}, {"my_package/a_big_model", "reports/big_report"},
      {"my_package/b", "reports/b_report"},
  };
  std::set<std::string_view> names;
  for (const auto& [u, v] : edges) names.insert({u, v});
  std::vector<OpSpec> ops;
  for (std::string_view n : names) ops.push_back({n, {}});
  absl::StatusOr<Graph> g = BuildGraph(ops, edges);
  EXPECT_THAT(g, IsOk());
  return std::move(g).value();
}

struct DocCase {
  std::vector<const char*> include;
  std::vector<const char*> exclude;
  const char* expected;
};

const DocCase kDocCases[] = {
    // graph-operators: "select my_model and all descendants"
    {{"my_model+"}, {}, "my_model c1 c2 c3 c4 c5"},
    // "select my_model and all ancestors"
    {{"+my_model"}, {}, "gg0 g1 g2 g3 my_model"},
    // "select my_model, and all of its ancestors and descendants"
    {{"+my_model+"}, {}, "gg0 g1 g2 g3 my_model c1 c2 c3 c4 c5"},
    // n-plus: "select my_model and its first-degree descendants"
    {{"my_model+1"}, {}, "my_model c1"},
    // "select my_model, its first-degree ancestors ("parents"), and its
    // second-degree ancestors ("grandparents")"
    {{"2+my_model"}, {}, "g2 g3 my_model"},
    // "select my_model, its ancestors up to the 3rd degree, and its
    // descendants down to the 4th degree"
    {{"3+my_model+4"}, {}, "g1 g2 g3 my_model c1 c2 c3 c4"},
    // at: "select my_model, its children, and the parents of its children"
    // -- every ancestor of every descendant (side, side_parent), but not
    // other_child, a descendant of such an ancestor.
    {{"@my_model"}, {}, "gg0 g1 g2 g3 my_model c1 c2 c3 c4 c5 side side_parent"},
    // set-operators, unions: "+snowplow_sessions +fct_orders" (one argument)
    {{"+snowplow_sessions +fct_orders"}, {},
     "raw_events stg_events raw_users stg_users snowplow_sessions raw_orders stg_orders fct_orders"},
    // ... and the same as two arguments
    {{"+snowplow_sessions", "+fct_orders"}, {},
     "raw_events stg_events raw_users stg_users snowplow_sessions raw_orders stg_orders fct_orders"},
    // intersections: "all the common ancestors of snowplow_sessions and fct_orders"
    {{"+snowplow_sessions,+fct_orders"}, {}, "raw_users stg_users"},
    // "all the common descendents of stg_invoices and stg_accounts"
    {{"stg_invoices+,stg_accounts+"}, {}, "fct_billing rpt_revenue"},
    // exclude: "select all models in my_package and their children except
    // a_big_model and its children"
    {{"my_package/*+"}, {"my_package/a_big_model+"}, "my_package/a my_package/b reports/b_report"},
    // exclude a specific resource by its name
    {{"my_package/*"}, {"my_package/a"}, "my_package/a_big_model my_package/b"},
};

TEST(DbtDocsExamples, SameSelections) {
  const Graph g = DocsGraph();
  for (const DocCase& c : kDocCases) {
    const std::vector<std::string> include = Args(c.include), exclude = Args(c.exclude);
    SCOPED_TRACE(::testing::PrintToString(include) + " --exclude " + ::testing::PrintToString(exclude));
    absl::StatusOr<Selection> sel = Select(g, include, exclude);
    ASSERT_THAT(sel, IsOk());
    EXPECT_EQ(Names(g, sel->nodes), Split(c.expected));
  }
}

// "@" includes x's ancestors too, so dbt-accepted "@N+x" equals "@x".
TEST(DbtDocsExamples, AtWithPrefixEqualsAt) {
  const Graph g = DocsGraph();
  absl::StatusOr<Selection> at = Select(g, {"@my_model"});
  absl::StatusOr<Selection> at_plus = Select(g, {"@2+my_model"});
  ASSERT_THAT(at, IsOk());
  ASSERT_THAT(at_plus, IsOk());
  EXPECT_EQ(at->nodes, at_plus->nodes);
}

}  // namespace
}  // namespace etldag
