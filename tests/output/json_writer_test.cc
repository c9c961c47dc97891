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

// The escape of one byte between plain ASCII, written out independently of
// the writer: a lone byte >= 0x80 is an invalid UTF-8 subsequence.
std::string ExpectedEscape(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
  }
  if (c >= 0x80) return "\\ufffd";
  if (c < 0x20 || c == 0x7F) return std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
  return std::string(1, static_cast<char>(c));
}

// Every byte value at every position of strings of 1..24 bytes: the word-at-
// a-time scan for plain ASCII and the byte loop must agree with the oracle.
TEST(JsonStringTest, EveryByteAtEveryPosition) {
  for (size_t len = 1; len <= 24; ++len) {
    for (size_t pos = 0; pos < len; ++pos) {
      for (int b = 0; b < 256; ++b) {
        std::string in(len, 'a');
        in[pos] = static_cast<char>(b);
        const std::string want = "\"" + std::string(pos, 'a') +
                                 ExpectedEscape(static_cast<unsigned char>(b)) +
                                 std::string(len - pos - 1, 'a') + "\"";
        ASSERT_EQ(Escaped(in), want) << "len " << len << " pos " << pos << " byte " << b;
      }
    }
  }
  const std::string long_plain(300, 'x');
  EXPECT_EQ(Escaped(long_plain), "\"" + long_plain + "\"");
  EXPECT_EQ(Escaped(long_plain + "\n"), "\"" + long_plain + "\\n\"");
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

TEST(JsonWriterTest, LinesLayoutIsJsonDumpsWithOneTopLevelElementPerLine) {
  std::string out;
  JsonWriter w(&out, JsonLayout::kLines);
  w.BeginArray();
  w.BeginObject().Key("a").Uint(1).Key("b").BeginArray().String("x").String("y").EndArray();
  w.Key("c").BeginObject().EndObject().Key("d").BeginArray().EndArray().EndObject();
  w.Int(-2);
  w.EndArray();
  EXPECT_EQ(out, "[\n{\"a\": 1, \"b\": [\"x\", \"y\"], \"c\": {}, \"d\": []},\n-2\n]");

  std::string obj;
  JsonWriter o(&obj, JsonLayout::kLines);
  o.BeginObject().Key("k").Decimal(160, 1).Key("l").Decimal(5, 2).EndObject();
  EXPECT_EQ(obj, "{\n\"k\": 16.0,\n\"l\": 0.05\n}");

  std::string empty;
  JsonWriter e(&empty, JsonLayout::kLines);
  e.BeginArray().EndArray();
  EXPECT_EQ(empty, "[]");
}

TEST(JsonWriterTest, Decimal) {
  std::string out;
  JsonWriter w(&out, false);
  w.BeginArray().Decimal(0, 1).Decimal(165, 1).Decimal(7, 0).Decimal(1234, 3).Decimal(UINT64_MAX, 18);
  w.EndArray();
  EXPECT_EQ(out, "[0.0,16.5,7,1.234,18.446744073709551615]");
}

TEST(JsonWriterTest, IntExtremes) {
  std::string out;
  JsonWriter w(&out, false);
  w.BeginArray().Int(INT64_MIN).Int(INT64_MAX).Int(0).Uint(UINT64_MAX).EndArray();
  EXPECT_EQ(out, "[-9223372036854775808,9223372036854775807,0,18446744073709551615]");
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
