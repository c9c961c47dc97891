// Triage of a run: which uncommitted ops are where the run broke (root
// failures), which are only collateral, which are still pending, and for
// each root what skipping, emptying or clearing it means.
//
// Input: U = the uncommitted ops (externals are always available: an
// external in U is ignored), optionally F = the ops the orchestrator reports
// failed. With S = F when given (F ∩ ops ⊆ U' = U ∪ F), else S = U:
//   root failure  R = { s ∈ S : no other s' ∈ S upstream of s } (minimal);
//   collateral    C = (U' ∩ downstream(R)) − R: uncommitted because a root
//                 is upstream; each has a nearest root (one shortest path,
//                 smallest-id predecessor tie-break as PathFromDistances)
//                 and the number of roots upstream of it;
//   pending       U' − R − C: uncommitted but not downstream of a root
//                 (still running or queued); empty without F, since in a
//                 DAG every uncommitted op has a minimal uncommitted one
//                 upstream;
//   stale         downstream(R) − U': committed although a root is upstream
//                 (committed before the failure, or through a stale path).
// Per root r: AssessSkips (safe_to_skip.h) with the protected set, the
// blast radius by kind with protected nodes reached (blast_radius.h), and
// clear(r) = C ∩ downstream(r), the exact set to clear after fixing r.
// Roots are ordered most harmful first: protected, then by protected nodes
// reached, then by downstream size (descending), then by id.
//
// Precondition: g is acyclic (checked; the CLI refuses cycles with exit 4).
// Cost: one BFS from R; one BFS per root touching only its downstream
// (BlastRadiusScratch), roots in parallel; and roots-upstream counts by bitset
// propagation in topological order over downstream(R) only, 64 roots per
// pass: O(n + m + |R|·(n_R + m_R) / 64 + Σ_r |blast(r)|), where n_R, m_R are
// the nodes and in-edges of downstream(R) ∪ R. No recursion.
#ifndef ETLDAG_ENGINE_ALGO_TRIAGE_H_
#define ETLDAG_ENGINE_ALGO_TRIAGE_H_

#include <cstdint>
#include <vector>

#include "engine/algo/blast_radius.h"
#include "engine/algo/safe_to_skip.h"
#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

enum class RunClass : uint8_t { kCommitted, kRootFailure, kCollateral, kPending, kExternal };

// "committed", "root-failure", "collateral", "pending", "external".
std::string_view RunClassName(RunClass c);

struct TriageRoot {
  NodeId node;
  SkipAssessment skip;             // verdict, counts, nearest protected
  uint32_t downstream = 0;         // |downstream(r)|
  std::vector<KindCount> by_kind;  // downstream(r) per kind, kinds in name order
  std::vector<ProtectedHit> protected_reached;  // as BlastRadius (r itself at distance 0)
  std::vector<NodeId> clear;       // C ∩ downstream(r), sorted by id
};

struct Triage {
  bool inferred = true;            // no F: roots inferred from commit state alone
  std::vector<RunClass> cls;       // per node
  std::vector<uint32_t> roots_upstream;  // per node: |{r ∈ R : r upstream}| (0 off C)
  std::vector<uint32_t> root_dist;       // per node: hops from R (kUnreached)
  std::vector<TriageRoot> roots;   // most harmful first
  std::vector<NodeId> collateral, pending, stale;  // sorted by id
};

struct TriageInput {
  const Bitmap* uncommitted = nullptr;  // U, size g.num_nodes()
  const Bitmap* failed = nullptr;       // F or null
  const Bitmap* protected_set = nullptr;
  bool assess_roots = true;  // false: classification only (roots hold node and nothing else)
};

Triage ComputeTriage(const Graph& g, const TriageInput& in);

// One shortest path root -> ... -> v for a collateral v (path[0] = its
// nearest root); empty when v is not downstream of a root.
std::vector<NodeId> NearestRootPath(const Graph& g, const Triage& t, NodeId v);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_TRIAGE_H_
