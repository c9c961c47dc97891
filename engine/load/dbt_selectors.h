// The "selectors" of a dbt manifest.json: the project's selectors.yml as dbt
// writes it into the manifest, an object by selector name of
//   {"name": NAME, "description": TEXT, "default": BOOL, "definition": DEF}
// where DEF is the YAML definition as JSON (a string, or an object with
// union / intersection / method+value / exclude / ..., see
// engine/query/yaml_selectors.h for its meaning). The graph loader skips this
// key; `select --selector NAME` reads it from the same file (plain or gzip),
// so a snapshot, which keeps no selectors, cannot answer --selector.
//
// Errors: the file's own read/gzip/JSON errors (InvalidArgument, with
// "FILE:LINE:COL: error: ..." for malformed JSON as every JSON reader);
// InvalidArgument "FILE: error: ..." for a "selectors" that is not an object
// of objects with a "definition", or a non-string "name"/"description".
// A manifest without "selectors" has none (an empty list).
#ifndef ETLDAG_ENGINE_LOAD_DBT_SELECTORS_H_
#define ETLDAG_ENGINE_LOAD_DBT_SELECTORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace etldag {

// A JSON value as a plain tree.
struct JsonTree {
  enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;               // kString: unescaped; kBool/kNumber: the literal as written
  std::vector<std::string> keys;  // kObject: keys in file order
  std::vector<JsonTree> items;    // kArray: elements; kObject: values (keys[i] -> items[i])

  // The value of `key` in an object (the last one if repeated), or null.
  const JsonTree* Find(std::string_view key) const;
};

struct DbtSelectorDef {
  std::string name;
  std::string description;
  bool is_default = false;
  JsonTree definition;
};

// Nesting deeper than this in a definition is refused (InvalidArgument).
inline constexpr int kMaxSelectorDepth = 64;

// The selectors of the manifest at `path`, sorted by name.
[[nodiscard]] absl::StatusOr<std::vector<DbtSelectorDef>> LoadManifestSelectors(std::string_view path);

// The same from a manifest's text (`padded_json`: kFileBufferPadding
// readable bytes after its end); `file_name` names it in errors.
[[nodiscard]] absl::StatusOr<std::vector<DbtSelectorDef>> ParseManifestSelectors(std::string_view file_name,
                                                                                 std::string_view padded_json);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_DBT_SELECTORS_H_
