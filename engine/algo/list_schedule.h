// List scheduling: an estimate of the makespan of a DAG of tasks on K
// identical slots (Graham's greedy rule: a slot never idles while a task is
// ready; among ready tasks the highest `priority` starts first, ties by
// smallest id).
//
// Members of the schedule are `tasks` ∪ `pass_through`. Edges between members
// are dependencies; edges from non-members are ignored (those nodes are
// done). A pass-through node takes no slot and no time: it completes the
// moment all its member predecessors have, so dependencies through it hold
// transitively (a -> x -> b with x pass-through: b waits for a).
// Invariants (Graham 1969, with W = total task weight and C = the longest
// weighted chain of members): max(C, ceil(W/K)) <= makespan <= W/K + C, and
// every task starts at or after the finish of each member predecessor.
//
// Algorithm: an event-driven simulation with two binary heaps (ready tasks by
// priority, running tasks by finish time); all tasks finishing at time t are
// completed before any start at t. O((tasks + edges) log tasks), exact integer
// Ticks. Reference: R. L. Graham, "Bounds on multiprocessing timing
// anomalies", SIAM J. Appl. Math. 17(2), 1969.
#ifndef ETLDAG_ENGINE_ALGO_LIST_SCHEDULE_H_
#define ETLDAG_ENGINE_ALGO_LIST_SCHEDULE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "engine/algo/weights.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"

namespace etldag {

inline constexpr Ticks kNotScheduled = -1;

struct Schedule {
  Ticks makespan = 0;        // the last finish time (0 without tasks)
  std::vector<Ticks> start;  // per node; kNotScheduled for non-tasks
};

// Requires: the members induce a DAG (checked: a cycle is a programmer error;
// check acyclicity first), slots >= 1, weight/priority of size num_nodes with
// weights >= 0, tasks and pass_through disjoint.
Schedule ListSchedule(const Graph& g, const Bitmap& tasks, const Bitmap& pass_through,
                      std::span<const Ticks> weight, std::span<const Ticks> priority,
                      uint32_t slots);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_LIST_SCHEDULE_H_
