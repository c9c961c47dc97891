// JSON token checks (RFC 8259 §6 number grammar, the three literals).
#include "engine/load/internal/json_token.h"

namespace etldag::load_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

size_t JsonNumberLength(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  if (i < n && s[i] == '-') ++i;
  if (i >= n || !IsDigit(s[i])) return 0;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < n && IsDigit(s[i])) ++i;
  }
  if (i + 1 < n && s[i] == '.' && IsDigit(s[i + 1])) {
    i += 2;
    while (i < n && IsDigit(s[i])) ++i;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < n && IsDigit(s[j])) {
      while (j < n && IsDigit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

bool IsValidJsonScalarToken(std::string_view token) {
  if (token.empty()) return false;
  if (token[0] == '-' || IsDigit(token[0])) return JsonNumberLength(token) == token.size();
  return token == "true" || token == "false" || token == "null";
}

const char* JsonTypeName(char c) {
  switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return c == '-' || IsDigit(c) ? "a number" : nullptr;
  }
}

}  // namespace etldag::load_internal
