// A strict RFC 8259 scanner that stops at the first error. Iterative (an
// explicit stack of open containers, bounded by max_depth), so hostile
// nesting cannot overflow the call stack. Positions of errors:
//  - a bad byte or token: its first byte;
//  - a bad escape: its backslash; an unterminated string: its opening quote;
//  - an unexpected end of input: just after the last non-whitespace byte.
#include "engine/load/internal/json_syntax.h"

#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/base/strings.h"
#include "engine/load/internal/json_token.h"
#include "engine/load/internal/utf8.h"

namespace etldag::load_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Value of the 4 hex digits at s[0..4), or -1.
int32_t Hex4(std::string_view s) {
  if (s.size() < 4) return -1;
  int32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = s[i];
    int d;
    if (IsDigit(c)) d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

std::string DescribeByte(std::string_view rest) {
  const auto b = static_cast<uint8_t>(rest[0]);
  if (b == 0) return "NUL byte";
  if (b > 0x20 && b < 0x7F) return absl::StrCat("character '", ToAbsl(rest.substr(0, 1)), "'");
  if (b >= 0x80 && Utf8SequenceLength(rest) == 0) {
    return absl::StrFormat("invalid UTF-8 (byte 0x%02X)", b);
  }
  return absl::StrFormat("byte 0x%02X", b);
}

class Scanner {
 public:
  Scanner(std::string_view s, uint32_t max_depth) : s_(s), max_depth_(max_depth) {}

  std::optional<JsonSyntaxError> Run() {
    SkipWhitespace();
    if (AtEnd()) return JsonSyntaxError{0, "empty input: expected a JSON value"};
    while (Value() && AfterValue() && !done_) {
    }
    return error_;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  void SkipWhitespace() {
    while (!AtEnd() && IsJsonWhitespace(s_[pos_])) ++pos_;
  }
  bool Fail(size_t at, std::string message) {
    error_ = JsonSyntaxError{at, std::move(message)};
    return false;
  }
  bool FailAtEnd(std::string_view expected) {
    return Fail(TrimJsonWhitespace(s_).size(), absl::StrCat("unexpected end of input: ", ToAbsl(expected)));
  }
  bool FailHere(std::string_view expected) {
    return Fail(pos_, absl::StrCat("unexpected ", DescribeByte(s_.substr(pos_)), ": ", ToAbsl(expected)));
  }

  // One value: a scalar, or containers opened until a scalar or an empty one.
  bool Value() {
    while (true) {
      SkipWhitespace();
      if (AtEnd()) return FailAtEnd("expected a value");
      const char c = s_[pos_];
      if (c != '[' && c != '{') return Scalar();
      if (stack_.size() >= max_depth_) {
        return Fail(pos_, absl::StrCat("nesting deeper than ", max_depth_, " levels of arrays and objects"));
      }
      stack_.push_back(c);
      ++pos_;
      SkipWhitespace();
      if (!AtEnd() && s_[pos_] == (c == '[' ? ']' : '}')) {
        stack_.pop_back();
        ++pos_;
        return true;
      }
      if (c == '{' && !Key("expected a string key or '}'")) return false;
    }
  }

  // After a complete value: closes containers, consumes one ',' (and the key
  // that follows it in an object), or reaches the end of the text.
  bool AfterValue() {
    while (true) {
      SkipWhitespace();
      if (stack_.empty()) {
        if (!AtEnd()) return FailHere("trailing content after the top-level value");
        done_ = true;
        return true;
      }
      const char open = stack_.back();
      const char* expected = open == '[' ? "expected ',' or ']'" : "expected ',' or '}'";
      if (AtEnd()) return FailAtEnd(expected);
      if (s_[pos_] == (open == '[' ? ']' : '}')) {
        stack_.pop_back();
        ++pos_;
        continue;
      }
      if (s_[pos_] != ',') return FailHere(expected);
      ++pos_;
      return open == '[' || Key("expected a string key");
    }
  }

  bool Key(std::string_view expected) {
    SkipWhitespace();
    if (AtEnd()) return FailAtEnd(expected);
    if (s_[pos_] != '"') return FailHere(expected);
    if (!String()) return false;
    SkipWhitespace();
    if (AtEnd()) return FailAtEnd("expected ':' after the key");
    if (s_[pos_] != ':') return FailHere("expected ':' after the key");
    ++pos_;
    return true;
  }

  bool Scalar() {
    const char c = s_[pos_];
    if (c == '"') return String();
    if (c == '-' || IsDigit(c)) return Number();
    if (c == 't' || c == 'f' || c == 'n') return Literal();
    return FailHere("expected a value");
  }

  bool String() {
    const size_t start = pos_++;
    while (true) {
      if (AtEnd()) return Fail(start, "unterminated string (no closing quote)");
      const auto b = static_cast<uint8_t>(s_[pos_]);
      if (b == '"') {
        ++pos_;
        return true;
      }
      if (b == '\\') {
        if (!Escape()) return false;
      } else if (b < 0x20) {
        return Fail(pos_, b == 0 ? std::string("NUL byte inside a string")
                                 : absl::StrFormat("unescaped control character U+%04X inside a string", b));
      } else if (b < 0x80) {
        ++pos_;
      } else {
        const size_t len = Utf8SequenceLength(s_.substr(pos_));
        if (len == 0) return Fail(pos_, absl::StrFormat("invalid UTF-8 inside a string (byte 0x%02X)", b));
        pos_ += len;
      }
    }
  }

  // pos_ at a backslash inside a string.
  bool Escape() {
    const size_t at = pos_;
    if (at + 1 >= s_.size()) return Fail(at, "unterminated escape sequence");
    const char e = s_[at + 1];
    if (e != 'u') {
      if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return Fail(at, absl::StrCat("invalid escape sequence: backslash followed by ",
                                     DescribeByte(s_.substr(at + 1))));
      }
      pos_ += 2;
      return true;
    }
    const int32_t cu = Hex4(s_.substr(at + 2));
    if (cu < 0) return Fail(at, "invalid \\u escape: expected 4 hex digits");
    pos_ += 6;
    if (cu >= 0xDC00 && cu <= 0xDFFF) {
      return Fail(at, absl::StrFormat("invalid \\u%04X escape: a low surrogate without a high surrogate before it", cu));
    }
    if (cu >= 0xD800 && cu <= 0xDBFF) {
      const std::string_view next = s_.substr(pos_);
      const int32_t lo = next.size() >= 2 && next[0] == '\\' && next[1] == 'u' ? Hex4(next.substr(2)) : -1;
      if (lo < 0xDC00 || lo > 0xDFFF) {
        return Fail(at, absl::StrFormat("invalid \\u%04X escape: a high surrogate not followed by a \\uDC00-\\uDFFF escape", cu));
      }
      pos_ += 6;
    }
    return true;
  }

  bool Number() {
    const size_t n = JsonNumberLength(s_.substr(pos_));
    const size_t next = pos_ + n;
    if (n == 0 || (next < s_.size() && (IsAlnum(s_[next]) || s_[next] == '.' || s_[next] == '+' || s_[next] == '-'))) {
      return Fail(pos_, "invalid number");
    }
    pos_ = next;
    return true;
  }

  bool Literal() {
    for (std::string_view lit : {"true", "false", "null"}) {
      const size_t next = pos_ + lit.size();
      if (s_.substr(pos_, lit.size()) == lit && (next >= s_.size() || !IsAlnum(s_[next]))) {
        pos_ = next;
        return true;
      }
    }
    return Fail(pos_, "invalid literal (expected true, false or null)");
  }

  std::string_view s_;
  uint32_t max_depth_;
  size_t pos_ = 0;
  std::string stack_;  // '[' or '{' per open container
  bool done_ = false;
  std::optional<JsonSyntaxError> error_;
};

}  // namespace

std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view json, uint32_t max_depth) {
  return Scanner(json, max_depth).Run();
}

}  // namespace etldag::load_internal
