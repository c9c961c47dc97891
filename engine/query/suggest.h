// "Did you mean ...?" — the existing node names closest to a name that does
// not exist, for the error message of an unknown node argument.
//
// Ranking (best first; ties broken by node id, i.e. by name, so the answer is
// deterministic):
//   1. equal ignoring ASCII case                       ("Dataset/A" -> "dataset/a")
//   2. the name ends with "/" + query, ignoring case   ("scr-operacao" ->
//      "series-contract/scr-operacao"), or the query ends with "/" + name
//   3. case-insensitive Levenshtein distance <= cutoff, smaller first, where
//      cutoff = 1 for queries of <= 4 bytes, else max(2, len / 4)
//   4. the name contains the query (>= 3 bytes), ignoring case
// Cost: one pass over the names; the edit distance runs only on names whose
// length is within the cutoff, as a banded DP that stops as soon as a whole
// row exceeds the cutoff — fast on 1M names. Reference: Ukkonen, "Algorithms
// for approximate string matching", Inf. Control 64, 1985 (band cut-off).
#ifndef ETLDAG_ENGINE_QUERY_SUGGEST_H_
#define ETLDAG_ENGINE_QUERY_SUGGEST_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/graph.h"

namespace etldag {

// Up to `max` existing names, best first (empty when nothing is close).
std::vector<std::string> SuggestNames(const Graph& g, std::string_view name, size_t max = 3);

// The same ranking over an arbitrary candidate list (e.g. command names);
// ties keep the candidates' order.
std::vector<std::string> SuggestFrom(std::span<const std::string_view> candidates,
                                     std::string_view name, size_t max = 3);

// Case-insensitive (ASCII) Levenshtein distance between a and b if it is
// <= cutoff, else cutoff + 1.
size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t cutoff);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_QUERY_SUGGEST_H_
