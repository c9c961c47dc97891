// Layered random DAG with heavy-tailed degrees; see topology.h.
//
// Steps: (1) plan layer sizes; (2) draw each op's role from its relative
// depth; (3) draw inputs layer by layer, O(1) expected work per edge (a
// per-candidate stamp keeps an op's inputs distinct); (4) longest-path levels
// in id order (inputs always have smaller ids); (5) optionally thread one
// cycle along first inputs; (6) mark K one-sided edges; (7) successors by
// counting sort over the inputs (so each list is sorted by reader id).
// Reference for the attachment rule: D. de S. Price, "A general theory of
// bibliometric and other cumulative advantage processes", JASIS 1976.
#include "tools/gen/topology.h"

#include <algorithm>
#include <array>
#include <string>

#include "absl/status/status.h"
#include "tools/gen/topology_edits.h"

namespace etldag::gen {
namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr uint32_t kMaxLayers = 60;
constexpr uint32_t kHubs = 6;

// floor(4 * log2(n / 64)) clamped at 0, in integers: log2(n^4) - 24.
uint32_t LayerCount(uint64_t n) {
  const unsigned __int128 n4 = static_cast<unsigned __int128>(n) * n * n * n;
  int bits = 0;
  for (unsigned __int128 x = n4; x > 1; x >>= 1) ++bits;
  const uint32_t lg4 = bits > 24 ? static_cast<uint32_t>(bits - 24) : 0;
  return std::min<uint32_t>(kMaxLayers, 3 + lg4 * 4 / 5);
}

std::vector<uint32_t> PlanLayers(uint32_t n) {
  if (n == 0) return {0};
  uint32_t layers = LayerCount(n);
  if (n == 1) return {0, 1};
  const uint32_t s0 = std::max<uint32_t>(1, uint64_t{n} * 7 / 100);
  const uint32_t s1 = std::max<uint32_t>(1, uint64_t{n} * 12 / 100);
  const uint32_t rest = n - s0 - s1;  // >= 0: s0 + s1 <= n for every n >= 2
  layers = std::min(layers, 2 + rest);
  std::vector<uint32_t> sizes(layers, 1);
  sizes[0] = s0;
  sizes[1] = layers == 2 ? n - s0 : s1;
  if (layers > 2) {
    const uint64_t extra = rest - (layers - 2);
    std::vector<uint64_t> weight(layers, 0);
    uint64_t total = 0;
    for (uint32_t k = 2; k < layers; ++k) {
      const uint64_t w = layers - k + layers / 3 + 1;
      weight[k] = w * w;
      total += weight[k];
    }
    uint64_t given = 0;
    for (uint32_t k = 2; k < layers; ++k) {
      const uint64_t share = extra * weight[k] / total;
      sizes[k] += static_cast<uint32_t>(share);
      given += share;
    }
    sizes[2] += static_cast<uint32_t>(extra - given);
  }
  std::vector<uint32_t> start(layers + 1, 0);
  for (uint32_t k = 0; k < layers; ++k) start[k + 1] = start[k] + sizes[k];
  return start;
}

Role DrawRole(Rng& rng, uint32_t k, uint32_t layers) {
  if (k == 0) return Role::kRaw;
  if (k == 1) return rng.PerMille(700) ? Role::kContract : Role::kSeriesContract;
  const uint64_t f = 100ULL * k / (layers - 1);
  const uint64_t r = rng.Below(100);
  if (f < 50) return r < 90 ? Role::kDataset : r < 97 ? Role::kArchive : Role::kModel;
  if (f < 85) {
    return r < 63 ? Role::kDataset : r < 88 ? Role::kModel
           : r < 93 ? Role::kArchive : Role::kPolicy;
  }
  return r < 35 ? Role::kModel : r < 80 ? Role::kPolicy : Role::kDataset;
}

// Draws inputs for every op, layer by layer.
class InputPicker {
 public:
  InputPicker(Topology& t, Rng& rng) : t_(t), rng_(rng) {
    stamp_.assign(uint64_t{t.num_ops} + t.external_pool, kNone);
    used_.assign(t.external_pool, 0);
    urn_.reserve(uint64_t{t.num_ops} * 6);
  }

  void Run() {
    const uint32_t layers = static_cast<uint32_t>(t_.layer_start.size()) - 1;
    t_.in_offsets.assign(1, 0);
    t_.in_ids.reserve(uint64_t{t_.num_ops} * 5);
    for (uint32_t k = 0; k < layers; ++k) {
      for (uint32_t v = t_.layer_start[k]; v < t_.layer_start[k + 1]; ++v) {
        PickFor(v, k);
        t_.in_offsets.push_back(t_.in_ids.size());
      }
      for (uint32_t v = t_.layer_start[k]; v < t_.layer_start[k + 1]; ++v) {
        if (!IsSource(v)) continue;
        // A few "popular" ops start with a bigger share of the urn.
        const uint64_t copies = rng_.PerMille(20) ? rng_.Between(8, 64) : 1;
        urn_.insert(urn_.end(), copies, v);
      }
    }
    for (uint8_t u : used_) t_.externals_used += u;
  }

