// The default protected (critical) set: what must never be silently dropped.
//
// A node is protected by default when one of its name segments (the parts
// between '/') is exactly "policy" — `policy/x`, `nu-mx/policy/x`, `a/policy`
// — or when its kind is "policy" (an op's `type`/`kind` field, or the first
// name segment when absent; see docs/design.md, "Data model"). "policy" must match a whole
// segment: `policy-v2/x` and `x/policymaker` are not protected. On a graph
// read from a dbt manifest, models with `access: public` and exposures are
// protected too (docs/dbt.md).
// The CLI adds `--protect SELECTOR` to this set; only `--protect-only` or
// `--no-default-protect` turn it off (tools/etldag/protect_arg.h).
// A protected node is never safe to skip (safe_to_skip.h), whatever is
// downstream of it. O(total name bytes), serial, deterministic.
#ifndef ETLDAG_ENGINE_ALGO_PROTECTED_SET_H_
#define ETLDAG_ENGINE_ALGO_PROTECTED_SET_H_

#include <string_view>

#include "engine/base/bitmap.h"
#include "engine/base/types.h"
#include "engine/graph/graph.h"

namespace etldag {

inline constexpr std::string_view kProtectedSegment = "policy";

// True when `name` has a '/'-separated segment equal to "policy".
bool HasPolicySegment(std::string_view name);

// True when v is protected by the default rule above.
bool IsDefaultProtected(const Graph& g, NodeId v);

// Every default-protected node, as a bitmap of size g.num_nodes().
Bitmap DefaultProtectedSet(const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_ALGO_PROTECTED_SET_H_
