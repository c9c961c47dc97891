#include "engine/output/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/base/check.h"

namespace etldag {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid; in
// that case *skip is the length of the maximal invalid subpart (>= 1) that one
// U+FFFD replaces. Table 3-7 of the Unicode standard (well-formed sequences).
// Not simdjson::validate_utf8 (the loader's check): that answers only valid or
// not, and a writer of arbitrary strings (arguments, paths) must find and
// replace each maximal invalid subpart; engine/output does not link simdjson.
size_t Utf8Sequence(std::string_view s, size_t i, size_t* skip) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = b(i);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the 2nd byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    *skip = 1;
    return 0;
  }
  size_t k = 1;
  for (; k < len && i + k < s.size(); ++k) {
    const unsigned char c = b(i + k);
    const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
    if (c < min || c > max) break;
  }
  if (k == len) return len;
  *skip = k;
  return 0;
}

// Bytes copied unchanged without further checks: printable ASCII but `"` and `\`.
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// True when all 8 bytes at p are in kPlainAscii. Bit tricks on one word: a
// byte >= 0x80 sets its high bit in x; for the other bytes no carry or borrow
// leaves a byte unless that byte is itself bad, so each term sets the high
// bit of a byte exactly when it is >= 0x7F, < 0x20, `"` or `\`.
bool AllPlainAscii8(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  uint64_t x;
  std::memcpy(&x, p, 8);
  const uint64_t bad = x | (x + kOnes) | (x - kOnes * 0x20) | ((x ^ (kOnes * '"')) - kOnes) |
                       ((x ^ (kOnes * '\\')) - kOnes);
  return (bad & kHigh) == 0;
}

void AppendEscapedControl(std::string* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '\b': *out += "\\b"; return;
    case '\f': *out += "\\f"; return;
    case '\n': *out += "\\n"; return;
    case '\r': *out += "\\r"; return;
    case '\t': *out += "\\t"; return;
    default:
      *out += "\\u00";
      *out += kHex[c >> 4];
      *out += kHex[c & 15];
  }
}

// True when every byte of s is in kPlainAscii (the common case).
bool AllPlainAscii(std::string_view s) {
  if (s.size() < 8) {
    for (char c : s) {
      if (!kPlainAscii[static_cast<unsigned char>(c)]) return false;
    }
    return true;
  }
  for (size_t i = 0; i + 8 < s.size(); i += 8) {
    if (!AllPlainAscii8(s.data() + i)) return false;
  }
  return AllPlainAscii8(s.data() + s.size() - 8);  // the last 8 bytes, overlapping
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  constexpr size_t kShort = 254;
  if (s.size() <= kShort && AllPlainAscii(s)) {  // the common case: one append
    char quoted[kShort + 2];
    quoted[0] = '"';
    std::memcpy(quoted + 1, s.data(), s.size());
    quoted[s.size() + 1] = '"';
    out->append(quoted, s.size() + 2);
    return;
  }
  out->reserve(out->size() + s.size() + 2);
  *out += '"';
  size_t i = 0;
  while (i < s.size()) {
    size_t plain = i;  // a run of printable ASCII other than `"` and `\` is copied as is
    while (plain < s.size() && kPlainAscii[static_cast<unsigned char>(s[plain])]) ++plain;
    if (plain > i) {
      out->append(s.data() + i, plain - i);
      i = plain;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        *out += '\\';
        *out += static_cast<char>(c);
      } else if (c < 0x20 || c == 0x7F) {
        AppendEscapedControl(out, c);
      } else {
        *out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    size_t skip = 0;
    const size_t len = Utf8Sequence(s, i, &skip);
    if (len != 0) {
      out->append(s.data() + i, len);
      i += len;
    } else {
      *out += "\\ufffd";
      i += skip;
    }
  }
  *out += '"';
}

void JsonWriter::Newline() {
  *out_ += '\n';
  out_->append(2 * stack_.size(), ' ');
}

void JsonWriter::Separate(Frame& f) {
  const bool first = f.count++ == 0;
  switch (layout_) {
    case JsonLayout::kPretty:
      if (!first) *out_ += ',';
      Newline();
      return;
    case JsonLayout::kCompact:
      if (!first) *out_ += ',';
      return;
    case JsonLayout::kLines:
      if (stack_.size() == 1) {
        out_->append(first ? "\n" : ",\n", first ? 1 : 2);
      } else if (!first) {
        out_->append(", ", 2);
      }
      return;
  }
}

void JsonWriter::BeforeValue() {
  if (stack_.empty()) {
    ETLDAG_CHECK(!wrote_root_);  // one top-level value only
    wrote_root_ = true;
    return;
  }
  Frame& f = stack_.back();
  if (f.is_object) {
    ETLDAG_CHECK(f.has_key);  // a value inside an object needs Key() first
    f.has_key = false;
    return;
  }
  Separate(f);
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  ETLDAG_CHECK(!stack_.empty() && stack_.back().is_object && !stack_.back().has_key);
  Frame& f = stack_.back();
  Separate(f);
  f.has_key = true;
  AppendJsonString(out_, key);
  out_->append(": ", layout_ == JsonLayout::kCompact ? 1 : 2);
  return *this;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  *out_ += '{';
  stack_.push_back(Frame{true});
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  *out_ += '[';
  stack_.push_back(Frame{false});
  return *this;
}

JsonWriter& JsonWriter::End(bool is_object) {
  ETLDAG_CHECK(!stack_.empty() && stack_.back().is_object == is_object);
  ETLDAG_CHECK(!stack_.back().has_key);  // a key without its value
  const bool empty = stack_.back().count == 0;
  stack_.pop_back();
  if (!empty && layout_ == JsonLayout::kPretty) Newline();
  if (!empty && layout_ == JsonLayout::kLines && stack_.empty()) *out_ += '\n';
  *out_ += is_object ? '}' : ']';
  return *this;
}

JsonWriter& JsonWriter::EndObject() { return End(true); }
JsonWriter& JsonWriter::EndArray() { return End(false); }

JsonWriter& JsonWriter::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(out_, s);
  return *this;
}

void JsonWriter::AppendUint(uint64_t v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, static_cast<size_t>(res.ptr - buf));
}

JsonWriter& JsonWriter::Uint(uint64_t v) {
  BeforeValue();
  AppendUint(v);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  BeforeValue();
  if (v < 0) *out_ += '-';
  AppendUint(v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
  return *this;
}

JsonWriter& JsonWriter::Decimal(uint64_t units, uint32_t fraction_digits) {
  ETLDAG_CHECK(fraction_digits <= 18);
  BeforeValue();
  uint64_t scale = 1;
  for (uint32_t i = 0; i < fraction_digits; ++i) scale *= 10;
  AppendUint(units / scale);
  if (fraction_digits == 0) return *this;
  *out_ += '.';
  const std::string frac = std::to_string(units % scale);
  out_->append(fraction_digits - frac.size(), '0');
  *out_ += frac;
  return *this;
}

JsonWriter& JsonWriter::Double(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {
    *out_ += "null";
    return *this;
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  ETLDAG_CHECK(ec == std::errc());
  *out_ += std::string_view(buf, static_cast<size_t>(end - buf));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  BeforeValue();
  *out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  *out_ += "null";
  return *this;
}

}  // namespace etldag
