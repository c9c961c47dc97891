#include "engine/output/text_table.h"

#include <algorithm>
#include <utility>

#include "engine/base/check.h"

namespace etldag {

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (char c : s) w += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return w;
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {
  ETLDAG_CHECK(!columns_.empty());
}

void TextTable::AddRow(std::vector<std::string> cells) {
  ETLDAG_CHECK(cells.size() == columns_.size());
  rows_.push_back(std::move(cells));
}

void TextTable::Render(std::string* out, std::string_view indent) const {
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
  const auto emit_line = [&](const auto& cell_of) {
    std::string line(indent);
    for (size_t c = 0; c < ncols; ++c) {
      const std::string_view cell = cell_of(c);
      const size_t pad = width[c] - DisplayWidth(cell);
      const bool last = c + 1 == ncols;
      if (c > 0) line += "  ";
      if (columns_[c].align == kRight) line.append(pad, ' ');
      line += cell;
      if (columns_[c].align == kLeft && !last) line.append(pad, ' ');
    }
    while (line.size() > indent.size() && line.back() == ' ') line.pop_back();
    *out += line;
    *out += '\n';
  };
  if (has_header) emit_line([&](size_t c) { return std::string_view(columns_[c].title); });
  for (const auto& row : rows_) emit_line([&](size_t c) { return std::string_view(row[c]); });
}

}  // namespace etldag
