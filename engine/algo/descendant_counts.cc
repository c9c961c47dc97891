// Blocked-bitset descendant counts; see descendant_counts.h for the contract.
#include "engine/algo/descendant_counts.h"

#include <algorithm>
#include <bit>
#include <iterator>

#include "engine/algo/condensation.h"
#include "engine/base/check.h"
#include "oneapi/tbb/blocked_range.h"
#include "oneapi/tbb/enumerable_thread_specific.h"
#include "oneapi/tbb/parallel_for.h"
#include "oneapi/tbb/partitioner.h"
#include "oneapi/tbb/task_arena.h"

namespace etldag {
namespace {

// Per-worker scratch, reused by every block the worker runs.
struct Worker {
  std::vector<uint64_t> bits;    // k words per component position
  std::vector<uint32_t> stamp;   // == block + 1 when bits[p] is non-empty
  std::vector<uint32_t> count;   // per position, summed over this worker's blocks
  std::vector<uint32_t> pcount;  // protected, likewise
  uint64_t pulls = 0;
};

struct Input {
  const Condensation& cd;
  const Bitmap* protected_slots;  // by slot; null = none
};

// One block of K·64 target slots: pulls R(p) for p = last position .. 0.
// Always inlined, so the x86 clone below gets popcnt and AVX2 code.
template <uint32_t K>
[[gnu::always_inline]] inline void RunBlockBody(const Input& in, uint32_t block, Worker& w) {
  const Condensation& cd = in.cd;
  const uint32_t n = static_cast<uint32_t>(cd.members.size());
  const uint32_t s0 = block * K * 64, s1 = std::min<uint32_t>(n, s0 + K * 64);
  const uint32_t first = cd.position[cd.members[s0]], last = cd.position[cd.members[s1 - 1]];
  const uint32_t tag = block + 1;
  uint64_t pmask[K] = {};
  bool has_protected = false;
  if (in.protected_slots != nullptr) {
    for (uint32_t s = s0; s < s1; ++s) {
      if (!in.protected_slots->Test(s)) continue;
      pmask[(s - s0) >> 6] |= uint64_t{1} << ((s - s0) & 63);
      has_protected = true;
    }
  }
  for (uint32_t p = last + 1; p-- > 0;) {
    uint64_t acc[K] = {};
    bool any = false;
    for (uint32_t q : cd.out(p)) {
      if (q > last) break;  // out lists are sorted; later positions are outside
      if (w.stamp[q] != tag) continue;
      const uint64_t* src = &w.bits[size_t{q} * K];
      for (uint32_t i = 0; i < K; ++i) acc[i] |= src[i];
      any = true;
      ++w.pulls;
    }
    if (any) {
      uint32_t c = 0, pc = 0;
      for (uint32_t i = 0; i < K; ++i) c += __builtin_popcountll(acc[i]);
      if (has_protected) {
        for (uint32_t i = 0; i < K; ++i) pc += __builtin_popcountll(acc[i] & pmask[i]);
      }
      w.count[p] += c;
      w.pcount[p] += pc;
    }
    if (p >= first) {  // the component's own slots inside the block
      const uint32_t a = std::max(cd.member_offsets[p], s0);
      const uint32_t b = std::min(cd.member_offsets[p + 1], s1);
      for (uint32_t s = a; s < b; ++s) acc[(s - s0) >> 6] |= uint64_t{1} << ((s - s0) & 63);
      any = any || a < b;
    }
    if (any) {
      std::copy_n(acc, K, &w.bits[size_t{p} * K]);
      w.stamp[p] = tag;
    }
  }
}

template <uint32_t K>
void RunBlockPortable(const Input& in, uint32_t block, Worker& w) {
  RunBlockBody<K>(in, block, w);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The default x86-64 target has no popcnt instruction (std::popcount becomes
// a libgcc call) and only SSE2; this clone is chosen at run time when the CPU
// has both. Same arithmetic, so the same result.
template <uint32_t K>
[[gnu::target("popcnt,avx2")]] void RunBlockX86(const Input& in, uint32_t block, Worker& w) {
  RunBlockBody<K>(in, block, w);
}
bool UseX86Clone() {
  static const bool ok = __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("avx2");
  return ok;
}
#endif

template <uint32_t K>
void RunBlock(const Input& in, uint32_t block, Worker& w) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (UseX86Clone()) return RunBlockX86<K>(in, block, w);
#endif
  RunBlockPortable<K>(in, block, w);
}

template <uint32_t K>
std::vector<Worker> RunAllBlocks(const Input& in, uint32_t num_blocks) {
  const size_t c = in.cd.num_components;
  tbb::enumerable_thread_specific<Worker> workers([c] {
    Worker w;
    w.bits.resize(c * K);
    w.stamp.assign(c, 0);
    w.count.assign(c, 0);
    w.pcount.assign(c, 0);
    return w;
  });
  // Later blocks touch more of the graph: start them first.
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, num_blocks, 1),
                    [&](const tbb::blocked_range<uint32_t>& r) {
                      Worker& w = workers.local();
                      for (uint32_t i = r.begin(); i != r.end(); ++i) {
                        RunBlock<K>(in, num_blocks - 1 - i, w);
                      }
                    },
                    tbb::simple_partitioner());
  return std::vector<Worker>(std::make_move_iterator(workers.begin()),
                             std::make_move_iterator(workers.end()));
}

uint32_t ChooseBlockWords(const DescendantCountsOptions& opts, size_t components) {
  uint32_t k = opts.block_words;
  if (k == 0) {
    const size_t workers = std::max(1, tbb::this_task_arena::max_concurrency());
    const size_t per_word = std::max<size_t>(1, workers * components * 8);
    k = static_cast<uint32_t>(std::clamp<size_t>(opts.memory_budget_bytes / per_word, 1,
                                                 kDefaultBlockWords));
  }
  return std::bit_floor(std::clamp(k, uint32_t{1}, kMaxBlockWords));
}

std::vector<Worker> Dispatch(uint32_t k, const Input& in, uint32_t blocks) {
  switch (k) {
    case 1: return RunAllBlocks<1>(in, blocks);
    case 2: return RunAllBlocks<2>(in, blocks);
    case 4: return RunAllBlocks<4>(in, blocks);
    case 8: return RunAllBlocks<8>(in, blocks);
    default: return RunAllBlocks<16>(in, blocks);
  }
}

}  // namespace

