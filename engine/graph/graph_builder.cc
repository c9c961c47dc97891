#include "engine/graph/graph_builder.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/graph_storage.h"
#include "engine/graph/name_table.h"
#include "tbb/parallel_for.h"
#include "tbb/parallel_sort.h"

namespace etldag {
namespace {

constexpr int32_t kNoKind = -1;

// Hashes names with Abseil's own string hash: std::string_view keys would fall
// back to std::hash (measured: a third of the load in std::_Hash_bytes).
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return absl::Hash<absl::string_view>()(ToAbsl(s)); }
};
template <typename V>
using NameMap = absl::flat_hash_map<std::string_view, V, NameHash>;

// Kind of an op without a type/kind field: the first segment of its name.
std::string_view DerivedKind(std::string_view name) {
  const size_t slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0) return "other";
  return name.substr(0, slash);
}

}  // namespace

struct GraphBuilder::Impl {
  graph_internal::NameTable names;     // node names -> pids
  graph_internal::NameTable kinds;     // explicit kinds -> kind pids
  std::vector<int32_t> explicit_kind;  // per pid; kNoKind = derive
  std::vector<uint8_t> defined;        // per pid
  std::vector<uint64_t> edges;         // (from << 32) | to
  std::vector<uint8_t> sides;
  bool bad_pid = false;

  // Per-pid arrays for the names interned since the last call.
  void Extend() {
    explicit_kind.resize(names.size(), kNoKind);
    defined.resize(names.size(), 0);
  }
};

GraphBuilder::GraphBuilder() : impl_(std::make_unique<Impl>()) {}
GraphBuilder::~GraphBuilder() = default;
GraphBuilder::GraphBuilder(GraphBuilder&&) noexcept = default;
GraphBuilder& GraphBuilder::operator=(GraphBuilder&&) noexcept = default;

void GraphBuilder::Reserve(size_t nodes, size_t edges) {
  impl_->names.Reserve(nodes);
  impl_->explicit_kind.reserve(nodes);
  impl_->defined.reserve(nodes);
  impl_->edges.reserve(edges);
  impl_->sides.reserve(edges);
}

GraphBuilder::Pid GraphBuilder::Intern(std::string_view name) {
  Impl& m = *impl_;
  const Pid pid = m.names.Intern(name);
  if (pid == m.defined.size()) m.Extend();
  return pid;
}

void GraphBuilder::InternBatch(std::span<const std::string_view> names, Pid* out) {
  Impl& m = *impl_;
  m.names.InternBatch(names, out);
  m.Extend();
}

bool GraphBuilder::DefineOp(Pid pid, std::string_view kind) {
  Impl& m = *impl_;
  if (pid >= m.names.size()) {
    m.bad_pid = true;
    return false;
  }
  if (m.defined[pid]) return false;
  m.defined[pid] = 1;
  if (!kind.empty()) m.explicit_kind[pid] = static_cast<int32_t>(m.kinds.Intern(kind));
  return true;
}

void GraphBuilder::AddEdge(Pid from, Pid to, EdgeSide side) {
  Impl& m = *impl_;
  if (from >= m.names.size() || to >= m.names.size()) {
    m.bad_pid = true;
    return;
  }
  m.edges.push_back((uint64_t{from} << 32) | to);
  m.sides.push_back(static_cast<uint8_t>(side));
}

bool GraphBuilder::MergeFrom(GraphBuilder&& other) {
  Impl& m = *impl_;
  const Impl& o = *other.impl_;
  if (o.bad_pid) m.bad_pid = true;
  std::vector<Pid> remap(o.names.size());
  m.names.Reserve(m.names.size() + o.names.size());
  InternBatch(o.names.names(), remap.data());
  for (Pid p = 0; p < o.names.size(); ++p) {
    if (o.defined[p]) {
      const std::string_view kind = o.explicit_kind[p] == kNoKind ? std::string_view() : o.kinds.name(o.explicit_kind[p]);
      if (!DefineOp(remap[p], kind)) return false;
    }
  }
  m.edges.reserve(m.edges.size() + o.edges.size());
  m.sides.insert(m.sides.end(), o.sides.begin(), o.sides.end());
  for (const uint64_t e : o.edges) m.edges.push_back((uint64_t{remap[e >> 32]} << 32) | remap[e & 0xffffffffu]);
  GraphBuilder().impl_.swap(other.impl_);  // frees other's memory now
  return true;
}

size_t GraphBuilder::num_interned() const { return impl_->names.size(); }
size_t GraphBuilder::num_raw_edges() const { return impl_->edges.size(); }
std::string_view GraphBuilder::interned_name(Pid pid) const { return impl_->names.name(pid); }
bool GraphBuilder::is_defined(Pid pid) const { return impl_->defined[pid] != 0; }

