// FileBuffer: a whole file (or stdin, for "-") in one buffer followed by
// kFileBufferPadding readable zero bytes, which the JSON parser needs
// (simdjson reads up to SIMDJSON_PADDING bytes past the end). Regular files
// up to kMaxJsonDocumentBytes are read with one read() of their size into a
// buffer allocated once; pipes grow it. A regular file larger than that, or
// one of kMapBytes or more read with FileRead::kMapLarge, is mapped instead
// (MAP_PRIVATE, read-only, a zero page after it for the padding): mapping
// costs page cache, not fresh memory, whose first touch is most of the cost
// of reading a large file on a VM (a 52 MB manifest: 5 ms mapped, 30 to
// 130 ms read). A mapped file truncated by another process while it is read
// raises SIGBUS, which the CLI turns into the "file changed" error
// (tools/etldag/fault_guard.h); one rewritten in place is caught by
// CheckUnchanged() once the bytes have been used.
//
// Buffers of 2 MiB and more are advised to use transparent huge pages.
//
// Errors: NotFound / PermissionDenied / FailedPrecondition (a directory, an
// I/O error) with the message "FILE: error: <strerror>"; FailedPrecondition
// when a regular file changed while being read (its size or mtime differs
// after the read: truncated, grown or rewritten); ResourceExhausted when the
// buffer cannot be allocated or the file cannot be mapped.
#ifndef ETLDAG_ENGINE_LOAD_FILE_BUFFER_H_
#define ETLDAG_ENGINE_LOAD_FILE_BUFFER_H_

#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace etldag {

// Padding after the data (zero bytes); >= simdjson::SIMDJSON_PADDING.
inline constexpr size_t kFileBufferPadding = 64;
// Largest JSON text simdjson parses as one document (its 32-bit index).
// Inputs have no size limit of their own: spark_ops.json is parsed in
// documents below this size (chunked_load.h, op_reader.h); the formats read
// as one document (dbt manifest, durations, committed, run state) are
// refused past it with an error naming this limit.
inline constexpr size_t kMaxJsonDocumentBytes = 0xFFFFFFFFu - kFileBufferPadding;

// A file (or stdin, for "-") opened for sequential reading; FileBuffer and
// the chunked loader read through it. Open fails like FileBuffer::Read
// (directory, unreadable).
class InputFile {
 public:
  [[nodiscard]] static absl::StatusOr<InputFile> Open(std::string_view path);
  InputFile(InputFile&& o) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  ~InputFile();

  // The size fstat gave when opened: > 0 only for a non-empty regular file.
  uint64_t size() const;
  // Up to `n` bytes into `dst`: the count (0 at the end) or an I/O error.
  [[nodiscard]] absl::StatusOr<size_t> Read(char* dst, size_t n);
  // Up to `n` bytes at `offset` (pread: no file position, safe to call from
  // several threads at once): the count (0 at the end) or an I/O error.
  [[nodiscard]] absl::StatusOr<size_t> ReadAt(char* dst, size_t n, uint64_t offset) const;
  // After reading `bytes_read` bytes to the end: FailedPrecondition when a
  // regular file changed meanwhile (size or mtime differs, or fewer/more
  // bytes than its size were read). Always OK for pipes.
  [[nodiscard]] absl::Status CheckUnchanged(uint64_t bytes_read) const;
  std::string_view display_name() const;  // "<stdin>" for "-"
  int fd() const { return fd_; }

 private:
  InputFile() = default;
  std::string path_;
  int fd_ = -1;
  struct stat before_ = {};
  bool regular_ = false;
};

// Regular files of this size or more are mapped by FileRead::kMapLarge.
inline constexpr size_t kMapBytes = size_t{1} << 20;
enum class FileRead : uint8_t { kCopy, kMapLarge };

class FileBuffer {
 public:
  FileBuffer() = default;  // empty, padded
  FileBuffer(FileBuffer&&) noexcept = default;
  FileBuffer& operator=(FileBuffer&&) noexcept = default;
  FileBuffer(const FileBuffer&) = delete;
  FileBuffer& operator=(const FileBuffer&) = delete;

  // `path` "-" reads stdin.
  [[nodiscard]] static absl::StatusOr<FileBuffer> Read(std::string_view path, FileRead how = FileRead::kCopy);
  // A padded copy of `contents` (tests, tools).
  static FileBuffer FromString(std::string_view contents, std::string_view path = "<memory>");

  // The file's bytes; data().data()[data().size() + i] is readable (zero)
  // for i < kFileBufferPadding.
  std::string_view data() const { return {buf_ ? buf_.get() : kEmpty, size_}; }
  // A mapped file: FailedPrecondition when it changed since it was mapped
  // (InputFile::CheckUnchanged); call it once the bytes have been used.
  // Always OK for a buffer that was read.
  [[nodiscard]] absl::Status CheckUnchanged() const;
  const std::string& path() const { return path_; }
  // The name to show in messages: "<stdin>" for "-", else the path.
  std::string_view display_name() const;

 private:
  struct Free {
    size_t mapped_bytes;  // > 0: an mmap of that many bytes, else malloc'd (value-initialised: 0)
    void operator()(char* p) const;
  };
  [[nodiscard]] static absl::StatusOr<FileBuffer> Map(const InputFile& file, std::string_view path);
  static const char kEmpty[kFileBufferPadding];
  std::unique_ptr<char[], Free> buf_;
  size_t size_ = 0;
  std::string path_;
  std::unique_ptr<const InputFile> mapped_from_;  // a mapped file, open
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_LOAD_FILE_BUFFER_H_
