// Iterative Tarjan SCC + a BFS witness cycle per cyclic component; see
// cycles.h for the contract.
#include "engine/algo/cycles.h"

#include <algorithm>
#include <span>

#include "absl/strings/str_cat.h"
#include "engine/base/bitmap.h"
#include "engine/base/check.h"

namespace etldag {
namespace {

constexpr uint32_t kNone = kInvalidNode;

bool HasSelfLoop(const Graph& g, NodeId v) {
  const std::span<const NodeId> out = g.out(v);
  return std::binary_search(out.begin(), out.end(), v);
}

// Tarjan's algorithm with an explicit DFS stack. Returns the SCCs with a
// cycle (size > 1, or a self-loop), each sorted, in completion order.
class Tarjan {
 public:
  explicit Tarjan(const Graph& g)
      : g_(g), index_(g.num_nodes(), kNone), low_(g.num_nodes()), on_stack_(g.num_nodes()) {}

  std::vector<std::vector<NodeId>> Run() {
    for (NodeId root = 0; root < g_.num_nodes(); ++root) {
      if (index_[root] == kNone) Dfs(root);
    }
    return std::move(components_);
  }

 private:
  struct Frame {
    NodeId v;
    uint32_t next;  // position in out(v) of the next edge to explore
  };

  void Open(NodeId v) {
    index_[v] = low_[v] = counter_++;
    stack_.push_back(v);
    on_stack_.Set(v);
    frames_.push_back({v, 0});
  }

  void Dfs(NodeId root) {
    Open(root);
    while (!frames_.empty()) {
      Frame& f = frames_.back();
      const NodeId v = f.v;
      const std::span<const NodeId> out = g_.out(v);
      if (f.next < out.size()) {
        const NodeId w = out[f.next++];  // `f` is not used after Open()
        if (index_[w] == kNone) {
          Open(w);
        } else if (on_stack_.Test(w)) {
          low_[v] = std::min(low_[v], index_[w]);
        }
        continue;
      }
      frames_.pop_back();
      if (!frames_.empty()) {
        const NodeId parent = frames_.back().v;
        low_[parent] = std::min(low_[parent], low_[v]);
      }
      if (low_[v] == index_[v]) PopComponent(v);
    }
  }

  void PopComponent(NodeId v) {
    std::vector<NodeId> members;
    NodeId w;
    do {
      w = stack_.back();
      stack_.pop_back();
      on_stack_.Reset(w);
      members.push_back(w);
    } while (w != v);
    if (members.size() == 1 && !HasSelfLoop(g_, v)) return;
    std::sort(members.begin(), members.end());
    components_.push_back(std::move(members));
  }

  const Graph& g_;
  std::vector<uint32_t> index_;  // DFS discovery index, kNone = unvisited
  std::vector<uint32_t> low_;    // Tarjan's lowlink
  Bitmap on_stack_;
  std::vector<NodeId> stack_;    // Tarjan's component stack
  std::vector<Frame> frames_;    // the DFS "call stack"
  uint32_t counter_ = 0;
  std::vector<std::vector<NodeId>> components_;
};

// Reusable per-graph scratch for the witness BFS (reset after each use).
struct Scratch {
  explicit Scratch(uint32_t n) : in_comp(n), parent(n, kNone) {}
  Bitmap in_comp;
  std::vector<NodeId> parent;
  std::vector<NodeId> queue;
};

// A shortest cycle through comp[0] inside `comp` (see cycles.h).
std::vector<NodeId> WitnessCycle(const Graph& g, std::span<const NodeId> comp, Scratch& s) {
  const NodeId root = comp[0];
  if (comp.size() == 1) return {root, root};  // a lone self-loop
  for (NodeId v : comp) s.in_comp.Set(v);
  s.queue.assign(1, root);
  s.parent[root] = root;
  NodeId last = kNone;  // the node whose edge closes the cycle back to root
  for (size_t head = 0; head < s.queue.size() && last == kNone; ++head) {
    const NodeId v = s.queue[head];
    for (NodeId w : g.out(v)) {
      if (w == root && v != root) {
        last = v;
        break;
      }
      if (!s.in_comp.Test(w) || s.parent[w] != kNone) continue;
      s.parent[w] = v;
      s.queue.push_back(w);
    }
  }
  ETLDAG_CHECK(last != kNone);  // a non-trivial SCC always has one
  std::vector<NodeId> path;
  for (NodeId v = last; v != root; v = s.parent[v]) path.push_back(v);
  path.push_back(root);
  std::reverse(path.begin(), path.end());
  path.push_back(root);
  for (NodeId v : s.queue) s.parent[v] = kNone;
  for (NodeId v : comp) s.in_comp.Reset(v);
  return path;
}

}  // namespace

std::vector<Cycle> FindCycles(const Graph& g) {
  std::vector<std::vector<NodeId>> comps = Tarjan(g).Run();
  std::sort(comps.begin(), comps.end(),
            [](const auto& a, const auto& b) { return a[0] < b[0]; });
  std::vector<Cycle> cycles;
  cycles.reserve(comps.size());
  Scratch scratch(g.num_nodes());
  for (std::vector<NodeId>& comp : comps) {
    Cycle c;
    c.path = WitnessCycle(g, comp, scratch);
    c.component = std::move(comp);
    cycles.push_back(std::move(c));
  }
  return cycles;
}

std::string FormatCyclePath(const Graph& g, const Cycle& c, size_t max_nodes) {
  const size_t n = c.path.size();
  const size_t head = n > max_nodes ? (max_nodes + 1) / 2 : n;  // shown before "..."
  const size_t tail = n > max_nodes ? max_nodes - head : 0;     // shown after it
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i >= head && i < n - tail) {
      if (i == head) absl::StrAppend(&out, " -> ... (", n - head - tail, " more)");
      continue;
    }
    if (i > 0) out += " -> ";
    out += g.name(c.path[i]);
  }
  return out;
}

}  // namespace etldag
