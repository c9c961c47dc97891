// A minimal streaming JSON writer for the generator: no escaping (every
// string it writes is escape-free by construction), Python's json.dumps
// separators (", " and ": "), and two layouts: one top-level element per line
// (default) or indented by two spaces (json.dumps(indent=2)). Text goes into a
// std::string that is flushed to a FILE* in ~4 MiB chunks, or kept whole
// when there is no FILE*.
#ifndef ETLDAG_TOOLS_GEN_JSON_WRITER_H_
#define ETLDAG_TOOLS_GEN_JSON_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace etldag::gen {

class JsonWriter {
 public:
  // `file` may be null: then everything stays in the buffer (TakeText()).
  JsonWriter(std::FILE* file, bool pretty) : file_(file), pretty_(pretty) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t value);
  void Tenths(uint64_t tenths);  // a decimal with one fractional digit
  void Null();

  // Writes the final newline and flushes; IO errors are reported here.
  [[nodiscard]] absl::Status Finish();
  std::string TakeText() {
    buf_.resize(size_);
    return std::move(buf_);
  }

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();  // separator + newline/indent as needed
  void Newline(size_t depth);
  void MaybeFlush();
  // Appending through a raw pointer: buf_ is kept resized to its capacity and
  // size_ counts the bytes written (std::string::append is 2x slower here).
  char* Room(size_t n) {
    if (buf_.size() - size_ < n) Grow(n);
    return buf_.data() + size_;
  }
  void Grow(size_t n);
  void Put(char c) { *Room(1) = c; ++size_; }
  void Put(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    size_ += s.size();
  }

  std::FILE* file_;
  bool pretty_;
  bool after_key_ = false;
  bool io_error_ = false;
  std::vector<bool> has_items_;  // one per open container
  std::string buf_;
  size_t size_ = 0;
};

}  // namespace etldag::gen

#endif  // ETLDAG_TOOLS_GEN_JSON_WRITER_H_
