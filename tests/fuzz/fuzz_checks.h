// Invariant checks shared by the fuzz targets (and the hostile-input tests):
// a fuzz target must not only survive an input, it must verify that what the
// engine accepted is a well-formed graph and that what it rejected carries a
// usable message. A failed check prints what broke and aborts, which libFuzzer
// reports as a crash with the input saved.
//
// CheckGraph() verifies everything Graph promises (graph.h): array sizes,
// offsets monotone and in range, ids < n, out-lists and in-lists strictly
// sorted and exact transposes of each other, names strictly sorted (hence
// unique) and found by Find(), kinds in range and "external" for externals,
// externals referenced (degree >= 1) and never joined to each other,
// self-loops and disagreements consistent with the edges, and counts adding
// up (ops + externals = nodes, degree sums = edges, kind histogram = nodes).
#ifndef ETLDAG_TESTS_FUZZ_FUZZ_CHECKS_H_
#define ETLDAG_TESTS_FUZZ_FUZZ_CHECKS_H_

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "engine/graph/graph.h"

namespace etldag::fuzz {

[[noreturn]] inline void Fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "FUZZ INVARIANT VIOLATED: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}
inline void Check(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) Fail(what, detail);
}

template <typename T>
bool SameSpan(std::span<const T> a, std::span<const T> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

// True when every array of a and b holds the same bytes.
inline bool SameGraph(const Graph& x, const Graph& y) {
  const GraphArrays &a = x.arrays(), &b = y.arrays();
  return SameSpan(a.names, b.names) && SameSpan(a.name_offsets, b.name_offsets) &&
         SameSpan(a.out_offsets, b.out_offsets) && SameSpan(a.out_targets, b.out_targets) &&
         SameSpan(a.in_offsets, b.in_offsets) && SameSpan(a.in_targets, b.in_targets) &&
         SameSpan(a.kinds, b.kinds) && SameSpan(a.flags, b.flags) && SameSpan(a.kind_names, b.kind_names) &&
         SameSpan(a.kind_name_offsets, b.kind_name_offsets) && SameSpan(a.disagreements, b.disagreements) &&
         SameSpan(a.self_loops, b.self_loops);
}

// The attribute arrays of two graphs, byte for byte (node_attributes.h).
inline bool SameAttributes(const Graph& x, const Graph& y) {
  const GraphArrays &a = x.arrays(), &b = y.arrays();
  return SameSpan(a.attr_strings, b.attr_strings) && SameSpan(a.attr_string_offsets, b.attr_string_offsets) &&
         SameSpan(a.node_attrs, b.node_attrs) && SameSpan(a.tag_offsets, b.tag_offsets) &&
         SameSpan(a.tag_ids, b.tag_ids) && SameSpan(a.fqn_offsets, b.fqn_offsets) && SameSpan(a.fqn_ids, b.fqn_ids) &&
         SameSpan(a.graph_attrs, b.graph_attrs);
}

// Offsets: size n+1, start at 0, monotone, end at `total`.
template <typename T>
void CheckOffsets(std::span<const T> off, uint64_t n, uint64_t total, const char* what) {
  Check(off.size() == n + 1, what, "offsets size != n+1");
  Check(off[0] == 0, what, "first offset != 0");
  for (uint64_t i = 0; i < n; ++i) Check(off[i] <= off[i + 1], what, "offsets not monotone");
  Check(off[n] == total, what, "last offset != array size");
}

// One direction's lists: ids < n, strictly sorted.
inline void CheckLists(const Graph& g, bool out) {
  const uint32_t n = g.num_nodes();
  for (NodeId v = 0; v < n; ++v) {
    const std::span<const NodeId> list = out ? g.out(v) : g.in(v);
    for (size_t i = 0; i < list.size(); ++i) {
      Check(list[i] < n, "neighbour id out of range");
      if (i > 0) Check(list[i - 1] < list[i], "neighbour list not strictly sorted");
    }
  }
}

// in-CSR is the exact transpose of out-CSR: both sorted and of equal total
// size, so it suffices that every out-edge u->v appears in in(v) (binary
// search), plus that the in-degree sums match.
inline bool HasIn(const Graph& g, NodeId v, NodeId u) {
  const std::span<const NodeId> in = g.in(v);
  size_t lo = 0, hi = in.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (in[mid] < u) lo = mid + 1; else hi = mid;
  }
  return lo < in.size() && in[lo] == u;
}
inline bool HasOut(const Graph& g, NodeId u, NodeId v) {
  for (NodeId w : g.out(u)) {
    if (w == v) return true;
  }
  return false;
}

inline void CheckNamesAndKinds(const Graph& g, bool built) {
  const GraphArrays& a = g.arrays();
  const uint32_t n = g.num_nodes();
  CheckOffsets(a.name_offsets, n, a.names.size(), "name_offsets");
  for (NodeId v = 0; v < n; ++v) {
    if (v > 0) Check(g.name(v - 1) < g.name(v), "names not strictly sorted", g.name(v));
    const std::optional<NodeId> found = g.Find(g.name(v));
    Check(found.has_value() && *found == v, "Find(name(v)) != v", g.name(v));
  }
  const size_t k = g.num_kinds();
  if (n > 0) Check(k > 0, "nodes but no kinds");
  if (k > 0) CheckOffsets(a.kind_name_offsets, k, a.kind_names.size(), "kind_name_offsets");
  std::vector<uint64_t> per_kind(k, 0);
  uint32_t externals = 0;
  for (NodeId v = 0; v < n; ++v) {
    Check(g.kind(v) < k, "kind id out of range");
    ++per_kind[g.kind(v)];
    Check((a.flags[v] & ~kFlagExternal) == 0, "unknown flag bits");
    if (g.is_external(v)) {
      ++externals;
      if (!built) continue;
      Check(g.kind_name(g.kind(v)) == "external", "external whose kind is not \"external\"", g.name(v));
      Check(g.in_degree(v) + g.out_degree(v) > 0, "external node nobody references", g.name(v));
    }
  }
  uint64_t total = 0;
  for (size_t i = 0; i < k; ++i) {
    total += per_kind[i];
    if (built && i > 0) {
      Check(g.kind_name(static_cast<KindId>(i - 1)) < g.kind_name(static_cast<KindId>(i)),
            "kind names not strictly sorted");
    }
  }
  Check(total == n, "kind histogram does not add up to the nodes");
  Check(externals == g.num_externals(), "num_externals() != flagged externals");
  Check(uint64_t{g.num_ops()} + g.num_externals() == n, "ops + externals != nodes");
}

