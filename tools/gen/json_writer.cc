// Streaming JSON text without escaping; see json_writer.h.
#include "tools/gen/json_writer.h"

#include <algorithm>
#include <charconv>

namespace etldag::gen {
namespace {

constexpr size_t kFlushBytes = size_t{4} << 20;

}  // namespace

void JsonWriter::Newline(size_t depth) {
  Put('\n');
  if (!pretty_) return;
  std::memset(Room(2 * depth), ' ', 2 * depth);
  size_ += 2 * depth;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.size() == 1) MaybeFlush();  // between top-level elements
  const bool first = !has_items_.back();
  if (!first) Put(',');
  const size_t depth = has_items_.size();
  if (pretty_ || depth == 1) {
    Newline(depth);
  } else if (!first) {
    Put(' ');
  }
  has_items_.back() = true;
}

void JsonWriter::Open(char c) {
  BeforeValue();
  Put(c);
  has_items_.push_back(false);
}

void JsonWriter::Close(char c) {
  const bool items = has_items_.back();
  has_items_.pop_back();
  if (items && (pretty_ || has_items_.empty())) Newline(has_items_.size());
  Put(c);
  MaybeFlush();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Put('"');
  Put(key);
  Put("\": ");
  after_key_ = true;
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  Put('"');
  Put(s);
  Put('"');
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char tmp[24];
  const auto res = std::to_chars(tmp, tmp + sizeof(tmp), value);
  Put(std::string_view(tmp, res.ptr - tmp));
}

void JsonWriter::Tenths(uint64_t tenths) {
  BeforeValue();
  char tmp[24];
  const auto res = std::to_chars(tmp, tmp + sizeof(tmp), tenths / 10);
  Put(std::string_view(tmp, res.ptr - tmp));
  Put('.');
  Put(static_cast<char>('0' + tenths % 10));
}

void JsonWriter::Null() {
  BeforeValue();
  Put("null");
}

void JsonWriter::Grow(size_t n) {
  buf_.resize(std::max({buf_.size() * 2, size_ + n, size_t{1} << 16}));
}

void JsonWriter::MaybeFlush() {
  if (file_ == nullptr || size_ < kFlushBytes) return;
  if (std::fwrite(buf_.data(), 1, size_, file_) != size_) io_error_ = true;
  size_ = 0;
}

absl::Status JsonWriter::Finish() {
  Put('\n');
  if (file_ != nullptr) {
    if (std::fwrite(buf_.data(), 1, size_, file_) != size_) io_error_ = true;
    size_ = 0;
    if (std::fflush(file_) != 0) io_error_ = true;
  }
  if (io_error_) return absl::DataLossError("write error while writing generated JSON");
  return absl::OkStatus();
}

}  // namespace etldag::gen
