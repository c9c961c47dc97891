// LoadGraph: the GRAPH argument of every command -> Graph, whatever its form.
// A file whose first bytes are the snapshot magic ("ETLDAG", see
// engine/graph/snapshot.h) is mapped as a snapshot; gzip data (magic 1f 8b,
// gzip.h) is inflated, then decided the same way; a JSON object is a dbt
// manifest (dbt_manifest.h); anything else is parsed as spark_ops.json
// (spark_ops.h). "-" reads stdin to its end first, then decides
// the same way; so does any non-regular file (a pipe, /dev/stdin), which
// cannot be peeked at without consuming it.
#ifndef ETLDAG_ENGINE_LOAD_LOAD_GRAPH_H_
#define ETLDAG_ENGINE_LOAD_LOAD_GRAPH_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/spark_ops.h"

namespace etldag {

// For a snapshot, `stats` gets: read_seconds = open + mmap + checksum,
// parse_seconds = structure verification, build_seconds = 0, ops = ops of the
// graph, raw_edges = edges (duplicates were collapsed before writing).
// Errors carry the full message to print ("FILE: error: ..." or
// "FILE:LINE:COL: error: ..." with an excerpt).
[[nodiscard]] absl::StatusOr<Graph> LoadGraph(std::string_view path, LoadStats* stats = nullptr);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_LOAD_GRAPH_H_
