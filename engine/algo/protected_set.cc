// The default protected set; see protected_set.h for the rule.
#include "engine/algo/protected_set.h"

#include <optional>

namespace etldag {

bool HasPolicySegment(std::string_view name) {
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == kProtectedSegment) return true;
    start = end + 1;
  }
  return false;
}

// dbt manifests: models with access public and exposures (what other
// projects and dashboards read).
bool IsDbtProtected(const Graph& g, NodeId v) {
  return g.has_attributes() && (g.attr(v, AttrField::kAccess) == "public" ||
                                g.attr(v, AttrField::kResourceType) == "exposure");
}

bool IsDefaultProtected(const Graph& g, NodeId v) {
  return g.kind_name(g.kind(v)) == kProtectedSegment || HasPolicySegment(g.name(v)) || IsDbtProtected(g, v);
}

Bitmap DefaultProtectedSet(const Graph& g) {
  Bitmap out(g.num_nodes());
  const std::optional<KindId> policy_kind = g.FindKind(kProtectedSegment);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if ((policy_kind && g.kind(v) == *policy_kind) || HasPolicySegment(g.name(v)) || IsDbtProtected(g, v)) out.Set(v);
  }
  return out;
}

}  // namespace etldag
