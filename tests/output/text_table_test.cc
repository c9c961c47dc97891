#include "engine/output/text_table.h"

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

TEST(TextTableTest, WidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("operação"), 8u);
  TextTable t({{"a"}, {"b"}});
  t.AddRow({"ção", "x"});
  t.AddRow({"abcd", "y"});
  std::string out;
  t.Render(&out);
  EXPECT_EQ(out,
            "a     b\n"
            "ção   x\n"
            "abcd  y\n");
}

TEST(TextTableTest, EmptyTableRendersHeaderOnly) {
  TextTable t({{"x"}});
  std::string out;
  t.Render(&out);
  EXPECT_EQ(out, "x\n");
}

}  // namespace
}  // namespace etldag