namespace {

// Steps 1-2: final ids in name order, names arena, kinds and flags.
absl::Status LayOutNodes(const GraphBuilder::Impl& m, std::vector<NodeId>& rank, GraphStorage& s) {
  const std::vector<std::string_view>& names = m.names.names();
  const size_t n = names.size();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  tbb::parallel_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
  rank.assign(n, 0);
  uint64_t name_bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    rank[order[i]] = static_cast<NodeId>(i);
    name_bytes += names[order[i]].size();
  }
  if (name_bytes > kMaxNameBytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("names total ", name_bytes, " bytes; the limit is ", kMaxNameBytes));
  }
  s.names.resize(name_bytes);
  s.name_offsets.resize(n + 1);
  std::vector<std::string_view> kind_of(n);
  NameMap<KindId> kinds;
  s.flags.assign(n, 0);
  uint32_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t pid = order[i];
    const std::string_view name = names[pid];
    s.name_offsets[i] = pos;
    if (!name.empty()) std::memcpy(s.names.data() + pos, name.data(), name.size());
    pos += static_cast<uint32_t>(name.size());
    if (!m.defined[pid]) {
      s.flags[i] |= kFlagExternal;
      kind_of[i] = "external";
    } else if (m.explicit_kind[pid] != kNoKind) {
      kind_of[i] = m.kinds.name(m.explicit_kind[pid]);
    } else {
      kind_of[i] = DerivedKind(name);
    }
    kinds.emplace(kind_of[i], 0);
  }
  s.name_offsets[n] = pos;
  if (kinds.size() > kMaxKinds) {
    return absl::ResourceExhaustedError(
        absl::StrCat(kinds.size(), " distinct node kinds; the limit is ", kMaxKinds));
  }
  std::vector<std::string_view> sorted_kinds;
  sorted_kinds.reserve(kinds.size());
  for (const auto& [k, unused] : kinds) sorted_kinds.push_back(k);
  std::sort(sorted_kinds.begin(), sorted_kinds.end());  // deterministic kind ids
  s.kind_name_offsets.push_back(0);
  for (size_t k = 0; k < sorted_kinds.size(); ++k) {
    kinds[sorted_kinds[k]] = static_cast<KindId>(k);
    s.kind_names.insert(s.kind_names.end(), sorted_kinds[k].begin(), sorted_kinds[k].end());
    s.kind_name_offsets.push_back(static_cast<uint32_t>(s.kind_names.size()));
  }
  s.kinds.resize(n);
  for (size_t i = 0; i < n; ++i) s.kinds[i] = kinds[kind_of[i]];
  return absl::OkStatus();
}

// Steps 3-4: out CSR by counting sort; per-list sort + dedupe; self-loops and
// one-sided op->op edges.
void BuildOutCsr(GraphBuilder::Impl& m, const std::vector<NodeId>& rank, GraphStorage& s) {
  const size_t n = rank.size();
  std::vector<uint64_t> start(n + 1, 0);
  for (uint64_t e : m.edges) ++start[rank[e >> 32] + 1];
  for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  // Packed (target << 2 | side) so one integer sort orders and groups each list.
  std::vector<uint64_t> packed(m.edges.size());
  {
    std::vector<uint64_t> cursor(start.begin(), start.end() - 1);
    for (size_t i = 0; i < m.edges.size(); ++i) {
      const uint64_t e = m.edges[i];
      packed[cursor[rank[e >> 32]]++] = (uint64_t{rank[e & 0xffffffffu]} << 2) | m.sides[i];
    }
  }
  std::vector<uint64_t>().swap(m.edges);
  std::vector<uint8_t>().swap(m.sides);
  std::vector<uint32_t> kept(n, 0);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 1024), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t u = r.begin(); u != r.end(); ++u) {
      uint64_t* b = packed.data() + start[u];
      uint64_t* e = packed.data() + start[u + 1];
      std::sort(b, e);
      uint64_t* out = b;  // collapse equal targets, OR-ing their sides
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
  for (size_t u = 0; u < n; ++u) {
    const uint64_t* b = packed.data() + start[u];
    for (uint32_t j = 0; j < kept[u]; ++j) {
      const NodeId v = static_cast<NodeId>(b[j] >> 2);
      const auto side = static_cast<EdgeSide>(b[j] & 3);
      s.out_targets[s.out_offsets[u] + j] = v;
      if (v == u) s.self_loops.push_back(v);
      const bool both_ops = !(s.flags[u] & kFlagExternal) && !(s.flags[v] & kFlagExternal);
      if (both_ops && side != EdgeSide::kBoth) {
        s.disagreements.push_back(Disagreement{static_cast<NodeId>(u), v, side});
      }
    }
  }
}

// Step 5: in CSR by counting sort over the out CSR; lists come out sorted.
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

}  // namespace

absl::StatusOr<Graph> GraphBuilder::Build() && {
  Impl& m = *impl_;
  if (m.bad_pid) return absl::InvalidArgumentError("GraphBuilder: an edge or op used an unknown id");
  if (m.names.size() > kMaxNodes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(m.names.size(), " nodes; the limit is ", kMaxNodes));
  }
  if (m.edges.size() > kMaxEdges) {
    return absl::ResourceExhaustedError(
        absl::StrCat(m.edges.size(), " declared edges; the limit is ", kMaxEdges));
  }
  auto storage = std::make_shared<GraphStorage>();
  std::vector<NodeId> rank;
  RETURN_IF_ERROR(LayOutNodes(m, rank, *storage));
  m.names.DropIndex();
  BuildOutCsr(m, rank, *storage);
  BuildInCsr(*storage);
  const GraphArrays arrays = storage->Arrays();
  return Graph::FromValidatedArrays(arrays, std::move(storage));
}

absl::StatusOr<Graph> BuildGraph(
    const std::vector<OpSpec>& ops,
    const std::vector<std::pair<std::string_view, std::string_view>>& edges) {
  GraphBuilder b;
  for (const OpSpec& op : ops) {
    if (!b.DefineOp(b.Intern(op.name), op.kind)) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate op name \"", ToAbsl(op.name), "\""));
    }
  }
  for (const auto& [from, to] : edges) b.AddEdge(b.Intern(from), b.Intern(to), EdgeSide::kBoth);
  return std::move(b).Build();
}

}  // namespace etldag
