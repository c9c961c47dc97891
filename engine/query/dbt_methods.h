// dbt's node selection methods over the attributes of a graph read from a
// manifest (engine/graph/node_attributes.h), with dbt-core's semantics
// (core/dbt/graph/selector_methods.py): which nodes each method looks at
// (dbt's parsed nodes = the manifest's "nodes"; all nodes = also sources,
// exposures, metrics, semantic models, saved queries, unit tests) and how it
// compares (fnmatch for tag, package, source, exposure, metric, file,
// test_name; equality for access, group, config values; dbt's fqn rule). The
// differences from dbt are listed in docs/dbt.md.
#ifndef ETLDAG_ENGINE_QUERY_DBT_METHODS_H_
#define ETLDAG_ENGINE_QUERY_DBT_METHODS_H_

#include <optional>
#include <span>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/query/methods.h"

namespace etldag {

// The rows of the dbt methods (methods.h).
std::span<const MethodSpec> DbtMethods();

// dbt's file: method (file name or stem, fnmatch), used for `file:` on a
// graph with dbt attributes.
[[nodiscard]] absl::StatusOr<Bitmap> MatchDbtFile(const Graph& g, std::string_view pattern);

// A bare or name: value on a dbt graph that is not a unique_id: the node
// whose dbt short name it is (InvalidArgument listing the candidates when
// several nodes share it); else dbt's default method: path: when it holds a
// '/', file: when it ends in .sql/.py/.csv, else fqn:. nullopt when that
// selects nothing (the caller reports an unknown name).
[[nodiscard]] absl::StatusOr<std::optional<Bitmap>> MatchDbtBareValue(const Graph& g, std::string_view value);

// Test nodes (resource_type test or unit_test): kept out of a selection
// unless the selector targets them (select.h).
bool IsDbtTest(const Graph& g, NodeId v);
// Whether `atom` names tests explicitly: resource_type:/kind: test or
// unit_test, test_type:, test_name:, or a literal name of a test node.
bool TargetsDbtTests(const Graph& g, const SelectorAtom& atom);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_DBT_METHODS_H_
