// Selector parsing: dbt's own parse table, dbt's invalid specs, our syntax
// errors with exact columns, and term/argument splitting.
#include "engine/query/selector.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::IsOk;
using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;

constexpr uint32_t kAll = kAllDepths;

struct ParseCase {
  const char* spec;
  bool parents;
  uint32_t parents_depth;
  bool children;
  uint32_t children_depth;
  SelectorMethod method;
  const char* value;
  bool childrens_parents;
};

// Ported from dbt-core tests/unit/graph/test_selector.py `param_specs`
// (github.com/dbt-labs/dbt-core): dbt's fqn method is our default name
// method, its tag method becomes our kind method (both take a plain value);
// dbt's None depth is our kAllDepths. The source: rows have no counterpart.
const ParseCase kDbtParseSpecs[] = {
    {"a", false, kAll, false, kAll, SelectorMethod::kName, "a", false},
    {"+a", true, kAll, false, kAll, SelectorMethod::kName, "a", false},
    {"256+a", true, 256, false, kAll, SelectorMethod::kName, "a", false},
    {"a+", false, kAll, true, kAll, SelectorMethod::kName, "a", false},
    {"a+256", false, kAll, true, 256, SelectorMethod::kName, "a", false},
    {"+a+", true, kAll, true, kAll, SelectorMethod::kName, "a", false},
    {"16+a+32", true, 16, true, 32, SelectorMethod::kName, "a", false},
    {"@a", false, kAll, false, kAll, SelectorMethod::kName, "a", true},
    {"a.b", false, kAll, false, kAll, SelectorMethod::kName, "a.b", false},
    {"+a.b", true, kAll, false, kAll, SelectorMethod::kName, "a.b", false},
    {"256+a.b", true, 256, false, kAll, SelectorMethod::kName, "a.b", false},
    {"a.b+", false, kAll, true, kAll, SelectorMethod::kName, "a.b", false},
    {"a.b+256", false, kAll, true, 256, SelectorMethod::kName, "a.b", false},
    {"+a.b+", true, kAll, true, kAll, SelectorMethod::kName, "a.b", false},
    {"16+a.b+32", true, 16, true, 32, SelectorMethod::kName, "a.b", false},
    {"@a.b", false, kAll, false, kAll, SelectorMethod::kName, "a.b", true},
    {"a.b.*", false, kAll, false, kAll, SelectorMethod::kName, "a.b.*", false},
    {"+a.b.*", true, kAll, false, kAll, SelectorMethod::kName, "a.b.*", false},
    {"256+a.b.*", true, 256, false, kAll, SelectorMethod::kName, "a.b.*", false},
    {"a.b.*+", false, kAll, true, kAll, SelectorMethod::kName, "a.b.*", false},
    {"a.b.*+256", false, kAll, true, 256, SelectorMethod::kName, "a.b.*", false},
    {"+a.b.*+", true, kAll, true, kAll, SelectorMethod::kName, "a.b.*", false},
    {"16+a.b.*+32", true, 16, true, 32, SelectorMethod::kName, "a.b.*", false},
    {"@a.b.*", false, kAll, false, kAll, SelectorMethod::kName, "a.b.*", true},
    {"kind:a", false, kAll, false, kAll, SelectorMethod::kKind, "a", false},
    {"+kind:a", true, kAll, false, kAll, SelectorMethod::kKind, "a", false},
    {"256+kind:a", true, 256, false, kAll, SelectorMethod::kKind, "a", false},
    {"kind:a+", false, kAll, true, kAll, SelectorMethod::kKind, "a", false},
    {"kind:a+256", false, kAll, true, 256, SelectorMethod::kKind, "a", false},
    {"+kind:a+", true, kAll, true, kAll, SelectorMethod::kKind, "a", false},
    {"16+kind:a+32", true, 16, true, 32, SelectorMethod::kKind, "a", false},
    {"@kind:a", false, kAll, false, kAll, SelectorMethod::kKind, "a", true},
    // Ours: methods, names with digits, ':' and '+' in file paths.
    {"name:a", false, kAll, false, kAll, SelectorMethod::kName, "a", false},
    {"\"s3://bucket/x\"+1", false, kAll, true, 1, SelectorMethod::kName, "s3://bucket/x", false},
    {"name:'s3://bucket/x'+1", false, kAll, true, 1, SelectorMethod::kName, "s3://bucket/x", false},
    {"2+'a b'+", true, 2, true, kAll, SelectorMethod::kName, "a b", false},
    {"external:true", false, kAll, false, kAll, SelectorMethod::kExternal, "true", false},
    {"2+external:false", true, 2, false, kAll, SelectorMethod::kExternal, "false", false},
    {"file:/tmp/x+y.txt+", false, kAll, true, kAll, SelectorMethod::kFile, "/tmp/x+y.txt", false},
    {"file:a:b", false, kAll, false, kAll, SelectorMethod::kFile, "a:b", false},
    {"2023_table", false, kAll, false, kAll, SelectorMethod::kName, "2023_table", false},
    {"2023_table+0", false, kAll, true, 0, SelectorMethod::kName, "2023_table", false},
    {"1+2+3", true, 1, true, 3, SelectorMethod::kName, "2", false},
    {"@3+x", true, 3, false, kAll, SelectorMethod::kName, "x", true},
    {"a@b", false, kAll, false, kAll, SelectorMethod::kName, "a@b", false},
    {"99999999999+x", true, kAll, false, kAll, SelectorMethod::kName, "x", false},  // saturates
    {"nu-mx/policy/x+2", false, kAll, true, 2, SelectorMethod::kName, "nu-mx/policy/x", false},
    {"a[+]b*+1", false, kAll, true, 1, SelectorMethod::kName, "a[+]b*", false},   // '+' in a set
    {"a[]+]*+", false, kAll, true, kAll, SelectorMethod::kName, "a[]+]*", false},
    {"a[!+]*", false, kAll, false, kAll, SelectorMethod::kName, "a[!+]*", false},
    {"a\\+*+", false, kAll, true, kAll, SelectorMethod::kName, "a\\+*", false},  // escaped '+'
};

