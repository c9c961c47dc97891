// The committed-datasets view of a name list (--committed FILE): which
// datasets a run's transaction actually committed, and their ids, to
// intersect a retraction set with (retraction_set.h) and print ids for
// `xargs`. The file is read by the one name-list reader (name_list.h).
//
// Committed = every listed node of a plain list (it is explicitly a list of
// committed names); in a transaction answer, every listed node minus those
// with "committed": false/null. Entries of a transaction answer that carry
// no "committed" flag are counted in assumed_committed: the ONLY_UNCOMMITTED
// answer has that shape (no entry flagged) and lists the opposite, so the CLI
// refuses a transaction answer without a single flag unless told to assume
// its entries committed, and warns with the count when only some lack one.
#ifndef ETLDAG_ENGINE_LOAD_COMMITTED_H_
#define ETLDAG_ENGINE_LOAD_COMMITTED_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"
#include "engine/load/name_list.h"

namespace etldag {

struct CommittedDatasets {
  using Format = NameList::Format;
  Format format = Format::kPlainList;
  Bitmap committed;  // per node of the graph
  // (node, id) of every committed dataset that has an id: distinct pairs,
  // sorted by node, then by first appearance in the file.
  std::vector<std::pair<NodeId, std::string>> ids;
  uint64_t entries = 0;            // names listed (lines or datasets), all of them
  uint64_t duplicates = 0;         // entries repeating a name listed before
  uint64_t not_committed = 0;      // JSON datasets whose "committed" is false/null
  uint64_t assumed_committed = 0;  // JSON datasets without a "committed" flag
  uint64_t flagged = 0;            // JSON datasets with one (true, false or null)
  uint64_t unknown = 0;            // distinct names that are no node
  std::vector<UnknownName> unknown_examples;  // the first few, in file order
};

// The ids of node v (empty when it has none), in file order.
std::vector<std::string_view> CommittedIdsOf(const CommittedDatasets& c, NodeId v);

// The committed view of a parsed list (see above).
CommittedDatasets CommittedFromNameList(NameList list);

// ParseNameList / ReadNameListFile, then CommittedFromNameList.
[[nodiscard]] absl::StatusOr<CommittedDatasets> ParseCommitted(std::string_view file_name,
                                                               std::string_view padded_data,
                                                               const Graph& g);
[[nodiscard]] absl::StatusOr<CommittedDatasets> ReadCommittedFile(std::string_view path,
                                                                  const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_COMMITTED_H_
