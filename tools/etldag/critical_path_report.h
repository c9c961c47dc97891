// The report of `etldag critical-path` (engine/algo/critical_path.h: the
// chain asked for, --near nodes) and its names/text/json/dot renderers.
#ifndef ETLDAG_TOOLS_ETLDAG_CRITICAL_PATH_REPORT_H_
#define ETLDAG_TOOLS_ETLDAG_CRITICAL_PATH_REPORT_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/algo/critical_path.h"
#include "engine/algo/protected_set.h"
#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "tools/etldag/command.h"
#include "tools/etldag/durations_arg.h"

namespace etldag::cli {

struct CriticalPathReport {
  const Graph& g;
  const CriticalPath& cp;
  const Weights& w;
  std::string kind = "critical";  // or "through" / "to"
  std::optional<NodeId> node;     // of --through / --to
  std::vector<NodeId> chain;
  Ticks length = 0;
  std::vector<NodeId> near;
  bool near_asked = false;
};

// Renders `r` into ctx.out in ctx.format.
[[nodiscard]] absl::Status RenderCriticalPath(Context& ctx, const CriticalPathReport& r);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_CRITICAL_PATH_REPORT_H_
