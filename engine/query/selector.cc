// Selector parsing: a hand-written scanner over each argument that tracks byte
// offsets, so every syntax error names the column of the offending character.
// See selector.h for the grammar.
#include "engine/query/selector.h"

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "engine/base/status.h"
#include "engine/query/internal/glob.h"
#include "engine/query/methods.h"

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
    bool explicit_method = false;
    ASSIGN_OR_RETURN(i, ParseMethod(i, end, &atom, &explicit_method));
    if (i < end && IsQuote(arg_[i]) && atom.method == SelectorMethod::kName) {
      return ParseQuoted(i, end, std::move(atom));
    }
    if (explicit_method && atom.method == SelectorMethod::kName) {
      // name:VALUE - the rest of the atom (AtomEnd: of the argument) verbatim.
      atom.value = arg_.substr(i, end - i);
      if (atom.value.empty()) return Error(i, "missing value after name:");
      return atom;
    }
    RETURN_IF_ERROR(ParseValueAndSuffix(i, end, &atom));
    return atom;
  }

  // Where the atom starting at `begin` ends: at the first space or comma
  // outside quotes, or at the end of the argument for an unquoted name:.
  absl::StatusOr<size_t> AtomEnd(size_t begin) const {
    const size_t n = arg_.size();
    SelectorAtom scratch;
    size_t i = ParsePrefix(begin, n, &scratch);
    bool explicit_method = false;
    const absl::StatusOr<size_t> v = ParseMethod(i, n, &scratch, &explicit_method);
    if (v.ok()) i = *v;  // an unknown method is reported by Parse()
    if (scratch.method == SelectorMethod::kName && i < n && IsQuote(arg_[i])) {
      ASSIGN_OR_RETURN(const size_t close, ClosingQuote(i));
      i = close + 1;
    } else if (v.ok() && explicit_method && scratch.method == SelectorMethod::kName) {
      return n;
    }
    while (i < n && !IsSpace(arg_[i]) && arg_[i] != ',') ++i;
    return i;
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
  absl::StatusOr<size_t> ParseMethod(size_t i, size_t end, SelectorAtom* atom,
                                     bool* explicit_method) const {
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
    } else if (FindExtensionMethod(m) != nullptr) {
      atom->method = SelectorMethod::kExtension;
    } else {
      return Error(i, "unknown method \"" + std::string(m) + ":\" (methods: " + KnownMethodNames() +
                          "; write name:VALUE to select a name that contains ':')");
    }
    *explicit_method = true;
    atom->method_name = std::string(m);
    return k + 1;
  }

  static bool IsQuote(char c) { return c == '"' || c == '\''; }

  // The offset of the quote closing the one at `open` ("..." takes \" and
  // \\ escapes; '...' takes none).
  absl::StatusOr<size_t> ClosingQuote(size_t open) const {
    const char q = arg_[open];
    for (size_t k = open + 1; k < arg_.size(); ++k) {
      if (q == '"' && arg_[k] == '\\') {
        ++k;
      } else if (arg_[k] == q) {
        return k;
      }
    }
    return Error(open, std::string("unterminated ") + (q == '"' ? "\"" : "'") +
                           " (a quoted name ends with the same quote)");
  }

  // A quoted literal name at arg_[i], then an optional +N suffix.
  absl::StatusOr<SelectorAtom> ParseQuoted(size_t i, size_t end, SelectorAtom atom) const {
    ASSIGN_OR_RETURN(const size_t close, ClosingQuote(i));
    for (size_t k = i + 1; k < close; ++k) {
      if (arg_[i] == '"' && arg_[k] == '\\') ++k;
      atom.value += arg_[k];
    }
    if (atom.value.empty()) return Error(i, "empty quoted name");
    size_t k = close + 1;
    if (k < end && arg_[k] == '+') {
      atom.children = true;
      for (size_t d = k + 1; d < end; ++d) {
        if (!IsDigit(arg_[d])) {
          return Error(d, "unexpected " + Describe(arg_[d]) + " after '+' (only a depth may follow)");
        }
      }
      if (k + 1 < end) atom.children_depth = Depth(std::string_view(arg_).substr(k + 1, end - k - 1));
      if (atom.childrens_parents) {
        return Error(k, "the \"@\" prefix and a \"+\" suffix are incompatible (@x already "
                        "selects every descendant of x)");
      }
    } else if (k < end) {
      return Error(k, "unexpected " + Describe(arg_[k]) + " after a quoted name (write +N, a ',' "
                      "or a space)");
    }
    return atom;
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
                          "before a value as N+ or after it as +N; " +
                          (atom->method == SelectorMethod::kName &&
                                   arg_.find_first_of("*?[", i) >= end
                               ? "for a name that contains '+' write name:" + arg_.substr(i, end - i)
                               : std::string("write [+] in a glob for a literal '+'")) +
                          ")");
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
      case SelectorMethod::kExtension:  // values checked by the method
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
      // One term: atoms joined by ',' up to a space outside quotes.
      SelectorTerm term;
      const size_t term_begin = i;
      for (;;) {
        if (i == arg.size() || IsSpace(arg[i]) || arg[i] == ',') {
          return scanner.Error(i, i < arg.size() && arg[i] == ',' ? "empty selector before ','"
                                                                  : "empty selector after ','");
        }
        ASSIGN_OR_RETURN(const size_t end, scanner.AtomEnd(i));
        ASSIGN_OR_RETURN(SelectorAtom atom, scanner.Parse(i, end));
        term.atoms.push_back(std::move(atom));
        i = end;
        if (i == arg.size() || arg[i] != ',') break;
        ++i;
      }
      term.text = arg.substr(term_begin, i - term_begin);
      selector.terms.push_back(std::move(term));
      ++terms;
    }
    if (terms == 0) {
      return absl::InvalidArgumentError("bad selector \"" + arg + "\": empty argument (give a "
                                        "node name, a glob such as '*', or method:value)");
    }
  }
  return selector;
}

