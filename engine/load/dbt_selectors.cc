// The manifest's "selectors" (dbt_selectors.h), read with simdjson's DOM
// API: the key is small, so the whole document is parsed once more and only
// this key is converted into JsonTree values.
#include "engine/load/dbt_selectors.h"

#include <simdjson.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"
#include "engine/graph/snapshot.h"
#include "engine/load/file_buffer.h"
#include "engine/load/gzip.h"
#include "engine/load/internal/load_error.h"

namespace etldag {
namespace {

[[nodiscard]] absl::Status Bad(std::string_view file, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(file), ": error: ", ToAbsl(what)));
}

// Converts `e` (depth levels below the definition) into a JsonTree.
// Recursion over the definition's nesting, bounded by kMaxSelectorDepth.
[[nodiscard]] absl::Status Convert(simdjson::dom::element e, int depth, std::string_view file, std::string_view selector,
                     JsonTree* out) {
  if (depth > kMaxSelectorDepth) {
    return Bad(file, absl::StrCat("selector \"", ToAbsl(selector), "\": the definition nests deeper than ",
                                  kMaxSelectorDepth, " levels"));
  }
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::NULL_VALUE: out->type = JsonTree::Type::kNull; break;
    case T::BOOL:
      out->type = JsonTree::Type::kBool;
      out->text = e.get_bool().value_unsafe() ? "true" : "false";
      break;
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE:
      out->type = JsonTree::Type::kNumber;
      out->text = simdjson::minify(e);
      break;
    case T::STRING:
      out->type = JsonTree::Type::kString;
      out->text = std::string(e.get_string().value_unsafe());
      break;
    case T::ARRAY: {
      out->type = JsonTree::Type::kArray;
      simdjson::dom::array arr;
      if (e.get_array().get(arr)) return Bad(file, "not an array");
      for (simdjson::dom::element item : arr) {
        out->items.emplace_back();
        RETURN_IF_ERROR(Convert(item, depth + 1, file, selector, &out->items.back()));
      }
      break;
    }
    case T::OBJECT: {
      out->type = JsonTree::Type::kObject;
      simdjson::dom::object obj;
      if (e.get_object().get(obj)) return Bad(file, "not an object");
      for (simdjson::dom::key_value_pair kv : obj) {
        out->keys.emplace_back(kv.key);
        out->items.emplace_back();
        RETURN_IF_ERROR(Convert(kv.value, depth + 1, file, selector, &out->items.back()));
      }
      break;
    }
  }
  return absl::OkStatus();
}

[[nodiscard]] absl::StatusOr<DbtSelectorDef> ReadOne(std::string_view key, simdjson::dom::element e, std::string_view file) {
  DbtSelectorDef def;
  def.name = std::string(key);
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return Bad(file, absl::StrCat("selector \"", ToAbsl(key), "\" must be an object"));
  simdjson::dom::element v;
  if (!obj["name"].get(v) && !v.is_null()) {
    std::string_view name;
    if (v.get_string().get(name)) return Bad(file, absl::StrCat("selector \"", ToAbsl(key), "\": \"name\" must be a string"));
  }
  if (!obj["description"].get(v) && !v.is_null()) {
    std::string_view text;
    if (v.get_string().get(text)) {
      return Bad(file, absl::StrCat("selector \"", ToAbsl(key), "\": \"description\" must be a string"));
    }
    def.description = std::string(text);
  }
  if (!obj["default"].get(v)) {
    bool b = false;
    if (!v.get_bool().get(b)) def.is_default = b;  // dbt also allows a Jinja string here
  }
  if (obj["definition"].get(v)) return Bad(file, absl::StrCat("selector \"", ToAbsl(key), "\" has no \"definition\""));
  RETURN_IF_ERROR(Convert(v, 0, file, key, &def.definition));
  return def;
}

}  // namespace

const JsonTree* JsonTree::Find(std::string_view key) const {
  const JsonTree* found = nullptr;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) found = &items[i];
  }
  return found;
}

absl::StatusOr<std::vector<DbtSelectorDef>> ParseManifestSelectors(std::string_view file_name,
                                                                   std::string_view padded_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(padded_json.data(), padded_json.size(), false).get(doc)) {
    const load_internal::JsonInput in{file_name, padded_json, 0};
    return load_internal::SyntaxError(in, 0, simdjson::error_message(err));
  }
  std::vector<DbtSelectorDef> out;
  simdjson::dom::element selectors;
  if (doc["selectors"].get(selectors) || selectors.is_null()) return out;
  simdjson::dom::object obj;
  if (selectors.get_object().get(obj)) return Bad(file_name, "the manifest's \"selectors\" must be an object");
  for (simdjson::dom::key_value_pair kv : obj) {
    ASSIGN_OR_RETURN(DbtSelectorDef def, ReadOne(kv.key, kv.value, file_name));
    out.push_back(std::move(def));
  }
  std::sort(out.begin(), out.end(), [](const DbtSelectorDef& a, const DbtSelectorDef& b) { return a.name < b.name; });
  return out;
}

absl::StatusOr<std::vector<DbtSelectorDef>> LoadManifestSelectors(std::string_view path) {
  ASSIGN_OR_RETURN(FileBuffer file, FileBuffer::Read(path));
  if (LooksLikeSnapshot(file.data())) {
    return Bad(file.display_name(), "a snapshot keeps no dbt selectors: give --selector the manifest itself");
  }
  if (LooksLikeGzip(file.data())) {
    ASSIGN_OR_RETURN(FileBuffer plain, InflateGzip(file.display_name(), file.data()));
    return ParseManifestSelectors(plain.display_name(), plain.data());
  }
  return ParseManifestSelectors(file.display_name(), file.data());
}

}  // namespace etldag