TEST(SelectorParseTest, DbtParseSpecs) {
  for (const ParseCase& c : kDbtParseSpecs) {
    SCOPED_TRACE(c.spec);
    absl::StatusOr<Selector> s = ParseSelector({c.spec});
    ASSERT_THAT(s, IsOk());
    ASSERT_EQ(s->terms.size(), 1u);
    ASSERT_EQ(s->terms[0].atoms.size(), 1u);
    const SelectorAtom& a = s->terms[0].atoms[0];
    EXPECT_EQ(a.parents, c.parents);
    EXPECT_EQ(a.parents_depth, c.parents_depth);
    EXPECT_EQ(a.children, c.children);
    EXPECT_EQ(a.children_depth, c.children_depth);
    EXPECT_EQ(a.method, c.method);
    EXPECT_EQ(a.value, c.value);
    EXPECT_EQ(a.childrens_parents, c.childrens_parents);
    EXPECT_EQ(a.text, c.spec);
    EXPECT_EQ(a.glob, std::string(c.value).find('*') != std::string::npos);
    // The canonical form parses back to the same atom.
    absl::StatusOr<Selector> again = ParseSelector({FormatAtom(a)});
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(FormatAtom(again->terms[0].atoms[0]), FormatAtom(a));
  }
}

// dbt-core `invalid_specs`: "@" prefix and "+" suffix are incompatible.
TEST(SelectorParseTest, DbtInvalidSpecs) {
  for (const char* spec : {"@a+", "@a.b+", "@a.b*+", "@kind:a+", "@file:a+", "@a+3"}) {
    EXPECT_THAT(ParseSelector({spec}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("incompatible")))
        << spec;
  }
}

