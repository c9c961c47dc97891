// Safe to skip: can a failing op be left out of tomorrow's run?
//
// For a candidate c, with D(c) = Reach(g, {c}) (its downstream; c itself is
// never in it) and P = the protected set (protected_set.h):
//   unsafe            c ∈ P (a protected node is never safe to skip), or
//                     D(c) ∩ P ≠ ∅ — listed with one shortest path each
//   empty-commit-safe otherwise, when D(c) = ∅: nothing reads c, so an empty
//                     dataset can be committed for it
//   skip-safe         otherwise (D(c) ≠ ∅, no protected node in it): c can be
//                     commented out; every node of D(c) — `downstream` of
//                     them, `readers` of them reading c directly — then
//                     runs without c's fresh output (or is skipped with it);
//                     all nodes outside D(c) ∪ {c} run as before.
// The verdicts are ordered: empty-commit-safe implies skip-safe.
//
// Few candidates (<= bfs_limit): one blast radius (one BFS) per candidate.
// Many: one ComputeDescendantCounts for all nodes, plus a BFS per unsafe
// candidate only when `explain` asks for the paths. Both give identical
// verdicts and counts (tested). Every unsafe candidate that reaches a
// protected node also gets the nearest one with a path, from one reverse BFS
// for all of them (nearest_protected.h), explained or not. Candidates: any valid ids; the result is one
// entry per distinct candidate, sorted by id (= name).
#ifndef ETLDAG_ENGINE_ALGO_SAFE_TO_SKIP_H_
#define ETLDAG_ENGINE_ALGO_SAFE_TO_SKIP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/algo/blast_radius.h"
#include "engine/algo/nearest_protected.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

enum class SkipVerdict : uint8_t { kEmptyCommitSafe, kSkipSafe, kUnsafe };

// "empty-commit-safe", "skip-safe", "unsafe".
std::string_view SkipVerdictName(SkipVerdict v);

struct SkipAssessment {
  NodeId node;
  SkipVerdict verdict;
  bool is_protected;              // unsafe because c itself is protected
  uint32_t readers;               // direct readers (out-neighbours other than c)
  uint32_t downstream;            // |D(c)|
  uint32_t protected_downstream;  // |D(c) ∩ P|
  // When explained and unsafe: every node of D(c) ∩ P with one shortest path
  // from c (ProtectedHit, distance >= 1), sorted by id. Else empty.
  std::vector<ProtectedHit> protected_reached;
  // When unsafe because protected nodes are downstream (whether explained
  // or not): the nearest of them with one shortest path (nearest_protected.h).
  std::optional<ProtectedHit> nearest_protected;
};

struct SafeToSkipOptions {
  bool explain = true;       // fill protected_reached for unsafe candidates
  size_t bfs_limit = 64;     // above: all-nodes counts instead of one BFS each
};

std::vector<SkipAssessment> AssessSkips(const Graph& g, std::span<const NodeId> candidates,
                                        const Bitmap& protected_set,
                                        const SafeToSkipOptions& opts = {});

// The assessment of candidate c from a blast radius of {c} already computed
// (ComputeBlastRadius(g, {c}, protected_set)), as AssessSkips gives it
// except for nearest_protected, which AddNearestProtected fills.
SkipAssessment AssessFromBlastRadius(const Graph& g, NodeId c, const BlastRadius& br,
                                     const Bitmap& protected_set, bool explain);

// Fills nearest_protected of every assessment that has protected nodes
// downstream (one reverse BFS for all of them when any needs it).
void AddNearestProtected(const Graph& g, const Bitmap& protected_set,
                         std::span<SkipAssessment> assessments);
// The same from the reverse BFS computed beforehand
// (ComputeNearestProtected(g, protected_set)).
void AddNearestProtected(const NearestProtected& np, std::span<SkipAssessment> assessments);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_SAFE_TO_SKIP_H_
