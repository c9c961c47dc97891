// Selector parsing: a hand-written scanner over each argument that tracks byte
// offsets, so every syntax error names the column of the offending character.
// See selector.h for the grammar.
#include "engine/query/selector.h"

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/base/status.h"
#include "engine/query/glob.h"

namespace etldag {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsMethodChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '.';
}

std::string Describe(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789abcdef";
  const unsigned char u = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

// Scans one argument; positions are 0-based offsets into `arg`.
class AtomScanner {
 public:
  AtomScanner(const std::string& arg, size_t arg_index) : arg_(arg), arg_index_(arg_index) {}

  absl::Status Error(size_t pos, const std::string& what) const {
    return absl::InvalidArgumentError("bad selector \"" + arg_ + "\" at column " +
                                      std::to_string(pos + 1) + ": " + what);
  }

  // Parses arg_[begin, end), which holds no space and no comma.
  absl::StatusOr<SelectorAtom> Parse(size_t begin, size_t end) const {
    SelectorAtom atom;
    atom.text = arg_.substr(begin, end - begin);
    atom.arg = arg_index_;
    atom.column = begin + 1;
    size_t i = ParsePrefix(begin, end, &atom);
    ASSIGN_OR_RETURN(i, ParseMethod(i, end, &atom));
    RETURN_IF_ERROR(ParseValueAndSuffix(i, end, &atom));
    return atom;
  }

 private:
  static uint32_t Depth(std::string_view digits) {  // saturates: huge = unlimited
    uint64_t d = 0;
    for (char c : digits) {
      d = d * 10 + static_cast<uint64_t>(c - '0');
      if (d >= kAllDepths) return kAllDepths;
    }
    return static_cast<uint32_t>(d);
  }

  // `@`, then `N+` or `+`. Digits not followed by '+' belong to the value.
  size_t ParsePrefix(size_t i, size_t end, SelectorAtom* atom) const {
    if (i < end && arg_[i] == '@') {
      atom->childrens_parents = true;
      ++i;
    }
    size_t j = i;
    while (j < end && IsDigit(arg_[j])) ++j;
    if (j < end && arg_[j] == '+') {
      atom->parents = true;
      if (j > i) atom->parents_depth = Depth(std::string_view(arg_).substr(i, j - i));
      i = j + 1;
    }
    return i;
  }

  // `method:`, recognised as a run of [A-Za-z0-9_.] starting with a letter and
  // followed by ':' (dbt's `[\w.]+:`). Anything else is the value.
  absl::StatusOr<size_t> ParseMethod(size_t i, size_t end, SelectorAtom* atom) const {
    size_t k = i;
    while (k < end && IsMethodChar(arg_[k])) ++k;
    if (k == i || k >= end || arg_[k] != ':' || IsDigit(arg_[i])) return i;
    const std::string_view m = std::string_view(arg_).substr(i, k - i);
    if (m == "name") {
      atom->method = SelectorMethod::kName;
    } else if (m == "kind") {
      atom->method = SelectorMethod::kKind;
    } else if (m == "external") {
      atom->method = SelectorMethod::kExternal;
    } else if (m == "file") {
      atom->method = SelectorMethod::kFile;
    } else if (m == "state") {
      atom->method = SelectorMethod::kState;
    } else {
      return Error(i, "unknown method \"" + std::string(m) +
                          ":\" (methods: name, kind, external, file, state; write name:VALUE to "
                          "select a name that contains ':')");
    }
    return k + 1;
  }

  // The first '+' of arg_[i, end) that is neither escaped nor inside a glob
  // set ("[+]" is a literal '+'), or `end`.
  size_t FindOperatorPlus(size_t i, size_t end) const {
    for (size_t k = i; k < end; ++k) {
      if (arg_[k] == '\\') {
        ++k;
      } else if (arg_[k] == '[') {
        size_t j = k + 1;
        if (j < end && (arg_[j] == '!' || arg_[j] == '^')) ++j;
        if (j < end && arg_[j] == ']') ++j;  // a ']' first in a set is literal
        while (j < end && arg_[j] != ']') j += arg_[j] == '\\' ? 2 : 1;
        if (j >= end) return end;  // unterminated: Glob::Compile reports it
        k = j;
      } else if (arg_[k] == '+') {
        return k;
      }
    }
    return end;
  }

  absl::Status ParseValueAndSuffix(size_t i, size_t end, SelectorAtom* atom) const {
    // The suffix is a trailing '+' followed only by digits. For file: paths a
    // '+' elsewhere is part of the path; in names and kinds it is an error.
    size_t plus = end;
    if (atom->method == SelectorMethod::kFile) {
      size_t d = end;
      while (d > i && IsDigit(arg_[d - 1])) --d;
      if (d > i && arg_[d - 1] == '+') plus = d - 1;
    } else {
      plus = FindOperatorPlus(i, end);
      if (plus == i && plus < end) return Error(i, "unexpected '+' where a value should start");
      for (size_t k = plus + 1; k < end; ++k) {
        if (!IsDigit(arg_[k])) {
          return Error(k, "unexpected " + Describe(arg_[k]) + " after '+' (graph operators go "
                          "before a value as N+ or after it as +N; write [+] in a glob for a "
                          "literal '+')");
        }
      }
    }
    if (plus < end) {
      atom->children = true;
      if (plus + 1 < end) {
        atom->children_depth = Depth(std::string_view(arg_).substr(plus + 1, end - plus - 1));
      }
      if (atom->childrens_parents) {
        return Error(plus, "the \"@\" prefix and a \"+\" suffix are incompatible (@x already "
                           "selects every descendant of x)");
      }
    }
    atom->value = arg_.substr(i, plus - i);
    if (atom->value.empty()) return Error(i, "missing value (a node name, glob, or method:value)");
    return ValidateValue(i, atom);
  }

  absl::Status ValidateValue(size_t value_pos, SelectorAtom* atom) const {
    switch (atom->method) {
      case SelectorMethod::kExternal:
        if (atom->value != "true" && atom->value != "false") {
          return Error(value_pos, "external: takes true or false, not \"" + atom->value + "\"");
        }
        return absl::OkStatus();
      case SelectorMethod::kFile:
      case SelectorMethod::kState:  // values checked against the state in force
        return absl::OkStatus();
      case SelectorMethod::kName:
      case SelectorMethod::kKind:
        break;
    }
    atom->glob = HasGlobMeta(atom->value);
    if (!atom->glob) return absl::OkStatus();
    size_t offset = 0;
    absl::StatusOr<Glob> glob = Glob::Compile(atom->value, &offset);
    if (!glob.ok()) return Error(value_pos + offset, std::string(glob.status().message()));
    return absl::OkStatus();
  }

  const std::string& arg_;
  size_t arg_index_;
};

// Splits arg[begin, end) (one space-free term) at commas into atoms.
absl::StatusOr<SelectorTerm> ParseTerm(const AtomScanner& scanner, const std::string& arg,
                                       size_t begin, size_t end) {
  SelectorTerm term;
  term.text = arg.substr(begin, end - begin);
  for (size_t a = begin;;) {
    size_t comma = arg.find(',', a);
    if (comma == std::string::npos || comma > end) comma = end;
    if (comma == a) {
      return scanner.Error(a, comma < end ? "empty selector before ','"
                                          : "empty selector after ','");
    }
    ASSIGN_OR_RETURN(SelectorAtom atom, scanner.Parse(a, comma));
    term.atoms.push_back(std::move(atom));
    if (comma == end) break;
    a = comma + 1;
  }
  return term;
}

}  // namespace

