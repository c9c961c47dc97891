// Glob matcher: a table of cases, errors with offsets, the literal-prefix
// contract, pathological patterns, and a property test against glibc's
// fnmatch(3) without FNM_PATHNAME (the semantics glob.h promises).
#include "engine/query/internal/glob.h"

#include <fnmatch.h>

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

bool M(std::string_view pattern, std::string_view text) {
  absl::StatusOr<Glob> g = Glob::Compile(pattern);
  EXPECT_TRUE(g.ok()) << pattern << ": " << g.status();
  return g.ok() && g->Matches(text);
}

struct Case {
  const char* pattern;
  const char* text;
  bool match;
};

TEST(GlobTest, Table) {
  const Case kCases[] = {
      {"dataset/*", "dataset/a", true},
      {"dataset/*", "dataset/", true},
      {"dataset/*", "dataset", false},
      {"dataset/*", "model/dataset/a", false},
      {"*/policy/*", "nu-mx/policy/x", true},
      {"*/policy/*", "a/b/policy/c/d", true},  // '*' crosses '/'
      {"*/policy/*", "policy/x", false},
      {"*", "", true},
      {"*", "anything/at/all", true},
      {"", "", true},
      {"", "a", false},
      {"a", "a", true},
      {"a", "ab", false},
      {"?", "a", true},
      {"?", "", false},
      {"?", "/", true},
      {"a?c", "abc", true},
      {"a?c", "ac", false},
      {"**a**", "xxaxx", true},
      {"*a", "bbba", true},
      {"*a", "bbab", false},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "aXcYb", false},
      {"a*b", "ab", true},
      {"*ab", "aab", true},   // needs the star to give back
      {"*aab", "aaab", true},
      {"a*a*a*b", "aaaab", true},
      {"[abc]", "b", true},
      {"[abc]", "d", false},
      {"[a-c]x", "bx", true},
      {"[a-c]x", "dx", false},
      {"[!a-c]", "d", true},
      {"[!a-c]", "a", false},
      {"[^a-c]", "z", true},
      {"[^a-c]", "c", false},
      {"[]]", "]", true},        // ']' first is literal
      {"[!]]", "]", false},
      {"[!]]", "a", true},
      {"[a-]", "-", true},       // '-' last is literal
      {"[-a]", "-", true},
      {"[z-a]", "m", false},     // reversed range is empty
      {"[*?]", "*", true},
      {"[*?]", "a", false},
      {"\\*", "*", true},
      {"\\*", "a", false},
      {"a\\[b", "a[b", true},
      {"[\\]]", "]", true},
      {"x\\", "x\\", true},      // trailing backslash is literal
      {"v[0-9][0-9]", "v42", true},
      {"v[0-9][0-9]", "v4a", false},
      {"*.json", "spark_ops.json", true},
      {"\xC3\xA9*", "\xC3\xA9t\xC3\xA9", true},  // UTF-8 bytes match literally
      {"??", "\xC3\xA9", true},                    // '?' is one byte
      {"a*a", "a", false},   // prefix and suffix overlap: still needs 2 bytes
      {"a*a", "aa", true},
      {"ab", "b", false},
      {"a?", "a", false},
      {"*x*y", "xy", true},
      {"*x*y", "yx", false},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(M(c.pattern, c.text), c.match) << "pattern \"" << c.pattern << "\" text \"" << c.text << "\"";
  }
}

TEST(GlobTest, HasGlobMeta) {
  EXPECT_TRUE(HasGlobMeta("a*"));
  EXPECT_TRUE(HasGlobMeta("a?"));
  EXPECT_TRUE(HasGlobMeta("a[b]"));
  EXPECT_FALSE(HasGlobMeta("dataset/a-b_c.d"));
  EXPECT_FALSE(HasGlobMeta("a]"));
  EXPECT_FALSE(HasGlobMeta(""));
}

