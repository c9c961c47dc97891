// One test per error class of the spark_ops.json loader: the status code,
// the exact LINE:COL of the first message line and what it says.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/load/load_test_util.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::FirstLine;
using ::etldag::testing::ParseJson;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Expects `json` to be rejected with InvalidArgument at line:col with a
// message containing `what`.
void ExpectError(std::string_view json, int line, int col, std::string_view what) {
  SCOPED_TRACE(std::string(json.substr(0, 200)));
  const absl::StatusOr<Graph> g = ParseJson(json);
  ASSERT_FALSE(g.ok()) << "accepted";
  EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument) << g.status();
  const std::string first = FirstLine(g.status());
  EXPECT_THAT(first, StartsWith("t.json:" + std::to_string(line) + ":" + std::to_string(col) + ": error: "))
      << g.status().message();
  EXPECT_THAT(first, HasSubstr(std::string(what))) << g.status().message();
  // Never the fallback for a syntax error the strict scanner did not see.
  EXPECT_THAT(first, Not(HasSubstr("invalid JSON ("))) << g.status().message();
}

TEST(SparkOpsErrors, EmptyInput) {
  ExpectError("", 1, 1, "empty input: expected a JSON array of ops");
  ExpectError(" \n\t\r\n ", 1, 1, "empty input");
}

TEST(SparkOpsErrors, FullMessageHasExcerptAndCaret) {
  const absl::StatusOr<Graph> g = ParseJson("[\n  {\"name\": 5}\n]\n");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),
            "t.json:2:12: error: the op's \"name\" must be a string, found a number\n"
            "  {\"name\": 5}\n"
            "           ^");
}

TEST(SparkOpsErrors, InvalidJson) {
  ExpectError("[{\"name\": \"a\",}]", 1, 15, "unexpected character '}': expected a string key");
  ExpectError("[{\"name\": \"a\"} {\"name\": \"b\"}]", 1, 16, "expected ',' or ']'");
  ExpectError("[{\"name\" \"a\"}]", 1, 10, "expected ':' after the key");
  ExpectError("[{\"name\": \"a\"},]", 1, 16, "expected a value");
  ExpectError("[{\"name\": \"a\"}\n,,]", 2, 2, "expected a value");
  ExpectError("[{name: \"a\"}]", 1, 3, "expected a string key or '}'");
  ExpectError("[{'name': \"a\"}]", 1, 3, "unexpected character '''");
}

// simdjson 3.0.1 skips an unread string followed by ':' as if it were a key;
// the loader reads every string, so these are caught.
TEST(SparkOpsErrors, StringFollowedByColon) {
  ExpectError("[{\"name\": \"a\", \"x\": \"v\": 1}]", 1, 24, "expected ',' or '}'");
  ExpectError("[{\"name\": \"a\": \"b\"}]", 1, 14, "expected ',' or '}'");
  ExpectError("[{\"name\": \"a\", \"inputs\": [\"b\": 1]}]", 1, 30, "expected ',' or ']'");
  ExpectError("[{\"name\": \"a\", \"x\": [\"b\": 1]}]", 1, 25, "expected ',' or ']'");
  ExpectError("[{\"name\": \"a\", \"type\": \"t\": 1}]", 1, 27, "expected ',' or '}'");
}

TEST(SparkOpsErrors, InvalidValuesInIgnoredFields) {
  // simdjson On-Demand skips these unchecked; the loader validates them.
  const std::string p = "[{\"name\": \"a\", \"x\": ";  // the value starts at column 21
  ExpectError(p + "tru}]", 1, 21, "invalid literal");
  ExpectError(p + "nul}]", 1, 21, "invalid literal");
  ExpectError(p + "01}]", 1, 21, "invalid number");
  ExpectError(p + "1.}]", 1, 21, "invalid number");
  ExpectError(p + "-}]", 1, 21, "invalid number");
  ExpectError(p + "1e}]", 1, 21, "invalid number");
  ExpectError(p + "12abc}]", 1, 21, "invalid number");
  ExpectError(p + ".5}]", 1, 21, "unexpected character '.'");
  ExpectError(p + "+1}]", 1, 21, "unexpected character '+'");
  ExpectError(p + "NaN}]", 1, 21, "unexpected character 'N'");
  ExpectError(p + "}]", 1, 21, "expected a value");
  ExpectError(p + "[1 2]}]", 1, 24, "expected ',' or ']'");
  ExpectError(p + "[1,]}]", 1, 24, "expected a value");
  ExpectError(p + "{\"a\" 1}}]", 1, 26, "expected ':'");
  ExpectError(p + "{\"a\": 1,}}]", 1, 29, "expected a string key");
  ExpectError(p + "{1: 2}}]", 1, 22, "expected a string key or '}'");
  ExpectError(p + "[{\"k\": [true, fals]}]}]", 1, 35, "invalid literal");
  ExpectError(p + "\"\\x\"}]", 1, 22, "invalid escape sequence");
  ExpectError(p + "{\"\\q\": 1}}]", 1, 23, "invalid escape sequence");
}

