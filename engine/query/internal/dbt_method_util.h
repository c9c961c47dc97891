// Helpers shared by the dbt selector methods (engine/query/dbt_methods.cc,
// internal/dbt_path_methods.cc, internal/dbt_test_methods.cc): quoting, the
// no-attributes error, dbt's node classes, splitting, patterns, and Where()
// (every node passing a predicate).
#ifndef ETLDAG_ENGINE_QUERY_INTERNAL_DBT_METHOD_UTIL_H_
#define ETLDAG_ENGINE_QUERY_INTERNAL_DBT_METHOD_UTIL_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/query/internal/glob.h"
#include "engine/query/select.h"
#include "engine/query/selector.h"

namespace etldag::dbt_internal {

using A = AttrField;

inline std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

[[nodiscard]] inline absl::Status NeedsManifest(const SelectorAtom& atom) {
  return absl::NotFoundError(atom.method_name + ": selects by dbt attributes; the graph has none (give a dbt "
                             "manifest.json, or a snapshot indexed from one)");
}

// dbt's node classes by resource_type.
inline bool IsParsed(std::string_view type) {  // an entry of the manifest's "nodes"
  return type != "source" && type != "exposure" && type != "metric" && type != "semantic_model" &&
         type != "saved_query" && type != "unit_test" && !type.empty();
}

inline std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t i = 0;;) {
    const size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) return out;
    i = j + 1;
  }
}

inline std::string Join(std::span<const std::string_view> parts, char sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) s += sep;
    s += parts[i];
  }
  return s;
}

[[nodiscard]] inline absl::StatusOr<Glob> Pattern(const SelectorAtom& atom, std::string_view value) {
  absl::StatusOr<Glob> glob = Glob::Compile(value);
  if (!glob.ok()) {
    return absl::InvalidArgumentError("bad pattern " + Quote(value) + " in " + Quote(atom.text) + ": " +
                                      std::string(glob.status().message()));
  }
  return glob;
}

// Every node v with pred(v).
template <typename Pred>
Bitmap Where(const Graph& g, Pred pred) {
  Bitmap set(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (pred(v)) set.Set(v);
  }
  return set;
}

// Methods defined in internal/dbt_path_methods.cc (path:, config.KEY:) and
// internal/dbt_test_methods.cc (resource_type:, test_name:, test_type:,
// result:, source_status:).
[[nodiscard]] absl::StatusOr<Bitmap> Path(const Graph& g, const SelectorAtom& atom, const SelectOptions&);
[[nodiscard]] absl::StatusOr<Bitmap> Config(const Graph& g, const SelectorAtom& atom, const SelectOptions&);
[[nodiscard]] absl::StatusOr<Bitmap> ResourceType(const Graph& g, const SelectorAtom& atom, const SelectOptions&);
[[nodiscard]] absl::StatusOr<Bitmap> TestName(const Graph& g, const SelectorAtom& atom, const SelectOptions&);
[[nodiscard]] absl::StatusOr<Bitmap> TestType(const Graph& g, const SelectorAtom& atom, const SelectOptions&);
[[nodiscard]] absl::StatusOr<Bitmap> Result(const Graph& g, const SelectorAtom& a, const SelectOptions& o);
[[nodiscard]] absl::StatusOr<Bitmap> SourceStatus(const Graph& g, const SelectorAtom& a, const SelectOptions& o);

}  // namespace etldag::dbt_internal

#endif  // ETLDAG_ENGINE_QUERY_INTERNAL_DBT_METHOD_UTIL_H_