DescendantCounts ComputeDescendantCounts(const Graph& g, const Bitmap* protected_set,
                                         const DescendantCountsOptions& opts,
                                         DescendantCountsStats* stats) {
  const uint32_t n = g.num_nodes();
  if (protected_set != nullptr) ETLDAG_CHECK(protected_set->size() == n);
  DescendantCounts out;
  out.downstream.assign(n, 0);
  out.protected_downstream.assign(n, 0);
  if (n == 0) return out;

  const Condensation cd = Condense(g);
  Bitmap protected_slots;
  if (protected_set != nullptr) {
    protected_slots = Bitmap(n);
    for (uint32_t s = 0; s < n; ++s) {
      if (protected_set->Test(cd.members[s])) protected_slots.Set(s);
    }
  }
  const uint32_t k = ChooseBlockWords(opts, cd.num_components);
  const uint32_t num_blocks = (n + 64 * k - 1) / (64 * k);
  const Input in{cd, protected_set != nullptr ? &protected_slots : nullptr};
  const std::vector<Worker> workers = Dispatch(k, in, num_blocks);

  std::vector<uint32_t> count(cd.num_components, 0), pcount(cd.num_components, 0);
  uint64_t pulls = 0;
  for (const Worker& w : workers) {
    for (uint32_t p = 0; p < cd.num_components; ++p) {
      count[p] += w.count[p];
      pcount[p] += w.pcount[p];
    }
    pulls += w.pulls;
  }
  for (uint32_t p = 0; p < cd.num_components; ++p) {
    // Members of a cyclic component reach each other (never themselves).
    uint32_t protected_members = 0;
    for (uint32_t s = cd.member_offsets[p]; s < cd.member_offsets[p + 1]; ++s) {
      protected_members += in.protected_slots != nullptr && protected_slots.Test(s);
    }
    for (NodeId v : cd.component(p)) {
      const bool self = protected_set != nullptr && protected_set->Test(v);
      out.downstream[v] = count[p] + cd.size(p) - 1;
      out.protected_downstream[v] = pcount[p] + protected_members - (self ? 1 : 0);
    }
  }
  if (stats != nullptr) {
    *stats = {k, num_blocks, cd.num_components, pulls, uint64_t{8} * k * cd.num_components * workers.size()};
  }
  return out;
}

std::vector<RankedNode> TopByDownstream(const DescendantCounts& counts, size_t limit,
                                        const Bitmap* among) {
  const NodeId n = static_cast<NodeId>(counts.downstream.size());
  if (among != nullptr) ETLDAG_CHECK(among->size() == n);
  std::vector<RankedNode> all;
  all.reserve(among != nullptr ? among->Count() : n);
  for (NodeId v = 0; v < n; ++v) {
    if (among == nullptr || among->Test(v)) {
      all.push_back({v, counts.downstream[v], counts.protected_downstream[v]});
    }
  }
  const auto before = [](const RankedNode& a, const RankedNode& b) {
    return a.downstream != b.downstream ? a.downstream > b.downstream : a.node < b.node;
  };
  limit = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + limit, all.end(), before);
  all.resize(limit);
  return all;
}

}  // namespace etldag
