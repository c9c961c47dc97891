#include "engine/output/json_writer.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace etldag {
namespace {

std::string Escaped(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(JsonStringTest, PlainAndQuotes) {
  EXPECT_EQ(Escaped(""), "\"\"");
  EXPECT_EQ(Escaped("dataset/a-b_c"), "\"dataset/a-b_c\"");
  EXPECT_EQ(Escaped("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
}

TEST(JsonStringTest, ControlCharacters) {
  EXPECT_EQ(Escaped("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
  EXPECT_EQ(Escaped(std::string_view("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\\u007f\"");
}

TEST(JsonStringTest, ValidUtf8PassesThrough) {
  EXPECT_EQ(Escaped("operação"), "\"operação\"");
  EXPECT_EQ(Escaped("日本"), "\"日本\"");
  EXPECT_EQ(Escaped("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");         // U+1F600
  EXPECT_EQ(Escaped("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");         // U+10FFFF
  EXPECT_EQ(Escaped("\xED\x9F\xBF"), "\"\xED\x9F\xBF\"");                 // U+D7FF
}

TEST(JsonStringTest, InvalidUtf8BecomesReplacement) {
  // Table-driven: input -> expected escaped body (maximal subparts, Unicode §3.9).
  const struct { std::string_view in, out; } cases[] = {
      {"\x80", "\\ufffd"},                  // lone continuation
      {"\xC0\xAF", "\\ufffd\\ufffd"},       // overlong lead C0: two bad bytes
      {"\xC3", "\\ufffd"},                  // truncated 2-byte
      {"a\xC3", "a\\ufffd"},
      {"\xE2\x82", "\\ufffd"},              // truncated 3-byte: one subpart
      {"\xE2\x82x", "\\ufffdx"},
      {"\xED\xA0\x80", "\\ufffd\\ufffd\\ufffd"},  // surrogate D800
      {"\xE0\x80\x80", "\\ufffd\\ufffd\\ufffd"},  // overlong 3-byte
      {"\xF4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd"},  // > U+10FFFF
      {"\xF5", "\\ufffd"},
      {"\xFF\xFE", "\\ufffd\\ufffd"},
      {"\xF0\x9F\x98", "\\ufffd"},          // truncated 4-byte
      {"\xF0\x9F\x98z\xC3\xA7", "\\ufffdz\xC3\xA7"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Escaped(c.in), "\"" + std::string(c.out) + "\"") << "input bytes: " << c.in.size();
  }
}

TEST(JsonWriterTest, PrettyNested) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("schema_version").Uint(1);
  w.Key("command").String("downstream");
  w.Key("arguments").BeginObject().Key("depth").Null().Key("include_self").Bool(false).EndObject();
  w.Key("empty_list").BeginArray().EndArray();
  w.Key("empty_obj").BeginObject().EndObject();
  w.Key("results").BeginArray().String("a").String("b").EndArray();
  w.Key("neg").Int(-7);
  w.EndObject();
  EXPECT_TRUE(w.done());
  EXPECT_EQ(out,
            "{\n"
            "  \"schema_version\": 1,\n"
            "  \"command\": \"downstream\",\n"
            "  \"arguments\": {\n"
            "    \"depth\": null,\n"
            "    \"include_self\": false\n"
            "  },\n"
            "  \"empty_list\": [],\n"
            "  \"empty_obj\": {},\n"
            "  \"results\": [\n"
            "    \"a\",\n"
            "    \"b\"\n"
            "  ],\n"
            "  \"neg\": -7\n"
            "}");
}

TEST(JsonWriterTest, Compact) {
  std::string out;
  JsonWriter w(&out, /*pretty=*/false);
  w.BeginArray().Uint(1).BeginObject().Key("k").String("v").EndObject().BeginArray().EndArray();
  w.EndArray();
  EXPECT_EQ(out, "[1,{\"k\":\"v\"},[]]");
}

TEST(JsonWriterTest, Doubles) {
  std::string out;
  JsonWriter w(&out, false);
  w.BeginArray().Double(0.5).Double(1.0).Double(1e-7).Double(0.1);
  w.Double(std::numeric_limits<double>::quiet_NaN()).Double(std::numeric_limits<double>::infinity());
  w.EndArray();
  EXPECT_EQ(out, "[0.5,1,1e-07,0.1,null,null]");
}

TEST(JsonWriterTest, ScalarRoot) {
  std::string out;
  JsonWriter w(&out);
  EXPECT_FALSE(w.done());
  w.Uint(42);
  EXPECT_TRUE(w.done());
  EXPECT_EQ(out, "42");
}

TEST(JsonWriterDeathTest, ValueWithoutKeyAborts) {
  EXPECT_DEATH(
      {
        std::string out;
        JsonWriter w(&out);
        w.BeginObject().Uint(1);
      },
      "has_key");
}

TEST(JsonWriterDeathTest, MismatchedEndAborts) {
  EXPECT_DEATH(
      {
        std::string out;
        JsonWriter w(&out);
        w.BeginObject().EndArray();
      },
      "is_object");
}

}  // namespace
}  // namespace etldag
