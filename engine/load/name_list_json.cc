// The transaction JSON shape of a name list (simdjson On-Demand):
//   {"data": {"transaction": {"datasets": [{"id", "name", "committed"}, …]}}}
// The text is first checked by the strict scanner (json_syntax.h), so a
// syntax error gets its exact line:col; simdjson then walks a valid document
// and shape errors point at the offending value. See name_list.h.
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/load/internal/name_list_internal.h"
#include "engine/load/file_buffer.h"
#include "engine/load/internal/json_syntax.h"
#include "engine/load/internal/json_token.h"
#include "simdjson.h"

namespace etldag::load_internal {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view kShape =
    "{\"data\":{\"transaction\":{\"datasets\":[{\"id\",\"name\",\"committed\"}]}}}";

// Walks one document; every method returns the first error found.
class Walker {
 public:
  Walker(NameListSink& sink, std::string_view data) : sink_(sink), data_(data) {}

  uint64_t At(od::value& v) { return v.raw_json_token().data() - data_.data(); }

  // Iterates the fields of `v` (which must be an object, else `what` is
  // reported), calling on_field(key, value) for each.
  template <typename F>
  absl::Status Fields(od::value& v, std::string_view what, const F& on_field) {
    const uint64_t at = At(v);
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS) {
      return sink_.Error(at, absl::StrCat(ToAbsl(what), " must be an object (expected ",
                                          ToAbsl(kShape), ")"));
    }
    for (auto result : object) {
      od::field field;
      std::string_view key;
      if (std::move(result).get(field) != simdjson::SUCCESS) {
        return sink_.Error(at, "unreadable object field");
      }
      // key() must be read before unescaped_key() consumes it.
      const uint64_t key_at = field.key().raw() - 1 - data_.data();  // at the quote
      if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return sink_.Error(key_at, "unreadable object key");
      }
      RETURN_IF_ERROR(on_field(key, field.value()));
    }
    return absl::OkStatus();
  }

  // The string value of v: a view of the input when it has no escape (the
  // strict scanner has checked it), else unescaped by simdjson. False when v
  // is not a string.
  static bool String(od::value& v, std::string_view* out) {
    const std::string_view tok = TrimJsonWhitespace(v.raw_json_token());
    if (tok.size() < 2 || tok.front() != '"' || HasBackslash(tok)) {
      return v.get_string().get(*out) == simdjson::SUCCESS;
    }
    od::raw_json_string unused;
    *out = tok.substr(1, tok.size() - 2);
    return v.get_raw_json_string().get(unused) == simdjson::SUCCESS;
  }

  static bool IsNull(od::value& v) {
    od::json_type t;
    return v.type().get(t) == simdjson::SUCCESS && t == od::json_type::null;
  }

  absl::Status Top(od::value& top);
  absl::Status Dataset(od::value& v);

 private:
  absl::Status Errors(od::value& v);
  absl::Status Required(std::string_view key, bool found, uint64_t at) {
    if (found) return absl::OkStatus();
    return sink_.Error(at, absl::StrCat("missing \"", ToAbsl(key), "\" (expected ",
                                        ToAbsl(kShape), ")"));
  }

  NameListSink& sink_;
  std::string_view data_;
};

// A GraphQL "errors" array: an error unless empty (or null).
absl::Status Walker::Errors(od::value& v) {
  if (IsNull(v)) return absl::OkStatus();
  const uint64_t at = At(v);
  od::array errors;
  if (v.get_array().get(errors) != simdjson::SUCCESS) {
    return sink_.Error(at, "\"errors\" must be an array");
  }
  size_t count = 0;
  std::string message;
  for (auto element : errors) {
    std::string_view text;
    if (count++ == 0 && element.find_field_unordered("message").get_string().get(text) ==
                            simdjson::SUCCESS) {
      message = absl::StrCat(": ", ToAbsl(text));
    }
  }
  if (count == 0) return absl::OkStatus();
  return sink_.Error(at, absl::StrCat("the transaction query returned ", count,
                                      count == 1 ? " error" : " errors", message));
}

