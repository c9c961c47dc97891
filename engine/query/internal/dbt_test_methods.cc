// dbt's resource_type:, test_name:, test_type:, result: and source_status:
// selector methods (dbt_methods.h).
#include <algorithm>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/query/internal/dbt_method_util.h"

namespace etldag::dbt_internal {

constexpr std::string_view kResourceTypes[] = {
    "model", "analysis", "test", "snapshot", "operation", "seed", "rpc", "sql_operation", "doc", "source",
    "macro", "exposure", "metric", "group", "saved_query", "semantic_model", "unit_test", "fixture", "function"};

[[nodiscard]] absl::StatusOr<Bitmap> ResourceType(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  if (std::find(std::begin(kResourceTypes), std::end(kResourceTypes), atom.value) == std::end(kResourceTypes)) {
    std::string known;
    for (std::string_view t : kResourceTypes) known += (known.empty() ? "" : ", ") + std::string(t);
    return absl::InvalidArgumentError("resource_type:" + atom.value + ": not a dbt resource type (" + known + ")");
  }
  return Where(g, [&](NodeId v) { return g.attr(v, A::kResourceType) == atom.value; });
}

[[nodiscard]] absl::StatusOr<Bitmap> TestName(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  ASSIGN_OR_RETURN(const Glob glob, Pattern(atom, atom.value));
  return Where(g, [&](NodeId v) {
    const std::string_view type = g.attr(v, A::kResourceType);
    if (type == "test") return g.attr_id(v, A::kTestName) != kNoAttr && glob.Matches(g.attr(v, A::kTestName));
    return type == "unit_test" && glob.Matches(g.attr(v, A::kShortName));
  });
}

[[nodiscard]] absl::StatusOr<Bitmap> TestType(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  std::string_view want;
  if (atom.value == "generic" || atom.value == "schema") want = "generic";
  else if (atom.value == "singular" || atom.value == "data") want = "singular";
  else if (atom.value == "unit") want = "unit";
  else return absl::InvalidArgumentError("test_type:" + atom.value + ": expected generic, singular or unit");
  return Where(g, [&](NodeId v) { return g.attr(v, A::kTestType) == want; });
}

// result:STATUS / source_status:STATUS from the run results given.
[[nodiscard]] absl::StatusOr<Bitmap> ResultStatus(const Graph& g, const SelectorAtom& atom, const SelectOptions& opts,
                                    bool sources_only) {
  if (opts.result_status == nullptr) {
    return absl::NotFoundError(atom.method_name + ":" + atom.value + " needs run results: give --run-results "
                               "FILE (dbt's target/run_results.json" +
                               (sources_only ? std::string(", or sources.json from `dbt source freshness`") : "") + ")");
  }
  const std::vector<std::string>& status = *opts.result_status;
  return Where(g, [&](NodeId v) {
    if (v >= status.size() || status[v] != atom.value) return false;
    return !sources_only || g.attr(v, A::kResourceType) == "source";
  });
}
[[nodiscard]] absl::StatusOr<Bitmap> Result(const Graph& g, const SelectorAtom& a, const SelectOptions& o) {
  return ResultStatus(g, a, o, false);
}
[[nodiscard]] absl::StatusOr<Bitmap> SourceStatus(const Graph& g, const SelectorAtom& a, const SelectOptions& o) {
  return ResultStatus(g, a, o, true);
}

}  // namespace etldag::dbt_internal
