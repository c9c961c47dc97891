// dbt's documented selection examples, one table row each, on a manifest
// built for the tests (the jaffle_shop layout of dbt's docs, drawn below),
// so that dbt users' expectations hold line by line. Sources:
//   docs.getdbt.com/reference/node-selection/methods (every method's
//   examples), .../graph-operators, .../set-operators, .../exclude,
//   .../test-selection-examples, and dbt-core's
//   tests/unit/graph/test_selector_methods.py (fqn, tag, group, access,
//   source, path, file, package, config, resource_type, test_name,
//   test_type cases).
//
//   source.shop.raw.orders    source.shop.raw.payments    seed.shop.country_codes
//            |                        |                          |
//   model.shop.stg_orders     model.shop.stg_payments            |
//            \_______________________/ \_________________________/
//                       |                          |
//             model.shop.orders (public)   model.shop.customers
//                |          \____________________/  |
//   test.shop.not_null_orders_id      exposure.shop.weekly_kpis
//   test.shop.assert_total_positive (singular, on orders)
//   model.analytics.revenue (package analytics, reads orders)
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/load/dbt_manifest.h"
#include "engine/load/file_buffer.h"
#include "engine/query/select.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;

std::string Node(const std::string& id, const std::string& body) { return "\"" + id + "\": {" + body + "}"; }

const std::string& ManifestJson() {
  static const std::string json = [] {
    std::vector<std::string> nodes = {
        Node("seed.shop.country_codes", R"("resource_type": "seed", "name": "country_codes", "package_name": "shop",
          "fqn": ["shop", "country_codes"], "original_file_path": "seeds/country_codes.csv", "tags": ["base"],
          "config": {"materialized": "seed", "enabled": true})"),
        Node("model.shop.stg_orders", R"("resource_type": "model", "name": "stg_orders", "package_name": "shop",
          "fqn": ["shop", "staging", "stg_orders"], "original_file_path": "models/staging/stg_orders.sql",
          "patch_path": "shop://models/staging/schema.yml", "tags": ["nightly", "staging"],
          "config": {"materialized": "view", "enabled": true, "schema": "stg"},
          "depends_on": {"nodes": ["source.shop.raw.orders"]})"),
        Node("model.shop.stg_payments", R"("resource_type": "model", "name": "stg_payments", "package_name": "shop",
          "fqn": ["shop", "staging", "stg_payments"], "original_file_path": "models/staging/stg_payments.sql",
          "tags": ["staging"], "config": {"materialized": "view", "enabled": true, "schema": "stg"},
          "depends_on": {"nodes": ["source.shop.raw.payments"]})"),
        Node("model.shop.orders", R"("resource_type": "model", "name": "orders", "package_name": "shop",
          "fqn": ["shop", "marts", "finance", "orders"], "original_file_path": "models/marts/finance/orders.sql",
          "tags": ["nightly", "finance"], "access": "public", "group": "finance",
          "config": {"materialized": "incremental", "enabled": true},
          "depends_on": {"nodes": ["model.shop.stg_orders", "model.shop.stg_payments"]})"),
        Node("model.shop.customers", R"("resource_type": "model", "name": "customers", "package_name": "shop",
          "fqn": ["shop", "marts", "core", "customers"], "original_file_path": "models/marts/core/customers.py",
          "tags": [], "access": "protected", "config": {"materialized": "table", "enabled": false},
          "depends_on": {"nodes": ["model.shop.stg_payments", "seed.shop.country_codes"]})"),
        Node("test.shop.not_null_orders_id.abc", R"("resource_type": "test", "name": "not_null_orders_id",
          "package_name": "shop", "fqn": ["shop", "marts", "finance", "not_null_orders_id"],
          "original_file_path": "models/marts/finance/schema.yml", "tags": ["finance"],
          "test_metadata": {"name": "not_null"}, "config": {"severity": "warn"},
          "depends_on": {"nodes": ["model.shop.orders"]})"),
        Node("test.shop.assert_total_positive", R"("resource_type": "test", "name": "assert_total_positive",
          "package_name": "shop", "fqn": ["shop", "assert_total_positive"],
          "original_file_path": "tests/assert_total_positive.sql", "tags": [], "config": {"severity": "ERROR"},
          "depends_on": {"nodes": ["model.shop.orders"]})"),
        Node("model.analytics.revenue", R"("resource_type": "model", "name": "revenue", "package_name": "analytics",
          "fqn": ["analytics", "marts", "revenue"], "original_file_path": "models/marts/revenue.sql",
          "tags": ["finance"], "config": {"materialized": "table", "enabled": true},
          "depends_on": {"nodes": ["model.shop.orders"]})"),
    };
    std::string j = R"({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
      "project_name": "shop"}, "nodes": {)";
    for (size_t i = 0; i < nodes.size(); ++i) j += (i ? ",\n" : "") + nodes[i];
    j += R"(}, "sources": {
      "source.shop.raw.orders": {"name": "orders", "source_name": "raw", "package_name": "shop",
        "fqn": ["shop", "staging", "raw", "orders"], "original_file_path": "models/staging/sources.yml", "tags": ["raw"]},
      "source.shop.raw.payments": {"name": "payments", "source_name": "raw", "package_name": "shop",
        "fqn": ["shop", "staging", "raw", "payments"], "original_file_path": "models/staging/sources.yml", "tags": []}},
     "exposures": {"exposure.shop.weekly_kpis": {"name": "weekly_kpis", "package_name": "shop",
        "owner": {"name": "Finance"}, "original_file_path": "models/exposures.yml", "tags": ["finance"],
        "depends_on": {"nodes": ["model.shop.orders", "model.shop.customers"]}}}})";
    return j;
  }();
  return json;
}

