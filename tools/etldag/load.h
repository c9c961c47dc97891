// Loading the GRAPH argument of a command: the one place that decides how a
// file becomes a Graph (spark_ops.json today; snapshots by magic bytes once
// engine/load/load_graph.h lands — a one-line switch in load.cc).
#ifndef ETLDAG_TOOLS_ETLDAG_LOAD_H_
#define ETLDAG_TOOLS_ETLDAG_LOAD_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "engine/graph/graph.h"
#include "engine/load/spark_ops.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// Loads `path` ("-" = stdin). Errors carry exit code 3 and the loader's full
// message (FILE:LINE:COL: error: ... + excerpt). With --verbose, prints the
// load timings on stderr. `stats` may be null.
[[nodiscard]] absl::StatusOr<Graph> LoadGraphArg(const Context& ctx, std::string_view path,
                                                 LoadStats* stats = nullptr);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_LOAD_H_
