// dbt YAML selectors (engine/query/yaml_selectors.h), one table row per
// selector, on the manifest drawn below. Rows follow dbt's documentation
// (docs.getdbt.com/reference/node-selection/yaml-selectors: CLI-style,
// key-value and full definitions, union/intersection/exclude, the
// nightly_diet_snowplow example adapted to this graph, parents/children with
// depths, childrens_parents, indirect_selection modes from
// test-selection-examples) and dbt-core's tests/unit/test_selector_*.py
// (test_parse_multiple_excludes, the CLI / non-CLI equivalences, a selector
// referencing another, the root-level union+intersection error).
//
//   source.shop.raw.orders   seed.shop.codes
//            |                     |
//   model.shop.stg_orders    model.shop.customers
//   (view, nightly)          (table)
//             \________  ________/
//                      \/
//             model.shop.orders (incremental, nightly, finance)
//              |         |      \_________________________
//   model.shop.revenue   model.shop.export                 test.shop.nn_orders (orders)
//   (table, finance)     (incremental, nightly,            test.shop.rel_orders_customers
//                         models/export/export.sql)          (orders and customers)
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/graph/snapshot.h"
#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/query/select.h"
#include "engine/query/yaml_selectors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

constexpr const char* kNodes = R"(
  "model.shop.stg_orders": {"resource_type": "model", "name": "stg_orders", "package_name": "shop",
    "fqn": ["shop", "staging", "stg_orders"], "original_file_path": "models/staging/stg_orders.sql",
    "tags": ["nightly"], "config": {"materialized": "view"}, "depends_on": {"nodes": ["source.shop.raw.orders"]}},
  "model.shop.customers": {"resource_type": "model", "name": "customers", "package_name": "shop",
    "fqn": ["shop", "customers"], "original_file_path": "models/customers.sql", "tags": [],
    "config": {"materialized": "table"}, "depends_on": {"nodes": ["seed.shop.codes"]}},
  "model.shop.orders": {"resource_type": "model", "name": "orders", "package_name": "shop",
    "fqn": ["shop", "orders"], "original_file_path": "models/orders.sql", "tags": ["nightly", "finance"],
    "config": {"materialized": "incremental"},
    "depends_on": {"nodes": ["model.shop.stg_orders", "model.shop.customers"]}},
  "model.shop.revenue": {"resource_type": "model", "name": "revenue", "package_name": "shop",
    "fqn": ["shop", "revenue"], "original_file_path": "models/revenue.sql", "tags": ["finance"],
    "config": {"materialized": "table"}, "depends_on": {"nodes": ["model.shop.orders"]}},
  "model.shop.export": {"resource_type": "model", "name": "export", "package_name": "shop",
    "fqn": ["shop", "export", "export"], "original_file_path": "models/export/export.sql", "tags": ["nightly"],
    "config": {"materialized": "incremental"}, "depends_on": {"nodes": ["model.shop.orders"]}},
  "seed.shop.codes": {"resource_type": "seed", "name": "codes", "package_name": "shop", "fqn": ["shop", "codes"],
    "original_file_path": "seeds/codes.csv"},
  "test.shop.nn_orders": {"resource_type": "test", "name": "nn_orders", "package_name": "shop",
    "test_metadata": {"name": "not_null"}, "depends_on": {"nodes": ["model.shop.orders"]}},
  "test.shop.rel_orders_customers": {"resource_type": "test", "name": "rel_orders_customers",
    "package_name": "shop", "test_metadata": {"name": "relationships"},
    "depends_on": {"nodes": ["model.shop.orders", "model.shop.customers"]}}
)";

constexpr const char* kSources = R"(
  "source.shop.raw.orders": {"name": "orders", "source_name": "raw", "package_name": "shop",
    "fqn": ["shop", "raw", "orders"]})";

