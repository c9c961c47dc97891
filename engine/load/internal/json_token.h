// Small checks on single JSON tokens, for the values the spark_ops reader
// skips: simdjson On-Demand does not validate what it skips ("tru", "01").
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_JSON_TOKEN_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_JSON_TOKEN_H_

#include <cstddef>
#include <cstring>
#include <string_view>

namespace etldag::load_internal {

inline bool IsJsonWhitespace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
inline std::string_view TrimJsonWhitespace(std::string_view s) {
  while (!s.empty() && IsJsonWhitespace(s.back())) s.remove_suffix(1);
  return s;
}

// True when s holds a backslash (a string token with escapes to unescape).
inline bool HasBackslash(std::string_view s) {
  return std::memchr(s.data(), '\\', s.size()) != nullptr;
}

// The first control character (a byte below 0x20) of an unescaped string,
// or npos. Only an unescaped string can hold one: simdjson's stage 1 refuses
// a document with a raw control character inside a string.
inline size_t FindControlCharacter(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x20) return i;
  }
  return std::string_view::npos;
}

// Length of the longest prefix of s that is a JSON number, 0 if none.
size_t JsonNumberLength(std::string_view s);

// True when `token` (trimmed) is exactly one valid JSON number or literal.
bool IsValidJsonScalarToken(std::string_view token);

// "an object", "an array", "a string", "a number", "a boolean", "null" for a
// token starting with c; nullptr when c cannot start a JSON value.
const char* JsonTypeName(char c);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_JSON_TOKEN_H_
