// `etldag generate --run-state FILE` and `--mutate K`: a run state and a next
// version for a generated graph, deterministic for a seed (tools/gen/rng.h).
//
// Run state: the full transaction answer ({"data":{"transaction":{"id",
// "datasets":[{"id","name","committed"}]}}}) with one dataset per op, an id
// for every dataset (ri.dataset.<16 hex digits>). Injected: `roots` root
// failures (ops with something downstream, drawn uniformly), everything
// downstream of them uncommitted (collateral); roots are independent (none
// below another) and each has a downstream of 1 to max(10, ops/50) nodes.
// Pending work: the ops of the last topological levels, about
// pending_per_mille of all ops (a run goes level by level), not run yet.
// Pending heads look like roots when roots are inferred from commit state
// alone: give the injected roots to `triage --failed`.
//
// Next version: `k` topology changes drawn in turn: an op added (a new
// dataset reading 1-3 existing ops, read by nobody), an op removed (its
// readers read its inputs instead), an input rewired (an op drops one input
// and reads an op of a lower topological level instead). The result stays a
// DAG and is written as spark_ops.json (name, type, inputs).
#ifndef ETLDAG_TOOLS_ETLDAG_GEN_STATE_H_
#define ETLDAG_TOOLS_ETLDAG_GEN_STATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/graph.h"

namespace etldag::cli {

struct RunStateOptions {
  uint64_t seed = 42;
  uint32_t roots = 3;
  uint32_t pending_per_mille = 50;
};

struct GeneratedRunState {
  std::string json;
  std::vector<NodeId> roots;          // sorted
  std::vector<NodeId> pending_heads;  // sorted
  uint64_t uncommitted = 0;
};

GeneratedRunState GenerateRunState(const Graph& g, const RunStateOptions& opts);

// The spark_ops.json text of `g` after `k` changes; `log` gets one line each.
std::string GenerateNextVersion(const Graph& g, uint64_t k, uint64_t seed,
                                std::vector<std::string>* log);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_GEN_STATE_H_