 private:
  uint32_t FanIn(uint32_t k) {
    if (k == 0) return 1 + (rng_.PerMille(600) ? 0 : rng_.PerMille(750) ? 1 : 2);
    const uint32_t below = t_.layer_start[k];
    if (k == 1) return std::min<uint32_t>(1 + rng_.Below(3), below);
    uint32_t f;
    if (k >= 3 && rng_.Below(1500) == 0) {
      f = 100 + rng_.Below(150) * (1 + rng_.Below(3));  // aggregator
    } else {
      static constexpr std::array<uint32_t, 10> kCum = {150, 310, 460, 580, 680,
                                                        755, 810, 850, 880, 905};
      const uint64_t r = rng_.Below(1000);
      f = 1;
      while (f <= kCum.size() && r >= kCum[f - 1]) ++f;
      if (f == 11) f = r < 955 ? 11 + rng_.Below(5) : 16 + rng_.Below(15);
    }
    return std::max<uint32_t>(1, std::min(f, below / 2));
  }

  uint32_t Candidate(uint32_t k) {
    const uint32_t below = t_.layer_start[k];
    const uint64_t r = rng_.Below(1000);
    if (r < 12) return t_.num_ops + rng_.Below(t_.external_pool);
    if (r < 52 && k >= 2) {
      const uint32_t hubs = std::min(kHubs, t_.layer_start[2] - t_.layer_start[1]);
      return t_.layer_start[1] + std::min(rng_.Below(hubs), rng_.Below(hubs));
    }
    if (r < 502) return urn_[rng_.Below(urn_.size())];
    const uint32_t lo = t_.layer_start[k >= 3 ? k - 3 : 0];
    return lo + rng_.Below(below - lo);
  }

  // Archives are never read, policies seldom: both are mostly sinks.
  bool IsSource(uint32_t c) const {
    return c >= t_.num_ops || (t_.roles[c] != Role::kArchive && t_.roles[c] != Role::kPolicy);
  }
  bool Readable(uint32_t c) {
    return IsSource(c) || (t_.roles[c] == Role::kPolicy && rng_.PerMille(150));
  }

  void Add(uint32_t v, uint32_t c) {
    t_.in_ids.push_back(c);
    stamp_[c] = v;
    if (c < t_.num_ops) {
      if (IsSource(c)) urn_.push_back(c);
    } else {
      used_[c - t_.num_ops] = 1;
      ++t_.external_refs;
    }
  }

  void PickFor(uint32_t v, uint32_t k) {
    const uint32_t fan_in = FanIn(k);
    uint32_t picked = 0;
    if (k > 0) {  // from layer k-1, whatever its role after 16 tries
      const uint32_t lo = t_.layer_start[k - 1];
      uint32_t c = lo + rng_.Below(t_.layer_start[k] - lo);
      for (int tries = 0; tries < 16 && !Readable(c); ++tries) {
        c = lo + rng_.Below(t_.layer_start[k] - lo);
      }
      Add(v, c);
      ++picked;
    }
    for (; picked < fan_in; ++picked) {
      for (int tries = 0; tries < 16; ++tries) {
        const uint32_t c = k == 0 ? t_.num_ops + rng_.Below(t_.external_pool) : Candidate(k);
        if (stamp_[c] != v && Readable(c)) {
          Add(v, c);
          break;
        }
      }
    }
  }

  Topology& t_;
  Rng& rng_;
  std::vector<uint32_t> stamp_;  // last op that picked each candidate
  std::vector<uint8_t> used_;    // externals referenced at least once
  std::vector<uint32_t> urn_;    // readable op ids: 1 (or 8..64) copies + 1 per reader
};

uint32_t MaxLevel(const Topology& t) {
  std::vector<uint32_t> level(t.num_ops, 0);
  uint32_t max_level = 0;
  for (uint32_t v = 0; v < t.num_ops; ++v) {
    uint32_t lv = 0;
    for (uint64_t p = t.in_offsets[v]; p < t.in_offsets[v + 1]; ++p) {
      const uint32_t u = t.in_ids[p];
      lv = std::max(lv, 1 + (u < t.num_ops ? level[u] : 0));
    }
    level[v] = lv;
    max_level = std::max(max_level, lv);
  }
  return max_level;
}

}  // namespace

absl::StatusOr<Topology> BuildTopology(uint64_t num_ops, uint64_t seed, bool cycle,
                                       uint64_t disagreements) {
  Topology t;
  t.num_ops = static_cast<uint32_t>(num_ops);
  t.external_pool = std::max<uint32_t>(2, t.num_ops / 20);
  t.layer_start = PlanLayers(t.num_ops);
  Rng role_rng(seed, 1);
  t.roles.resize(t.num_ops);
  for (uint32_t k = 0; k + 1 < t.layer_start.size(); ++k) {
    for (uint32_t v = t.layer_start[k]; v < t.layer_start[k + 1]; ++v) {
      t.roles[v] = DrawRole(role_rng, k, static_cast<uint32_t>(t.layer_start.size()) - 1);
    }
  }
  Rng edge_rng(seed, 3);
  InputPicker(t, edge_rng).Run();
  t.max_level = MaxLevel(t);
  uint64_t cycle_pos = UINT64_MAX;
  if (cycle) {
    Rng cycle_rng(seed, 4);
    auto pos = InjectCycle(t, cycle_rng);
    if (!pos.ok()) return pos.status();
    cycle_pos = *pos;
  }
  if (disagreements > 0) {
    Rng drop_rng(seed, 5);
    absl::Status s = InjectDisagreements(t, drop_rng, disagreements, cycle_pos);
    if (!s.ok()) return s;
  }
  BuildSuccessors(t);
  return t;
}

}  // namespace etldag::gen