TEST(SparkOpsErrors, Truncated) {
  ExpectError("[\n  {\"name\": \"a\"},\n  {\"name\": \"b\"", 3, 15,
              "unexpected end of input: expected ',' or '}'");
  ExpectError("[\n", 1, 2, "unexpected end of input: expected a value");
  ExpectError("[{\"name\": \"a\"}", 1, 15, "unexpected end of input: expected ',' or ']'");
  ExpectError("[{\"name\": \"a\"}, {\"name\": \"ab", 1, 26, "unterminated string");
  ExpectError("[{\"name\": \"a\", \"inputs\": [\"b\", ", 1, 31, "unexpected end of input");
}

TEST(SparkOpsErrors, TopLevelNotAnArray) {
  ExpectError("{\"name\": \"a\"}", 1, 1, "the top level must be a JSON array of ops, found an object");
  ExpectError("  \"x\"", 1, 3, "found a string");
  ExpectError("\n 42", 2, 2, "found a number");
  ExpectError("null", 1, 1, "found null");
  ExpectError("tru", 1, 1, "invalid literal");
  ExpectError("x", 1, 1, "unexpected character 'x'");
}

TEST(SparkOpsErrors, OpNotAnObject) {
  ExpectError("[{\"name\": \"a\"}, \"b\"]", 1, 17, "an op must be a JSON object, found a string");
  ExpectError("[1]", 1, 2, "found a number");
  ExpectError("[null]", 1, 2, "found null");
  ExpectError("[\n  []\n]", 2, 3, "found an array");
  ExpectError("[true]", 1, 2, "found a boolean");
  ExpectError("[tru]", 1, 2, "invalid literal");
}

TEST(SparkOpsErrors, MissingName) {
  ExpectError("[\n {\"inputs\": []}\n]", 2, 2, "op has no \"name\" field");
  ExpectError("[{}]", 1, 2, "op has no \"name\" field");
  ExpectError("[{\"Name\": \"a\"}]", 1, 2, "op has no \"name\" field");
}

TEST(SparkOpsErrors, NameNotAString) {
  ExpectError("[{\"name\": 5}]", 1, 11, "the op's \"name\" must be a string, found a number");
  ExpectError("[{\"name\": null}]", 1, 11, "found null");
  ExpectError("[{\"name\": [\"a\"]}]", 1, 11, "found an array");
  ExpectError("[{\"name\": {}}]", 1, 11, "found an object");
  ExpectError("[{\"name\": false}]", 1, 11, "found a boolean");
}

TEST(SparkOpsErrors, BadNames) {
  ExpectError("[{\"name\": \"\"}]", 1, 11, "the op's \"name\" must not be empty");
  ExpectError("[{\"name\": \"a\", \"inputs\": [\"\"]}]", 1, 27, "an element of \"inputs\" must not be empty");
  ExpectError("[{\"name\": \"a\\nb\"}]", 1, 11, "contains a control character (U+000A)");
  ExpectError("[{\"name\": \"a\\u0000\"}]", 1, 11, "contains a control character (U+0000)");
}

TEST(SparkOpsErrors, NameListNotAnArray) {
  ExpectError("[{\"name\": \"a\", \"inputs\": \"b\"}]", 1, 26, "\"inputs\" must be an array of names, found a string");
  ExpectError("[{\"successors\": {}, \"name\": \"a\"}]", 1, 17, "\"successors\" must be an array of names, found an object");
  ExpectError("[{\"name\": \"a\", \"inputs\": 3}]", 1, 26, "found a number");
  ExpectError("[{\"name\": \"a\", \"inputs\": true}]", 1, 26, "found a boolean");
}

