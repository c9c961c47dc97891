// dbt's YAML selectors (selectors.yml, docs.getdbt.com/reference/node-selection/
// yaml-selectors), as the manifest carries them in its "selectors" key
// (engine/load/dbt_selectors.h): `select --selector NAME`.
//
// A definition is, as in dbt-core's core/dbt/graph/cli.py:
//   "STRING"                      a selector argument (select.h), e.g. "tag:nightly+"
//   {"union": [DEF...]}           the union of the DEFs
//   {"intersection": [DEF...]}    their intersection
//     in both lists, at most one {"exclude": [DEF...]} element: subtracted
//     from the result (two at one level: an error, as dbt)
//   {"METHOD": VALUE}             one key: the method (tag, fqn, path,
//                                 config.materialized, ...) and its value
//   {"method": M, "value": V, ...options}
//     options: "parents", "children", "childrens_parents" (truthy as in
//     Python), "parents_depth", "children_depth" (integers; used only with
//     parents/children, as dbt), "indirect_selection", "exclude": [DEF...]
//   {"selector": NAME} or {"method": "selector", "value": NAME}
//                                 the definition of another selector
// A root definition with "union" or "intersection" and other keys is an
// error (as dbt). Unknown option keys are ignored (as dbt).
//
// indirect_selection (per method leaf, as dbt): what tests join the leaf's
// nodes: "eager" every test with a parent among them, "cautious" tests all
// of whose parents are among them, "buildable" tests all of whose parents are
// among them or their ancestors, "empty" none. Without it, etldag's rule for
// `select` holds: tests only when the leaf names them (select.h; dbt's
// default would be eager).
//
// Errors (nothing is selected): NotFound "no selector \"X\" in the manifest
// (its selectors: a, b)" or "(the manifest has no selectors)";
// InvalidArgument "selector \"X\": ..." for a malformed definition, a
// reference cycle ("selector \"a\": selectors refer to each other in a cycle:
// a -> b -> a"), or a bad method value (select.h's message); DataLoss for a
// manifest whose "selectors" key cannot be read (its message).
#ifndef ETLDAG_ENGINE_QUERY_YAML_SELECTORS_H_
#define ETLDAG_ENGINE_QUERY_YAML_SELECTORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/query/select.h"

namespace etldag {

// Evaluates selector `name` of the manifest file at `manifest_path` (the
// file `g` was loaded from: plain or gzip; not a snapshot).
[[nodiscard]] absl::StatusOr<Selection> SelectByManifestSelector(const Graph& g, std::string_view manifest_path,
                                                                 std::string_view name,
                                                                 const SelectOptions& opts = {});

// The same from the manifest's text (`padded_json`: kFileBufferPadding
// readable bytes after its end), for tests.
[[nodiscard]] absl::StatusOr<Selection> SelectByManifestSelectorText(const Graph& g, std::string_view file_name,
                                                                     std::string_view padded_json,
                                                                     std::string_view name,
                                                                     const SelectOptions& opts = {});

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_YAML_SELECTORS_H_
