// TextTable: aligned columns for the human-readable `--format text` reports.
//
//   TextTable t({{"name"}, {"fan-in", TextTable::kRight}});
//   t.AddRow({"dataset/a", "12"});
//   t.Render(&out, "  ");
// renders
//   name       fan-in
//   dataset/a      12
// Widths are terminal columns (DisplayWidth: CJK and emoji count 2, combining
// marks 0), not bytes or code points; columns are separated by two
// spaces; the last column is never padded, so lines have no trailing spaces.
// An empty header row (all titles empty) is not printed.
#ifndef ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_
#define ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace etldag {

class TextTable {
 public:
  enum Align { kLeft, kRight };
  struct Column {
    std::string title;
    Align align = kLeft;
  };

  explicit TextTable(std::vector<Column> columns);

  // A row with exactly one cell per column (checked).
  void AddRow(std::vector<std::string> cells);
  size_t num_rows() const { return rows_.size(); }

  // Appends the table, each line prefixed by `indent` and ended by '\n'.
  void Render(std::string* out, std::string_view indent = "") const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Terminal columns of one code point: 0 for combining marks, zero-width
// spaces/joiners and variation selectors, 2 for East Asian Wide/Fullwidth
// characters and wide emoji, else 1.
size_t CodePointWidth(char32_t c);
// Terminal columns of a UTF-8 string (sum of CodePointWidth; an invalid byte
// counts 1).
size_t DisplayWidth(std::string_view s);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_
