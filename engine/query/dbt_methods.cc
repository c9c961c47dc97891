// dbt's selector methods (see dbt_methods.h). Each method is one pass over
// the nodes comparing attribute ids: a value is compiled once (a Glob for
// fnmatch, or the id of an exact string), then every node tests a few
// integers, and only fnmatch methods look at bytes.
#include "engine/query/dbt_methods.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/base/status.h"
#include "engine/query/internal/glob.h"
#include "engine/query/select.h"

namespace etldag {
namespace {

using A = AttrField;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

[[nodiscard]] absl::Status NeedsManifest(const SelectorAtom& atom) {
  return absl::NotFoundError(atom.method_name + ": selects by dbt attributes; the graph has none (give a dbt "
                             "manifest.json, or a snapshot indexed from one)");
}

// dbt's node classes by resource_type.
bool IsParsed(std::string_view type) {  // an entry of the manifest's "nodes"
  return type != "source" && type != "exposure" && type != "metric" && type != "semantic_model" &&
         type != "saved_query" && type != "unit_test" && !type.empty();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t i = 0;;) {
    const size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) return out;
    i = j + 1;
  }
}

std::string Join(std::span<const std::string_view> parts, char sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) s += sep;
    s += parts[i];
  }
  return s;
}

[[nodiscard]] absl::StatusOr<Glob> Pattern(const SelectorAtom& atom, std::string_view value) {
  absl::StatusOr<Glob> glob = Glob::Compile(value);
  if (!glob.ok()) {
    return absl::InvalidArgumentError("bad pattern " + Quote(value) + " in " + Quote(atom.text) + ": " +
                                      std::string(glob.status().message()));
  }
  return glob;
}

// Every node v with pred(v).
template <typename Pred>
Bitmap Where(const Graph& g, Pred pred) {
  Bitmap set(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (pred(v)) set.Set(v);
  }
  return set;
}

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
absl::StatusOr<Bitmap> Metric(const Graph& g, const SelectorAtom& a, const SelectOptions&) { return Named(g, a, "metric"); }
[[nodiscard]] absl::StatusOr<Bitmap> SemanticModel(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "semantic_model");
}
[[nodiscard]] absl::StatusOr<Bitmap> SavedQuery(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "saved_query");
}
[[nodiscard]] absl::StatusOr<Bitmap> UnitTest(const Graph& g, const SelectorAtom& a, const SelectOptions&) {
  return Named(g, a, "unit_test");
}

// Path segments without "." and empty ones ("./models//x/" = models/x).
std::vector<std::string_view> PathParts(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::string_view p : Split(path, '/')) {
    if (!p.empty() && p != ".") out.push_back(p);
  }
  return out;
}

// pathlib's glob over path segments: `**` = any number of segments, other
// segments fnmatch one segment each. Iterative DP, O(|pattern| * |path|).
bool PathGlobMatches(std::span<const std::string_view> pat, const std::vector<Glob>& globs,
                     std::span<const std::string_view> path) {
  std::vector<char> row(path.size() + 1, 0), next(path.size() + 1, 0);
  row[0] = 1;  // row[j]: pat[0, i) matches path[0, j)
  for (size_t i = 0; i < pat.size(); ++i) {
    std::fill(next.begin(), next.end(), 0);
    for (size_t j = 0; j <= path.size(); ++j) {
      if (pat[i] == "**") {
        next[j] = row[j] || (j > 0 && next[j - 1]);
      } else if (j > 0) {
        next[j] = row[j - 1] && globs[i].Matches(path[j - 1]);
      }
    }
    row.swap(next);
  }
  return row[path.size()] != 0;
}

[[nodiscard]] absl::StatusOr<Bitmap> Path(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  const std::vector<std::string_view> pat = PathParts(atom.value);
  if (pat.empty()) {  // "." or "/": the project root, every node with a file
    return Where(g, [&](NodeId v) { return g.attr_id(v, A::kOriginalFilePath) != kNoAttr; });
  }
  std::vector<Glob> globs;
  for (std::string_view p : pat) {
    ASSIGN_OR_RETURN(Glob glob, Pattern(atom, p));
    globs.push_back(std::move(glob));
  }
  // The file itself or any folder above it (dbt: ofp in paths, or a parent).
  auto matches_file_or_parent = [&](std::string_view file) {
    const std::vector<std::string_view> parts = PathParts(file);
    for (size_t len = parts.size(); len > 0; --len) {
      if (PathGlobMatches(pat, globs, std::span(parts).first(len))) return true;
    }
    return false;
  };
  auto matches_file = [&](std::string_view file) { return PathGlobMatches(pat, globs, PathParts(file)); };
  return Where(g, [&](NodeId v) {
    if (g.attr_id(v, A::kResourceType) == kNoAttr) return false;
    if (matches_file_or_parent(g.attr(v, A::kOriginalFilePath))) return true;
    const std::string_view patch = g.attr(v, A::kPatchPath);
    const size_t scheme = patch.find("://");
    return scheme != std::string_view::npos && matches_file(patch.substr(scheme + 3));
  });
}