absl::Status Walker::Top(od::value& top) {
  bool data = false, transaction = false, datasets = false;
  const uint64_t top_at = At(top);
  absl::Status errors = absl::OkStatus(), data_null = absl::OkStatus();
  RETURN_IF_ERROR(Fields(top, "the document", [&](std::string_view key, od::value& v) {
    if (key == "errors") {
      errors = Errors(v);
      return absl::OkStatus();
    }
    if (key != "data") return absl::OkStatus();
    data = true;
    const uint64_t data_at = At(v);
    if (IsNull(v)) {  // reported after "errors", which explain it better
      data_null = sink_.Error(data_at, "\"data\" is null: the query found no transaction");
      return absl::OkStatus();
    }
    RETURN_IF_ERROR(Fields(v, "\"data\"", [&](std::string_view key, od::value& v) {
      if (key != "transaction") return absl::OkStatus();
      transaction = true;
      if (IsNull(v)) return sink_.Error(At(v), "\"transaction\" is null: no such transaction");
      const uint64_t tx_at = At(v);
      RETURN_IF_ERROR(Fields(v, "\"transaction\"", [&](std::string_view key, od::value& v) {
        if (key != "datasets") return absl::OkStatus();
        datasets = true;
        const uint64_t at = At(v);
        od::array array;
        if (v.get_array().get(array) != simdjson::SUCCESS) {
          return sink_.Error(at, "\"datasets\" must be an array");
        }
        for (auto element : array) {
          od::value dataset;
          if (element.get(dataset) != simdjson::SUCCESS) {
            return sink_.Error(at, "unreadable dataset");
          }
          RETURN_IF_ERROR(Dataset(dataset));
        }
        return absl::OkStatus();
      }));
      return Required("datasets", datasets, tx_at);
    }));
    return Required("transaction", transaction, data_at);
  }));
  RETURN_IF_ERROR(errors);  // a partial answer is refused even with data
  RETURN_IF_ERROR(data_null);
  return Required("data", data, top_at);
}

// {"id": "…", "name": "…", "committed": true}: one entry.
absl::Status Walker::Dataset(od::value& v) {
  const uint64_t at = At(v);
  bool has_name = false;
  Flag flag = Flag::kNone;
  // Views into the document's string buffer: simdjson keeps every string it
  // unescapes until the parser reads another document.
  std::string_view name, id;
  RETURN_IF_ERROR(Fields(v, "a dataset", [&](std::string_view key, od::value& v) {
    const uint64_t value_at = At(v);
    const bool null = IsNull(v);
    std::string_view s;
    if (key == "name") {
      if (null || !String(v, &s)) {
        return sink_.Error(value_at, "\"name\" must be a string");
      }
      if (s.empty()) return sink_.Error(value_at, "empty dataset name");
      has_name = true;
      name = s;
    } else if (key == "id" && !null) {
      if (!String(v, &s)) {
        return sink_.Error(value_at, "\"id\" must be a string");
      }
      for (const char c : s) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '\'' ||
            c == '\\') {
          return sink_.Error(value_at,
                             "the id contains a blank, quote, backslash or control character "
                             "(ids are printed one per line for xargs)");
        }
      }
      id = s;
    } else if (key == "committed") {
      bool b = false;
      if (!null && v.get_bool().get(b) != simdjson::SUCCESS) {
        return sink_.Error(value_at, "\"committed\" must be true, false or null");
      }
      flag = b ? Flag::kCommitted : Flag::kNotCommitted;  // null: present but not true
    }
    return absl::OkStatus();
  }));
  if (!has_name) return sink_.Error(at, "a dataset without a \"name\"");
  sink_.Add(name, id, flag, at);
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseTransactionJson(NameListSink& sink, std::string_view data, size_t start) {
  const std::string_view text = data.substr(start);
  if (text.size() > kMaxJsonDocumentBytes) {
    return sink.Error(start, absl::StrCat("too large for one JSON document (", text.size(), " bytes; the JSON parser's limit is ",
                                          kMaxJsonDocumentBytes, " bytes, and a JSON name list is parsed as one document)"));
  }
  if (const auto syntax = FindJsonSyntaxError(text)) {
    return sink.Error(start + syntax->offset, syntax->message);
  }
  od::parser parser;
  od::document doc;
  od::value top;
  if (parser.iterate(text.data(), text.size(), text.size() + kFileBufferPadding).get(doc) !=
          simdjson::SUCCESS ||
      doc.get_value().get(top) != simdjson::SUCCESS) {
    return sink.Error(start, "unreadable JSON document");  // the scanner accepted it
  }
  return Walker(sink, data).Top(top);
}

}  // namespace etldag::load_internal
