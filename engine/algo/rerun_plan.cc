// Rerun plan by propagation through pass-through nodes; see rerun_plan.h.
#include "engine/algo/rerun_plan.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/algo/cycles.h"
#include "engine/algo/list_schedule.h"
#include "engine/algo/reachability.h"
#include "engine/base/status.h"

namespace etldag {
namespace {

struct Scope {
  Bitmap in_scope;            // D: failed + downstream
  Bitmap rerun;               // R = D \ excluded
  Bitmap pass;                // D ∩ excluded
  std::vector<NodeId> order;  // a topological order of D
};


[[nodiscard]] absl::Status CycleError(const Graph& g, const Bitmap& in_scope) {
  for (const Cycle& c : FindCycles(g)) {
    if (in_scope.Test(c.component[0])) {
      return absl::FailedPreconditionError(
          absl::StrCat("the rerun set has a cycle: ", FormatCyclePath(g, c, kMaxCycleNodesInMessage)));
    }
  }
  return absl::InternalError("the rerun set is not acyclic, but no cycle was found");
}

// Kahn's algorithm restricted to D (in-edges from outside D are ignored:
// those nodes are not rerun). Sources are taken in id order, FIFO.
[[nodiscard]] absl::Status OrderScope(const Graph& g, Scope& s) {
  std::vector<uint32_t> remaining(g.num_nodes(), 0);
  s.in_scope.ForEach([&](size_t v) {
    for (NodeId u : g.in(static_cast<NodeId>(v))) remaining[v] += s.in_scope.Test(u) ? 1 : 0;
    if (remaining[v] == 0) s.order.push_back(static_cast<NodeId>(v));
  });
  for (size_t head = 0; head < s.order.size(); ++head) {
    for (NodeId w : g.out(s.order[head])) {
      if (--remaining[w] == 0) s.order.push_back(w);  // out of D is in D
    }
  }
  if (s.order.size() != s.in_scope.Count()) return CycleError(g, s.in_scope);
  return absl::OkStatus();
}

// Weight inside the plan: pass-through nodes take no time.
Ticks PlanWeight(const Scope& s, std::span<const Ticks> w, NodeId v) {
  return s.rerun.Test(v) ? w[v] : 0;
}

// Waves, earliest finishes (ef) and the makespan, in topological order. A
// pass-through node carries the max wave of its nearest rerun ancestors.
void ForwardPass(const Graph& g, const Scope& s, std::span<const Ticks> w, RerunPlan& p,
                 std::vector<Ticks>& ef) {
  std::vector<uint32_t> carried(g.num_nodes(), 0);
  uint32_t num_waves = 0;
  for (NodeId v : s.order) {
    uint32_t before = 0;
    Ticks es = 0;
    for (NodeId u : g.in(v)) {
      if (!s.in_scope.Test(u)) continue;
      before = std::max(before, carried[u]);
      es = std::max(es, ef[u]);
    }
    ef[v] = es + PlanWeight(s, w, v);
    p.makespan = std::max(p.makespan, ef[v]);
    if (s.rerun.Test(v)) {
      carried[v] = p.wave[v] = before + 1;
      num_waves = std::max(num_waves, before + 1);
      p.total_work += w[v];
    } else {
      carried[v] = before;
    }
  }
  // Counting sort of R by wave (stable: ids stay sorted within a wave).
  p.num_waves = num_waves;
  p.wave_begin.assign(num_waves + 1, 0);
  for (NodeId v : p.nodes) ++p.wave_begin[p.wave[v]];
  for (uint32_t k = 1; k <= num_waves; ++k) p.wave_begin[k] += p.wave_begin[k - 1];
  p.by_wave.resize(p.nodes.size());
  std::vector<uint32_t> next(p.wave_begin.begin(), p.wave_begin.end() - 1);
  for (NodeId v : p.nodes) p.by_wave[next[p.wave[v] - 1]++] = v;
}

// The longest chain of the rerun, walked back from its smallest-id end; only
// rerun nodes are kept.
std::vector<NodeId> ChainBack(const Graph& g, const Scope& s, std::span<const Ticks> w,
                              const RerunPlan& p, const std::vector<Ticks>& ef) {
  std::vector<NodeId> chain;
  auto end = std::find_if(p.nodes.begin(), p.nodes.end(),
                          [&](NodeId v) { return ef[v] == p.makespan; });
  if (end == p.nodes.end()) return chain;
  for (NodeId v = *end, next;; v = next) {
    if (s.rerun.Test(v)) chain.push_back(v);
    const Ticks es = ef[v] - PlanWeight(s, w, v);
    next = kInvalidNode;
    for (NodeId u : g.in(v)) {
      if (s.in_scope.Test(u) && ef[u] == es) {
        next = u;
        break;
      }
    }
    if (next == kInvalidNode) break;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Longest remaining weighted chain from each node of D (itself included).
std::vector<Ticks> Tails(const Graph& g, const Scope& s, std::span<const Ticks> w) {
  std::vector<Ticks> tail(g.num_nodes(), 0);
  for (auto it = s.order.rbegin(); it != s.order.rend(); ++it) {
    Ticks after = 0;
    for (NodeId x : g.out(*it)) after = std::max(after, tail[x]);
    tail[*it] = PlanWeight(s, w, *it) + after;
  }
  return tail;
}

}  // namespace

absl::StatusOr<RerunPlan> PlanRerun(const Graph& g, std::span<const NodeId> failed,
                                    const Bitmap& excluded, std::span<const Ticks> weight,
                                    const RerunOptions& options) {
  const uint32_t n = g.num_nodes();
  if (excluded.size() != n || weight.size() != n) {
    return absl::InvalidArgumentError("PlanRerun: one weight and one excluded bit per node");
  }
  for (NodeId v : failed) {
    if (v >= n) return absl::InvalidArgumentError(absl::StrCat("PlanRerun: bad node id ", v));
  }
  Scope s;
  s.in_scope = Reach(g, failed, {.direction = Direction::kDownstream, .include_seeds = true});
  s.rerun = s.in_scope;
  s.rerun.Subtract(excluded);
  s.pass = s.in_scope;
  s.pass.IntersectWith(excluded);
  RETURN_IF_ERROR(OrderScope(g, s));
  RerunPlan p;
  p.nodes = s.rerun.ToVector();
  p.wave.assign(n, 0);
  p.skipped = s.pass.ToVector();
  for (NodeId v : p.nodes) {
    if (weight[v] < 0) return absl::InvalidArgumentError("PlanRerun: weights must be >= 0");
  }
  std::vector<Ticks> ef(n, 0);
  ForwardPass(g, s, weight, p, ef);
  p.critical_chain = ChainBack(g, s, weight, p, ef);
  if (options.slots > 0) {
    const std::vector<Ticks> tail = Tails(g, s, weight);
    Schedule sched = ListSchedule(g, s.rerun, s.pass, weight, tail, options.slots);
    p.slots_makespan = sched.makespan;
    p.slot_start = std::move(sched.start);
  }
  return p;
}

}  // namespace etldag
