// Durations as a JSON object {"name": seconds, ...} (simdjson On-Demand).
// The text is first checked by the strict scanner (json_syntax.h), so a
// syntax error gets its exact line:col; simdjson then walks a valid document.
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/load/internal/durations_internal.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "simdjson.h"

namespace etldag::load_internal {
namespace {

namespace od = simdjson::ondemand;

const char* TypeName(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
    case od::json_type::number: return "a number";
  }
  return "a value";
}

// One field: the name and its number of seconds.
[[nodiscard]] absl::Status ReadField(DurationSink& sink, std::string_view data, od::field& field) {
  const uint64_t name_offset = field.key().raw() - 1 - data.data();  // at the quote
  std::string_view name;
  if (field.unescaped_key().get(name) != simdjson::SUCCESS) {
    return sink.Error(name_offset, "invalid name string");
  }
  od::value value = field.value();
  const std::string_view token = value.raw_json_token();
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) {
    return sink.Error(name_offset, "unreadable value");
  }
  const uint64_t value_offset = token.data() - data.data();
  if (type != od::json_type::number) {
    return sink.Error(value_offset, absl::StrCat("expected a number of seconds, found ", TypeName(type)));
  }
  double seconds = 0;
  if (value.get_double().get(seconds) != simdjson::SUCCESS) {
    return sink.Error(value_offset, "the number of seconds is out of range");
  }
  return sink.Add(name, name_offset, seconds, value_offset);
}

}  // namespace

absl::Status ParseDurationsJson(DurationSink& sink, std::string_view data, size_t start) {
  const std::string_view text = data.substr(start);
  if (text.size() > kMaxJsonDocumentBytes) {
    return sink.Error(start, absl::StrCat("too large for one JSON document (", text.size(), " bytes; the JSON parser's limit is ",
                                          kMaxJsonDocumentBytes, " bytes, and a durations file is parsed as one document)"));
  }
  if (const auto syntax = FindJsonSyntaxError(text)) {
    return sink.Error(start + syntax->offset, syntax->message);
  }
  od::parser parser;
  od::document doc;
  od::object object;
  if (parser.iterate(text.data(), text.size(), text.size() + kFileBufferPadding).get(doc) !=
          simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS) {
    return sink.Error(start, "not a JSON object");  // the scanner accepted it: unexpected
  }
  for (auto result : object) {
    od::field field;
    if (std::move(result).get(field) != simdjson::SUCCESS) return sink.Error(start, "unreadable object field");
    RETURN_IF_ERROR(ReadField(sink, data, field));
  }
  return absl::OkStatus();
}

}  // namespace etldag::load_internal
