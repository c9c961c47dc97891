// Selector evaluation; see select.h for the semantics.
//
// Base sets: a literal name is one binary search (Graph::Find). A name glob
// scans only the id range of names that start with its literal prefix (ids
// are in name order, so that range is contiguous and found by two binary
// searches); `prefix*` needs no per-name test at all. kind: matches the few
// kind names, then one pass over the nodes' kind ids. file: is the name-list
// reader of engine/load (name_list.h). Graph operators: one
// multi-seed BFS per direction (reachability.h).
#include "engine/query/select.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "engine/algo/reachability.h"
#include "engine/base/status.h"
#include "engine/load/name_list.h"
#include "engine/query/dbt_methods.h"
#include "engine/query/internal/glob.h"
#include "engine/query/selector.h"
#include "engine/query/methods.h"
#include "engine/query/suggest.h"

namespace etldag {
namespace {

constexpr size_t kMaxSuggestions = 3;

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string DidYouMean(const Graph& g, std::string_view name) {
  const std::vector<std::string> suggestions = SuggestNames(g, name, kMaxSuggestions);
  if (suggestions.empty()) return "";
  std::string s = "did you mean ";
  for (size_t i = 0; i < suggestions.size(); ++i) {
    s += (i ? ", " : "") + Quote(NameSelector(suggestions[i]));
  }
  return s + "?";
}

// Ids [lo, hi) of the names that start with `prefix`.
std::pair<NodeId, NodeId> PrefixRange(const Graph& g, std::string_view prefix) {
  NodeId lo = 0, hi = g.num_nodes();
  while (lo < hi) {  // first name >= prefix
    const NodeId mid = lo + (hi - lo) / 2;
    if (g.name(mid) < prefix) lo = mid + 1; else hi = mid;
  }
  NodeId end = g.num_nodes();
  for (NodeId l = lo; l < end;) {  // first name from lo on without the prefix
    const NodeId mid = l + (end - l) / 2;
    if (g.name(mid).substr(0, prefix.size()) == prefix) l = mid + 1; else end = mid;
  }
  return {lo, end};
}

[[nodiscard]] absl::StatusOr<Bitmap> MatchName(const Graph& g, const SelectorAtom& atom) {
  Bitmap set(g.num_nodes());
  if (!atom.glob) {
    const std::optional<NodeId> id = g.Find(atom.value);
    if (!id && g.has_attributes()) {  // a dbt short name, or dbt's default method
      ASSIGN_OR_RETURN(std::optional<Bitmap> dbt, MatchDbtBareValue(g, atom.value));
      if (dbt.has_value()) return *std::move(dbt);
    }
    if (!id) {
      const std::string hint = DidYouMean(g, atom.value);
      return absl::NotFoundError("unknown node " + Quote(atom.value) + (hint.empty() ? "" : "; " + hint));
    }
    set.Set(*id);
    return set;
  }
  ASSIGN_OR_RETURN(const Glob glob, Glob::Compile(atom.value));
  const auto [lo, hi] = PrefixRange(g, glob.literal_prefix());
  for (NodeId v = lo; v < hi; ++v) {
    if (glob.is_prefix_star() || glob.Matches(g.name(v))) set.Set(v);
  }
  if (set.Count() == 0 && g.has_attributes()) {  // dbt: `staging.*` is an fqn pattern
    ASSIGN_OR_RETURN(std::optional<Bitmap> dbt, MatchDbtBareValue(g, atom.value));
    if (dbt.has_value()) return *std::move(dbt);
  }
  return set;
}

std::string KnownKinds(const Graph& g) {
  std::string s;
  for (size_t k = 0; k < g.num_kinds(); ++k) {
    s += (k ? ", " : "") + Quote(g.kind_name(static_cast<KindId>(k)));
  }
  return s.empty() ? "none (the graph is empty)" : s;
}

[[nodiscard]] absl::StatusOr<Bitmap> MatchKind(const Graph& g, const SelectorAtom& atom) {
  std::vector<char> wanted(g.num_kinds(), 0);
  if (!atom.glob) {
    const std::optional<KindId> k = g.FindKind(atom.value);
    if (!k) {
      std::vector<std::string_view> kinds;
      for (size_t i = 0; i < g.num_kinds(); ++i) kinds.push_back(g.kind_name(static_cast<KindId>(i)));
      const std::vector<std::string> close = SuggestFrom(kinds, atom.value, kMaxSuggestions);
      std::string hint;
      for (size_t i = 0; i < close.size(); ++i) hint += (i ? ", " : "; did you mean ") + Quote(close[i]);
      return absl::NotFoundError("unknown kind " + Quote(atom.value) + (close.empty() ? "" : hint + "?") +
                                 " (known kinds: " + KnownKinds(g) + ")");
    }
    wanted[*k] = 1;
  } else {
    ASSIGN_OR_RETURN(const Glob glob, Glob::Compile(atom.value));
    for (size_t k = 0; k < wanted.size(); ++k) wanted[k] = glob.Matches(g.kind_name(static_cast<KindId>(k)));
  }
  Bitmap set(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (wanted[g.kind(v)]) set.Set(v);
  }
  return set;
}

[[nodiscard]] absl::StatusOr<Bitmap> MatchFile(const Graph& g, const SelectorAtom& atom,
                                 std::vector<std::string>* warnings) {
  absl::StatusOr<NameList> list = ReadNameListFile(atom.value, g);
  if (!list.ok()) return absl::DataLossError(list.status().message());
  if (list->unknown > 0 && warnings != nullptr) {
    std::string msg = "file:" + atom.value + ": " + std::to_string(list->unknown) +
                      (list->unknown == 1 ? " name is" : " names are") +
                      " not in the graph (not selected): ";
    for (size_t i = 0; i < list->unknown_examples.size(); ++i) {
      const UnknownName& u = list->unknown_examples[i];
      const std::string hint = DidYouMean(g, u.name);
      msg += (i ? ", " : "") + Quote(u.name) + " (line " + std::to_string(u.line) +
             (hint.empty() ? "" : "; " + hint) + ")";
    }
    if (list->unknown > list->unknown_examples.size()) {
      msg += ", and " + std::to_string(list->unknown - list->unknown_examples.size()) + " more";
    }
    warnings->push_back(std::move(msg));
  }
  return std::move(list->listed);
}

[[nodiscard]] absl::StatusOr<Bitmap> MatchState(const SelectorAtom& atom, const SelectOptions& opts) {
  if (opts.state != nullptr) {
    if (const auto it = opts.state->find(atom.value); it != opts.state->end()) return it->second;
  }
  std::string known;
  if (opts.state != nullptr) {
    for (const auto& [value, set] : *opts.state) known += (known.empty() ? "" : ", ") + value;
  }
  return absl::NotFoundError("state:" + atom.value + " is not available (" +
                             (known.empty() ? "no state is loaded" : "available: " + known) +
                             ")" + (opts.state_help.empty() ? "" : "; " + opts.state_help));
}

Bitmap DbtTests(const Graph& g) {
  Bitmap tests(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (IsDbtTest(g, v)) tests.Set(v);
  }
  return tests;
}

Bitmap ReachFrom(const Graph& g, const Bitmap& seeds, Direction dir, uint32_t depth) {
  const std::vector<NodeId> ids = seeds.ToVector();
  ReachOptions opts;
  opts.direction = dir;
  opts.max_depth = depth == kAllDepths ? kUnlimitedDepth : depth;
  opts.include_seeds = true;
  return Reach(g, ids, opts);
}

}  // namespace

absl::StatusOr<Bitmap> MatchAtom(const Graph& g, const SelectorAtom& atom,
                                 const SelectOptions& opts, std::vector<std::string>* warnings) {
  switch (atom.method) {
    case SelectorMethod::kName: return MatchName(g, atom);
    case SelectorMethod::kKind: return MatchKind(g, atom);
    case SelectorMethod::kFile:  // on a dbt graph, dbt's file: (file name or stem)
      return g.has_attributes() ? MatchDbtFile(g, atom.value) : MatchFile(g, atom, warnings);
    case SelectorMethod::kExtension: {
      const MethodSpec* m = FindExtensionMethod(atom.method_name);
      if (m == nullptr) return absl::InvalidArgumentError("unknown method \"" + atom.method_name + ":\"");
      return m->fn(g, atom, opts);
    }
    case SelectorMethod::kState: return MatchState(atom, opts);
    case SelectorMethod::kExternal: {
      const bool want = atom.value == "true";
      Bitmap set(g.num_nodes());
      for (NodeId v = 0; v < g.num_nodes(); ++v) {
        if (g.is_external(v) == want) set.Set(v);
      }
      return set;
    }
  }
  return absl::InternalError("unhandled selector method");
}

absl::StatusOr<Bitmap> EvaluateAtom(const Graph& g, const SelectorAtom& atom,
                                    const SelectOptions& opts,
                                    std::vector<std::string>* warnings) {
  ASSIGN_OR_RETURN(Bitmap base, MatchAtom(g, atom, opts, warnings));
  if (atom.childrens_parents) {  // @x: D = x ∪ desc(x); D ∪ anc(D)
    const Bitmap down = ReachFrom(g, base, Direction::kDownstream, kAllDepths);
    return ReachFrom(g, down, Direction::kUpstream, kAllDepths);
  }
  Bitmap result = base;
  if (atom.children) result.UnionWith(ReachFrom(g, base, Direction::kDownstream, atom.children_depth));
  if (atom.parents) result.UnionWith(ReachFrom(g, base, Direction::kUpstream, atom.parents_depth));
  return result;
}

namespace {

// Union of the terms; records the terms that contributed nothing.
[[nodiscard]] absl::StatusOr<Bitmap> EvaluateUnion(const Graph& g, const Selector& s, const SelectOptions& opts,
                                     std::vector<std::string>* unmatched,
                                     std::vector<std::string>* warnings) {
  Bitmap all(g.num_nodes());
  for (const SelectorTerm& term : s.terms) {
    Bitmap meet;
    for (size_t i = 0; i < term.atoms.size(); ++i) {  // every atom, for its errors
      ASSIGN_OR_RETURN(Bitmap set, EvaluateAtom(g, term.atoms[i], opts, warnings));
      if (i == 0) meet = std::move(set); else meet.IntersectWith(set);
    }
    if (g.has_attributes() && std::none_of(term.atoms.begin(), term.atoms.end(),
                                           [&](const SelectorAtom& a) { return TargetsDbtTests(g, a); })) {
      meet.Subtract(DbtTests(g));  // tests only when the term names them (dbt_methods.h)
    }
    if (unmatched != nullptr && meet.Count() == 0) unmatched->push_back(term.text);
    all.UnionWith(meet);
  }
  return all;
}

}  // namespace

absl::StatusOr<Selection> EvaluateSelector(const Graph& g, const Selector& include,
                                           const Selector& exclude, const SelectOptions& opts) {
  Selection sel;
  if (include.terms.empty()) {
    sel.nodes = Bitmap(g.num_nodes());
    for (NodeId v = 0; v < g.num_nodes(); ++v) sel.nodes.Set(v);
    if (g.has_attributes()) sel.nodes.Subtract(DbtTests(g));
  } else {
    ASSIGN_OR_RETURN(sel.nodes, EvaluateUnion(g, include, opts, &sel.unmatched, &sel.warnings));
  }
  if (!exclude.terms.empty()) {
    ASSIGN_OR_RETURN(const Bitmap minus, EvaluateUnion(g, exclude, opts, nullptr, &sel.warnings));
    sel.nodes.Subtract(minus);
  }
  sel.count = static_cast<uint32_t>(sel.nodes.Count());
  return sel;
}

absl::StatusOr<Selection> Select(const Graph& g, const std::vector<std::string>& include,
                                 const std::vector<std::string>& exclude,
                                 const SelectOptions& opts) {
  ASSIGN_OR_RETURN(const Selector inc, ParseSelector(include));
  ASSIGN_OR_RETURN(const Selector exc, ParseSelector(exclude));
  return EvaluateSelector(g, inc, exc, opts);
}

}  // namespace etldag
