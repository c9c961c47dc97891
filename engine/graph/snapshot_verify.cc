// Structure verification of a graph read from a snapshot (see
// snapshot_format.h): after it, every invariant Graph documents holds, so no
// accessor or algorithm can be sent out of bounds (or be lied to) by a crafted
// file whose checksums were recomputed. One pass per array; the transpose
// check scatters the out edges through an n-entry cursor array (exact, and
// measured faster here than a sequential keyed multiset hash of both sides).
// Names/kinds and the edge lists are checked in parallel.
#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/snapshot_format.h"
#include "tbb/parallel_invoke.h"

namespace etldag::snapshot {
namespace {

absl::Status Bad(std::string_view section, std::string_view what) {
  return absl::DataLossError(
      absl::StrCat("corrupt snapshot: ", ToAbsl(section), ": ", ToAbsl(what)));
}

// off[0] == 0, non-decreasing, off.back() == total (branch-free main loop).
absl::Status CheckOffsets(std::span<const uint32_t> off, uint64_t total, std::string_view section) {
  if (off.empty() || off[0] != 0) return Bad(section, "first offset is not 0");
  bool decreasing = false;
  for (size_t i = 1; i < off.size(); ++i) decreasing |= off[i] < off[i - 1];
  if (decreasing) {
    size_t i = 1;
    while (off[i] >= off[i - 1]) ++i;
    return Bad(section, absl::StrCat("offsets decrease at index ", i));
  }
  if (off.back() != total) {
    return Bad(section, absl::StrCat("last offset is ", off.back(), ", expected ", total));
  }
  return absl::OkStatus();
}

// Names strictly increasing (sorted and unique), so Find() is exact.
absl::Status CheckNames(const GraphArrays& a) {
  RETURN_IF_ERROR(CheckOffsets(a.name_offsets, a.names.size(), "name_offsets"));
  const char* base = a.names.data();
  for (size_t i = 1; i + 1 < a.name_offsets.size(); ++i) {
    const std::string_view prev(base + a.name_offsets[i - 1], a.name_offsets[i] - a.name_offsets[i - 1]);
    const std::string_view cur(base + a.name_offsets[i], a.name_offsets[i + 1] - a.name_offsets[i]);
    if (!(prev < cur)) return Bad("names", absl::StrCat("not sorted and unique at node ", i));
  }
  return absl::OkStatus();
}

// Out lists: ids < n, strictly increasing; self-loops exactly `a.self_loops`.
absl::Status CheckOutCsr(const GraphArrays& a) {
  const uint64_t n = a.kinds.size();
  RETURN_IF_ERROR(CheckOffsets(a.out_offsets, a.out_targets.size(), "out_offsets"));
  size_t loops = 0;
  for (NodeId u = 0; u < n; ++u) {
    const EdgeIndex b = a.out_offsets[u], e = a.out_offsets[u + 1];
    for (EdgeIndex i = b; i < e; ++i) {
      const NodeId v = a.out_targets[i];
      if (v >= n) return Bad("out_targets", absl::StrCat("node id ", v, " out of range at edge ", i));
      if (i > b && v <= a.out_targets[i - 1]) {
        return Bad("out_targets", absl::StrCat("list of node ", u, " not strictly sorted"));
      }
      if (v == u) {
        if (loops >= a.self_loops.size() || a.self_loops[loops] != u) {
          return Bad("self_loops", absl::StrCat("missing self-loop of node ", u));
        }
        ++loops;
      }
    }
  }
  if (loops != a.self_loops.size()) return Bad("self_loops", "lists a node without a self-loop");
  return absl::OkStatus();
}

// In CSR = the exact transpose of the out CSR (hence ids < n, lists sorted).
absl::Status CheckInCsr(const GraphArrays& a) {
  const uint64_t n = a.kinds.size();
  RETURN_IF_ERROR(CheckOffsets(a.in_offsets, a.in_targets.size(), "in_offsets"));
  std::vector<EdgeIndex> cursor(a.in_offsets.begin(), a.in_offsets.end() - 1);
  for (NodeId u = 0; u < n; ++u) {
    for (EdgeIndex i = a.out_offsets[u]; i < a.out_offsets[u + 1]; ++i) {
      const NodeId v = a.out_targets[i];
      const EdgeIndex c = cursor[v]++;
      if (c >= a.in_offsets[v + 1] || a.in_targets[c] != u) {
        return Bad("in_targets", absl::StrCat("not the transpose of the out lists at node ", v));
      }
    }
  }
  return absl::OkStatus();  // every cursor reached its end: both sides hold m
}

absl::Status CheckKindsAndFlags(const GraphArrays& a) {
  RETURN_IF_ERROR(CheckOffsets(a.kind_name_offsets, a.kind_names.size(), "kind_name_offsets"));
  const size_t num_kinds = a.kind_name_offsets.size() - 1;
  KindId max_kind = 0;
  for (KindId k : a.kinds) max_kind = std::max(max_kind, k);
  if (!a.kinds.empty() && max_kind >= num_kinds) {
    return Bad("kinds", absl::StrCat("kind id ", max_kind, " out of range (", num_kinds, " kinds)"));
  }
  uint8_t unknown = 0;
  for (uint8_t f : a.flags) unknown |= f & ~kFlagExternal;
  if (unknown != 0) return Bad("flags", absl::StrCat("unknown flag bits 0x", absl::Hex(unknown)));
  return absl::OkStatus();
}

// One-sided op->op edges: in range, sorted by (from, to), existing edges.
absl::Status CheckDisagreements(const GraphArrays& a) {
  const uint64_t n = a.kinds.size();
  for (size_t i = 0; i < a.disagreements.size(); ++i) {
    const Disagreement& d = a.disagreements[i];
    const std::string where = absl::StrCat("entry ", i, ": ");
    if (d.from >= n || d.to >= n) return Bad("disagreements", where + "node id out of range");
    if ((d.declared_by != EdgeSide::kInputs && d.declared_by != EdgeSide::kSuccessors) ||
        d.pad[0] != 0 || d.pad[1] != 0 || d.pad[2] != 0) {
      return Bad("disagreements", where + "bad side");
    }
    if (i > 0 && !(std::pair(a.disagreements[i - 1].from, a.disagreements[i - 1].to) <
                   std::pair(d.from, d.to))) {
      return Bad("disagreements", where + "not strictly sorted");
    }
    const auto out = a.out_targets.subspan(a.out_offsets[d.from], a.out_offsets[d.from + 1] - a.out_offsets[d.from]);
    if (!std::binary_search(out.begin(), out.end(), d.to) ||
        (a.flags[d.from] | a.flags[d.to]) & kFlagExternal) {
      return Bad("disagreements", where + "not an edge between two ops");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status VerifyStructure(const GraphArrays& a) {
  // Two independent halves, in parallel; errors reported in a fixed order.
  absl::Status names, edges;
  tbb::parallel_invoke(
      [&] {
        names = CheckNames(a);
        if (names.ok()) names = CheckKindsAndFlags(a);
      },
      [&] {
        edges = CheckOutCsr(a);
        if (edges.ok()) edges = CheckInCsr(a);
      });
  RETURN_IF_ERROR(names);
  RETURN_IF_ERROR(edges);
  return CheckDisagreements(a);  // needs the out lists and the flags checked
}

}  // namespace etldag::snapshot