// name -> definition (JSON, as dbt writes selectors.yml into the manifest)
const std::pair<const char*, const char*> kSelectors[] = {
    {"nightly_cli", R"("tag:nightly")"},
    {"nightly_kv", R"({"tag": "nightly"})"},
    {"nightly_full", R"({"method": "tag", "value": "nightly"})"},
    {"orders_parents", R"({"method": "fqn", "value": "orders", "parents": true})"},
    {"orders_parents_1", R"({"method": "fqn", "value": "orders", "parents": true, "parents_depth": 1})"},
    {"orders_depth_only", R"({"method": "fqn", "value": "orders", "parents_depth": 1})"},
    {"stg_children", R"({"method": "fqn", "value": "stg_orders", "children": true})"},
    {"stg_children_1", R"({"method": "fqn", "value": "stg_orders", "children": true, "children_depth": "1"})"},
    {"customers_at", R"({"method": "fqn", "value": "customers", "childrens_parents": true})"},
    {"nightly_diet", R"({"union": [{"intersection": ["@source:raw", "tag:nightly"]}, "path:models/export",
                        {"exclude": [{"intersection": ["tag:nightly", "config.materialized:view"]}]}]})"},
    {"nightly_finance", R"({"intersection": ["tag:nightly", {"method": "tag", "value": "finance"}]})"},
    {"nightly_no_export", R"({"method": "tag", "value": "nightly", "exclude": ["export"]})"},
    {"ref", R"({"union": [{"selector": "nightly_finance"}, "revenue"]})"},
    {"ref_method", R"({"method": "selector", "value": "nightly_cli"})"},
    {"eager", R"({"method": "fqn", "value": "orders", "indirect_selection": "eager"})"},
    {"cautious", R"({"method": "fqn", "value": "orders", "indirect_selection": "cautious"})"},
    {"cautious_both", R"({"method": "fqn", "value": "orders", "parents": true, "indirect_selection": "cautious"})"},
    {"buildable", R"({"method": "fqn", "value": "orders", "indirect_selection": "buildable"})"},
    {"empty", R"({"method": "fqn", "value": "orders", "indirect_selection": "empty"})"},
    {"tests_direct", R"("test_type:generic")"},
    {"cli_ops", R"({"union": ["+fqn:orders", "stg_orders+1"]})"},
    // errors
    {"mult_excl", R"({"union": [{"method": "tag", "value": "nightly"}, {"exclude": [{"method": "tag", "value": "finance"}]},
                     {"exclude": [{"method": "tag", "value": "x"}]}]})"},
    {"cycle_a", R"({"selector": "cycle_b"})"},
    {"cycle_b", R"({"union": ["revenue", {"method": "selector", "value": "cycle_a"}]})"},
    {"root_two", R"({"union": ["tag:nightly"], "intersection": ["tag:finance"]})"},
    {"no_value", R"({"method": "tag", "parents": true})"},
    {"bad_indirect", R"({"method": "tag", "value": "nightly", "indirect_selection": "greedy"})"},
    {"bad_type", R"({"resource_type": "modle"})"},
    {"bad_depth", R"({"method": "tag", "value": "nightly", "parents": true, "parents_depth": "two"})"},
    {"missing_ref", R"({"selector": "nope"})"},
    {"list_def", R"(["tag:nightly"])"},
};

std::string ManifestJson() {
  std::string sel;
  for (const auto& [name, def] : kSelectors) {
    sel += std::string(sel.empty() ? "" : ",\n") + "\"" + name + "\": {\"name\": \"" + name +
           "\", \"description\": \"\", \"definition\": " + def + "}";
  }
  return std::string(R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
    "project_name": "shop"}, "nodes": {)") + kNodes + "}, \"sources\": {" + kSources + "}, \"selectors\": {" + sel +
         "}}";
}

struct Fixture {
  FileBuffer buf = FileBuffer::FromString(ManifestJson(), "m.json");
  Graph g;
  Fixture() {
    absl::StatusOr<Graph> r = ParseDbtManifest("m.json", buf.data());
    EXPECT_THAT(r.status(), IsOk());
    if (r.ok()) g = *std::move(r);
  }
};

const Fixture& F() {
  static const Fixture* f = new Fixture();
  return *f;
}

absl::StatusOr<Selection> RunSelector(std::string_view name) {
  return SelectByManifestSelectorText(F().g, "m.json", F().buf.data(), name);
}

std::set<std::string> Names(const Selection& s) {
  std::set<std::string> out;
  s.nodes.ForEach([&](size_t v) { out.emplace(F().g.name(static_cast<NodeId>(v))); });
  return out;
}

std::set<std::string> Expand(const std::string& words) {
  std::istringstream in(words);
  std::set<std::string> out;
  for (std::string w; in >> w;) {
    if (w == "raw.orders") out.insert("source.shop.raw.orders");
    else if (w == "codes") out.insert("seed.shop.codes");
    else if (w == "nn_orders" || w == "rel_orders_customers") out.insert("test.shop." + w);
    else out.insert("model.shop." + w);
  }
  return out;
}

struct Row {
  const char* selector;
  const char* want;  // short names
  const char* cli;   // an equivalent `select` argument, or nullptr
};

