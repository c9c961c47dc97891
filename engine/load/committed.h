// The committed-datasets file (--committed FILE): which datasets a run's
// transaction actually committed, and their ids, to intersect a retraction
// set with (retraction_set.h) and print ids for `xargs`.
//
// Format, detected by the first non-blank byte (after an optional UTF-8 BOM):
//   '{'  the metadata service's transaction query result:
//          {"data": {"transaction": {"datasets": [
//              {"id": "…", "name": "…", "committed": true}, …]}}}
//        "name" (string) is required; "id" (string) and "committed"
//        (boolean) are optional; null = absent; other fields anywhere are
//        skipped. Where "committed" is present only true counts (false and
//        null entries are counted in not_committed and contribute no id).
//        A non-empty top-level "errors" array (GraphQL) is an error: a partial
//        answer must not silently shrink a retraction. Ids must not contain
//        blanks, quotes, backslashes or control characters (they are printed
//        one per line for `xargs`, which would split or mangle them).
//   '['  an error (a JSON array is neither form; the message says so);
//   else a plain list: one name per line; LF or CRLF; blanks around a name
//        are trimmed; blank lines and lines starting with '#' are skipped;
//        control characters are an error. No ids.
// Duplicates are tolerated and counted (a name listed again, in either form;
// in JSON a second distinct id of a name is kept too). Names that are not
// nodes of the graph are counted (distinct names) with the first few kept,
// for the caller to warn about: never silently dropped, never an error.
// Errors: InvalidArgumentError whose message is the full text to print
// ("FILE:LINE:COL: error: WHAT", the line and a caret; source_location.h), or
// FileBuffer's codes (unreadable file).
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

namespace etldag {

struct CommittedDatasets {
  enum class Format : uint8_t { kPlainList, kTransactionJson };
  Format format = Format::kPlainList;
  Bitmap committed;  // per node of the graph
  // (node, id) of every committed dataset that has an id: distinct pairs,
  // sorted by node, then by first appearance in the file.
  std::vector<std::pair<NodeId, std::string>> ids;
  uint64_t entries = 0;        // names listed (lines or datasets), all of them
  uint64_t duplicates = 0;     // entries repeating a name listed before
  uint64_t not_committed = 0;  // JSON datasets whose "committed" is false/null
  uint64_t unknown = 0;        // distinct committed names that are no node
  std::vector<std::string> unknown_examples;  // the first few, in file order
};
inline constexpr size_t kMaxUnknownCommittedExamples = 5;

// The ids of node v (empty when it has none), in file order.
std::vector<std::string_view> CommittedIdsOf(const CommittedDatasets& c, NodeId v);

// Parses `padded_data` (kFileBufferPadding readable bytes after it, as a
// FileBuffer guarantees); `file_name` is only used in messages.
[[nodiscard]] absl::StatusOr<CommittedDatasets> ParseCommitted(std::string_view file_name,
                                                               std::string_view padded_data,
                                                               const Graph& g);
// Reads `path` ("-" = stdin) and parses it.
[[nodiscard]] absl::StatusOr<CommittedDatasets> ReadCommittedFile(std::string_view path,
                                                                  const Graph& g);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_COMMITTED_H_