absl::StatusOr<Selector> ParseSelector(const std::vector<std::string>& args) {
  Selector selector;
  selector.args = args;
  for (size_t a = 0; a < args.size(); ++a) {
    const std::string& arg = selector.args[a];
    const AtomScanner scanner(arg, a);
    size_t terms = 0;
    for (size_t i = 0; i < arg.size();) {
      if (IsSpace(arg[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < arg.size() && !IsSpace(arg[j])) ++j;
      ASSIGN_OR_RETURN(SelectorTerm term, ParseTerm(scanner, arg, i, j));
      selector.terms.push_back(std::move(term));
      ++terms;
      i = j;
    }
    if (terms == 0) {
      return absl::InvalidArgumentError("bad selector \"" + arg + "\": empty argument (give a "
                                        "node name, a glob such as '*', or method:value)");
    }
  }
  return selector;
}

std::string FormatAtom(const SelectorAtom& atom) {
  std::string s;
  if (atom.childrens_parents) s += '@';
  if (atom.parents) {
    if (atom.parents_depth != kAllDepths) s += std::to_string(atom.parents_depth);
    s += '+';
  }
  switch (atom.method) {
    case SelectorMethod::kName:
      if (atom.value.find(':') != std::string::npos) s += "name:";
      break;
    case SelectorMethod::kKind: s += "kind:"; break;
    case SelectorMethod::kExternal: s += "external:"; break;
    case SelectorMethod::kFile: s += "file:"; break;
    case SelectorMethod::kState: s += "state:"; break;
  }
  s += atom.value;
  if (atom.children) {
    s += '+';
    if (atom.children_depth != kAllDepths) s += std::to_string(atom.children_depth);
  }
  return s;
}

}  // namespace etldag
