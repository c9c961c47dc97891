#include "engine/output/text_table.h"

#include <clocale>
#include <cwchar>
#include <utility>
#include <string>

#include "gtest/gtest.h"

namespace etldag {
namespace {

TEST(TextTableTest, AlignsColumnsWithoutTrailingSpaces) {
  TextTable t({{"name"}, {"fan-in", TextTable::kRight}, {"kind"}});
  t.AddRow({"dataset/a", "12", "dataset"});
  t.AddRow({"b", "7", ""});
  std::string out;
  t.Render(&out, "  ");
  EXPECT_EQ(out,
            "  name       fan-in  kind\n"
            "  dataset/a      12  dataset\n"
            "  b               7\n");
}

// A styled row: the escapes wrap each cell's text, padding stays outside,
// so once the escapes are removed the table is the plain one.
TEST(TextTableTest, StyledRowsKeepTheAlignment) {
  TextTable t({{"name"}, {"fan-in", TextTable::kRight}, {"kind"}});
  t.AddRow({"dataset/a", "12", "dataset"}, TextStyle::kAlert);
  t.AddRow({"b", "7", ""}, TextStyle::kWarn);
  std::string plain, colored;
  t.Render(&plain, "  ");
  t.Render(&colored, "  ", /*color=*/true);
  EXPECT_EQ(plain,
            "  name       fan-in  kind\n"
            "  dataset/a      12  dataset\n"
            "  b               7\n");
  EXPECT_EQ(colored,
            "  name       fan-in  kind\n"
            "  \x1b[1;31mdataset/a\x1b[0m      \x1b[1;31m12\x1b[0m  \x1b[1;31mdataset\x1b[0m\n"
            "  \x1b[33mb\x1b[0m               \x1b[33m7\x1b[0m\n");
  EXPECT_EQ(Styled("x", TextStyle::kGood, true), "\x1b[32mx\x1b[0m");
  EXPECT_EQ(Styled("x", TextStyle::kAlert, false), "x");
  EXPECT_EQ(Styled("x", TextStyle::kPlain, true), "x");
}

TEST(TextTableTest, NoHeaderWhenTitlesEmpty) {
  TextTable t({{""}, {"", TextTable::kRight}});
  t.AddRow({"ops", "3"});
  t.AddRow({"externals", "10"});
  std::string out;
  t.Render(&out);
  EXPECT_EQ(out,
            "ops         3\n"
            "externals  10\n");
  EXPECT_EQ(t.num_rows(), 2u);
}

TEST(TextTableTest, WidthCountsTerminalColumns) {
  EXPECT_EQ(DisplayWidth("operação"), 8u);
  EXPECT_EQ(DisplayWidth("policy/日本語"), 13u);          // CJK: two columns each
  EXPECT_EQ(DisplayWidth("e\u0301"), 1u);              // e + combining acute
  EXPECT_EQ(DisplayWidth("\U0001F525 fire"), 7u);       // emoji: two columns
  EXPECT_EQ(DisplayWidth("\xff\xfe"), 2u);               // invalid bytes: one each
  EXPECT_EQ(DisplayWidth("\xe6\x97"), 2u);               // truncated sequence
  TextTable t({{"a"}, {"b"}});
  t.AddRow({"ção", "x"});
  t.AddRow({"日本", "y"});
  t.AddRow({"abcd", "z"});
  std::string out;
  t.Render(&out);
  EXPECT_EQ(out,
            "a     b\n"
            "ção   x\n"
            "日本  y\n"
            "abcd  z\n");
}

// glibc's wcwidth (C.UTF-8) as an independent oracle on the ranges etldag's
// names use: Latin with accents, CJK, Hangul, kana, combining marks.
TEST(TextTableTest, CodePointWidthAgreesWithWcwidth) {
  if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  const std::pair<char32_t, char32_t> kRanges[] = {
      {0x20, 0x7E}, {0xC0, 0x2FF}, {0x300, 0x36F}, {0x3041, 0x30FF}, {0x4E00, 0x4FFF},
      {0xAC00, 0xACFF}, {0xFF01, 0xFF60}, {0x1F600, 0x1F64F}};
  for (const auto& [lo, hi] : kRanges) {
    for (char32_t c = lo; c <= hi; ++c) {
      const int w = wcwidth(static_cast<wchar_t>(c));
      if (w < 0) continue;  // unassigned in this glibc
      EXPECT_EQ(CodePointWidth(c), static_cast<size_t>(w)) << std::hex << static_cast<uint32_t>(c);
    }
  }
  std::setlocale(LC_CTYPE, "C");
}

TEST(TextTableTest, EmptyTableRendersHeaderOnly) {
  TextTable t({{"x"}});
  std::string out;
  t.Render(&out);
  EXPECT_EQ(out, "x\n");
}

}  // namespace
}  // namespace etldag