TEST(SparkOpsErrors, NameListElementNotAString) {
  ExpectError("[{\"name\": \"a\", \"inputs\": [\"b\", 3]}]", 1, 32, "an element of \"inputs\" must be a string, found a number");
  ExpectError("[{\"name\": \"a\", \"successors\": [null]}]", 1, 31, "an element of \"successors\" must be a string, found null");
  ExpectError("[{\"name\": \"a\", \"successors\": [[\"b\"]]}]", 1, 31, "found an array");
  ExpectError("[{\"name\": \"a\", \"successors\": [\"b\" \"c\"]}]", 1, 35, "expected ',' or ']'");
}

TEST(SparkOpsErrors, InvalidUtf8) {
  ExpectError("[{\"name\": \"ab\xFF\"}]", 1, 14, "invalid UTF-8 inside a string (byte 0xFF)");
  ExpectError("[{\"name\": \"a\"},\n {\"name\": \"b\", \"x\": \"\xC3\"}]", 2, 22, "invalid UTF-8");  // truncated sequence
  ExpectError("[{\"name\": \"\xC0\xAF\"}]", 1, 12, "invalid UTF-8");           // overlong '/'
  ExpectError("[{\"name\": \"\xED\xA0\x80\"}]", 1, 12, "invalid UTF-8");       // UTF-8-encoded surrogate
  ExpectError("[{\"name\": \"\xF4\x90\x80\x80\"}]", 1, 12, "invalid UTF-8");   // above U+10FFFF
  ExpectError("[{\"n\xE9\": 1, \"name\": \"a\"}]", 1, 5, "invalid UTF-8");      // Latin-1 in a key
  ExpectError("[{\"name\": \"a\"}]\xFF", 1, 16, "invalid UTF-8 (byte 0xFF)");   // outside strings
  ExpectError("[{\"name\": \"\xE2\x82\"}]", 1, 12, "invalid UTF-8");           // truncated 3-byte
}

TEST(SparkOpsErrors, DuplicateOpName) {
  ExpectError("[\n{\"name\": \"x\"},\n{\"name\": \"y\"},\n  {\"name\": \"x\"}]", 4, 12,
              "duplicate op name \"x\" (first defined at 2:10)");
  // The same name once escaped: still a duplicate.
  ExpectError("[{\"name\": \"x\"}, {\"name\": \"\\u0078\"}]", 1, 26, "duplicate op name \"x\" (first defined at 1:11)");
  // A name first seen as an input is not a definition.
  EXPECT_THAT(ParseJson("[{\"name\": \"a\", \"inputs\": [\"x\"]}, {\"name\": \"x\"}]"), ::etldag::testing::IsOk());
}

TEST(SparkOpsErrors, DuplicateField) {
  ExpectError("[{\"name\": \"a\", \"name\": \"b\"}]", 1, 16, "duplicate field \"name\" in an op");
  ExpectError("[{\"inputs\": [], \"name\": \"a\", \"inputs\": null}]", 1, 30, "duplicate field \"inputs\"");
  // Repeated ignored fields are not checked.
  EXPECT_THAT(ParseJson("[{\"x\": 1, \"name\": \"a\", \"x\": 2}]"), ::etldag::testing::IsOk());
}

TEST(SparkOpsErrors, TrailingContent) {
  ExpectError("[] x", 1, 4, "unexpected character 'x': trailing content after the top-level value");
  ExpectError("[]]", 1, 3, "trailing content");
  ExpectError("[{\"name\": \"a\"}] [{\"name\": \"b\"}]", 1, 17, "trailing content");
  ExpectError("[]\n\n ,", 3, 2, "trailing content");
  ExpectError("[] {}", 1, 4, "trailing content");
}

TEST(SparkOpsErrors, ByteOrderMark) {
  EXPECT_THAT(ParseJson("\xEF\xBB\xBF[]"), ::etldag::testing::IsOk());
  // Columns count bytes, the BOM's too.
  ExpectError("\xEF\xBB\xBF{}", 1, 4, "found an object");
  ExpectError("\xEF\xBB\xBF[1]", 1, 5, "found a number");
  ExpectError("\xEF\xBB\xBF[] x", 1, 7, "trailing content");
  ExpectError("\xEF\xBB\xBF", 1, 4, "empty input");
  ExpectError("\xEF\xBB\xBF\xEF\xBB\xBF[]", 1, 4, "unexpected byte 0xEF");  // only one BOM
}

