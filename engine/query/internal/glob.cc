// Glob compilation and the two-pointer matcher; see glob.h.
#include "engine/query/internal/glob.h"

#include <string>

#include "absl/status/status.h"

namespace etldag {
namespace {

struct GlobError {
  size_t offset;
  const char* what;
};

// Reads one possibly escaped byte of a set at pattern[*j]; advances *j past it.
unsigned char SetByte(std::string_view pattern, size_t* j) {
  if (pattern[*j] == '\\' && *j + 1 < pattern.size()) ++*j;
  return static_cast<unsigned char>(pattern[(*j)++]);
}

// Parses the set starting at pattern[open] == '['. On success fills `set` and
// returns the offset just past the closing ']'.
// Otherwise fills *error and returns 0.
size_t ParseSet(std::string_view pattern, size_t open, std::bitset<256>* set, GlobError* error) {
  size_t j = open + 1;
  bool negate = false;
  if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) {
    negate = true;
    ++j;
  }
  for (bool first = true;; first = false) {
    if (j >= pattern.size()) {
      *error = {open, "unterminated '[' (write \\[ for a literal '[')"};
      return 0;
    }
    if (pattern[j] == ']' && !first) break;
    if (pattern[j] == '[' && j + 1 < pattern.size() &&
        (pattern[j + 1] == ':' || pattern[j + 1] == '=' || pattern[j + 1] == '.')) {
      *error = {j, "POSIX character classes like [:alpha:] are not supported"};
      return 0;
    }
    const unsigned char lo = SetByte(pattern, &j);
    if (j + 1 < pattern.size() && pattern[j] == '-' && pattern[j + 1] != ']') {
      ++j;  // the '-'
      // The range's end may not open a POSIX class either ([a-[.x.]] is a
      // collating symbol to fnmatch, a '[' and a '.' here: refuse, do not guess).
      if (pattern[j] == '[' && j + 1 < pattern.size() &&
          (pattern[j + 1] == ':' || pattern[j + 1] == '=' || pattern[j + 1] == '.')) {
        *error = {j, "POSIX character classes like [:alpha:] are not supported"};
        return 0;
      }
      const unsigned char hi = SetByte(pattern, &j);
      for (unsigned c = lo; c <= hi; ++c) set->set(c);  // lo > hi: empty range
    } else {
      set->set(lo);
    }
  }
  if (negate) set->flip();
  return j + 1;
}

}  // namespace

bool HasGlobMeta(std::string_view text) {
  return text.find_first_of("*?[") != std::string_view::npos;
}

absl::StatusOr<Glob> Glob::Compile(std::string_view pattern, size_t* error_offset) {
  Glob g;
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '*') {
      if (g.elems_.empty() || g.elems_.back().op != Op::kStar) g.elems_.push_back({Op::kStar, 0, 0});
      ++i;
    } else if (c == '?') {
      g.elems_.push_back({Op::kAny, 0, 0});
      ++i;
    } else if (c == '[') {
      std::bitset<256> set;
      GlobError error{0, ""};
      const size_t next = ParseSet(pattern, i, &set, &error);
      if (next == 0) {
        if (error_offset != nullptr) *error_offset = error.offset;
        return absl::InvalidArgumentError(error.what);
      }
      g.elems_.push_back({Op::kSet, 0, static_cast<uint32_t>(g.sets_.size())});
      g.sets_.push_back(set);
      i = next;
    } else {
      if (c == '\\' && i + 1 < pattern.size()) ++i;  // a trailing '\' is literal
      g.elems_.push_back({Op::kByte, static_cast<uint8_t>(pattern[i]), 0});
      ++i;
    }
  }
  size_t k = 0;
  while (k < g.elems_.size() && g.elems_[k].op == Op::kByte) {
    g.prefix_.push_back(static_cast<char>(g.elems_[k++].byte));
  }
  g.prefix_star_ = k + 1 == g.elems_.size() && g.elems_[k].op == Op::kStar;
  for (size_t e = g.elems_.size(); e > 0 && g.elems_[e - 1].op == Op::kByte; --e) {
    g.suffix_.insert(g.suffix_.begin(), static_cast<char>(g.elems_[e - 1].byte));
  }
  return g;
}

bool Glob::ElemMatches(const Elem& e, unsigned char c) const {
  switch (e.op) {
    case Op::kByte: return e.byte == c;
    case Op::kAny: return true;
    case Op::kSet: return sets_[e.set].test(c);
    case Op::kStar: return false;
  }
  return false;
}

bool Glob::Matches(std::string_view text) const {
  // Necessary conditions: every match starts with the leading literal run
  // and ends with the trailing one (they may overlap when there is no star).
  if (!text.starts_with(prefix_) || !text.ends_with(suffix_)) return false;
  const size_t n = elems_.size();
  size_t p = prefix_.size(), t = prefix_.size();  // the prefix is all kByte elements
  size_t star = n, mark = 0;                       // star == n: no star seen yet
  while (t < text.size()) {
    if (p < n && elems_[p].op == Op::kStar) {
      star = p++;  // remember the latest star; it first matches the empty run
      mark = t;
    } else if (p < n && ElemMatches(elems_[p], static_cast<unsigned char>(text[t]))) {
      ++p;
      ++t;
    } else if (star != n) {
      p = star + 1;  // let the latest star swallow one more byte
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < n && elems_[p].op == Op::kStar) ++p;
  return p == n;
}

}  // namespace etldag
