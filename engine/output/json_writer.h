// JsonWriter: a small streaming JSON writer that appends to a std::string.
//
// Deterministic by construction: keys come out in the order the caller writes
// them (callers fix the order; nothing is ever taken from a hash map), numbers
// have one canonical spelling (integers in decimal, doubles as the shortest
// round-trip form, NaN/Inf as null), and strings are escaped the same way
// every time. Three layouts (JsonLayout): pretty (the default) puts every
// member and every array element on its own line, indented by two spaces, as
// Python's json.dumps(indent=2); compact has no whitespace; lines uses
// json.dumps' default separators (", " and ": ") and puts each element of the
// top-level container on its own line (the generator's spark_ops.json). Empty
// containers are `{}` / `[]` in every layout. The writer only ever appends to
// its string, so a caller may write the text out and clear the string between
// two values to stream a large document. Misuse (a value without a key inside an object, unbalanced End*) is a
// programmer error and aborts (ETLDAG_CHECK).
//
// String escaping (AppendJsonString): `"` `\` and the control characters
// U+0000..U+001F and U+007F are escaped (\n, \t, ... or \u00XX); valid UTF-8
// passes through unchanged; every maximal invalid UTF-8 subsequence
// (Unicode 15, §3.9 "U+FFFD substitution") becomes the escape \ufffd, so the
// output is always valid JSON and valid UTF-8.
#ifndef ETLDAG_ENGINE_OUTPUT_JSON_WRITER_H_
#define ETLDAG_ENGINE_OUTPUT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace etldag {

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string* out, std::string_view s);

enum class JsonLayout : uint8_t { kPretty, kCompact, kLines };

class JsonWriter {
 public:
  JsonWriter(std::string* out, JsonLayout layout) : out_(out), layout_(layout) {}
  // `pretty` = JsonLayout::kPretty, otherwise kCompact.
  explicit JsonWriter(std::string* out, bool pretty = true)
      : JsonWriter(out, pretty ? JsonLayout::kPretty : JsonLayout::kCompact) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);  // inside an object, before each value

  JsonWriter& String(std::string_view s);
  JsonWriter& Uint(uint64_t v);
  JsonWriter& Int(int64_t v);
  JsonWriter& Double(double v);
  // units / 10^fraction_digits with exactly that many fractional digits
  // (Decimal(165, 1) is 16.5, Decimal(160, 1) is 16.0); fraction_digits <= 18.
  JsonWriter& Decimal(uint64_t units, uint32_t fraction_digits);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();

  // True once a single top-level value is complete (all containers closed).
  bool done() const { return stack_.empty() && wrote_root_; }

 private:
  struct Frame {
    bool is_object;
    bool has_key = false;  // object: a key was written, its value pending
    uint64_t count = 0;    // members / elements written so far
  };
  void BeforeValue();  // separator + indentation + checks
  void Separate(Frame& f);  // before a member or element: comma, line break or space
  void Newline();
  void AppendUint(uint64_t v);
  JsonWriter& End(bool is_object);

  std::string* out_;
  JsonLayout layout_;
  bool wrote_root_ = false;
  std::vector<Frame> stack_;
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_OUTPUT_JSON_WRITER_H_
