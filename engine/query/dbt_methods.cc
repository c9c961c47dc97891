// dbt's selector methods (see dbt_methods.h). Each method is one pass over
// the nodes comparing attribute ids: a value is compiled once (a Glob for
// fnmatch, or the id of an exact string), then every node tests a few
// integers, and only fnmatch methods look at bytes. path:/config.KEY: are in
// internal/dbt_path_methods.cc, the test and run-result methods in
// internal/dbt_test_methods.cc, shared helpers in internal/dbt_method_util.h.
#include "engine/query/dbt_methods.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/base/status.h"
#include "engine/query/internal/glob.h"
#include "engine/query/internal/dbt_method_util.h"
#include "engine/query/select.h"

namespace etldag {
namespace {

using namespace dbt_internal;  // NOLINT: the methods' own helpers (a .cc file)

// dbt's is_selected_node: the fqn's leaf equals the selector, or the
// selector's dot-separated parts are a prefix of the flattened fqn (a part
// with a wildcard matches the rest by fnmatch).
bool FqnSelects(std::span<const std::string_view> fqn, std::string_view selector) {
  if (fqn.empty()) return false;
  if (fqn.back() == selector) return true;
  std::vector<std::string_view> flat;
  for (std::string_view seg : fqn) {
    for (std::string_view p : Split(seg, '.')) flat.push_back(p);
  }
  const std::vector<std::string_view> parts = Split(selector, '.');
  if (flat.size() < parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (HasGlobMeta(parts[i]) || parts[i].find(']') != std::string_view::npos) {
      absl::StatusOr<Glob> glob = Glob::Compile(Join(std::span(parts).subspan(i), '.'));
      return glob.ok() && glob->Matches(Join(std::span(flat).subspan(i), '.'));
    }
    if (flat[i] != parts[i]) return false;
  }
  return true;
}

std::vector<std::string_view> FqnOf(const Graph& g, NodeId v) {
  std::vector<std::string_view> out;
  for (AttrId id : g.fqn(v)) out.push_back(g.attr_string(id));
  return out;
}

Bitmap MatchFqn(const Graph& g, std::string_view selector) {
  return Where(g, [&](NodeId v) {
    if (!IsParsed(g.attr(v, A::kResourceType))) return false;
    const std::vector<std::string_view> fqn = FqnOf(g, v);
    return FqnSelects(fqn, selector) || (fqn.size() > 1 && FqnSelects(std::span(fqn).subspan(1), selector));
  });
}

[[nodiscard]] absl::StatusOr<Bitmap> Fqn(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  return MatchFqn(g, atom.value);
}

[[nodiscard]] absl::StatusOr<Bitmap> Tag(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  ASSIGN_OR_RETURN(const Glob glob, Pattern(atom, atom.value));
  std::vector<char> hit(g.num_attr_strings(), 0);  // per distinct string: does it match?
  for (AttrId id = 0; id < hit.size(); ++id) hit[id] = glob.Matches(g.attr_string(id));
  return Where(g, [&](NodeId v) {
    const auto tags = g.tags(v);
    return std::any_of(tags.begin(), tags.end(), [&](AttrId t) { return hit[t] != 0; });
  });
}

// A method comparing one attribute by fnmatch over the nodes `in_scope`.
template <typename Scope>
[[nodiscard]] absl::StatusOr<Bitmap> GlobAttr(const Graph& g, const SelectorAtom& atom, std::string_view value, A field,
                                Scope in_scope) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  ASSIGN_OR_RETURN(const Glob glob, Pattern(atom, value));
  return Where(g, [&](NodeId v) { return in_scope(v) && glob.Matches(g.attr(v, field)); });
}

[[nodiscard]] absl::StatusOr<Bitmap> Package(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  const std::string_view value = atom.value == "this" ? g.graph_attr(GraphAttr::kProjectName) : std::string_view(atom.value);
  return GlobAttr(g, atom, value, A::kPackageName, [](NodeId) { return true; });
}

[[nodiscard]] absl::StatusOr<Bitmap> Group(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  return Where(g, [&](NodeId v) {
    const std::string_view type = g.attr(v, A::kResourceType);
    return (IsParsed(type) || type == "metric") && g.attr(v, A::kGroup) == atom.value;
  });
}

[[nodiscard]] absl::StatusOr<Bitmap> Access(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  if (atom.value != "public" && atom.value != "protected" && atom.value != "private") {
    return absl::InvalidArgumentError("access:" + atom.value + ": the access levels are public, protected, private");
  }
  return Where(g, [&](NodeId v) { return g.attr(v, A::kResourceType) == "model" && g.attr(v, A::kAccess) == atom.value; });
}

// source:NAME, source:NAME.TABLE, source:PACKAGE.NAME.TABLE (fnmatch each).
[[nodiscard]] absl::StatusOr<Bitmap> Source(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  std::vector<std::string_view> p = Split(atom.value, '.');
  if (p.size() > 3) {
    return absl::InvalidArgumentError("source:" + atom.value + ": sources are written source:NAME, "
                                      "source:NAME.TABLE or source:PACKAGE.NAME.TABLE");
  }
  if (p.size() == 1) p.push_back("*");
  if (p.size() == 2) p.insert(p.begin(), "*");
  ASSIGN_OR_RETURN(const Glob pkg, Pattern(atom, p[0]));
  ASSIGN_OR_RETURN(const Glob src, Pattern(atom, p[1]));
  ASSIGN_OR_RETURN(const Glob table, Pattern(atom, p[2]));
  return Where(g, [&](NodeId v) {
    return g.attr(v, A::kResourceType) == "source" && pkg.Matches(g.attr(v, A::kPackageName)) &&
           src.Matches(g.attr(v, A::kSourceName)) && table.Matches(g.attr(v, A::kShortName));
  });
}

// exposure:/metric:/semantic_model:/saved_query:/unit_test: NAME or PACKAGE.NAME.
[[nodiscard]] absl::StatusOr<Bitmap> Named(const Graph& g, const SelectorAtom& atom, std::string_view type) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  std::vector<std::string_view> p = Split(atom.value, '.');
  if (p.size() > 2) {
    return absl::InvalidArgumentError(atom.method_name + ":" + atom.value + ": write " + atom.method_name +
                                      ":NAME or " + atom.method_name + ":PACKAGE.NAME");
  }
  if (p.size() == 1) p.insert(p.begin(), "*");
  ASSIGN_OR_RETURN(const Glob pkg, Pattern(atom, p[0]));
  ASSIGN_OR_RETURN(const Glob name, Pattern(atom, p[1]));
  return Where(g, [&](NodeId v) {
    return g.attr(v, A::kResourceType) == type && pkg.Matches(g.attr(v, A::kPackageName)) &&
           name.Matches(g.attr(v, A::kShortName));
  });
}
[[nodiscard]] absl::StatusOr<Bitmap> Exposure(const Graph& g, const SelectorAtom& a, const SelectOptions&) { return Named(g, a, "exposure"); }
[[nodiscard]] absl::StatusOr<Bitmap> Metric(const Graph& g, const SelectorAtom& a, const SelectOptions&) { return Named(g, a, "metric"); }
[[nodiscard]] absl::StatusOr<Bitmap> SemanticModel(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "semantic_model");
}
[[nodiscard]] absl::StatusOr<Bitmap> SavedQuery(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "saved_query");
}
[[nodiscard]] absl::StatusOr<Bitmap> UnitTest(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "unit_test");
}