namespace {

// A name as a quoted literal: "..." with '"' and '\\' escaped.
std::string QuotedName(std::string_view name) {
  std::string s = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') s += '\\';
    s += c;
  }
  return s + "\"";
}

}  // namespace

std::string NameSelector(std::string_view name) {
  if (!name.empty() && (name[0] == '"' || name[0] == '\'')) return QuotedName(name);
  const std::string bare(name);
  const absl::StatusOr<Selector> s = ParseSelector({bare});
  if (s.ok() && s->terms.size() == 1 && s->terms[0].atoms.size() == 1) {
    const SelectorAtom& a = s->terms[0].atoms[0];
    if (a.method == SelectorMethod::kName && !a.glob && !a.parents && !a.children &&
        !a.childrens_parents && a.value == name) {
      return bare;
    }
  }
  return "name:" + bare;
}

namespace {

std::string FormatValue(const SelectorAtom& atom, bool quote_names) {
  switch (atom.method) {
    case SelectorMethod::kName:
      return quote_names && !atom.glob ? QuotedName(atom.value) : atom.value;
    case SelectorMethod::kKind: return "kind:" + atom.value;
    case SelectorMethod::kExternal: return "external:" + atom.value;
    case SelectorMethod::kFile: return "file:" + atom.value;
    case SelectorMethod::kState: return "state:" + atom.value;
    case SelectorMethod::kExtension: return atom.method_name + ":" + atom.value;
  }
  return atom.value;
}

std::string FormatWith(const SelectorAtom& atom, bool quote_names) {
  std::string s;
  if (atom.childrens_parents) s += '@';
  if (atom.parents) {
    if (atom.parents_depth != kAllDepths) s += std::to_string(atom.parents_depth);
    s += '+';
  }
  s += FormatValue(atom, quote_names);
  if (atom.children) {
    s += '+';
    if (atom.children_depth != kAllDepths) s += std::to_string(atom.children_depth);
  }
  return s;
}

bool SameAtom(const SelectorAtom& a, const SelectorAtom& b) {
  return a.method == b.method && a.value == b.value && a.glob == b.glob && a.parents == b.parents &&
         a.parents_depth == b.parents_depth && a.children == b.children &&
         a.children_depth == b.children_depth && a.childrens_parents == b.childrens_parents;
}

}  // namespace

// The bare form when it reads back as the same atom, else the name quoted.
std::string FormatAtom(const SelectorAtom& atom) {
  std::string bare = FormatWith(atom, false);
  const absl::StatusOr<Selector> s = ParseSelector({bare});
  if (s.ok() && s->terms.size() == 1 && s->terms[0].atoms.size() == 1 &&
      SameAtom(s->terms[0].atoms[0], atom)) {
    return bare;
  }
  return FormatWith(atom, true);
}

}  // namespace etldag