TEST(SparkOpsErrors, NulBytes) {
  using std::string_literals::operator""s;
  ExpectError("[{\"name\": \"a\"}]\0"s, 1, 16, "unexpected NUL byte");
  ExpectError("[\0{\"name\": \"a\"}]"s, 1, 2, "unexpected NUL byte");
  ExpectError("[{\"name\": \"a\0b\"}]"s, 1, 13, "NUL byte inside a string");
  ExpectError("[{\"name\": \"a\", \"x\": [1,\0]}]"s, 1, 24, "unexpected NUL byte");
}

TEST(SparkOpsErrors, ControlCharacterInString) {
  ExpectError("[{\"name\": \"a\tb\"}]", 1, 13, "unescaped control character U+0009 inside a string");
  ExpectError("[{\"name\": \"a\",\n \"x\": \"line\nbreak\"}]", 2, 12, "unescaped control character U+000A");
}

TEST(SparkOpsErrors, LoneSurrogates) {
  ExpectError("[{\"name\": \"\\ud800\"}]", 1, 12, "invalid \\uD800 escape: a high surrogate not followed");
  ExpectError("[{\"name\": \"\\udc00x\"}]", 1, 12, "invalid \\uDC00 escape: a low surrogate without a high");
  ExpectError("[{\"name\": \"ab\\ud800\\u0041\"}]", 1, 14, "high surrogate not followed");
  ExpectError("[{\"name\": \"a\", \"x\": \"\\uDBFF\"}]", 1, 22, "high surrogate");  // ignored field
  ExpectError("[{\"name\": \"a\", \"inputs\": [\"\\uDFFF\"]}]", 1, 28, "low surrogate");
  ExpectError("[{\"name\": \"\\u12G4\"}]", 1, 12, "invalid \\u escape: expected 4 hex digits");
}

// Nesting of `levels` arrays (or objects) as the value of an ignored field of
// the only op: the value's first bracket is at depth 3 (ops array, op).
std::string NestedOp(int levels, bool objects) {
  std::string s = "[{\"name\": \"a\", \"x\": ";  // 20 bytes
  for (int i = 0; i < levels; ++i) s += objects ? "{\"k\":" : "[";
  s += "0";
  for (int i = 0; i < levels; ++i) s += objects ? "}" : "]";
  return s + "}]";
}

TEST(SparkOpsErrors, DeepNesting) {
  EXPECT_THAT(ParseJson(NestedOp(1022, false)), ::etldag::testing::IsOk());  // depth 1024
  EXPECT_THAT(ParseJson(NestedOp(1022, true)), ::etldag::testing::IsOk());
  // The 1023rd bracket opens depth 1025.
  ExpectError(NestedOp(1023, false), 1, 21 + 1022, "nesting deeper than 1024 levels");
  ExpectError(NestedOp(10000, false), 1, 21 + 1022, "nesting deeper than 1024 levels");
  ExpectError(NestedOp(10000, true), 1, 21 + 1022 * 5, "nesting deeper than 1024 levels");
  // Unbalanced deep nesting (never closed) is reported the same way.
  ExpectError("[{\"name\": \"a\", \"x\": " + std::string(100000, '[') + "}]", 1, 21 + 1022, "nesting deeper");
  // A deep op: the type is wrong before the nesting is too deep...
  ExpectError(std::string(5000, '[') + std::string(5000, ']'), 1, 2, "an op must be a JSON object, found an array");
  // ... but unbalanced text is a syntax error first.
  ExpectError(std::string(5000, '['), 1, 1025, "nesting deeper than 1024 levels");
  ExpectError("[" + std::string(5000, '{'), 1, 3, "expected a string key or '}'");
}

TEST(SparkOpsErrors, BuilderLimitsAreLoadErrors) {
  // More distinct kinds than KindId can hold (65535).
  std::string json = "[";
  for (int i = 0; i < 66000; ++i) {
    if (i) json += ",";
    json += "{\"name\":\"n" + std::to_string(i) + "\",\"type\":\"k" + std::to_string(i) + "\"}";
  }
  json += "]";
  const absl::StatusOr<Graph> g = ParseJson(json);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(g.status().message()), StartsWith("t.json: error: "));
  EXPECT_THAT(std::string(g.status().message()), HasSubstr("kinds"));
}

}  // namespace
}  // namespace etldag
