// dbt's path: and config.KEY: selector methods (dbt_methods.h).
#include <algorithm>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/query/internal/dbt_method_util.h"

namespace etldag::dbt_internal {

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

}  // namespace etldag::dbt_internal
