#include "engine/query/suggest.h"

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "engine/graph/graph_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Oracle: the textbook full Levenshtein DP, case-insensitive.
size_t FullEditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = d[i - 1][j - 1] + (Lower(a[i - 1]) != Lower(b[j - 1]) ? 1 : 0);
      d[i][j] = std::min({sub, d[i - 1][j] + 1, d[i][j - 1] + 1});
    }
  }
  return d[a.size()][b.size()];
}

std::string Lowered(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = Lower(c);
  return r;
}

// Oracle: the ranking of suggest.h, spelled out naively over every candidate.
std::vector<std::string> OracleSuggest(const std::vector<std::string>& names,
                                       std::string_view q, size_t max) {
  std::vector<std::tuple<int, size_t, size_t>> keys;
  if (q.empty()) return {};
  const size_t cutoff = q.size() <= 4 ? 1 : std::max<size_t>(2, q.size() / 4);
  const std::string lq = Lowered(q);
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string ln = Lowered(names[i]);
    const auto seg_suffix = [](const std::string& w, const std::string& p) {
      return !p.empty() && w.size() > p.size() && w.ends_with("/" + p);
    };
    if (ln == lq) {
      keys.emplace_back(1, 0, i);
    } else if (seg_suffix(ln, lq) || seg_suffix(lq, ln)) {
      keys.emplace_back(2, 0, i);
    } else if (size_t d = FullEditDistance(ln, lq); d <= cutoff) {
      keys.emplace_back(3, d, i);
    } else if (lq.size() >= 3 && ln.find(lq) != std::string::npos) {
      keys.emplace_back(4, 0, i);
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> out;
  for (size_t k = 0; k < keys.size() && k < max; ++k) out.push_back(names[std::get<2>(keys[k])]);
  return out;
}

std::vector<std::string_view> Views(const std::vector<std::string>& v) {
  return {v.begin(), v.end()};
}

TEST(BoundedEditDistanceTest, MatchesFullDpOnRandomStrings) {
  std::mt19937 rng(7);
  const std::string alphabet = "abAB/-c";
  for (int t = 0; t < 3000; ++t) {
    std::string a, b;
    const size_t la = rng() % 9, lb = rng() % 9;
    for (size_t i = 0; i < la; ++i) a += alphabet[rng() % alphabet.size()];
    for (size_t i = 0; i < lb; ++i) b += alphabet[rng() % alphabet.size()];
    const size_t cutoff = rng() % 6;
    const size_t full = FullEditDistance(a, b);
    EXPECT_EQ(BoundedEditDistance(a, b, cutoff), std::min(full, cutoff + 1))
        << a << " / " << b << " cutoff " << cutoff;
  }
}

TEST(BoundedEditDistanceTest, Examples) {
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 2), 3u);  // cutoff + 1
  EXPECT_EQ(BoundedEditDistance("ABC", "abc", 0), 0u);
  EXPECT_EQ(BoundedEditDistance("", "abc", 3), 3u);
  EXPECT_EQ(BoundedEditDistance("", "", 0), 0u);
}

TEST(SuggestNamesTest, RanksCaseSuffixTypoSubstring) {
  ASSERT_OK_AND_ASSIGN(
      Graph g, BuildGraph({{"series-contract/scr-operacao", ""},
                           {"dataset/customer-events", ""},
                           {"dataset/customer-event", ""},
                           {"dataset/orders", ""},
                           {"model/churn", ""},
                           {"archive/customer-events-2019", ""}},
                          {}));
  EXPECT_THAT(SuggestNames(g, "scr-operacao"), ElementsAre("series-contract/scr-operacao"));
  EXPECT_THAT(SuggestNames(g, "Dataset/Orders"), ElementsAre("dataset/orders"));
  // Typos: distance 1 before distance 2; then substring matches.
  EXPECT_THAT(SuggestNames(g, "dataset/customr-events"),
              ElementsAre("dataset/customer-events", "dataset/customer-event"));
  EXPECT_THAT(SuggestNames(g, "customer", 5),
              ElementsAre("archive/customer-events-2019", "dataset/customer-event",
                          "dataset/customer-events"));
  EXPECT_THAT(SuggestNames(g, "customer", 1), ElementsAre("archive/customer-events-2019"));
  EXPECT_THAT(SuggestNames(g, "zzzzzzzzzz"), IsEmpty());
  EXPECT_THAT(SuggestNames(g, ""), IsEmpty());
  EXPECT_THAT(SuggestNames(g, "model/churn", 0), IsEmpty());
  // The query is longer and ends with "/" + an existing name.
  EXPECT_THAT(SuggestNames(g, "nu-mx/model/churn"), ElementsAre("model/churn"));
}

TEST(SuggestNamesTest, EmptyGraph) {
  Graph g;
  EXPECT_THAT(SuggestNames(g, "x"), IsEmpty());
}

TEST(SuggestFromTest, CommandNames) {
  const std::vector<std::string_view> commands = {"stats", "validate", "downstream", "upstream",
                                                  "path"};
  EXPECT_THAT(SuggestFrom(commands, "downstrem"), ElementsAre("downstream"));
  EXPECT_THAT(SuggestFrom(commands, "stat"), ElementsAre("stats"));
  // "upstream" is 2 edits away; "downstream" only contains the query.
  EXPECT_THAT(SuggestFrom(commands, "stream"), ElementsAre("upstream", "downstream"));
}

// Property: the fast ranking equals the naive oracle on many random name sets.
TEST(SuggestFromTest, MatchesOracleOnRandomNameSets) {
  std::mt19937 rng(11);
  const std::vector<std::string> segs = {"dataset", "contract", "raw", "Model", "policy",
                                         "nu-mx", "a", "ab", "abc", "orders", "order"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> names;
    const size_t n = 1 + rng() % 40;
    for (size_t i = 0; i < n; ++i) {
      std::string s = segs[rng() % segs.size()];
      for (size_t d = rng() % 3; d > 0; --d) s += "/" + segs[rng() % segs.size()];
      if (rng() % 3 == 0) s += static_cast<char>('a' + rng() % 4);
      names.push_back(s);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string q = names[rng() % names.size()];
    switch (rng() % 4) {  // mutate the query
      case 0: q.erase(rng() % q.size(), 1); break;
      case 1: q.insert(rng() % (q.size() + 1), 1, 'x'); break;
      case 2: q = q.substr(q.find('/') == std::string::npos ? 0 : q.find('/') + 1); break;
      default: q[rng() % q.size()] = 'Q'; break;
    }
    const size_t max = 1 + rng() % 4;
    const auto views = Views(names);
    EXPECT_EQ(SuggestFrom(views, q, max), OracleSuggest(names, q, max)) << "query " << q;
  }
}

// A million candidates: must stay fast (no time assertion; the suite would
// crawl if suggestion were quadratic) and find the obvious match.
TEST(SuggestFromTest, MillionNames) {
  std::vector<std::string> names;
  names.reserve(1'000'000);
  for (int i = 0; i < 1'000'000; ++i) {
    names.push_back("dataset/table-" + std::to_string(i) + "/daily");
  }
  const auto views = Views(names);
  EXPECT_THAT(SuggestFrom(views, "dataset/table-123456/dialy", 1),
              ElementsAre("dataset/table-123456/daily"));
  EXPECT_THAT(SuggestFrom(views, "table-999999/daily", 1),
              ElementsAre("dataset/table-999999/daily"));
}

}  // namespace
}  // namespace etldag
