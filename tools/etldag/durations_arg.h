// The --durations FILE / --default-duration S flags shared by critical-path
// and rerun-plan: reads the file (exit 3 on a bad one), warns on stderr about
// names not in the graph and about ops that got the default, and turns
// everything into exact per-node weights (engine/algo/weights.h).
// Without --durations every op weighs 1 (lengths count ops = levels) and
// externals weigh 0 (they are not run) in every mode.
#ifndef ETLDAG_TOOLS_ETLDAG_DURATIONS_ARG_H_
#define ETLDAG_TOOLS_ETLDAG_DURATIONS_ARG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/algo/weights.h"
#include "engine/graph/graph.h"
#include "engine/load/durations.h"
#include "engine/output/json_writer.h"
#include "tools/etldag/command.h"
#include "tools/etldag/flags.h"

namespace etldag::cli {

extern const FlagSpec kDurationsFlag;
extern const FlagSpec kDefaultDurationFlag;
// --run-results FILE: dbt's run_results.json as the durations (execution_time).
extern const FlagSpec kRunResultsDurationsFlag;

struct Weights {
  std::vector<Ticks> ticks;  // per node
  bool seconds = false;      // --durations or --default-duration: real seconds
  std::string file;          // --durations value ("" if none)
  Durations read;            // what the file held (empty without one)
  NodeDurations resolved;
};

[[nodiscard]] absl::StatusOr<Weights> LoadWeights(const Context& ctx, const Graph& g);

// One line for text reports, e.g. "durations: d.json (2,859 ops; the other
// 141 get the median, 120.3 s); externals count 0".
std::string DescribeWeights(const Weights& w);

// `t` for humans: "1234.5 s (20m 34s)" with seconds, "12" with unit weights.
std::string HumanTime(const Weights& w, Ticks t);

// "weights": {...} members of a JSON report (the writer is inside an object).
void AppendWeightsJson(JsonWriter& json, const Weights& w);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_DURATIONS_ARG_H_