inline void CheckEdges(const Graph& g, bool built) {
  const GraphArrays& a = g.arrays();
  const uint32_t n = g.num_nodes();
  CheckOffsets(a.out_offsets, n, a.out_targets.size(), "out_offsets");
  CheckOffsets(a.in_offsets, n, a.in_targets.size(), "in_offsets");
  Check(a.out_targets.size() == a.in_targets.size(), "out and in edge counts differ");
  CheckLists(g, true);
  CheckLists(g, false);
  uint64_t out_sum = 0, in_sum = 0, loops = 0;
  for (NodeId u = 0; u < n; ++u) {
    out_sum += g.out_degree(u);
    in_sum += g.in_degree(u);
    for (NodeId v : g.out(u)) {
      Check(HasIn(g, v, u), "out-edge missing from the in-CSR (not a transpose)");
      if (built) Check(!(g.is_external(u) && g.is_external(v)), "edge between two externals");
      if (u == v) ++loops;
    }
  }
  Check(out_sum == g.num_edges() && in_sum == g.num_edges(), "degree sums != num_edges()");
  const std::span<const NodeId> sl = g.self_loops();
  Check(sl.size() == loops, "self_loops() size != self-loop edges");
  for (size_t i = 0; i < sl.size(); ++i) {
    Check(sl[i] < n && HasIn(g, sl[i], sl[i]), "self_loops() lists a node without a self-loop");
    if (i > 0) Check(sl[i - 1] < sl[i], "self_loops() not strictly sorted");
  }
  const std::span<const Disagreement> d = g.disagreements();
  for (size_t i = 0; i < d.size(); ++i) {
    Check(d[i].from < n && d[i].to < n, "disagreement id out of range");
    Check(d[i].declared_by == EdgeSide::kInputs || d[i].declared_by == EdgeSide::kSuccessors,
          "disagreement side is neither inputs nor successors");
    Check(!g.is_external(d[i].from) && !g.is_external(d[i].to), "disagreement with an external");
    Check(HasIn(g, d[i].to, d[i].from), "disagreement that is no edge");
    if (i > 0) {
      const bool ordered = d[i - 1].from < d[i].from || (d[i - 1].from == d[i].from && d[i - 1].to < d[i].to);
      Check(ordered, "disagreements not strictly sorted by (from, to)");
    }
  }
}

// `built`: the graph comes from GraphBuilder (a loader), so the invariants
// only the builder establishes hold too (externals named "external" and
// referenced, no external->external edge, kind names sorted and unique); a
// snapshot reader promises the structural ones only (snapshot.h).
inline void CheckGraph(const Graph& g, bool built = true) {
  const GraphArrays& a = g.arrays();
  const uint32_t n = g.num_nodes();
  Check(a.flags.size() == n && a.kinds.size() == n, "kinds/flags size != n");
  CheckNamesAndKinds(g, built);
  CheckEdges(g, built);
}

// A located error message: the first line is "FILE:LINE:COL: error: WHAT"
// with LINE and COL naming a real position of `data` (COL may be one past the
// end of its line), or, when `allow_unlocated`, "FILE: error: WHAT".
inline void CheckLocatedError(const absl::Status& s, std::string_view file, std::string_view data,
                              bool allow_unlocated = false) {
  const std::string msg(s.message());
  Check(!s.ok() && !msg.empty(), "error without a message");
  const std::string first = msg.substr(0, msg.find('\n'));
  Check(first.rfind(std::string(file) + ":", 0) == 0, "error does not start with the file name", first);
  std::string_view rest = std::string_view(first).substr(file.size() + 1);
  if (rest.rfind(" error: ", 0) == 0) {
    Check(allow_unlocated, "error without LINE:COL", first);
    Check(rest.size() > 8, "empty error text", first);
    return;
  }
  uint64_t line = 0, col = 0;
  size_t i = 0;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') line = line * 10 + (rest[i++] - '0');
  Check(i > 0 && i < rest.size() && rest[i] == ':', "malformed LINE", first);
  const size_t col_start = ++i;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') col = col * 10 + (rest[i++] - '0');
  Check(i > col_start && rest.substr(i).rfind(": error: ", 0) == 0, "malformed COL", first);
  Check(rest.size() > i + 9, "empty error text", first);
  Check(line >= 1 && col >= 1, "LINE or COL is 0", first);
  // Find the line and its length.
  size_t begin = 0;
  for (uint64_t l = 1; l < line; ++l) {
    const size_t nl = data.find('\n', begin);
    Check(nl != std::string_view::npos, "LINE past the end of the input", first);
    begin = nl + 1;
  }
  const size_t end = std::min(data.find('\n', begin), data.size());
  Check(col <= end - begin + 1, "COL past the end of its line", first);
}

}  // namespace etldag::fuzz

#endif  // ETLDAG_TESTS_FUZZ_FUZZ_CHECKS_H_
