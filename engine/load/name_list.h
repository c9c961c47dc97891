// Name lists: the one reader for every file that lists dataset names — the
// `file:PATH` selector method, `--committed FILE`, `--run FILE` (triage).
//
// Shape, detected by the first non-blank byte (after an optional UTF-8 BOM):
//   '{'  a GraphQL transaction answer. Two queries give two shapes:
//          ONLY_UNCOMMITTED (names only):
//            {"data":{"transaction":{"datasets":[{"name":"…"}, …]}}}
//          full (flags and ids):
//            {"data":{"transaction":{"datasets":[
//                {"id":"…","name":"…","committed":true}, …]}}}
//        "name" (string) is required; "id" (string) and "committed" (true,
//        false or null) are optional; null = absent for "id", "not true" for
//        "committed"; other fields anywhere are skipped. A non-empty
//        top-level "errors" array is an error (a partial answer must not
//        silently shrink a list). Ids must not contain blanks, quotes,
//        backslashes or control characters (they are printed one per line
//        for `xargs`).
//   '['  an error (a JSON array is none of the shapes; the message says so);
//   else a plain list: one name per line; LF or CRLF; blanks around a name
//        are trimmed; blank lines and lines starting with '#' are skipped;
//        control characters are an error. No flags, no ids.
// Duplicates are tolerated and counted; a name listed both with
// "committed": true and with false/null is an error at the later entry (a
// run state cannot be both). Names that are not nodes of the graph are
// counted (distinct names), the first few kept with their line, for the
// caller to warn about: never silently dropped, never an error.
// Errors: InvalidArgumentError whose message is the full text to print
// ("FILE:LINE:COL: error: WHAT", the line and a caret; source_location.h), or
// FileBuffer's codes (unreadable file: "FILE: error: …").
#ifndef ETLDAG_ENGINE_LOAD_NAME_LIST_H_
#define ETLDAG_ENGINE_LOAD_NAME_LIST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/base/bitmap.h"
#include "engine/graph/graph.h"

namespace etldag {

struct UnknownName {
  std::string name;
  uint64_t line = 0;  // 1-based line of its first entry
};

struct NameList {
  enum class Format : uint8_t { kPlainList, kTransactionJson };
  Format format = Format::kPlainList;
  // Per node of the graph. `listed` = named by some entry; `committed` =
  // some entry says "committed": true; `not_committed` = some entry says
  // false or null. Disjoint (a conflict is an error). Nodes listed only by
  // entries without a flag (every plain-list entry) are in neither.
  Bitmap listed, committed, not_committed;
  // (node, id) of every entry of a node that has an id: distinct pairs,
  // sorted by node, then by first appearance in the file.
  std::vector<std::pair<NodeId, std::string>> ids;
  uint64_t entries = 0;     // names listed (lines or datasets), all of them
  uint64_t duplicates = 0;  // entries repeating a name listed before
  uint64_t flagged = 0;     // entries with a "committed" field (true/false/null)
  uint64_t not_committed_entries = 0;  // of those, false or null
  uint64_t unflagged = 0;   // entries without one (every plain-list entry)
  uint64_t unknown = 0;     // distinct names that are no node
  std::vector<UnknownName> unknown_examples;  // the first few, in file order
};
inline constexpr size_t kMaxUnknownNameExamples = 5;

// The ids of node v (empty when it has none), in file order.
std::vector<std::string_view> IdsOf(const NameList& l, NodeId v);

// "list" or "transaction-json".
std::string_view NameListFormatName(NameList::Format f);

// Parses `padded_data` (kFileBufferPadding readable bytes after it, as a
// FileBuffer guarantees); `file_name` is only used in messages.
[[nodiscard]] absl::StatusOr<NameList> ParseNameList(std::string_view file_name,
                                                     std::string_view padded_data,
                                                     const Graph& g);
// Reads `path` ("-" = stdin) and parses it.
[[nodiscard]] absl::StatusOr<NameList> ReadNameListFile(std::string_view path, const Graph& g);

// ReadNameListFile in two phases, for callers that load the graph meanwhile
// (triage reads its run file while the graph loads): Read needs no graph and
// fails only when the file cannot be read; Resolve matches the entries with
// g's nodes and reports every other error exactly as ParseNameList does.
class PendingNameList {
 public:
  PendingNameList(PendingNameList&&) noexcept;
  PendingNameList& operator=(PendingNameList&&) noexcept;
  ~PendingNameList();
  [[nodiscard]] static absl::StatusOr<PendingNameList> Read(std::string_view path);
  [[nodiscard]] absl::StatusOr<NameList> Resolve(const Graph& g) const;

 private:
  PendingNameList();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_NAME_LIST_H_
