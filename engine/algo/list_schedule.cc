// Event-driven list scheduling; see list_schedule.h.
#include "engine/algo/list_schedule.h"

#include <functional>
#include <queue>
#include <utility>

#include "engine/base/check.h"

namespace etldag {
namespace {

class Simulation {
 public:
  Simulation(const Graph& g, const Bitmap& tasks, const Bitmap& pass,
             std::span<const Ticks> weight, std::span<const Ticks> priority)
      : g_(g), tasks_(tasks), pass_(pass), weight_(weight),
        ready_(ReadyOrder{priority}), remaining_(g.num_nodes(), 0) {}

  Schedule Run(uint32_t slots) {
    Schedule s;
    s.start.assign(g_.num_nodes(), kNotScheduled);
    uint64_t members = 0, completed = 0;
    std::vector<NodeId> sources;
    ForEachMember([&](NodeId v) {
      ++members;
      for (NodeId u : g_.in(v)) remaining_[v] += IsMember(u) ? 1 : 0;
      if (remaining_[v] == 0) sources.push_back(v);
    });
    for (NodeId v : sources) completed += Release(v);
    uint32_t free = slots;
    for (Ticks t = 0;;) {
      for (; free > 0 && !ready_.empty(); --free) {
        const NodeId v = ready_.top();
        ready_.pop();
        s.start[v] = t;
        running_.emplace(t + weight_[v], v);
      }
      if (running_.empty()) break;
      t = running_.top().first;
      s.makespan = t;
      while (!running_.empty() && running_.top().first == t) {
        const NodeId v = running_.top().second;
        running_.pop();
        ++free;
        completed += 1 + Complete(v);
      }
    }
    ETLDAG_CHECK(completed == members);  // else the members had a cycle
    return s;
  }

 private:
  struct ReadyOrder {  // max-heap top = highest priority, then smallest id
    std::span<const Ticks> priority;
    bool operator()(NodeId a, NodeId b) const {
      return priority[a] != priority[b] ? priority[a] < priority[b] : a > b;
    }
  };
  using Event = std::pair<Ticks, NodeId>;  // (finish, id), min-heap

  bool IsMember(NodeId v) const { return tasks_.Test(v) || pass_.Test(v); }
  template <typename F>
  void ForEachMember(const F& f) const {
    tasks_.ForEach([&](size_t v) { f(static_cast<NodeId>(v)); });
    pass_.ForEach([&](size_t v) { f(static_cast<NodeId>(v)); });
  }

  // v's predecessors are all done: queue a task, or complete a pass-through
  // node at once. Returns how many pass-through nodes completed.
  uint64_t Release(NodeId v) {
    if (!pass_.Test(v)) {
      ready_.push(v);
      return 0;
    }
    return 1 + Complete(v);
  }

  // v has finished: releases members whose last predecessor it was, and
  // cascades through pass-through nodes with an explicit stack (no
  // recursion). Returns how many pass-through nodes completed.
  uint64_t Complete(NodeId v) {
    uint64_t passed = 0;
    stack_.push_back(v);
    while (!stack_.empty()) {
      const NodeId x = stack_.back();
      stack_.pop_back();
      for (NodeId s : g_.out(x)) {
        if (!IsMember(s) || --remaining_[s] != 0) continue;
        if (pass_.Test(s)) {
          ++passed;
          stack_.push_back(s);
        } else {
          ready_.push(s);
        }
      }
    }
    return passed;
  }

  const Graph& g_;
  const Bitmap& tasks_;
  const Bitmap& pass_;
  std::span<const Ticks> weight_;
  std::priority_queue<NodeId, std::vector<NodeId>, ReadyOrder> ready_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> running_;
  std::vector<uint32_t> remaining_;  // member predecessors not yet complete
  std::vector<NodeId> stack_;
};

}  // namespace

Schedule ListSchedule(const Graph& g, const Bitmap& tasks, const Bitmap& pass_through,
                      std::span<const Ticks> weight, std::span<const Ticks> priority,
                      uint32_t slots) {
  ETLDAG_CHECK(slots >= 1);
  ETLDAG_CHECK(weight.size() == g.num_nodes() && priority.size() == g.num_nodes());
  ETLDAG_CHECK(tasks.size() == g.num_nodes() && pass_through.size() == g.num_nodes());
  return Simulation(g, tasks, pass_through, weight, priority).Run(slots);
}

}  // namespace etldag