TEST(GlobTest, Errors) {
  size_t offset = 99;
  EXPECT_THAT(Glob::Compile("ab[cd", &offset), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unterminated '['")));
  EXPECT_EQ(offset, 2u);
  EXPECT_THAT(Glob::Compile("[", &offset), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(offset, 0u);
  EXPECT_THAT(Glob::Compile("x[]", &offset), StatusIs(absl::StatusCode::kInvalidArgument));  // ']' first is literal
  EXPECT_EQ(offset, 1u);
  EXPECT_THAT(Glob::Compile("x[[:alpha:]]", &offset),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("POSIX character classes")));
  EXPECT_EQ(offset, 2u);
  // As the end of a range too (found by the selector fuzz target in CI: fnmatch reads
  // "[." there as a collating symbol and matched nothing where we matched "a").
  EXPECT_THAT(Glob::Compile("[a+c-[.!]*+59", &offset),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("POSIX character classes")));
  EXPECT_EQ(offset, 5u);
  EXPECT_THAT(Glob::Compile("[a-[=b=]]", &offset), StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(const Glob ok, Glob::Compile("[a+c-[]*"));  // a '[' ending a range is fine
  EXPECT_TRUE(ok.Matches("a"));
}

TEST(GlobTest, LiteralPrefix) {
  struct PrefixCase {
    const char* pattern;
    const char* prefix;
    bool prefix_star;
  };
  const PrefixCase kCases[] = {
      {"dataset/*", "dataset/", true},   {"dataset/**", "dataset/", true},
      {"dataset/*x", "dataset/", false}, {"*/policy/*", "", false},
      {"abc", "abc", false},             {"a\\*b*", "a*b", true},
      {"ab?", "ab", false},              {"[ab]c*", "", false},
      {"*", "", true},                   {"", "", false},
  };
  for (const PrefixCase& c : kCases) {
    absl::StatusOr<Glob> g = Glob::Compile(c.pattern);
    ASSERT_TRUE(g.ok()) << c.pattern;
    EXPECT_EQ(g->literal_prefix(), c.prefix) << c.pattern;
    EXPECT_EQ(g->is_prefix_star(), c.prefix_star) << c.pattern;
  }
}

// The greedy two-pointer matcher stays polynomial where a naive recursive
// matcher is exponential. No timing assertion: a blow-up would hang the test.
TEST(GlobTest, PathologicalPatternsFinish) {
  const std::string as(100000, 'a');
  EXPECT_FALSE(M("a*a*a*a*a*a*a*a*b", as));
  EXPECT_TRUE(M("a*a*a*a*a*a*a*a*a", as));
  EXPECT_FALSE(M("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
  EXPECT_TRUE(M("*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?", as));
  EXPECT_FALSE(M(std::string(200, '*') + "b", as));
}

// Random patterns and texts over a tiny alphabet, checked against fnmatch(3).
TEST(GlobTest, AgreesWithFnmatch) {
  std::mt19937_64 rng(20240601);
  const std::string alphabet = "ab/-";
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  auto random_set = [&]() {
    std::string s = "[";
    if (pick(3) == 0) s += pick(2) ? "!" : "^";
    const size_t items = 1 + pick(3);
    for (size_t i = 0; i < items; ++i) {
      s += alphabet[pick(alphabet.size())];
      if (pick(3) == 0) (s += '-') += alphabet[pick(alphabet.size())];
    }
    return s + "]";
  };
  for (int iter = 0; iter < 20000; ++iter) {
    std::string pattern;
    const size_t len = pick(8);
    for (size_t i = 0; i < len; ++i) {
      switch (pick(6)) {
        case 0: pattern += '*'; break;
        case 1: pattern += '?'; break;
        case 2: pattern += random_set(); break;
        default: pattern += alphabet[pick(alphabet.size())];
      }
    }
    std::string text;
    const size_t tlen = pick(10);
    for (size_t i = 0; i < tlen; ++i) text += alphabet[pick(alphabet.size())];
    const bool expected = fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
    ASSERT_EQ(M(pattern, text), expected) << "pattern \"" << pattern << "\" text \"" << text << "\"";
  }
}

}  // namespace
}  // namespace etldag
