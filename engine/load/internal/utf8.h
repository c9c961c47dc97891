// UTF-8 well-formedness (Unicode 15, Table 3-7: no overlongs, no surrogates,
// nothing above U+10FFFF). The per-sequence check is scalar and simple: the
// strict JSON scanner (json_syntax.h) uses it to locate an error exactly and
// source_location.h to render excerpts, never on the hot path (simdjson
// validates the input with SIMD while parsing). FindInvalidUtf8 asks
// simdjson's validate_utf8 first and walks the sequences only when the
// string is invalid, to report the offset of the first bad byte.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_UTF8_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_UTF8_H_

#include <cstddef>
#include <string_view>

namespace etldag::load_internal {

// Length (1-4) of the well-formed UTF-8 sequence that starts s, or 0 when s is
// empty or does not start with one.
size_t Utf8SequenceLength(std::string_view s);

// Offset of the first byte of s that is not part of a well-formed sequence,
// or std::string_view::npos when s is valid UTF-8.
size_t FindInvalidUtf8(std::string_view s);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_UTF8_H_
