// Validating a JSON value a reader does not use. simdjson On-Demand does not
// validate what it skips ("tru", "01", a string followed by ':'), so both
// readers (op_reader.cc, the dbt manifest reader) walk such values with this
// one function. Recursion is over JSON nesting only, bounded by
// kMaxJsonDepth (json_syntax.h), never over the graph.
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SKIP_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SKIP_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "engine/base/status.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "simdjson.h"

namespace etldag::load_internal {

// `reader` provides Syntax(error_code) (a located syntax error), Key(field,
// value_token, &key) and ReadString(value, token, &out), as both readers do.
// `depth` = the value's nesting level (the top-level value is 1).
template <typename Reader>
[[nodiscard]] absl::Status SkipJsonValue(Reader& reader, simdjson::ondemand::value& v, uint32_t depth) {
  namespace od = simdjson::ondemand;
  const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
  if (tok.empty()) return reader.Syntax(simdjson::TAPE_ERROR);
  if (tok[0] == '"') {
    std::string_view unused;
    return reader.ReadString(v, tok, &unused);
  }
  if (tok[0] != '[' && tok[0] != '{') {
    return IsValidJsonScalarToken(tok) ? absl::OkStatus() : reader.Syntax(simdjson::TAPE_ERROR);
  }
  if (depth > kMaxJsonDepth) return reader.Syntax(simdjson::DEPTH_ERROR);
  if (tok[0] == '[') {
    od::array arr;
    if (auto err = v.get_array().get(arr)) return reader.Syntax(err);
    for (auto r : arr) {
      od::value e;
      if (auto err = r.get(e)) return reader.Syntax(err);
      RETURN_IF_ERROR(SkipJsonValue(reader, e, depth + 1));
    }
    return absl::OkStatus();
  }
  od::object obj;
  if (auto err = v.get_object().get(obj)) return reader.Syntax(err);
  for (auto r : obj) {
    od::field f;
    if (auto err = std::move(r).get(f)) return reader.Syntax(err);
    std::string_view key;
    RETURN_IF_ERROR(reader.Key(f, TrimJsonWhitespace(f.value().raw_json_token()), &key));
    RETURN_IF_ERROR(SkipJsonValue(reader, f.value(), depth + 1));
  }
  return absl::OkStatus();
}

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_JSON_SKIP_H_