struct ErrorCase {
  std::vector<std::string> args;
  const char* message;  // the exact message
};

TEST(SelectorParseTest, SyntaxErrorsPointAtTheColumn) {
  const ErrorCase kCases[] = {
      {{"x+y"}, "bad selector \"x+y\" at column 3: unexpected 'y' after '+' (graph operators go before "
                "a value as N+ or after it as +N; for a name that contains '+' write name:x+y)"},
      {{"x++"}, "bad selector \"x++\" at column 3: unexpected '+' after '+' (graph operators go before "
                "a value as N+ or after it as +N; for a name that contains '+' write name:x++)"},
      {{"+"}, "bad selector \"+\" at column 2: missing value (a node name, glob, or method:value)"},
      {{"@"}, "bad selector \"@\" at column 2: missing value (a node name, glob, or method:value)"},
      {{"a,,b"}, "bad selector \"a,,b\" at column 3: empty selector before ','"},
      {{",a"}, "bad selector \",a\" at column 1: empty selector before ','"},
      {{"a,"}, "bad selector \"a,\" at column 3: empty selector after ','"},
      {{"kind:"}, "bad selector \"kind:\" at column 6: missing value (a node name, glob, or method:value)"},
      {{"external:maybe"}, "bad selector \"external:maybe\" at column 10: external: takes true or false, "
                           "not \"maybe\""},
      {{"@a+"}, "bad selector \"@a+\" at column 3: the \"@\" prefix and a \"+\" suffix are incompatible "
                "(@x already selects every descendant of x)"},
      {{"tagg:x"}, "bad selector \"tagg:x\" at column 1: unknown method \"tagg:\" (methods: name, kind, "
                   "external, file, state, fqn, tag, path, package, config.KEY, resource_type, source, exposure, "
                   "metric, semantic_model, saved_query, unit_test, access, group, test_type, test_name, result, "
                   "source_status; write name:VALUE to select a name that contains ':')"},
      {{"a[b"}, "bad selector \"a[b\" at column 2: unterminated '[' (write \\[ for a literal '[')"},
      {{"dataset/[[:alpha:]]"}, "bad selector \"dataset/[[:alpha:]]\" at column 10: POSIX character "
                                "classes like [:alpha:] are not supported"},
      {{"ok", ""}, "bad selector \"\": empty argument (give a node name, a glob such as '*', or "
                   "method:value)"},
      {{" \t "}, "bad selector \" \t \": empty argument (give a node name, a glob such as '*', or "
                 "method:value)"},
  };
  for (const ErrorCase& c : kCases) {
    EXPECT_THAT(ParseSelector(c.args), StatusIs(absl::StatusCode::kInvalidArgument, c.message)) << c.args.back();
  }
}

TEST(SelectorParseTest, ColumnsCountWithinTheArgument) {
  struct ColumnCase {
    const char* arg;
    const char* column;
  };
  const ColumnCase kCases[] = {
      {"x y+z", "at column 5:"},      {"a b,,c", "at column 5:"},  {"2+", "at column 3:"},
      {"@+", "at column 3:"},         {"a+1x", "at column 4:"},    {"a+-1", "at column 3:"},
      {"good  kind:x,@y+", "at column 16:"}, {"++x", "at column 2:"},
      {"s3://bucket", "at column 1:"},
      {"a[+*+x", "at column 2:"},  // unterminated set: the glob error, not the '+'
  };
  for (const ColumnCase& c : kCases) {
    EXPECT_THAT(ParseSelector({"fine", c.arg}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.column)))
        << c.arg;
  }
}

