// Fuzz target: the selector language (ParseSelector + EvaluateSelector) over
// the small fixed graph of fixed_graph.h.
//
// Input: arguments separated by NUL bytes; the arguments before the first
// empty one are the include selector, those after it the exclude selector.
// Checks:
//   - a parse error is InvalidArgument reading `bad selector "ARG" at column
//     N: ...` with ARG one of the arguments and N within it (or one past it),
//     or `bad selector "ARG": empty argument` for a blank ARG;
//   - a parse result is consistent: every atom's text is where its column
//     says, terms are never empty;
//   - evaluation (skipped when a file: atom would read a file) agrees with an
//     independent oracle: each atom's base set by a linear scan of the
//     names, kinds or external flags (exact values compared as strings;
//     globs by glibc's fnmatch(3) for printable-ASCII patterns without '\',
//     by a brute-force Glob::Matches over every name otherwise), then a naive
//     BFS per atom, with intersection/union/difference on std::vector<bool>;
//     evaluation fails exactly when the oracle finds an unknown name, kind or
//     state, with the same code (NotFound);
//   - MatchAtom's base set equals the oracle's for every atom;
//   - the Selection count equals the bitmap's, and `unmatched` lists exactly
//     the include terms whose result is empty.
#include <fnmatch.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/internal/glob.h"
#include "engine/query/select.h"
#include "engine/query/selector.h"
#include "tests/fuzz/fixed_graph.h"
#include "tests/fuzz/fuzz_checks.h"
#include "tests/testing/bfs_oracle.h"

