// Internal to the load module: the entry sink shared by the two parsers of
// the committed-datasets file (committed.h).
#ifndef ETLDAG_ENGINE_LOAD_COMMITTED_INTERNAL_H_
#define ETLDAG_ENGINE_LOAD_COMMITTED_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/graph/name_lookup.h"
#include "engine/load/committed.h"

namespace etldag::load_internal {

class CommittedSink {
 public:
  CommittedSink(std::string_view file, std::string_view data, const Graph& g);

  // One entry of the file: `id` empty = none; only committed entries join
  // the set (and give an id).
  void Add(std::string_view name, std::string_view id, bool committed);
  // InvalidArgumentError with FILE:LINE:COL, the line and a caret.
  absl::Status Error(uint64_t offset, std::string_view what) const;
  void set_format(CommittedDatasets::Format f) { c_.format = f; }
  CommittedDatasets Finish() &&;

 private:
  std::string_view file_, data_;
  const Graph& g_;
  NameLookup lookup_{g_};  // hashed once the file proves long (name_lookup.h)
  CommittedDatasets c_;
  Bitmap listed_;  // nodes named by any entry so far
  // Names that are no node (lookups only, never iterated for output).
  absl::flat_hash_set<std::string> unknown_listed_, unknown_committed_;
};

// Parsers over data.substr(start) (start skips a BOM); data is padded.
absl::Status ParseCommittedList(CommittedSink& sink, std::string_view data, size_t start);
absl::Status ParseCommittedJson(CommittedSink& sink, std::string_view data, size_t start);

}  // namespace etldag::load_internal

#endif  // ETLDAG_ENGINE_LOAD_COMMITTED_INTERNAL_H_
