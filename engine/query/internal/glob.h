// Shell-style glob patterns over node names and kinds: `*` (any run of
// bytes, across `/` too: fnmatch(3) without FNM_PATHNAME), `?` (any one
// byte), `[...]` (one byte from a set: ranges `a-z`, negation `[!...]` or
// `[^...]`, a `]` first in the set is literal), `\c` (the byte c literally).
// Matching is byte-wise (a `?` matches one byte of a UTF-8 sequence) and
// case-sensitive; POSIX classes like `[[:alpha:]]` are rejected.
//
// Algorithm: the pattern is compiled once into elements (literal byte, any
// byte, byte set as a 256-bit table, star); Matches() is the classic greedy
// two-pointer wildcard match that remembers only the LAST star and retries
// from it. A later star supersedes earlier ones, so there is no nested
// backtracking: O(|pattern| * |text|) worst case, O(|text|) typical, no
// recursion, no exponential blow-up on patterns like `a*a*a*a*b`.
// Reference: the iterative matcher of Kirk J. Krauss, "Matching Wildcards: An
// Algorithm", Dr. Dobb's Journal, 2008; POSIX.1-2017 §2.13 (pattern matching).
#ifndef ETLDAG_ENGINE_QUERY_INTERNAL_GLOB_H_
#define ETLDAG_ENGINE_QUERY_INTERNAL_GLOB_H_

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag {

// True when `text` holds a glob metacharacter: `*`, `?` or `[`.
bool HasGlobMeta(std::string_view text);

class Glob {
 public:
  // Compiles `pattern`. InvalidArgument on an unterminated `[` or a POSIX
  // class; then *error_offset (when given) = the 0-based byte offset of the
  // offending character in the pattern, so callers can point at it.
  [[nodiscard]] static absl::StatusOr<Glob> Compile(std::string_view pattern, size_t* error_offset = nullptr);

  bool Matches(std::string_view text) const;

  // The bytes every match starts with (the literal run before the first
  // wildcard, escapes resolved): matches form a contiguous range of sorted
  // names. Empty when the pattern starts with a wildcard.
  const std::string& literal_prefix() const { return prefix_; }
  // True when the pattern is exactly literal_prefix() followed by one `*`:
  // every name with that prefix matches (no per-name test needed).
  bool is_prefix_star() const { return prefix_star_; }

 private:
  enum class Op : uint8_t { kByte, kAny, kSet, kStar };
  struct Elem {
    Op op;
    uint8_t byte;     // kByte
    uint32_t set;     // kSet: index into sets_
  };
  bool ElemMatches(const Elem& e, unsigned char c) const;

  std::vector<Elem> elems_;
  std::vector<std::bitset<256>> sets_;
  std::string prefix_;
  std::string suffix_;  // the literal run after the last wildcard: a quick reject
  bool prefix_star_ = false;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_INTERNAL_GLOB_H_
