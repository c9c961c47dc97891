// The top-level cut finder of ops_pieces.h: one pass over the bytes, strings
// skipped with their escapes, a depth counter for [ { vs ] }.
#include "engine/load/internal/ops_pieces.h"

#include <cstdint>

#include "engine/load/internal/json_token.h"

namespace etldag::load_internal {
namespace {

// Bytes that may appear outside strings in a JSON text besides structural
// characters and quotes: whitespace and the characters of numbers and of
// true / false / null.
bool MayAppearOutsideStrings(char c) {
  if (IsJsonWhitespace(c) || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-': case '+': case '.': case 'e': case 'E': case 't': case 'r': case 'u':
    case 'f': case 'a': case 'l': case 's': case 'n': case ':':
      return true;
    default:
      return false;
  }
}

}  // namespace

OpsPiece NextOpsPiece(std::string_view text, size_t from, size_t target_bytes, size_t max_bytes) {
  const char* d = text.data();
  const size_t n = text.size();
  OpsPiece p;
  size_t i = from;
  while (i < n && IsJsonWhitespace(d[i])) ++i;
  p.begin = i;
  uint64_t depth = 1;  // inside the top-level array
  while (i < n) {
    if (i - p.begin > max_bytes) {
      p.kind = OpsPiece::kTooLarge;
      return p;
    }
    const char c = d[i];
    if (c == '"') {
      for (++i; i < n && d[i] != '"'; ++i) {
        if (d[i] == '\\') ++i;  // the escaped byte is skipped with it
      }
      if (i >= n) return p;  // an unterminated string: kInvalid
      ++i;
    } else if (c == '[' || c == '{') {
      ++depth;
      ++i;
    } else if (c == ']' || c == '}') {
      ++i;
      if (--depth > 0) continue;
      p.end = i;
      for (; i < n; ++i) {
        if (!IsJsonWhitespace(d[i])) return p;  // trailing content: kInvalid
      }
      p.kind = OpsPiece::kLast;
      return p;
    } else if (c == ',') {
      if (i == p.begin) return p;  // an empty element: kInvalid
      if (depth == 1 && i - p.begin >= target_bytes) {
        p.kind = OpsPiece::kPiece;
        p.end = i;
        return p;
      }
      ++i;
    } else if (MayAppearOutsideStrings(c)) {
      ++i;
    } else {
      return p;  // kInvalid
    }
  }
  return p;  // the end of the text inside the array: kInvalid
}

}  // namespace etldag::load_internal
