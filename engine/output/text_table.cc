#include "engine/output/text_table.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "engine/base/check.h"

namespace etldag {

namespace {

struct Range {
  char32_t lo, hi;
};

// Zero-width: combining marks, zero-width spaces/joiners, variation selectors.
constexpr Range kZeroWidth[] = {  // sorted, disjoint
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},
    {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

// East Asian Wide and Fullwidth (two columns), after Markus Kuhn's wcwidth.c
// and Unicode's EastAsianWidth.txt, plus the emoji blocks terminals draw wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <size_t N>
bool InRanges(const Range (&ranges)[N], char32_t c) {
  const Range* r = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                    [](char32_t v, const Range& x) { return v < x.lo; });
  return r != std::begin(ranges) && c <= (r - 1)->hi;
}

// Decodes the code point at s[*i] and advances *i; an invalid or truncated
// sequence counts as one byte (U+FFFD, one column).
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char b = static_cast<unsigned char>(s[*i]);
  const size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b : b & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const unsigned char cb = static_cast<unsigned char>(s[*i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    c = (c << 6) | (cb & 0x3F);
  }
  *i += len;
  return c;
}

}  // namespace

size_t CodePointWidth(char32_t c) {
  if (InRanges(kZeroWidth, c)) return 0;
  return InRanges(kWide, c) ? 2 : 1;
}

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) w += CodePointWidth(NextCodePoint(s, &i));
  return w;
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {
  ETLDAG_CHECK(!columns_.empty());
}

std::string Styled(std::string_view text, TextStyle style, bool color) {
  std::string_view on;
  switch (style) {
    case TextStyle::kPlain: break;
    case TextStyle::kAlert: on = "\x1b[1;31m"; break;
    case TextStyle::kWarn: on = "\x1b[33m"; break;
    case TextStyle::kGood: on = "\x1b[32m"; break;
  }
  if (!color || on.empty()) return std::string(text);
  std::string out(on);
  out += text;
  out += "\x1b[0m";
  return out;
}

void TextTable::AddRow(std::vector<std::string> cells, TextStyle style) {
  ETLDAG_CHECK(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
  styles_.push_back(style);
}

void TextTable::Render(std::string* out, std::string_view indent, bool color) const {
  const size_t ncols = columns_.size();
  bool has_header = false;
  std::vector<size_t> width(ncols, 0);
  for (size_t c = 0; c < ncols; ++c) {
    width[c] = DisplayWidth(columns_[c].title);
    has_header |= !columns_[c].title.empty();
  }
  for (const auto& row : rows_) {
    for (size_t c = 0; c < ncols; ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  const auto emit_line = [&](const auto& cell_of, TextStyle style) {
    std::string line(indent);
    for (size_t c = 0; c < ncols; ++c) {
      const std::string_view cell = cell_of(c);
      const size_t pad = width[c] - DisplayWidth(cell);
      const bool last = c + 1 == ncols;
      if (c > 0) line += "  ";
      if (columns_[c].align == kRight) line.append(pad, ' ');
      line += cell.empty() ? std::string() : Styled(cell, style, color);
      if (columns_[c].align == kLeft && !last) line.append(pad, ' ');
    }
    while (line.size() > indent.size() && line.back() == ' ') line.pop_back();
    *out += line;
    *out += '\n';
  };
  if (has_header) {
    emit_line([&](size_t c) { return std::string_view(columns_[c].title); }, TextStyle::kPlain);
  }
  for (size_t r = 0; r < rows_.size(); ++r) {
    emit_line([&](size_t c) { return std::string_view(rows_[r][c]); }, styles_[r]);
  }
}

}  // namespace etldag
