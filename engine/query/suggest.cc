#include "engine/query/suggest.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace etldag {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// `whole` ends with "/" + `part` (ignoring case).
bool EndsWithSegment(std::string_view whole, std::string_view part) {
  if (part.empty() || whole.size() <= part.size()) return false;
  const size_t cut = whole.size() - part.size();
  return whole[cut - 1] == '/' && IEqual(whole.substr(cut), part);
}

// Banded Levenshtein over (a, b) with reusable row buffers; see header.
size_t Banded(std::string_view a, std::string_view b, size_t k, std::vector<size_t>& prev,
              std::vector<size_t>& cur) {
  // A common prefix or suffix never changes the distance: strip it first.
  while (!a.empty() && !b.empty() && Lower(a.front()) == Lower(b.front())) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && Lower(a.back()) == Lower(b.back())) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  const size_t la = a.size(), lb = b.size(), inf = k + 1;
  if ((la > lb ? la - lb : lb - la) > k) return inf;
  prev.assign(lb + 2, inf);
  cur.assign(lb + 2, inf);
  for (size_t j = 0; j <= std::min(lb, k); ++j) prev[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    const size_t lo = i > k ? i - k : 0, hi = std::min(lb, i + k);
    size_t row_min = inf, start = lo;
    if (lo == 0) {
      cur[0] = i;
      row_min = i;
      start = 1;
    } else {
      cur[lo - 1] = inf;
    }
    const char ca = Lower(a[i - 1]);
    for (size_t j = start; j <= hi; ++j) {
      const size_t sub = prev[j - 1] + (ca != Lower(b[j - 1]) ? 1 : 0);
      const size_t v = std::min({sub, prev[j] + 1, cur[j - 1] + 1, inf});
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    cur[hi + 1] = inf;
    if (row_min > k) return inf;
    std::swap(prev, cur);
  }
  return std::min(prev[lb], inf);
}

size_t Cutoff(size_t len) { return len <= 4 ? 1 : std::max<size_t>(2, len / 4); }

// The ranking of the header over candidates 0..n-1 (name_of(i) -> string_view).
template <typename NameOf>
std::vector<std::string> Rank(size_t n, const NameOf& name_of, std::string_view query,
                              size_t max) {
  using Key = std::tuple<int, size_t, size_t>;  // (class, distance, index)
  std::vector<Key> best;                        // sorted, at most `max`
  if (max == 0 || query.empty()) return {};
  std::string lower_query(query), lowered;
  for (char& c : lower_query) c = Lower(c);
  const size_t cutoff = Cutoff(query.size());
  std::vector<size_t> prev, cur;
  const auto offer = [&](const Key& k) {
    if (best.size() == max && !(k < best.back())) return;
    best.insert(std::upper_bound(best.begin(), best.end(), k), k);
    if (best.size() > max) best.pop_back();
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string_view name = name_of(i);
    // Worst class/distance still admitted once `best` is full.
    const bool full = best.size() == max;
    const int worst_class = full ? std::get<0>(best.back()) : 5;
    if (IEqual(name, query)) { offer({1, 0, i}); continue; }
    if (worst_class < 2) continue;
    if (EndsWithSegment(name, query) || EndsWithSegment(query, name)) { offer({2, 0, i}); continue; }
    if (worst_class < 3) continue;
    size_t k = cutoff;
    if (full && worst_class == 3) k = std::min(k, std::get<1>(best.back()));
    const size_t d = Banded(name, query, k, prev, cur);
    if (d <= k) { offer({3, d, i}); continue; }
    if (worst_class < 4 || query.size() < 3 || name.size() < query.size()) continue;
    lowered.assign(name);
    for (char& c : lowered) c = Lower(c);
    if (lowered.find(lower_query) != std::string::npos) offer({4, 0, i});
  }
  std::vector<std::string> out;
  out.reserve(best.size());
  for (const Key& k : best) out.emplace_back(name_of(std::get<2>(k)));
  return out;
}

}  // namespace

size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t cutoff) {
  std::vector<size_t> prev, cur;
  return Banded(a, b, cutoff, prev, cur);
}

std::vector<std::string> SuggestNames(const Graph& g, std::string_view name, size_t max) {
  return Rank(g.num_nodes(), [&](size_t i) { return g.name(static_cast<NodeId>(i)); }, name, max);
}

std::vector<std::string> SuggestFrom(std::span<const std::string_view> candidates,
                                     std::string_view name, size_t max) {
  return Rank(candidates.size(), [&](size_t i) { return candidates[i]; }, name, max);
}

}  // namespace etldag
