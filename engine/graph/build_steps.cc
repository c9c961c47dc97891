// The build steps of GraphBuilder::Build (numbered in graph_builder.h), in
// parallel with oneTBB where it pays. Nothing here depends on the thread
// count: sorts are total orders, scatters are followed by per-list sorts,
// and per-block outputs are concatenated in block order.
#include <algorithm>
#include <cstring>
#include <numeric>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "engine/base/strings.h"
#include "engine/graph/internal/builder_impl.h"
#include "tbb/blocked_range.h"
#include "tbb/parallel_for.h"
#include "tbb/parallel_sort.h"
#include "tbb/task_arena.h"

namespace etldag::graph_internal {
namespace {

constexpr size_t kGrain = 4096;  // nodes per task

// Kind of an op without a type/kind field: the first segment of its name.
std::string_view DerivedKind(std::string_view name) {
  const size_t slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0) return "other";
  return name.substr(0, slash);
}

// Kind ids in kind-name order. Nodes are in name order, so equal derived
// kinds come in runs: only a change of kind costs a hash lookup.
[[nodiscard]] absl::Status AssignKinds(const std::vector<std::string_view>& kind_of, GraphStorage& s) {
  absl::flat_hash_map<absl::string_view, KindId> ids;
  std::string_view last;
  for (size_t i = 0; i < kind_of.size(); ++i) {
    if (i == 0 || kind_of[i] != last) ids.emplace(ToAbsl(kind_of[i]), 0);
    last = kind_of[i];
  }
  if (ids.size() > kMaxKinds) {
    return absl::ResourceExhaustedError(absl::StrCat(ids.size(), " distinct node kinds; the limit is ", kMaxKinds));
  }
  std::vector<std::string_view> sorted;
  sorted.reserve(ids.size());
  for (const auto& [k, unused] : ids) sorted.push_back(ToStd(k));
  std::sort(sorted.begin(), sorted.end());  // deterministic kind ids
  s.kind_name_offsets.push_back(0);
  for (size_t k = 0; k < sorted.size(); ++k) {
    ids[ToAbsl(sorted[k])] = static_cast<KindId>(k);
    s.kind_names.insert(s.kind_names.end(), sorted[k].begin(), sorted[k].end());
    s.kind_name_offsets.push_back(static_cast<uint32_t>(s.kind_names.size()));
  }
  s.kinds.resize(kind_of.size());
  KindId id = 0;
  for (size_t i = 0; i < kind_of.size(); ++i) {
    if (i == 0 || kind_of[i] != kind_of[i - 1]) id = ids[ToAbsl(kind_of[i])];
    s.kinds[i] = id;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LayOutNodes(const GraphBuilder::Impl& m, std::vector<NodeId>& rank, GraphStorage& s) {
  const std::vector<std::string_view>& names = m.names.names();
  const size_t n = names.size();
  // 1. final ids: names sorted (byte order)
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  tbb::parallel_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
  // 2. arena in id order, flags, kinds
  rank.resize(n);
  s.name_offsets.resize(n + 1);
  uint64_t name_bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    rank[order[i]] = static_cast<NodeId>(i);
    s.name_offsets[i] = static_cast<uint32_t>(std::min<uint64_t>(name_bytes, kMaxNameBytes));
    name_bytes += names[order[i]].size();
  }
  if (name_bytes > kMaxNameBytes) {
    return absl::ResourceExhaustedError(absl::StrCat("names total ", name_bytes, " bytes; the limit is ", kMaxNameBytes));
  }
  s.name_offsets[n] = static_cast<uint32_t>(name_bytes);
  s.names.resize(name_bytes);
  s.flags.assign(n, 0);
  std::vector<std::string_view> kind_of(n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, kGrain), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t i = r.begin(); i != r.end(); ++i) {
      const uint32_t pid = order[i];
      const std::string_view name = names[pid];
      if (!name.empty()) std::memcpy(s.names.data() + s.name_offsets[i], name.data(), name.size());
      if (!m.defined[pid]) {
        s.flags[i] = kFlagExternal;
        kind_of[i] = "external";
      } else if (m.explicit_kind[pid] != kNoKind) {
        kind_of[i] = m.kinds.name(static_cast<uint32_t>(m.explicit_kind[pid]));
      } else {
        kind_of[i] = DerivedKind(name);
      }
    }
  });
  return AssignKinds(kind_of, s);
}

