// Internal to the load module: the entry sink shared by the two parsers of
// name lists (name_list.h).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/graph/name_lookup.h"
#include "engine/load/name_list.h"

namespace etldag::load_internal {

enum class Flag : uint8_t { kNone, kCommitted, kNotCommitted };

class NameListSink {
 public:
  NameListSink(std::string_view file, std::string_view data, const Graph& g);

  // One entry at byte `offset` of the data: `id` empty = none. Error when the
  // entry's flag contradicts an earlier entry of the same name.
  [[nodiscard]] absl::Status Add(std::string_view name, std::string_view id, Flag flag, uint64_t offset);
  // InvalidArgumentError with FILE:LINE:COL, the line and a caret.
  [[nodiscard]] absl::Status Error(uint64_t offset, std::string_view what) const;
  void set_format(NameList::Format f) { l_.format = f; }
  NameList Finish() &&;

 private:
  std::string_view file_, data_;
  const Graph& g_;
  NameLookup lookup_{g_};  // hashed once the file proves long (name_lookup.h)
  NameList l_;
  // Names that are no node (lookups only, never iterated for output), with
  // the flag of their first flagged entry (for conflicts).
  absl::flat_hash_map<std::string, Flag> unknown_listed_;
};

// Parsers over data.substr(start) (start skips a BOM); data is padded.
[[nodiscard]] absl::Status ParsePlainNameList(NameListSink& sink, std::string_view data, size_t start);
[[nodiscard]] absl::Status ParseTransactionJson(NameListSink& sink, std::string_view data, size_t start);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_
