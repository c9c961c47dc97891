// The selector language (dbt's node selection grammar, docs/selectors.md): parsing
// command-line arguments into a Selector. Evaluation is in select.h.
//
//   selector  := argument...            union of all arguments
//   argument  := term (' ' term)...     union of space-separated terms
//   term      := atom (',' atom)...     intersection
//   atom      := ['@'] [N '+'] [method ':'] value ['+' [N]]
//              | ['@'] [N '+'] ['name:'] quoted ['+' [N]]
//              | ['@'] [N '+'] 'name:' literal
//   method    := name | kind | external | file | state   (default: name)
//   quoted    := '"' ... '"'  (\" and \\ escapes)  |  "'" ... "'"  (no escapes)
//   literal   := every byte to the end of the argument
//
// Literal names: `name:VALUE` takes the rest of the argument verbatim -
// '+', ',', '@', ':', '*', spaces and quotes included - so any node name can
// be given as one shell word ('name:libstdc++6', 'name:a,b c'); no operator
// may follow it. A quoted name is literal too and may carry a '+N' suffix and
// sit in a ',' intersection: '"libstdc++6"+', '+"a b",kind:model'. A quoted
// value right after `name:` is read as quoted. NameSelector() gives the form
// the parser reads back as exactly one name (used by "did you mean").
//
// Graph operators bind to their atom: `+a,b+` = (+a) ∩ (b+), as in dbt.
// `@x+` is rejected (dbt: "@" prefix and "+" suffix are incompatible); `@N+x`
// is accepted and means `@x` (x's ancestors are already part of `@x`).
// A value is a glob (glob.h) when it holds `*`, `?` or `[` (name: and kind:
// only); `file:` takes a path, `external:` takes true or false, `state:`
// the name of a run-state or version set (select.h, SelectOptions).
// Syntax errors are InvalidArgument with the 1-based column (in bytes) of the
// offending character within its argument:
//   bad selector "x+y" at column 3: unexpected 'y' after '+' (...)
#ifndef ETLDAG_ENGINE_QUERY_SELECTOR_H_
#define ETLDAG_ENGINE_QUERY_SELECTOR_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag {

inline constexpr uint32_t kAllDepths = std::numeric_limits<uint32_t>::max();

// kExtension: a method of the extension table (methods.h), named by
// SelectorAtom::method_name.
enum class SelectorMethod { kName, kKind, kExternal, kFile, kState, kExtension };

// One atom: a method matching a base set, then graph operators around it.
struct SelectorAtom {
  SelectorMethod method = SelectorMethod::kName;
  std::string method_name;            // as written ("tag", "config.schema"); "" for the default
  std::string value;                  // name/glob, kind/glob, "true"/"false", path
  bool glob = false;                  // value is a glob pattern
  bool parents = false;               // N+x: ancestors up to parents_depth hops
  uint32_t parents_depth = kAllDepths;
  bool children = false;              // x+N: descendants down to children_depth
  uint32_t children_depth = kAllDepths;
  bool childrens_parents = false;     // @x
  std::string text;                   // the atom as written, for messages
  size_t arg = 0;                     // index of its argument
  size_t column = 1;                  // 1-based column of its first byte there
};

struct SelectorTerm {
  std::vector<SelectorAtom> atoms;  // intersection; never empty
  std::string text;
};

struct Selector {
  std::vector<SelectorTerm> terms;  // union; empty = no argument given
  std::vector<std::string> args;    // the arguments as given (for messages)
};

// Parses arguments; each may hold several space-separated terms (tabs and
// newlines separate too). An argument holding no term at all is an error, so
// an empty shell variable never silently selects everything.
[[nodiscard]] absl::StatusOr<Selector> ParseSelector(const std::vector<std::string>& args);

// `name` as a selector that selects exactly that node: the bare name when it
// reads back as itself, else "name:" + name (or the quoted form when the name
// starts with a quote).
std::string NameSelector(std::string_view name);

// Canonical text of an atom / term (tests and messages): e.g. "2+name:a+".
std::string FormatAtom(const SelectorAtom& atom);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_SELECTOR_H_
