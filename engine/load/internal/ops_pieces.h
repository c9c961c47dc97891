// Internal to the load module: cutting a spark_ops.json text larger than one
// simdjson document (kMaxJsonDocumentBytes) into pieces of whole ops, each
// parsed as the document "[" + piece + "]" (op_reader.h).
//
// The cut is exact for valid JSON: a byte scanner follows strings (with
// their escapes) and the nesting of arrays and objects, and cuts only at a
// ',' of the top-level array. On invalid JSON the scanner may cut anywhere
// or stop (NextOpsPiece returns kInvalid at a byte no JSON text has outside
// a string); the caller then reports the strict scanner's first syntax error
// of the whole text (json_syntax.h), so a wrong cut never decides an error.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_OPS_PIECES_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_OPS_PIECES_H_

#include <cstddef>
#include <string_view>

namespace etldag::load_internal {

struct OpsPiece {
  enum Kind {
    kPiece,     // ops [begin, end); text[end] is the top-level ',' after them
    kLast,      // [begin, end) ends with the array's closing ']'; only whitespace follows
    kInvalid,   // not valid JSON (a stray byte, trailing content, or the end inside the array)
    kTooLarge,  // no top-level ',' within max_bytes of begin
  };
  Kind kind = kInvalid;
  size_t begin = 0, end = 0;
};

// The piece of `text` starting at `from`, a position inside the top-level
// array just after its '[' or one of its ','s (outside any string): leading
// whitespace skipped, then whole elements up to the first top-level ',' at or
// after begin + target_bytes (or the closing ']'), at most max_bytes long.
OpsPiece NextOpsPiece(std::string_view text, size_t from, size_t target_bytes, size_t max_bytes);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_OPS_PIECES_H_