constexpr MethodSpec kDbtMethods[] = {
    {"fqn", &Fqn},           {"tag", &Tag},
    {"path", &Path},         {"package", &Package},
    {"config.", &Config},    {"resource_type", &ResourceType},
    {"source", &Source},     {"exposure", &Exposure},
    {"metric", &Metric},     {"semantic_model", &SemanticModel},
    {"saved_query", &SavedQuery}, {"unit_test", &UnitTest},
    {"access", &Access},     {"group", &Group},
    {"test_type", &TestType}, {"test_name", &TestName},
    {"result", &Result},     {"source_status", &SourceStatus},
};

}  // namespace

std::span<const MethodSpec> DbtMethods() { return kDbtMethods; }

absl::StatusOr<Bitmap> MatchDbtFile(const Graph& g, std::string_view pattern) {
  absl::StatusOr<Glob> glob = Glob::Compile(pattern);
  if (!glob.ok()) return absl::InvalidArgumentError("file:" + std::string(pattern) + ": " + std::string(glob.status().message()));
  return Where(g, [&](NodeId v) {
    std::string_view file = g.attr(v, A::kOriginalFilePath);
    if (file.empty()) return false;
    if (const size_t slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
    if (glob->Matches(file)) return true;
    const size_t dot = file.rfind('.');
    return dot != std::string_view::npos && dot > 0 && glob->Matches(file.substr(0, dot));
  });
}

absl::StatusOr<std::optional<Bitmap>> MatchDbtBareValue(const Graph& g, std::string_view value) {
  std::vector<NodeId> same;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.attr(v, A::kShortName) == value) same.push_back(v);
  }
  if (same.size() == 1) {
    Bitmap set(g.num_nodes());
    set.Set(same[0]);
    return set;
  }
  if (same.size() > 1) {
    std::string msg = Quote(value) + " is the dbt name of " + std::to_string(same.size()) + " nodes: ";
    for (size_t i = 0; i < same.size() && i < 10; ++i) msg += (i ? ", " : "") + Quote(g.name(same[i]));
    if (same.size() > 10) msg += ", and " + std::to_string(same.size() - 10) + " more";
    return absl::InvalidArgumentError(msg + " (give one unique_id)");
  }
  Bitmap set(g.num_nodes());
  if (value.find('/') != std::string_view::npos) {
    SelectorAtom atom;
    atom.method_name = "path";
    atom.value = std::string(value);
    atom.text = atom.value;
    ASSIGN_OR_RETURN(set, Path(g, atom, SelectOptions{}));
  } else if (value.ends_with(".sql") || value.ends_with(".py") || value.ends_with(".csv")) {
    ASSIGN_OR_RETURN(set, MatchDbtFile(g, value));
  } else {
    set = MatchFqn(g, value);
  }
  if (set.Count() == 0) return std::optional<Bitmap>();
  return std::optional<Bitmap>(std::move(set));
}

bool IsDbtTest(const Graph& g, NodeId v) {
  const std::string_view type = g.attr(v, A::kResourceType);
  return type == "test" || type == "unit_test";
}

bool TargetsDbtTests(const Graph& g, const SelectorAtom& atom) {
  switch (atom.method) {
    case SelectorMethod::kKind:
      return atom.value == "test" || atom.value == "unit_test";
    case SelectorMethod::kName: {
      if (const std::optional<NodeId> id = g.Find(atom.value)) return IsDbtTest(g, *id);
      for (NodeId v = 0; v < g.num_nodes(); ++v) {  // a test's dbt short name
        if (IsDbtTest(g, v) && g.attr(v, A::kShortName) == atom.value) return true;
      }
      return false;
    }
    case SelectorMethod::kExtension:
      return atom.method_name == "test_type" || atom.method_name == "test_name" || atom.method_name == "unit_test" ||
             (atom.method_name == "resource_type" && (atom.value == "test" || atom.value == "unit_test"));
    default:
      return false;
  }
}

}  // namespace etldag