TEST(SelectorParseTest, SpacesUnionCommasIntersect) {
  absl::StatusOr<Selector> s = ParseSelector({"+snowplow_sessions +fct_orders", "a,b+,kind:x\tc"});
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->terms.size(), 4u);
  EXPECT_EQ(s->terms[0].text, "+snowplow_sessions");
  EXPECT_EQ(s->terms[1].text, "+fct_orders");
  EXPECT_EQ(s->terms[1].atoms[0].column, 20u);
  EXPECT_EQ(s->terms[1].atoms[0].arg, 0u);
  ASSERT_EQ(s->terms[2].atoms.size(), 3u);
  EXPECT_EQ(s->terms[2].atoms[1].text, "b+");
  EXPECT_EQ(s->terms[2].atoms[1].column, 3u);
  EXPECT_EQ(s->terms[2].atoms[2].method, SelectorMethod::kKind);
  EXPECT_EQ(s->terms[2].atoms[2].arg, 1u);
  EXPECT_EQ(s->terms[3].text, "c");
  EXPECT_EQ(s->args.size(), 2u);
}

TEST(SelectorParseTest, NoArgumentsIsAnEmptySelector) {
  absl::StatusOr<Selector> s = ParseSelector({});
  ASSERT_THAT(s, IsOk());
  EXPECT_TRUE(s->terms.empty());
}

TEST(SelectorParseTest, GlobFlag) {
  for (const char* v : {"a*", "a?", "a[bc]", "kind:da*"}) {
    absl::StatusOr<Selector> s = ParseSelector({v});
    ASSERT_THAT(s, IsOk());
    EXPECT_TRUE(s->terms[0].atoms[0].glob) << v;
  }
  for (const char* v : {"a", "file:a*", "external:true", "a]"}) {
    absl::StatusOr<Selector> s = ParseSelector({v});
    ASSERT_THAT(s, IsOk());
    EXPECT_FALSE(s->terms[0].atoms[0].glob) << v;
  }
}

TEST(SelectorParseTest, NameMethodIsLiteralToTheEndOfTheArgument) {
  struct Case { const char* spec; const char* value; size_t parents_depth; bool parents; };
  for (const Case& c : {Case{"name:libstdc++6", "libstdc++6", kAll, false},
                        Case{"name:dataset/x,y", "dataset/x,y", kAll, false},
                        Case{"name:a b\tc", "a b\tc", kAll, false},
                        Case{"name:@x:y+2", "@x:y+2", kAll, false},
                        Case{"name:dataset/*", "dataset/*", kAll, false},
                        Case{"2+name:a+b", "a+b", 2, true},
                        Case{"name:it's", "it's", kAll, false}}) {
    SCOPED_TRACE(c.spec);
    absl::StatusOr<Selector> s = ParseSelector({c.spec});
    ASSERT_THAT(s, IsOk());
    ASSERT_EQ(s->terms.size(), 1u);
    ASSERT_EQ(s->terms[0].atoms.size(), 1u);
    const SelectorAtom& a = s->terms[0].atoms[0];
    EXPECT_EQ(a.value, c.value);
    EXPECT_FALSE(a.glob);
    EXPECT_FALSE(a.children);
    EXPECT_EQ(a.parents, c.parents);
    EXPECT_EQ(a.parents_depth, c.parents_depth);
  }
  // name: after an intersection still takes the rest of the argument.
  absl::StatusOr<Selector> s = ParseSelector({"kind:x,name:a,b c"});
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->terms.size(), 1u);
  ASSERT_EQ(s->terms[0].atoms.size(), 2u);
  EXPECT_EQ(s->terms[0].atoms[1].value, "a,b c");
}

