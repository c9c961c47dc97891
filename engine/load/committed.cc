// The committed view of a name list; see committed.h.
#include "engine/load/committed.h"

#include <algorithm>

#include "engine/base/status.h"

namespace etldag {

std::vector<std::string_view> CommittedIdsOf(const CommittedDatasets& c, NodeId v) {
  std::vector<std::string_view> out;
  auto it = std::lower_bound(c.ids.begin(), c.ids.end(), v,
                             [](const auto& e, NodeId x) { return e.first < x; });
  for (; it != c.ids.end() && it->first == v; ++it) out.push_back(it->second);
  return out;
}

CommittedDatasets CommittedFromNameList(NameList list) {
  CommittedDatasets c;
  c.format = list.format;
  c.committed = std::move(list.listed);
  c.committed.Subtract(list.not_committed);
  for (auto& entry : list.ids) {
    if (c.committed.Test(entry.first)) c.ids.push_back(std::move(entry));
  }
  c.entries = list.entries;
  c.duplicates = list.duplicates;
  c.not_committed = list.not_committed_entries;
  c.assumed_committed = list.format == NameList::Format::kTransactionJson ? list.unflagged : 0;
  c.flagged = list.flagged;
  c.unknown = list.unknown;
  c.unknown_examples = std::move(list.unknown_examples);
  return c;
}

absl::StatusOr<CommittedDatasets> ParseCommitted(std::string_view file_name,
                                                 std::string_view padded_data, const Graph& g) {
  ASSIGN_OR_RETURN(NameList list, ParseNameList(file_name, padded_data, g));
  return CommittedFromNameList(std::move(list));
}

absl::StatusOr<CommittedDatasets> ReadCommittedFile(std::string_view path, const Graph& g) {
  ASSIGN_OR_RETURN(NameList list, ReadNameListFile(path, g));
  return CommittedFromNameList(std::move(list));
}

}  // namespace etldag
