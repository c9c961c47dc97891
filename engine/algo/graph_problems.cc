#include "engine/algo/graph_problems.h"

#include <algorithm>
#include <utility>

namespace etldag {

GraphProblems FindGraphProblems(const Graph& g) {
  GraphProblems p;
  for (Cycle& c : FindCycles(g)) {
    if (c.component.size() >= 2) p.cycles.push_back(std::move(c));
  }
  p.disagreements.assign(g.disagreements().begin(), g.disagreements().end());
  std::sort(p.disagreements.begin(), p.disagreements.end(),
            [](const Disagreement& a, const Disagreement& b) {
              return a.from != b.from ? a.from < b.from : a.to < b.to;
            });
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.is_external(v)) p.externals.push_back(v);
  }
  return p;
}

}  // namespace etldag
