// FormatLocatedError / LineColAt: LINE:COL (1-based, columns in bytes), the
// excerpt (trimmed around the column, printable) and the caret under it.
#include "engine/load/internal/source_location.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace etldag {
namespace {

TEST(LineColAt, CountsLinesAndByteColumns) {
  const std::string data = "ab\ncd\n\n\xC3\xA9x";
  auto at = [&](uint64_t off) {
    const LineCol lc = LineColAt(data, off);
    return std::make_pair(lc.line, lc.column);
  };
  EXPECT_EQ(at(0), std::make_pair(uint64_t{1}, uint64_t{1}));
  EXPECT_EQ(at(2), std::make_pair(uint64_t{1}, uint64_t{3}));  // the '\n' itself
  EXPECT_EQ(at(3), std::make_pair(uint64_t{2}, uint64_t{1}));
  EXPECT_EQ(at(6), std::make_pair(uint64_t{3}, uint64_t{1}));  // an empty line
  EXPECT_EQ(at(9), std::make_pair(uint64_t{4}, uint64_t{3}));  // 'x' after a 2-byte 'é'
  EXPECT_EQ(at(10), std::make_pair(uint64_t{4}, uint64_t{4}));  // end of data
  EXPECT_EQ(at(999), std::make_pair(uint64_t{4}, uint64_t{4}));  // clamped
}

TEST(FormatLocatedError, ShortLine) {
  EXPECT_EQ(FormatLocatedError("f.json", "[1,\n  2 x]\n", 8, "boom"),
            "f.json:2:5: error: boom\n"
            "  2 x]\n"
            "    ^");
}

TEST(FormatLocatedError, FirstColumnAndEmptyInput) {
  EXPECT_EQ(FormatLocatedError("f", "{}", 0, "w"), "f:1:1: error: w\n{}\n^");
  EXPECT_EQ(FormatLocatedError("f", "", 0, "empty"), "f:1:1: error: empty\n\n^");
}

TEST(FormatLocatedError, EndOfInputAfterNewline) {
  EXPECT_EQ(FormatLocatedError("f", "[1,\n", 4, "eof"), "f:2:1: error: eof\n\n^");
  EXPECT_EQ(FormatLocatedError("f", "[1,\n", 3, "eol"), "f:1:4: error: eol\n[1,\n   ^");
}

TEST(FormatLocatedError, TabsBecomeSpacesAndCrlfIsStripped) {
  EXPECT_EQ(FormatLocatedError("f", "\t\t\"a\" x\r\n", 6, "w"), "f:1:7: error: w\n  \"a\" x\n      ^");
}

TEST(FormatLocatedError, ControlBytesAndInvalidUtf8AreShownAsQuestionMarks) {
  const std::string data = std::string("a\0b\xFF", 4) + "c";
  EXPECT_EQ(FormatLocatedError("f", data, 4, "w"), "f:1:5: error: w\na?b?c\n    ^");
}

TEST(FormatLocatedError, CaretCountsCodePointsNotBytes) {
  // COL counts bytes (9), but the caret sits under 'x' on the screen.
  EXPECT_EQ(FormatLocatedError("f", "\"\xC3\xA9\xE6\x97\xA5\" x", 8, "w"),
            "f:1:9: error: w\n\"\xC3\xA9\xE6\x97\xA5\" x\n     ^");
}

TEST(FormatLocatedError, LongLineIsTrimmedAroundTheColumn) {
  std::string line(1000, 'a');
  line[500] = 'X';
  const std::string msg = FormatLocatedError("f", line, 500, "w");
  const std::string excerpt = "..." + std::string(50, 'a') + "X" + std::string(49, 'a') + "...";
  EXPECT_EQ(msg, "f:1:501: error: w\n" + excerpt + "\n" + std::string(53, ' ') + "^");
  // Near the start only the end is trimmed; near the end only the start.
  EXPECT_EQ(FormatLocatedError("f", line, 3, "w"),
            "f:1:4: error: w\n" + std::string(100, 'a') + "...\n   ^");
  const std::string tail = FormatLocatedError("f", line, 1000, "w");
  EXPECT_EQ(tail, "f:1:1001: error: w\n..." + std::string(50, 'a') + "\n" + std::string(53, ' ') + "^");
}

TEST(FormatLocatedError, TrimmingNeverSplitsAUtf8Sequence) {
  std::string line;
  for (int i = 0; i < 200; ++i) line += "\xC3\xA9";  // 400 bytes of 'é'
  const uint64_t offset = 201;                        // a continuation byte
  const std::string msg = FormatLocatedError("f", line, offset, "w");
  const std::string excerpt = msg.substr(msg.find('\n') + 1, msg.rfind('\n') - msg.find('\n') - 1);
  ASSERT_TRUE(excerpt.starts_with("...\xC3\xA9"));
  ASSERT_TRUE(excerpt.ends_with("\xC3\xA9..."));
  EXPECT_THAT(msg, ::testing::StartsWith("f:1:202: error: w\n"));
}

}  // namespace
}  // namespace etldag
