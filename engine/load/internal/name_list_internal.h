// Internal to the load module: the entry sink shared by the two parsers of
// name lists (name_list.h).
#ifndef ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_
#define ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <deque>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/graph/name_lookup.h"
#include "engine/load/name_list.h"

namespace etldag::load_internal {

enum class Flag : uint8_t { kNone, kCommitted, kNotCommitted };

// Collects the entries of one name list (no graph needed), then matches them
// with a graph's nodes (Resolve). A shape error stops the collection and is
// kept: Resolve replays the entries before it first, so a flag conflict
// earlier in the file is reported before it, as a single pass would.
class NameListSink {
 public:
  NameListSink(std::string_view file, std::string_view data);

  // One entry at byte `offset` of the data: `id` empty = none. Views outside
  // the data (unescaped strings) are copied.
  void Add(std::string_view name, std::string_view id, Flag flag, uint64_t offset);
  // InvalidArgumentError with FILE:LINE:COL, the line and a caret.
  [[nodiscard]] absl::Status Error(uint64_t offset, std::string_view what) const;
  void set_format(NameList::Format f) { format_ = f; }
  // The entries against g's nodes; the first flag conflict, or the kept
  // shape error `collected` (the collection's status), is the error.
  [[nodiscard]] absl::StatusOr<NameList> Resolve(const Graph& g, const absl::Status& collected) const;

 private:
  struct Entry {
    std::string_view name, id;
    Flag flag;
    uint64_t offset;
  };
  std::string_view Keep(std::string_view s);

  std::string_view file_, data_;
  NameList::Format format_ = NameList::Format::kPlainList;
  std::vector<Entry> entries_;
  std::deque<std::string> owned_;  // unescaped strings (stable addresses)
};

// Parsers over data.substr(start) (start skips a BOM); data is padded.
[[nodiscard]] absl::Status ParsePlainNameList(NameListSink& sink, std::string_view data, size_t start);
[[nodiscard]] absl::Status ParseTransactionJson(NameListSink& sink, std::string_view data, size_t start);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_INTERNAL_NAME_LIST_INTERNAL_H_