// config.KEY:VALUE for the keys the graph keeps.
[[nodiscard]] absl::StatusOr<Bitmap> Config(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  const std::string_view key = std::string_view(atom.method_name).substr(7);  // after "config."
  A field;
  if (key == "materialized") field = A::kMaterialized;
  else if (key == "enabled") field = A::kEnabled;
  else if (key == "schema") field = A::kSchema;
  else if (key == "severity") field = A::kSeverity;
  else if (key == "group") field = A::kGroup;
  else if (key == "access") field = A::kAccess;
  else {
    return absl::InvalidArgumentError(atom.method_name + ": etldag keeps config.materialized, config.enabled, "
                                      "config.schema, config.severity, config.group and config.access");
  }
  const bool fold = key == "severity" || key == "enabled";  // dbt: case-insensitive (true/false, severity)
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  };
  const std::string want = fold ? lower(atom.value) : atom.value;
  return Where(g, [&](NodeId v) {
    const std::string_view type = g.attr(v, A::kResourceType);
    if (!IsParsed(type) && type != "source") return false;
    const std::string_view have = g.attr(v, field);
    return !have.empty() && (fold ? lower(have) == want : have == want);
  });
}

constexpr std::string_view kResourceTypes[] = {
    "model", "analysis", "test", "snapshot", "operation", "seed", "rpc", "sql_operation", "doc", "source",
    "macro", "exposure", "metric", "group", "saved_query", "semantic_model", "unit_test", "fixture", "function"};

[[nodiscard]] absl::StatusOr<Bitmap> ResourceType(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  if (std::find(std::begin(kResourceTypes), std::end(kResourceTypes), atom.value) == std::end(kResourceTypes)) {
    std::string known;
    for (std::string_view t : kResourceTypes) known += (known.empty() ? "" : ", ") + std::string(t);
    return absl::InvalidArgumentError("resource_type:" + atom.value + ": not a dbt resource type (" + known + ")");
  }
  return Where(g, [&](NodeId v) { return g.attr(v, A::kResourceType) == atom.value; });
}

[[nodiscard]] absl::StatusOr<Bitmap> TestName(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  ASSIGN_OR_RETURN(const Glob glob, Pattern(atom, atom.value));
  return Where(g, [&](NodeId v) {
    const std::string_view type = g.attr(v, A::kResourceType);
    if (type == "test") return g.attr_id(v, A::kTestName) != kNoAttr && glob.Matches(g.attr(v, A::kTestName));
    return type == "unit_test" && glob.Matches(g.attr(v, A::kShortName));
  });
}

[[nodiscard]] absl::StatusOr<Bitmap> TestType(const Graph& g, const SelectorAtom& atom, const SelectOptions&) {
  if (!g.has_attributes()) return NeedsManifest(atom);
  std::string_view want;
  if (atom.value == "generic" || atom.value == "schema") want = "generic";
  else if (atom.value == "singular" || atom.value == "data") want = "singular";
  else if (atom.value == "unit") want = "unit";
  else return absl::InvalidArgumentError("test_type:" + atom.value + ": expected generic, singular or unit");
  return Where(g, [&](NodeId v) { return g.attr(v, A::kTestType) == want; });
}

// result:STATUS / source_status:STATUS from the run results given.
[[nodiscard]] absl::StatusOr<Bitmap> ResultStatus(const Graph& g, const SelectorAtom& atom, const SelectOptions& opts,
                                    bool sources_only) {
  if (opts.result_status == nullptr) {
    return absl::NotFoundError(atom.method_name + ":" + atom.value + " needs run results: give --run-results "
                               "FILE (dbt's target/run_results.json" +
                               (sources_only ? std::string(", or sources.json from `dbt source freshness`") : "") + ")");
  }
  const std::vector<std::string>& status = *opts.result_status;
  return Where(g, [&](NodeId v) {
    if (v >= status.size() || status[v] != atom.value) return false;
    return !sources_only || g.attr(v, A::kResourceType) == "source";
  });
}
[[nodiscard]] absl::StatusOr<Bitmap> Result(const Graph& g, const SelectorAtom& a, const SelectOptions& o) {
  return ResultStatus(g, a, o, false);
}
[[nodiscard]] absl::StatusOr<Bitmap> SourceStatus(const Graph& g, const SelectorAtom& a, const SelectOptions& o) {
  return ResultStatus(g, a, o, true);
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