const Row kRows[] = {
    {"nightly_cli", "stg_orders orders export", "tag:nightly"},
    {"nightly_kv", "stg_orders orders export", "tag:nightly"},
    {"nightly_full", "stg_orders orders export", "tag:nightly"},
    {"orders_parents", "orders stg_orders customers raw.orders codes", "+fqn:orders"},
    {"orders_parents_1", "orders stg_orders customers", "1+fqn:orders"},
    {"orders_depth_only", "orders", "fqn:orders"},  // dbt: a depth without parents: true does nothing
    {"stg_children", "stg_orders orders revenue export", "stg_orders+"},
    {"stg_children_1", "stg_orders orders", "stg_orders+1"},
    {"customers_at", "customers orders revenue export stg_orders raw.orders codes", "@fqn:customers"},
    {"nightly_diet", "orders export", nullptr},
    {"nightly_finance", "orders", "tag:nightly,tag:finance"},
    {"nightly_no_export", "stg_orders orders", nullptr},
    {"ref", "orders revenue", nullptr},
    {"ref_method", "stg_orders orders export", nullptr},
    {"eager", "orders nn_orders rel_orders_customers", nullptr},
    {"cautious", "orders nn_orders", nullptr},
    {"cautious_both", "orders stg_orders customers raw.orders codes nn_orders rel_orders_customers", nullptr},
    {"buildable", "orders nn_orders rel_orders_customers", nullptr},
    {"empty", "orders", nullptr},
    {"tests_direct", "nn_orders rel_orders_customers", "test_type:generic"},
    {"cli_ops", "orders stg_orders customers raw.orders codes", "+fqn:orders stg_orders+1"},
};

TEST(YamlSelectorTest, DocumentedDefinitions) {
  for (const Row& row : kRows) {
    absl::StatusOr<Selection> s = RunSelector(row.selector);
    ASSERT_THAT(s.status(), IsOk()) << row.selector;
    EXPECT_EQ(Names(*s), Expand(row.want)) << row.selector;
    EXPECT_EQ(s->count, s->nodes.Count()) << row.selector;
    if (row.cli != nullptr) {
      std::vector<std::string> args;
      std::istringstream in(row.cli);
      for (std::string w; in >> w;) args.push_back(w);
      absl::StatusOr<Selection> cli = Select(F().g, args);
      ASSERT_THAT(cli.status(), IsOk()) << row.cli;
      EXPECT_EQ(Names(*s), Names(*cli)) << row.selector << " vs " << row.cli;
    }
  }
}

TEST(YamlSelectorTest, Errors) {
  EXPECT_THAT(RunSelector("mult_excl").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("selector \"mult_excl\": you cannot provide multiple exclude")));
  EXPECT_THAT(RunSelector("cycle_a").status(),
              StatusIs(Code::kInvalidArgument,
                       HasSubstr("selectors refer to each other in a cycle: cycle_a -> cycle_b -> cycle_a")));
  EXPECT_THAT(RunSelector("root_two").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("only a single 'union' or 'intersection' key")));
  EXPECT_THAT(RunSelector("no_value").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("expected either 1 key or else \"method\" and \"value\"")));
  EXPECT_THAT(RunSelector("bad_indirect").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("takes eager, cautious, buildable or empty, not \"greedy\"")));
  EXPECT_THAT(RunSelector("bad_type").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("selector \"bad_type\": resource_type:modle")));
  EXPECT_THAT(RunSelector("bad_depth").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("\"parents_depth\" must be a non-negative integer")));
  EXPECT_THAT(RunSelector("missing_ref").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("selector \"missing_ref\": no selector \"nope\"")));
  EXPECT_THAT(RunSelector("list_def").status(),
              StatusIs(Code::kInvalidArgument, HasSubstr("expected a union, an intersection, a string or a mapping")));
  EXPECT_THAT(RunSelector("nightly").status(),
              StatusIs(Code::kNotFound, HasSubstr("no selector \"nightly\" in the manifest (its selectors: bad_depth, "
                                                  "bad_indirect, bad_type, buildable, cautious")));
}

TEST(YamlSelectorTest, ManifestWithoutSelectors) {
  const FileBuffer buf = FileBuffer::FromString(
      R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {}})", "e.json");
  EXPECT_THAT(SelectByManifestSelectorText(F().g, "e.json", buf.data(), "x").status(),
              StatusIs(Code::kNotFound, HasSubstr("(the manifest has no selectors)")));
  const FileBuffer bad = FileBuffer::FromString(
      R"({"metadata": {}, "nodes": {}, "selectors": {"x": {"name": "x"}}})", "b.json");
  EXPECT_THAT(SelectByManifestSelectorText(F().g, "b.json", bad.data(), "x").status(),
              StatusIs(Code::kDataLoss, HasSubstr("b.json: error: selector \"x\" has no \"definition\"")));
}

TEST(YamlSelectorTest, ReadsTheFileAndRefusesASnapshot) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("etldag_yaml_sel_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string json = (dir / "m.json").string(), snap = (dir / "m.etldag").string();
  std::ofstream(json) << ManifestJson();
  absl::StatusOr<Selection> s = SelectByManifestSelector(F().g, json, "nightly_finance");
  ASSERT_THAT(s.status(), IsOk());
  EXPECT_EQ(Names(*s), Expand("orders"));
  ASSERT_THAT(WriteSnapshot(F().g, snap), IsOk());
  EXPECT_THAT(SelectByManifestSelector(F().g, snap, "nightly_finance").status(),
              StatusIs(Code::kDataLoss, HasSubstr("a snapshot keeps no dbt selectors: give --selector the manifest itself")));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace etldag
