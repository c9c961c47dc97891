// dbt's manifest.json (target/manifest.json, schema v4 to v12) -> Graph.
//
// A JSON object with "metadata" (holding "dbt_schema_version", e.g.
// "https://schemas.getdbt.com/dbt/manifest/v12.json") and "nodes". Nodes are
// the entries of "nodes" (models, seeds, snapshots, tests, analyses,
// operations), "sources", "exposures", "metrics", "semantic_models",
// "saved_queries" and "unit_tests" where present; the node's name is its key
// (the unique_id, e.g. "model.jaffle_shop.orders"), its kind its
// resource_type. Edges: every id of a node's "depends_on.nodes" is a parent
// (u -> node, the "inputs" side of the graph); "parent_map" and "child_map",
// when present, are read as the other side, so that `validate` reports
// where they disagree with depends_on (graph.h: disagreements); a map entry
// joining two ids that no section defines is ignored (counted in a note in
// stats->notes). Ids that are referenced but not defined become external
// nodes. Attributes kept per node:
// node_attributes.h. Everything else (macros, docs, disabled, columns, ...)
// is validated as JSON and skipped.
//
// Required: metadata.dbt_schema_version (a string naming the version),
// "nodes" (an object), every node an object, "resource_type" a string in
// "nodes" (in the other sections it defaults to the section's type), list
// fields (fqn, tags, depends_on.nodes, the maps' values) arrays of strings,
// optional strings a string or null. A schema older than v4 is refused; a
// newer one than v12 loads with a note in stats->notes when every field read
// is there, and fails naming its version when not.
//
// Errors: InvalidArgument with the full "FILE:LINE:COL: error: ..." text,
// as spark_ops.h.
//
// A manifest of a few MiB or more is read by several readers in parallel
// when the thread limit allows (engine/load/README.md); the graph is the
// same, byte for byte.
#ifndef ETLDAG_ENGINE_LOAD_DBT_MANIFEST_H_
#define ETLDAG_ENGINE_LOAD_DBT_MANIFEST_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/spark_ops.h"

namespace etldag {

inline constexpr int kOldestManifestVersion = 4;
inline constexpr int kNewestManifestVersion = 12;

// True when the JSON text (after an optional UTF-8 BOM and whitespace)
// starts with '{': a manifest (a spark_ops.json is an array).
bool LooksLikeJsonObject(std::string_view data);

// Parses `padded_json` (kFileBufferPadding readable bytes after its end).
[[nodiscard]] absl::StatusOr<Graph> ParseDbtManifest(std::string_view file_name, std::string_view padded_json,
                                                     LoadStats* stats = nullptr);
// The same, read by one reader whatever its size (ParseDbtManifest reads a
// manifest of a few MiB or more with several in parallel when threads
// allow: engine/load/internal/manifest_parallel.h). For tests and fuzzing.
[[nodiscard]] absl::StatusOr<Graph> ParseDbtManifestWhole(std::string_view file_name, std::string_view padded_json,
                                                          LoadStats* stats = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_DBT_MANIFEST_H_