void BuildOutCsr(GraphBuilder::Impl& m, const std::vector<NodeId>& rank, GraphStorage& s) {
  const size_t n = rank.size(), num_edges = m.edges.size();  // <= kMaxEdges: 32-bit counts
  // 3. counting sort by source, the edges split into blocks counted and
  //    scattered concurrently: block b's edges of u go after blocks < b's
  const size_t workers = static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const size_t blocks = std::clamp<size_t>(num_edges / (size_t{1} << 16), 1, std::min<size_t>(workers, 8));
  const size_t per_block = (num_edges + blocks - 1) / blocks;
  std::vector<std::vector<EdgeIndex>> cursor(blocks, std::vector<EdgeIndex>(n, 0));
  tbb::parallel_for(size_t{0}, blocks, [&](size_t b) {
    for (size_t i = b * per_block, end = std::min(num_edges, i + per_block); i < end; ++i) {
      ++cursor[b][rank[m.edges[i] >> 32]];
    }
  });
  std::vector<EdgeIndex> start(n + 1, 0);
  for (size_t u = 0; u < n; ++u) {
    EdgeIndex at = start[u];
    for (size_t b = 0; b < blocks; ++b) {
      const EdgeIndex c = cursor[b][u];
      cursor[b][u] = at;
      at += c;
    }
    start[u + 1] = at;
  }
  // Packed (target << 2 | side) so one integer sort orders and groups each list.
  std::vector<uint64_t> packed(num_edges);
  tbb::parallel_for(size_t{0}, blocks, [&](size_t b) {
    std::vector<EdgeIndex>& cur = cursor[b];
    for (size_t i = b * per_block, end = std::min(num_edges, i + per_block); i < end; ++i) {
      const uint64_t e = m.edges[i];
      packed[cur[rank[e >> 32]]++] = (uint64_t{rank[e & 0xffffffffu]} << 2) | m.sides[i];
    }
  });
  std::vector<std::vector<EdgeIndex>>().swap(cursor);
  std::vector<uint64_t>().swap(m.edges);
  std::vector<uint8_t>().swap(m.sides);
  // 4. sort every list, collapse equal targets (OR-ing their sides)
  std::vector<uint32_t> kept(n, 0);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t u = r.begin(); u != r.end(); ++u) {
      uint64_t* b = packed.data() + start[u];
      uint64_t* e = packed.data() + start[u + 1];
      std::sort(b, e);
      uint64_t* out = b;
      for (uint64_t* p = b; p != e; ++p) {
        if (out != b && (out[-1] >> 2) == (*p >> 2)) {
          out[-1] |= (*p & 3);
        } else {
          *out++ = *p;
        }
      }
      kept[u] = static_cast<uint32_t>(out - b);
    }
  });
  s.out_offsets.assign(n + 1, 0);
  for (size_t u = 0; u < n; ++u) s.out_offsets[u + 1] = s.out_offsets[u] + kept[u];
  s.out_targets.resize(s.out_offsets[n]);
  // Compaction per block of nodes; self-loops and one-sided op->op edges
  // collected per block and concatenated in block order (sorted by (u, v)).
  const size_t node_blocks = (n + kGrain - 1) / kGrain;
  std::vector<std::vector<NodeId>> loops(node_blocks);
  std::vector<std::vector<Disagreement>> disagree(node_blocks);
  tbb::parallel_for(size_t{0}, node_blocks, [&](size_t blk) {
    for (size_t u = blk * kGrain, end = std::min(n, u + kGrain); u < end; ++u) {
      const uint64_t* b = packed.data() + start[u];
      for (uint32_t j = 0; j < kept[u]; ++j) {
        const NodeId v = static_cast<NodeId>(b[j] >> 2);
        const auto side = static_cast<EdgeSide>(b[j] & 3);
        s.out_targets[s.out_offsets[u] + j] = v;
        if (v == u) loops[blk].push_back(v);
        const bool both_ops = !(s.flags[u] & kFlagExternal) && !(s.flags[v] & kFlagExternal);
        if (both_ops && side != EdgeSide::kBoth) disagree[blk].push_back(Disagreement{static_cast<NodeId>(u), v, side});
      }
    }
  });
  for (size_t blk = 0; blk < node_blocks; ++blk) {
    s.self_loops.insert(s.self_loops.end(), loops[blk].begin(), loops[blk].end());
    s.disagreements.insert(s.disagreements.end(), disagree[blk].begin(), disagree[blk].end());
  }
}

// Counting sort over the out CSR; lists come out sorted.
void BuildInCsr(GraphStorage& s) {
  const size_t n = s.out_offsets.size() - 1;
  s.in_offsets.assign(n + 1, 0);
  for (NodeId v : s.out_targets) ++s.in_offsets[v + 1];
  for (size_t i = 0; i < n; ++i) s.in_offsets[i + 1] += s.in_offsets[i];
  s.in_targets.resize(s.out_targets.size());
  std::vector<EdgeIndex> cursor(s.in_offsets.begin(), s.in_offsets.end() - 1);
  for (size_t u = 0; u < n; ++u) {
    for (EdgeIndex e = s.out_offsets[u]; e < s.out_offsets[u + 1]; ++e) {
      s.in_targets[cursor[s.out_targets[e]]++] = static_cast<NodeId>(u);
    }
  }
}

}  // namespace etldag::graph_internal