const Graph& G() {
  static const Graph g = [] {
    const FileBuffer buf = FileBuffer::FromString(ManifestJson(), "jaffle.json");
    absl::StatusOr<Graph> r = ParseDbtManifest("jaffle.json", buf.data());
    EXPECT_THAT(r.status(), IsOk());
    return *std::move(r);
  }();
  return g;
}

std::set<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::set<std::string> out;
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

struct Row {
  std::vector<std::string> select;
  std::vector<std::string> exclude;
  std::string want;  // space-separated unique_ids
};

// Short names in the table: expanded below.
std::string Expand(const std::string& w) {
  static const std::pair<const char*, const char*> kIds[] = {
      {"country_codes", "seed.shop.country_codes"}, {"stg_orders", "model.shop.stg_orders"},
      {"stg_payments", "model.shop.stg_payments"}, {"orders", "model.shop.orders"},
      {"customers", "model.shop.customers"},       {"nn_orders_id", "test.shop.not_null_orders_id.abc"},
      {"assert_total", "test.shop.assert_total_positive"}, {"revenue", "model.analytics.revenue"},
      {"raw.orders", "source.shop.raw.orders"},    {"raw.payments", "source.shop.raw.payments"},
      {"kpis", "exposure.shop.weekly_kpis"}};
  for (const auto& [k, v] : kIds) {
    if (w == k) return v;
  }
  return w;
}