namespace etldag::fuzz {
namespace {

using Set = std::vector<bool>;

// Nodes within `depth` hops of `seeds` (seeds included): the BFS oracle.
Set Bfs(const Graph& g, const Set& seeds, bool down, uint32_t depth) {
  std::vector<NodeId> from;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (seeds[v]) from.push_back(v);
  }
  const std::vector<uint32_t> dist =
      ::etldag::testing::QueueBfs(g, from, down ? Direction::kDownstream : Direction::kUpstream, depth);
  Set out(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) out[v] = dist[v] != ::etldag::testing::kInf;
  return out;
}

Set Or(Set a, const Set& b) {
  for (size_t i = 0; i < a.size(); ++i) a[i] = a[i] || b[i];
  return a;
}

Set ToSet(const Bitmap& b) {
  Set s(b.size());
  for (size_t i = 0; i < b.size(); ++i) s[i] = b.Test(i);
  return s;
}

// fnmatch(3) is the reference for globs it reads like Glob does: printable
// ASCII without '\', against names without bytes of U+00C0..U+00FF.
bool FnmatchApplies(const std::string& pattern, std::string_view name) {
  for (char c : pattern) {
    if (c < 0x20 || c >= 0x7f || c == '\\') return false;
  }
  return name.find('\xC3') == std::string_view::npos;
}

// Does `text` match the atom's value (an exact string or a glob)?
bool ValueMatches(const SelectorAtom& atom, const Glob* glob, std::string_view text) {
  if (!atom.glob) return text == atom.value;
  const std::string s(text);
  if (FnmatchApplies(atom.value, s)) return fnmatch(atom.value.c_str(), s.c_str(), 0) == 0;
  return glob->Matches(text);
}

// The atom's base set, without the engine's matcher (MatchAtom); NotFound for
// an exact name or kind that no node has, and for state: (no state loaded).
[[nodiscard]] absl::StatusOr<Set> OracleBase(const Graph& g, const SelectorAtom& atom) {
  const uint32_t n = g.num_nodes();
  Set base(n);
  absl::StatusOr<Glob> glob = absl::InvalidArgumentError("not a glob");
  if (atom.glob) {
    glob = Glob::Compile(atom.value);
    Check(glob.ok(), "a parsed glob does not compile", atom.value);
  }
  const Glob* pattern = glob.ok() ? &*glob : nullptr;
  bool any = false;
  switch (atom.method) {
    case SelectorMethod::kName:
      for (NodeId v = 0; v < n; ++v) {
        base[v] = ValueMatches(atom, pattern, g.name(v));
        any = any || base[v];
      }
      if (!atom.glob && !any) return absl::NotFoundError("unknown node");
      return base;
    case SelectorMethod::kKind: {
      bool known = false;  // an exact kind must exist in the graph
      for (size_t k = 0; k < g.num_kinds(); ++k) {
        known = known || g.kind_name(static_cast<KindId>(k)) == atom.value;
      }
      if (!atom.glob && !known) return absl::NotFoundError("unknown kind");
      for (NodeId v = 0; v < n; ++v) base[v] = ValueMatches(atom, pattern, g.kind_name(g.kind(v)));
      return base;
    }
    case SelectorMethod::kExternal:
      for (NodeId v = 0; v < n; ++v) base[v] = g.is_external(v) == (atom.value == "true");
      return base;
    case SelectorMethod::kState:
      return absl::NotFoundError("no state is loaded");
    case SelectorMethod::kFile:
    case SelectorMethod::kExtension:
      break;
  }
  Fail("the oracle has no file: or extension method (such atoms are skipped)", atom.text);
  return base;
}

// The atom's set by the oracle, or its error; checks MatchAtom on the way.
[[nodiscard]] absl::StatusOr<Set> OracleAtom(const Graph& g, const SelectorAtom& atom) {
  absl::StatusOr<Set> oracle = OracleBase(g, atom);
  absl::StatusOr<Bitmap> matched = MatchAtom(g, atom);
  Check(matched.ok() == oracle.ok(), "MatchAtom fails where the oracle does not, or the reverse", atom.text);
  if (!oracle.ok()) {
    Check(matched.status().code() == oracle.status().code(), "MatchAtom's error code differs", atom.text);
    return oracle.status();
  }
  const Set& base = *oracle;
  Check(ToSet(*matched) == base, "MatchAtom's base set differs from the oracle's", atom.text);
  if (atom.childrens_parents) {
    return Bfs(g, Bfs(g, base, true, UINT32_MAX), false, UINT32_MAX);
  }
  Set result = base;
  if (atom.children) result = Or(result, Bfs(g, base, true, atom.children_depth));
  if (atom.parents) result = Or(result, Bfs(g, base, false, atom.parents_depth));
  return result;
}

// Union of intersections; `empty_terms` gets the terms with no node.
[[nodiscard]] absl::StatusOr<Set> OracleSelector(const Graph& g, const Selector& s, std::vector<std::string>* empty_terms) {
  Set all(g.num_nodes());
  for (const SelectorTerm& term : s.terms) {
    Set meet(g.num_nodes(), true);
    for (const SelectorAtom& atom : term.atoms) {
      absl::StatusOr<Set> set = OracleAtom(g, atom);
      if (!set.ok()) return set.status();
      for (size_t i = 0; i < meet.size(); ++i) meet[i] = meet[i] && (*set)[i];
    }
    bool any = false;
    for (bool b : meet) any = any || b;
    if (!any && empty_terms != nullptr) empty_terms->push_back(term.text);
    all = Or(all, meet);
  }
  return all;
}

void CheckParseError(const absl::Status& s, const std::vector<std::string>& args) {
  Check(s.code() == absl::StatusCode::kInvalidArgument, "parse error is not InvalidArgument", s.ToString());
  const std::string msg(s.message());
  for (const std::string& arg : args) {
    const std::string head = "bad selector \"" + arg + "\"";
    if (msg.rfind(head, 0) != 0) continue;
    const std::string_view rest = std::string_view(msg).substr(head.size());
    if (rest.rfind(": empty argument", 0) == 0) {
      bool blank = true;
      for (char c : arg) blank = blank && (c == ' ' || (c >= '\t' && c <= '\r'));
      Check(blank, "\"empty argument\" for an argument with text", msg);
      return;
    }
    if (rest.rfind(" at column ", 0) != 0) continue;
    size_t col = 0, i = 11;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') col = col * 10 + (rest[i++] - '0');
    if (i == 11 || rest.substr(i, 2) != ": ") continue;
    Check(col >= 1 && col <= arg.size() + 1, "parse error column outside its argument", msg);
    return;
  }
  Fail("parse error names no argument with a column", msg);
}

void CheckParsed(const Selector& s, const std::vector<std::string>& args, bool* reads_files) {
  Check(s.args == args, "Selector::args differ from the arguments");
  for (const SelectorTerm& term : s.terms) {
    Check(!term.atoms.empty(), "a term without atoms", term.text);
    for (const SelectorAtom& atom : term.atoms) {
      Check(atom.arg < args.size() && atom.column >= 1, "atom position out of range", atom.text);
      Check(std::string_view(args[atom.arg]).substr(atom.column - 1, atom.text.size()) == atom.text,
            "atom text is not at its column", atom.text);
      Check(!atom.value.empty(), "atom with an empty value", atom.text);
      // file: reads files; extension (dbt) methods have no independent oracle here.
      *reads_files = *reads_files || atom.method == SelectorMethod::kFile ||
                     atom.method == SelectorMethod::kExtension;
    }
  }
}

void Run(std::string_view data) {
  std::vector<std::string> include, exclude;
  bool in_exclude = false;
  size_t start = 0;
  for (size_t i = 0; i <= data.size(); ++i) {
    if (i < data.size() && data[i] != '\0') continue;
    const std::string arg(data.substr(start, i - start));
    start = i + 1;
    if (arg.empty() && !in_exclude) {
      in_exclude = true;
      continue;
    }
    (in_exclude ? exclude : include).push_back(arg);
  }
  absl::StatusOr<Selector> inc = ParseSelector(include), exc = ParseSelector(exclude);
  if (!inc.ok()) CheckParseError(inc.status(), include);
  if (!exc.ok()) CheckParseError(exc.status(), exclude);
  if (!inc.ok() || !exc.ok()) return;
  bool reads_files = false;
  CheckParsed(*inc, include, &reads_files);
  CheckParsed(*exc, exclude, &reads_files);
  if (reads_files) return;  // file:PATH would read arbitrary files

  const Graph& g = FixedGraph();
  std::vector<std::string> empty_terms;
  absl::StatusOr<Set> want = inc->terms.empty() ? Set(g.num_nodes(), true) : OracleSelector(g, *inc, &empty_terms);
  absl::StatusOr<Set> minus = OracleSelector(g, *exc, nullptr);
  absl::StatusOr<Selection> got = EvaluateSelector(g, *inc, *exc);
  const absl::Status oracle_status = !want.ok() ? want.status() : minus.status();
  if (!oracle_status.ok()) {
    Check(!got.ok() && got.status().code() == oracle_status.code(), "evaluation error differs from the oracle's",
          got.status().ToString() + " vs " + oracle_status.ToString());
    return;
  }
  if (!got.ok()) Fail("evaluation failed where every atom matched", got.status().ToString());
  Check(got->nodes.size() == g.num_nodes(), "selection bitmap of the wrong size");
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    Check(got->nodes.Test(v) == ((*want)[v] && !(*minus)[v]), "selection differs from the oracle",
          std::string(g.name(v)));
  }
  Check(got->count == got->nodes.Count(), "Selection::count != bitmap count");
  Check(got->unmatched == empty_terms, "Selection::unmatched differs from the empty terms");
}

}  // namespace
}  // namespace etldag::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  etldag::fuzz::Run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
