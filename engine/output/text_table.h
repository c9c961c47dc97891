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
//
// Highlighting: a row may carry a TextStyle; Render(..., color = true) wraps
// the text of each of its cells (never the padding) in ANSI SGR escapes, so
// columns stay aligned on a terminal. With color = false (the default) the
// style is ignored and the output has no escape codes.
#ifndef ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_
#define ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace etldag {

// What a highlighted piece of a text report is: kAlert (bold red: unsafe,
// failed, critical), kWarn (yellow: needs a look), kGood (green: safe).
enum class TextStyle : uint8_t { kPlain, kAlert, kWarn, kGood };

// `text` wrapped in the escapes of `style` when `color`, else `text` as is.
std::string Styled(std::string_view text, TextStyle style, bool color);

class TextTable {
 public:
  enum Align { kLeft, kRight };
  struct Column {
    std::string title;
    Align align = kLeft;
  };

  explicit TextTable(std::vector<Column> columns);

  // A row with exactly one cell per column (checked).
  void AddRow(std::vector<std::string> cells, TextStyle style = TextStyle::kPlain);
  size_t num_rows() const { return rows_.size(); }

  // Appends the table, each line prefixed by `indent` and ended by '\n';
  // `color`: highlight the styled rows.
  void Render(std::string* out, std::string_view indent = "", bool color = false) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<TextStyle> styles_;  // one per row
};

// Terminal columns of one code point: 0 for combining marks, zero-width
// spaces/joiners and variation selectors, 2 for East Asian Wide/Fullwidth
// characters and wide emoji, else 1. Not wcswidth(3): glibc answers -1 for
// every non-ASCII character unless the process runs in a UTF-8 locale, and
// etldag's output must not depend on the caller's LC_CTYPE (scripts run under
// LANG=C); tests/output/text_table_test.cc compares these tables with
// glibc's wcwidth in C.UTF-8 on the Latin, CJK, Hangul, kana, combining and
// emoji ranges.
size_t CodePointWidth(char32_t c);
// Terminal columns of a UTF-8 string (sum of CodePointWidth; an invalid byte
// counts 1).
size_t DisplayWidth(std::string_view s);

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_TEXT_TABLE_H_
