// UTF-8 by the table of well-formed byte sequences (Unicode 15, §3.9, Table
// 3-7). The second byte's range depends on the first byte; the third and
// fourth are plain continuation bytes 80..BF. Whole strings are validated by
// simdjson's validate_utf8 (the same rules, with SIMD); the table is walked
// only to find where an invalid string goes wrong.
#include "engine/load/internal/utf8.h"

#include <simdjson.h>

#include <cstdint>

namespace etldag::load_internal {
namespace {

bool InRange(uint8_t b, uint8_t lo, uint8_t hi) { return b >= lo && b <= hi; }

}  // namespace

size_t Utf8SequenceLength(std::string_view s) {
  if (s.empty()) return 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t b0 = p[0];
  if (b0 < 0x80) return 1;
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
  if (InRange(b0, 0xC2, 0xDF)) {
    len = 2;
  } else if (InRange(b0, 0xE0, 0xEF)) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates U+D800..DFFF
  } else if (InRange(b0, 0xF0, 0xF4)) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;  // continuation byte, C0/C1 or F5..FF
  }
  if (s.size() < len || !InRange(p[1], lo, hi)) return 0;
  for (size_t i = 2; i < len; ++i) {
    if (!InRange(p[i], 0x80, 0xBF)) return 0;
  }
  return len;
}

size_t FindInvalidUtf8(std::string_view s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return std::string_view::npos;
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(s.substr(i));
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace etldag::load_internal