const Row kRows[] = {
    // methods page: fqn (the default for a bare value)
    {{"customers"}, {}, "customers"},                              // a dbt name: its node
    {{"fqn:orders"}, {}, "orders"},                                // fqn: looks at `nodes` only
    {{"staging"}, {}, "stg_orders stg_payments"},                  // a folder: dbt ls -s staging
    {{"shop.staging"}, {}, "stg_orders stg_payments"},
    {{"marts.finance"}, {}, "orders"},                             // unscoped: without the package
    {{"shop.marts.*"}, {}, "orders customers"},
    {{"marts.*"}, {}, "orders customers revenue"},
    {{"analytics"}, {}, "revenue"},                                // a package name as fqn
    // tag
    {{"tag:nightly"}, {}, "stg_orders orders"},
    {{"tag:fin*"}, {}, "orders revenue kpis"},                     // fnmatch; the test is left out
    {{"tag:nightly", "tag:finance"}, {}, "stg_orders orders revenue kpis"},
    {{"tag:nightly,tag:finance"}, {}, "orders"},
    // path, file
    {{"path:models/staging"}, {}, "stg_orders stg_payments raw.orders raw.payments"},
    {{"path:models/staging/stg_orders.sql"}, {}, "stg_orders"},
    {{"path:models/staging/schema.yml"}, {}, "stg_orders"},        // the YAML patch path
    {{"path:models/marts/*/orders.sql"}, {}, "orders"},
    {{"path:models/**/customers.py"}, {}, "customers"},
    {{"models/marts/finance"}, {}, "orders"},                      // a '/': dbt's default is path:
    {{"file:orders.sql"}, {}, "orders"},
    {{"file:orders"}, {}, "orders"},
    {{"customers.py"}, {}, "customers"},
    // package
    {{"package:analytics"}, {}, "revenue"},
    {{"package:this"}, {"resource_type:source"}, "country_codes stg_orders stg_payments orders customers kpis"},
    // config
    {{"config.materialized:view"}, {}, "stg_orders stg_payments"},
    {{"config.materialized:incremental+"}, {}, "orders revenue kpis"},
    {{"config.schema:stg"}, {}, "stg_orders stg_payments"},
    {{"config.enabled:false"}, {}, "customers"},
    {{"config.enabled:True"}, {}, "country_codes stg_orders stg_payments orders revenue"},
    {{"config.severity:WARN"}, {}, ""},                           // tests only when named...
    {{"config.severity:WARN,resource_type:test"}, {}, "nn_orders_id"},  // ...like this
    // resource_type, source, exposure
    {{"resource_type:seed"}, {}, "country_codes"},
    {{"resource_type:source"}, {}, "raw.orders raw.payments"},
    {{"resource_type:test"}, {}, "nn_orders_id assert_total"},
    {{"source:raw"}, {}, "raw.orders raw.payments"},
    {{"source:raw.orders"}, {}, "raw.orders"},
    {{"source:shop.raw.pay*"}, {}, "raw.payments"},
    {{"source:raw+"}, {}, "raw.orders raw.payments stg_orders stg_payments orders customers revenue kpis"},
    {{"exposure:weekly_kpis"}, {}, "kpis"},
    {{"+exposure:weekly_kpis"}, {}, "kpis orders customers stg_orders stg_payments raw.orders raw.payments country_codes"},
    {{"exposure:shop.*"}, {}, "kpis"},
    // access, group
    {{"access:public"}, {}, "orders"},
    {{"access:protected"}, {}, "customers"},
    {{"group:finance"}, {}, "orders"},
    // tests: test_type, test_name (test-selection-examples)
    {{"test_type:generic"}, {}, "nn_orders_id"},
    {{"test_type:singular"}, {}, "assert_total"},
    {{"test_type:data"}, {}, "assert_total"},
    {{"test_name:not_null"}, {}, "nn_orders_id"},
    {{"test_name:not_*"}, {}, "nn_orders_id"},
    {{"fqn:orders+"}, {}, "orders revenue kpis"},                  // tests not named: left out
    {{"fqn:orders+,resource_type:test"}, {}, "nn_orders_id assert_total"},
    // graph operators (graph-operators page)
    {{"+model.shop.orders"}, {}, "orders stg_orders stg_payments raw.orders raw.payments"},
    {{"1+fqn:orders"}, {}, "orders stg_orders stg_payments"},
    {{"stg_payments+1"}, {}, "stg_payments orders customers"},
    {{"@stg_orders"}, {}, "stg_orders orders revenue kpis stg_payments raw.orders raw.payments customers country_codes"},
    // set operators and exclude
    {{"+fqn:orders,+customers"}, {}, "stg_payments raw.payments"},
    {{"tag:staging"}, {"stg_payments"}, "stg_orders"},
    {{"staging+"}, {"marts.*"}, "stg_orders stg_payments kpis"},
};

TEST(DbtSelectorTableTest, DocumentedExamples) {
  for (const Row& row : kRows) {
    std::set<std::string> want;
    for (const std::string& w : Split(row.want)) want.insert(Expand(w));
    absl::StatusOr<Selection> sel = Select(G(), row.select, row.exclude);
    ASSERT_THAT(sel.status(), IsOk()) << row.select[0];
    std::set<std::string> got;
    sel->nodes.ForEach([&](size_t v) { got.emplace(G().name(static_cast<NodeId>(v))); });
    EXPECT_EQ(got, want) << row.select[0] << (row.exclude.empty() ? "" : " --exclude " + row.exclude[0]);
  }
}

TEST(DbtSelectorTableTest, BadValuesAreUsageErrors) {
  using Code = absl::StatusCode;
  EXPECT_THAT(Select(G(), {"resource_type:modle"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"test_type:unitt"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"source:a.b.c.d"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"exposure:a.b.c"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"access:open"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"config.alias:x"}).status(), StatusIs(Code::kInvalidArgument));
  EXPECT_THAT(Select(G(), {"result:error"}).status(), StatusIs(Code::kNotFound));  // no run results
  EXPECT_THAT(Select(G(), {"nosuchmodel"}).status(), StatusIs(Code::kNotFound));
  // "orders" is the dbt name of the model and of a source: which one?
  EXPECT_THAT(Select(G(), {"orders"}).status(),
              StatusIs(Code::kInvalidArgument, ::testing::HasSubstr("\"orders\" is the dbt name of 2 nodes")));
}

}  // namespace
}  // namespace etldag