TEST(SelectorParseTest, QuotedNames) {
  absl::StatusOr<Selector> s =
      ParseSelector({R"("libstdc++6"+ 'a,b',kind:x "q\"\\"+2 @"x y")"});
  ASSERT_THAT(s, IsOk());
  ASSERT_EQ(s->terms.size(), 4u);
  EXPECT_EQ(s->terms[0].atoms[0].value, "libstdc++6");
  EXPECT_TRUE(s->terms[0].atoms[0].children);
  ASSERT_EQ(s->terms[1].atoms.size(), 2u);
  EXPECT_EQ(s->terms[1].atoms[0].value, "a,b");
  EXPECT_EQ(s->terms[1].atoms[1].method, SelectorMethod::kKind);
  EXPECT_EQ(s->terms[2].atoms[0].value, "q\"\\");
  EXPECT_EQ(s->terms[2].atoms[0].children_depth, 2u);
  EXPECT_EQ(s->terms[3].atoms[0].value, "x y");
  EXPECT_TRUE(s->terms[3].atoms[0].childrens_parents);
  EXPECT_FALSE(s->terms[0].atoms[0].glob);
  absl::StatusOr<Selector> star = ParseSelector({"'a*'"});
  ASSERT_THAT(star, IsOk());
  EXPECT_FALSE(star->terms[0].atoms[0].glob);  // quoted = literal
}

TEST(SelectorParseTest, QuotedNameErrors) {
  EXPECT_THAT(ParseSelector({"\"abc"}), StatusIs(absl::StatusCode::kInvalidArgument,
                                                 HasSubstr("column 1: unterminated")));
  EXPECT_THAT(ParseSelector({"x '"}), StatusIs(absl::StatusCode::kInvalidArgument,
                                               HasSubstr("column 3: unterminated")));
  EXPECT_THAT(ParseSelector({"\"a\"b"}), StatusIs(absl::StatusCode::kInvalidArgument,
                                                  HasSubstr("column 4: unexpected 'b' after a quoted name")));
  EXPECT_THAT(ParseSelector({"\"a\"+x"}), StatusIs(absl::StatusCode::kInvalidArgument,
                                                   HasSubstr("column 5")));
  EXPECT_THAT(ParseSelector({"''"}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty quoted")));
  EXPECT_THAT(ParseSelector({"@'a'+"}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("incompatible")));
  EXPECT_THAT(ParseSelector({"name:"}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing value")));
}

// Every name, however hostile, has a selector form that selects exactly it.
TEST(SelectorParseTest, NameSelectorRoundTrips) {
  const std::string alphabet = "ab1+,@: \t\n'\"*?[]\\!-/.";
  std::mt19937_64 rng(7);
  std::vector<std::string> names = {"libstdc++6", "dataset/x,y", "a b", "'", "\"", "name:x", "1+x",
                                    "x+", "@x", "kind:a", "*", "it's \"q\""};
  for (int i = 0; i < 3000; ++i) {
    std::string n;
    const size_t len = 1 + rng() % 8;
    for (size_t k = 0; k < len; ++k) n += alphabet[rng() % alphabet.size()];
    names.push_back(n);
  }
  for (const std::string& n : names) {
    SCOPED_TRACE(n);
    const std::string sel = NameSelector(n);
    absl::StatusOr<Selector> s = ParseSelector({sel});
    ASSERT_THAT(s, IsOk()) << sel;
    ASSERT_EQ(s->terms.size(), 1u) << sel;
    ASSERT_EQ(s->terms[0].atoms.size(), 1u) << sel;
    const SelectorAtom& a = s->terms[0].atoms[0];
    EXPECT_EQ(a.method, SelectorMethod::kName);
    EXPECT_EQ(a.value, n) << sel;
    EXPECT_FALSE(a.glob || a.parents || a.children || a.childrens_parents) << sel;
    // The canonical form of the atom with operators reads back the same name.
    SelectorAtom with_ops = a;
    with_ops.children = true;
    with_ops.children_depth = 2;
    absl::StatusOr<Selector> again = ParseSelector({FormatAtom(with_ops)});
    ASSERT_THAT(again, IsOk()) << FormatAtom(with_ops);
    EXPECT_EQ(again->terms[0].atoms[0].value, n);
    EXPECT_EQ(again->terms[0].atoms[0].children_depth, 2u);
  }
}

}  // namespace
}  // namespace etldag
