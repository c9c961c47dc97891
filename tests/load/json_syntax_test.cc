// The strict JSON scanner (the reference for locating syntax errors), the
// token checks and the UTF-8 validator, table-driven.
#include "engine/load/internal/json_syntax.h"

#include <string>

#include "engine/load/internal/json_token.h"
#include "engine/load/internal/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace etldag::load_internal {
namespace {

using ::testing::HasSubstr;

TEST(FindJsonSyntaxError, AcceptsValidJson) {
  for (const char* json : {"[]", "{}", "0", "-0", "-1.5e+10", "1E-2", "0.0", "true", "false", "null", "\"\"",
                           " [ 1 , { \"a\" : [ ] , \"b\" : { } } , \"\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\" ] ",
                           "\"\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\"", "\n\r\t[\n]\n", "[[[[[]]]]]",
                           "{\"\":\"\"}", "\"\\u0000\""}) {
    EXPECT_EQ(FindJsonSyntaxError(json), std::nullopt) << json;
  }
}

struct Bad {
  std::string json;
  uint64_t offset;
  std::string message;
};

TEST(FindJsonSyntaxError, ReportsTheFirstErrorAndItsOffset) {
  const Bad cases[] = {
      {"", 0, "empty input"},
      {"   ", 0, "empty input"},
      {"[1 2]", 3, "expected ',' or ']'"},
      {"[1,]", 3, "expected a value"},
      {"{\"a\":1,}", 7, "expected a string key"},
      {"{\"a\" 1}", 5, "expected ':' after the key"},
      {"{1:1}", 1, "expected a string key or '}'"},
      {"[1] 2", 4, "trailing content after the top-level value"},
      {"[1", 2, "unexpected end of input: expected ',' or ']'"},
      {"[1,  \n ", 3, "unexpected end of input: expected a value"},
      {"{\"a\":1", 6, "expected ',' or '}'"},
      {"[\"ab", 1, "unterminated string"},
      {"[\"a\\", 3, "unterminated escape sequence"},
      {"[\"\\x\"]", 2, "invalid escape sequence: backslash followed by character 'x'"},
      {"[\"\\u12\"]", 2, "expected 4 hex digits"},
      {"[\"\\ud800\"]", 2, "high surrogate not followed"},
      {"[\"\\ud800\\ud800\"]", 2, "high surrogate not followed"},
      {"[\"\\udfff\"]", 2, "low surrogate without a high surrogate"},
      {"[\"a\tb\"]", 3, "unescaped control character U+0009"},
      {std::string("[\"a\0\"]", 6), 3, "NUL byte inside a string"},
      {std::string("[\0]", 3), 1, "unexpected NUL byte"},
      {"[\"\xC3\"]", 2, "invalid UTF-8 inside a string (byte 0xC3)"},
      {"[\"\xE0\x80\x80\"]", 2, "invalid UTF-8"},  // overlong
      {"[\xC3\xA9]", 1, "unexpected byte 0xC3"},   // valid UTF-8, but not JSON
      {"[\xFF]", 1, "unexpected invalid UTF-8 (byte 0xFF)"},
      {"[01]", 1, "invalid number"},
      {"[1.]", 1, "invalid number"},
      {"[1.e5]", 1, "invalid number"},
      {"[-]", 1, "invalid number"},
      {"[1e+]", 1, "invalid number"},
      {"[0x10]", 1, "invalid number"},
      {"[Infinity]", 1, "unexpected character 'I'"},
      {"[truth]", 1, "invalid literal"},
      {"[nul]", 1, "invalid literal"},
      {"['a']", 1, "unexpected character '''"},
      {"[1]]", 3, "trailing content"},
      {"]", 0, "unexpected character ']': expected a value"},
  };
  for (const Bad& c : cases) {
    const auto e = FindJsonSyntaxError(c.json);
    ASSERT_TRUE(e.has_value()) << c.json;
    EXPECT_EQ(e->offset, c.offset) << c.json << ": " << e->message;
    EXPECT_THAT(e->message, HasSubstr(c.message)) << c.json;
  }
}

TEST(FindJsonSyntaxError, DepthLimit) {
  const std::string ok = std::string(4, '[') + std::string(4, ']');
  EXPECT_EQ(FindJsonSyntaxError(ok, 4), std::nullopt);
  const auto e = FindJsonSyntaxError(std::string(5, '[') + std::string(5, ']'), 4);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->offset, 4u);
  EXPECT_THAT(e->message, HasSubstr("nesting deeper than 4 levels"));
  // A million open brackets: no recursion, no crash.
  const auto deep = FindJsonSyntaxError(std::string(1000000, '['));
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->offset, kMaxJsonDepth);
}

TEST(JsonTokens, NumbersAndScalars) {
  EXPECT_EQ(JsonNumberLength("123,"), 3u);
  EXPECT_EQ(JsonNumberLength("-0.5e-7]"), 7u);
  EXPECT_EQ(JsonNumberLength("01"), 1u);
  EXPECT_EQ(JsonNumberLength("-"), 0u);
  EXPECT_EQ(JsonNumberLength("1.x"), 1u);
  EXPECT_TRUE(IsValidJsonScalarToken("1e5"));
  EXPECT_TRUE(IsValidJsonScalarToken("null"));
  EXPECT_FALSE(IsValidJsonScalarToken("nulll"));
  EXPECT_FALSE(IsValidJsonScalarToken("1 "));
  EXPECT_FALSE(IsValidJsonScalarToken(""));
  EXPECT_STREQ(JsonTypeName('{'), "an object");
  EXPECT_EQ(JsonTypeName('x'), nullptr);
}

TEST(Utf8, SequenceLengthFollowsTable3_7) {
  EXPECT_EQ(Utf8SequenceLength("a"), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xC2\x80"), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xC1\xBF"), 0u);          // overlong
  EXPECT_EQ(Utf8SequenceLength("\xE0\x9F\xBF"), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xE0\xA0\x80"), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xED\x9F\xBF"), 3u);      // U+D7FF
  EXPECT_EQ(Utf8SequenceLength("\xED\xA0\x80"), 0u);      // U+D800
  EXPECT_EQ(Utf8SequenceLength("\xEF\xBF\xBF"), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xF0\x8F\xBF\xBF"), 0u);  // overlong
  EXPECT_EQ(Utf8SequenceLength("\xF0\x90\x80\x80"), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x8F\xBF\xBF"), 4u);  // U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80"), 0u);  // above
  EXPECT_EQ(Utf8SequenceLength("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\x80"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82"), 0u);          // truncated
  EXPECT_EQ(Utf8SequenceLength(""), 0u);
}

TEST(Utf8, FindInvalid) {
  EXPECT_EQ(FindInvalidUtf8("plain \xC3\xA9 text \xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3(d"), 2u);
  EXPECT_EQ(FindInvalidUtf8("ab\xF0\x9F\x98"), 2u);
}

}  // namespace
}  // namespace etldag::load_internal
