// The report of `etldag select` (cmd_select.cc): the selected nodes as names
// (or --count, or dbt ls's --output name|path|json), json or dot.
#ifndef ETLDAG_TOOLS_ETLDAG_SELECT_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_SELECT_REPORT_H_

#include "absl/status/status.h"
#include "engine/graph/graph.h"
#include "engine/query/select.h"
#include "tools/etldag/command.h"

namespace etldag::cli {

// Renders into ctx.out in ctx.format (and --count / --output).
[[nodiscard]] absl::Status RenderSelection(Context& ctx, const Graph& g, const Selection& sel);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_SELECT_REPORT_H_
