// Structure verification of a graph read from a snapshot (see
// snapshot_format.h): after it, every invariant Graph documents holds, so no
// accessor or algorithm can be sent out of bounds (or be lied to) by a crafted
// file whose checksums were recomputed. Sequential passes, no allocation;
// names/kinds, out lists and in lists are checked in parallel.
//
// In-CSR = transpose of the out-CSR: both sides are checked to be sets of
// in-range edges (lists strictly sorted), then compared as multisets with a
// keyed additive multiset hash: the sum over the edges of a keyed 64-bit mix,
// with a key drawn at random per process, so a crafted file cannot aim at a
// collision. A mismatch slips through with probability ~2^-64; even then
// every id is in range and every list sorted, so nothing is read out of
// bounds. The exact alternative (scatter the out edges through an n-entry
// cursor into the in lists) costs the same at 100k ops, where everything fits
// in cache, but a cache miss per edge beyond: at 1M ops / 4.7M edges it took
// 75 ms of CPU against 37 ms for this whole verification.
#include <sys/random.h>

#include <chrono>
#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/internal/snapshot_format.h"
#include "tbb/parallel_invoke.h"

namespace etldag::snapshot {
namespace {

[[nodiscard]] absl::Status Bad(std::string_view section, std::string_view what) {
  return absl::DataLossError(
      absl::StrCat("corrupt snapshot: ", ToAbsl(section), ": ", ToAbsl(what)));
}

// off[0] == 0, non-decreasing, off.back() == total (branch-free main loop).
[[nodiscard]] absl::Status CheckOffsets(std::span<const uint32_t> off, uint64_t total, std::string_view section) {
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
[[nodiscard]] absl::Status CheckNames(const GraphArrays& a) {
  RETURN_IF_ERROR(CheckOffsets(a.name_offsets, a.names.size(), "name_offsets"));
  const char* base = a.names.data();
  for (size_t i = 1; i + 1 < a.name_offsets.size(); ++i) {
    const std::string_view prev(base + a.name_offsets[i - 1], a.name_offsets[i] - a.name_offsets[i - 1]);
    const std::string_view cur(base + a.name_offsets[i], a.name_offsets[i + 1] - a.name_offsets[i]);
    if (!(prev < cur)) return Bad("names", absl::StrCat("not sorted and unique at node ", i));
  }
  return absl::OkStatus();
}

// A per-process random key for EdgeFingerprint (getrandom; the clock and an
// address if that fails). Results never depend on it.
uint64_t FingerprintKey() {
  static const uint64_t key = [] {
    uint64_t k = 0;
    if (::getrandom(&k, sizeof(k), 0) != static_cast<ssize_t>(sizeof(k))) {
      k = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
          reinterpret_cast<uintptr_t>(&k);
    }
    return k;
  }();
  return key;
}

// Keyed hash of the edge from -> to: murmur3's fmix64 (a bijection) of the
// pair plus the key. Summed (mod 2^64) over a set of edges it is an additive
// multiset hash (Clarke et al., "Incremental Multiset Hash Functions and
// Their Application to Memory Integrity Checking", ASIACRYPT 2003).
inline uint64_t EdgeFingerprint(uint64_t key, NodeId from, NodeId to) {
  uint64_t x = ((uint64_t{from} << 32) | to) + key;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

struct ListSummary {
  uint64_t fingerprint = 0;  // sum of the edge fingerprints
  uint64_t self_loops = 0;
};

// The lists of one CSR side: ids < n, each list strictly increasing. Edges
// are fingerprinted as u -> v for out lists and v -> u for in lists, so both
// sides of a consistent graph sum to the same value. Sequential and
// branch-light; the slow path only names the culprit.
[[nodiscard]] absl::Status CheckLists(std::span<const EdgeIndex> off, std::span<const NodeId> targets, bool is_out,
                        std::string_view section, ListSummary* summary) {
  RETURN_IF_ERROR(CheckOffsets(off, targets.size(), is_out ? "out_offsets" : "in_offsets"));
  const uint64_t n = off.size() - 1, key = FingerprintKey();
  bool bad = false;
  uint64_t sum = 0, loops = 0;
  for (NodeId u = 0; u < n; ++u) {
    int64_t prev = -1;
    for (EdgeIndex i = off[u]; i < off[u + 1]; ++i) {
      const NodeId v = targets[i];
      bad |= (v >= n) | (int64_t{v} <= prev);
      sum += is_out ? EdgeFingerprint(key, u, v) : EdgeFingerprint(key, v, u);
      loops += v == u;
      prev = v;
    }
  }
  *summary = ListSummary{sum, loops};
  for (NodeId u = 0; bad && u < n; ++u) {
    for (EdgeIndex i = off[u]; i < off[u + 1]; ++i) {
      if (targets[i] >= n) return Bad(section, absl::StrCat("node id ", targets[i], " out of range at edge ", i));
      if (i > off[u] && targets[i] <= targets[i - 1]) {
        return Bad(section, absl::StrCat("list of node ", u, " not strictly sorted"));
      }
    }
  }
  return absl::OkStatus();
}

// Self-loops: sorted, in range, each a real self-loop, as many as the lists
// hold: exactly the self-loops of the graph.
[[nodiscard]] absl::Status CheckSelfLoops(const GraphArrays& a, uint64_t loops) {
  const uint64_t n = a.kinds.size();
  for (size_t k = 0; k < a.self_loops.size(); ++k) {
    const NodeId s = a.self_loops[k];
    if (s >= n || (k > 0 && s <= a.self_loops[k - 1]) ||
        !std::binary_search(a.out_targets.begin() + a.out_offsets[s],
                            a.out_targets.begin() + a.out_offsets[s + 1], s)) {
      return Bad("self_loops", absl::StrCat("entry ", k, " is not a self-loop"));
    }
  }
  if (loops != a.self_loops.size()) return Bad("self_loops", "a self-loop is missing");
  return absl::OkStatus();
}

[[nodiscard]] absl::Status CheckKindsAndFlags(const GraphArrays& a) {
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
[[nodiscard]] absl::Status CheckDisagreements(const GraphArrays& a) {
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

// Every id < num strings, or the first offending index.
[[nodiscard]] absl::Status CheckIds(std::span<const AttrId> ids, size_t num_strings, std::string_view section) {
  bool bad = false;
  for (const AttrId id : ids) bad |= id >= num_strings;
  if (!bad) return absl::OkStatus();
  size_t i = 0;
  while (ids[i] < num_strings) ++i;
  return Bad(section, absl::StrCat("string id ", ids[i], " at index ", i, " out of range"));
}

// dbt attributes (version 2): all absent, or every offset array consistent
// and every id naming a string of the arena.
[[nodiscard]] absl::Status CheckAttributes(const GraphArrays& a) {
  const size_t n = a.name_offsets.size() - 1;
  if (a.node_attrs.empty()) {
    if (!a.attr_strings.empty() || !a.attr_string_offsets.empty() || !a.tag_offsets.empty() ||
        !a.tag_ids.empty() || !a.fqn_offsets.empty() || !a.fqn_ids.empty() || !a.graph_attrs.empty()) {
      return Bad("node_attrs", "attribute sections without node attributes");
    }
    return absl::OkStatus();
  }
  if (a.node_attrs.size() != n * kNumAttrFields || a.tag_offsets.size() != n + 1 ||
      a.fqn_offsets.size() != n + 1 || a.graph_attrs.size() != kNumGraphAttrs || a.attr_string_offsets.empty()) {
    return Bad("node_attrs", "attribute sections of the wrong size");
  }
  RETURN_IF_ERROR(CheckOffsets(a.attr_string_offsets, a.attr_strings.size(), "attr_string_offsets"));
  RETURN_IF_ERROR(CheckOffsets(a.tag_offsets, a.tag_ids.size(), "tag_offsets"));
  RETURN_IF_ERROR(CheckOffsets(a.fqn_offsets, a.fqn_ids.size(), "fqn_offsets"));
  const size_t num = a.attr_string_offsets.size() - 1;
  RETURN_IF_ERROR(CheckIds(a.node_attrs, num, "node_attrs"));
  RETURN_IF_ERROR(CheckIds(a.tag_ids, num, "tag_ids"));
  RETURN_IF_ERROR(CheckIds(a.fqn_ids, num, "fqn_ids"));
  return CheckIds(a.graph_attrs, num, "graph_attrs");
}

absl::Status VerifyStructure(const GraphArrays& a) {
  // Three independent parts, in parallel; errors reported in a fixed order.
  absl::Status names, out, in;
  ListSummary out_sum, in_sum;
  tbb::parallel_invoke(
      [&] {
        names = CheckNames(a);
        if (names.ok()) names = CheckKindsAndFlags(a);
        if (names.ok()) names = CheckAttributes(a);
      },
      [&] { out = CheckLists(a.out_offsets, a.out_targets, true, "out_targets", &out_sum); },
      [&] { in = CheckLists(a.in_offsets, a.in_targets, false, "in_targets", &in_sum); });
  RETURN_IF_ERROR(names);
  RETURN_IF_ERROR(out);
  RETURN_IF_ERROR(in);
  // Both sides are sets (lists strictly sorted): equal multiset hashes mean
  // the same edges, i.e. the in lists are the transpose of the out lists.
  if (out_sum.fingerprint != in_sum.fingerprint || out_sum.self_loops != in_sum.self_loops) {
    return Bad("in_targets", "not the transpose of the out lists");
  }
  RETURN_IF_ERROR(CheckSelfLoops(a, out_sum.self_loops));
  return CheckDisagreements(a);  // needs the out lists and the flags checked
}

}  // namespace etldag::snapshot
