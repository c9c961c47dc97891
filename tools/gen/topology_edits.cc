// Cycle, disagreements and successors; see topology_edits.h.
#include "tools/gen/topology_edits.h"

#include <algorithm>
#include <string>
#include <vector>

namespace etldag::gen {
namespace {

constexpr uint32_t kCycleHops = 5;

}  // namespace

absl::StatusOr<uint64_t> InjectCycle(Topology& t, Rng& rng) {
  const uint32_t layers = static_cast<uint32_t>(t.layer_start.size()) - 1;
  if (layers < 3) {
    return absl::InvalidArgumentError("--cycle needs a graph of at least 3 ops");
  }
  const uint32_t lo = t.layer_start[std::max<uint32_t>(2, (layers - 1) / 2)];
  const uint32_t d = lo + rng.Below(t.num_ops - lo);
  const uint32_t layer = static_cast<uint32_t>(
      std::upper_bound(t.layer_start.begin(), t.layer_start.end(), d) - t.layer_start.begin() - 1);
  t.cycle.assign(1, d);
  for (uint32_t h = 0, x = d; h < std::min(kCycleHops, layer); ++h) {
    x = t.in_ids[t.in_offsets[x]];
    t.cycle.push_back(x);
  }
  std::reverse(t.cycle.begin(), t.cycle.end());
  const uint32_t a = t.cycle.front();
  const uint64_t pos = t.in_offsets[a + 1];
  t.in_ids.insert(t.in_ids.begin() + pos, d);
  for (uint32_t v = a + 1; v <= t.num_ops; ++v) ++t.in_offsets[v];
  return pos;
}

absl::Status InjectDisagreements(Topology& t, Rng& rng, uint64_t k, uint64_t cycle_pos) {
  uint64_t eligible = 0;
  for (uint32_t u : t.in_ids) eligible += u < t.num_ops;
  if (cycle_pos != UINT64_MAX) --eligible;
  if (k > eligible) {
    return absl::InvalidArgumentError("--disagreements " + std::to_string(k) +
                                      " exceeds the " + std::to_string(eligible) +
                                      " op-to-op edges of the graph");
  }
  t.drop.assign(t.in_ids.size(), 0);
  while (t.dropped.size() < k) {
    const uint64_t p = rng.Below(t.in_ids.size());
    if (t.in_ids[p] >= t.num_ops || t.drop[p] != 0 || p == cycle_pos) continue;
    t.drop[p] = rng.PerMille(500) ? kDropFromInputs : kDropFromSuccessors;
    t.dropped.push_back(p);
  }
  return absl::OkStatus();
}

void BuildSuccessors(Topology& t) {
  const auto keeps = [&t](uint64_t p) {
    return t.in_ids[p] < t.num_ops && (t.drop.empty() || t.drop[p] != kDropFromSuccessors);
  };
  std::vector<uint64_t> count(uint64_t{t.num_ops} + 1, 0);
  for (uint64_t p = 0; p < t.in_ids.size(); ++p) {
    if (keeps(p)) ++count[t.in_ids[p] + 1];
  }
  for (uint32_t u = 0; u < t.num_ops; ++u) count[u + 1] += count[u];
  t.succ_offsets = count;
  t.succ_ids.resize(count[t.num_ops]);
  for (uint32_t v = 0; v < t.num_ops; ++v) {
    for (uint64_t p = t.in_offsets[v]; p < t.in_offsets[v + 1]; ++p) {
      if (keeps(p)) t.succ_ids[count[t.in_ids[p]]++] = v;
    }
  }
}

}  // namespace etldag::gen
