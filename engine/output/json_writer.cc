#include "engine/output/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstddef>

#include "engine/base/check.h"

namespace etldag {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid; in
// that case *skip is the length of the maximal invalid subpart (>= 1) that one
// U+FFFD replaces. Table 3-7 of the Unicode standard (well-formed sequences).
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

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->reserve(out->size() + s.size() + 2);
  *out += '"';
  size_t i = 0;
  while (i < s.size()) {
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
  if (!pretty_) return;
  *out_ += '\n';
  out_->append(2 * stack_.size(), ' ');
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
  if (f.count++ > 0) *out_ += ',';
  Newline();
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  ETLDAG_CHECK(!stack_.empty() && stack_.back().is_object && !stack_.back().has_key);
  Frame& f = stack_.back();
  if (f.count++ > 0) *out_ += ',';
  f.has_key = true;
  Newline();
  AppendJsonString(out_, key);
  *out_ += pretty_ ? ": " : ":";
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
  if (!empty) Newline();
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

JsonWriter& JsonWriter::Uint(uint64_t v) {
  BeforeValue();
  *out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  BeforeValue();
  *out_ += std::to_string(v);
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
