// Reading a file into one padded buffer. A regular file of known size gets a
// buffer of size + padding and (normally) one read(), or is mapped past
// kMaxJsonDocumentBytes; stdin, pipes and files reporting size 0 (/proc) are
// read in a buffer that doubles as needed.
#include "engine/load/file_buffer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/base/check.h"
#include "engine/base/status.h"
#include "engine/base/strings.h"

namespace etldag {
namespace {

constexpr size_t kInitialPipeBuffer = size_t{1} << 16;
constexpr size_t kHugePage = size_t{2} << 20;

// strerror_r comes in two flavours (GNU returns char*, XSI an int).
[[maybe_unused]] const char* PickStrError(char* r, char*) { return r; }
[[maybe_unused]] const char* PickStrError(int r, char* buf) { return r == 0 ? buf : "unknown error"; }

std::string ErrnoText(int err) {
  char buf[256] = {0};
  return PickStrError(strerror_r(err, buf, sizeof buf), buf);
}

[[nodiscard]] absl::Status ErrnoStatus(int err, std::string_view name) {
  const std::string message = absl::StrCat(ToAbsl(name), ": error: ", ErrnoText(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::FailedPreconditionError(message);
  }
}

[[nodiscard]] absl::Status Changed(std::string_view name, off_t before, size_t read, off_t after) {
  return absl::FailedPreconditionError(absl::StrCat(
      ToAbsl(name), ": error: the file changed while it was being read (", before, " bytes when opened, ", read,
      " read, ", after, " now); read it again once it is complete"));
}

[[nodiscard]] absl::Status OutOfMemory(std::string_view name, size_t size) {
  return absl::ResourceExhaustedError(
      absl::StrCat(ToAbsl(name), ": error: out of memory reading ", size, " bytes"));
}

// Uninitialised bytes; big buffers 2 MiB-aligned and advised to use
// transparent huge pages: first-touch page faults (one per 4 KiB otherwise)
// are a large part of reading a big file into fresh memory.
char* Allocate(size_t bytes) {
  if (bytes < kHugePage) return static_cast<char*>(std::malloc(bytes));
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  char* p = static_cast<char*>(std::aligned_alloc(kHugePage, rounded));
  if (p != nullptr) madvise(p, rounded, MADV_HUGEPAGE);  // advisory: failure is fine
  return p;
}

}  // namespace

const char FileBuffer::kEmpty[kFileBufferPadding] = {};

void FileBuffer::Free::operator()(char* p) const {
  if (mapped_bytes > 0) {
    munmap(p, mapped_bytes);
  } else {
    std::free(p);
  }
}

std::string_view FileBuffer::display_name() const {
  return path_ == "-" ? std::string_view("<stdin>") : std::string_view(path_);
}

FileBuffer FileBuffer::FromString(std::string_view contents, std::string_view path) {
  FileBuffer fb;
  fb.path_ = std::string(path);
  fb.size_ = contents.size();
  fb.buf_.reset(Allocate(contents.size() + kFileBufferPadding));
  ETLDAG_CHECK(fb.buf_ != nullptr);
  if (!contents.empty()) std::memcpy(fb.buf_.get(), contents.data(), contents.size());
  std::memset(fb.buf_.get() + fb.size_, 0, kFileBufferPadding);
  return fb;
}

InputFile::~InputFile() {
  if (fd_ >= 0 && path_ != "-") close(fd_);
}

InputFile::InputFile(InputFile&& o) noexcept
    : path_(std::move(o.path_)), fd_(std::exchange(o.fd_, -1)), before_(o.before_), regular_(o.regular_) {}

std::string_view InputFile::display_name() const {
  return path_ == "-" ? std::string_view("<stdin>") : std::string_view(path_);
}

absl::StatusOr<InputFile> InputFile::Open(std::string_view path) {
  InputFile f;
  f.path_ = std::string(path);
  if (path == "-") {
    f.fd_ = STDIN_FILENO;
  } else {
    f.fd_ = open(f.path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (f.fd_ < 0) return ErrnoStatus(errno, f.display_name());
  }
  if (fstat(f.fd_, &f.before_) != 0) return ErrnoStatus(errno, f.display_name());
  if (S_ISDIR(f.before_.st_mode)) return ErrnoStatus(EISDIR, f.display_name());
  f.regular_ = S_ISREG(f.before_.st_mode);
  return f;
}

uint64_t InputFile::size() const { return regular_ && before_.st_size > 0 ? before_.st_size : 0; }

absl::StatusOr<size_t> InputFile::Read(char* dst, size_t n) {
  while (true) {
    const ssize_t got = read(fd_, dst, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return ErrnoStatus(errno, display_name());
  }
}

absl::StatusOr<size_t> InputFile::ReadAt(char* dst, size_t n, uint64_t offset) const {
  while (true) {
    const ssize_t got = pread(fd_, dst, n, static_cast<off_t>(offset));
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return ErrnoStatus(errno, display_name());
  }
}

// A regular file rewritten while we read it (cp over it, a deploy) could
// leave the old file's start stitched to the new file's end: valid JSON,
// wrong graph. Size and mtime before and after the read tell; an error is
// better than a plausible wrong answer. A regular file of size 0 when opened
// (just truncated by a writer) is read to EOF like a pipe and checked the
// same way; /proc files stay at size 0 with the same mtime, so they pass.
absl::Status InputFile::CheckUnchanged(uint64_t bytes_read) const {
  if (!regular_) return absl::OkStatus();
  struct stat after;
  if (fstat(fd_, &after) != 0) return ErrnoStatus(errno, display_name());
  if ((size() > 0 && bytes_read != size()) || after.st_size != before_.st_size ||
      after.st_mtim.tv_sec != before_.st_mtim.tv_sec || after.st_mtim.tv_nsec != before_.st_mtim.tv_nsec) {
    return Changed(display_name(), before_.st_size, bytes_read, after.st_size);
  }
  return absl::OkStatus();
}

// The file's pages mapped copy-on-write over an anonymous zero-filled
// reservation of size + padding (rounded to pages): the bytes past the end of
// the file, up to the padding, read as zeros whatever the size.
absl::StatusOr<FileBuffer> FileBuffer::Map(const InputFile& file, std::string_view path) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t size = static_cast<size_t>(file.size());
  const size_t total = (size + kFileBufferPadding + page - 1) / page * page;
  void* base = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) return OutOfMemory(file.display_name(), size);
  FileBuffer fb;
  fb.buf_ = std::unique_ptr<char[], Free>(static_cast<char*>(base), Free{total});
  fb.path_ = std::string(path);
  fb.size_ = size;
  if (mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, file.fd(), 0) == MAP_FAILED) {
    return ErrnoStatus(errno, file.display_name());
  }
  madvise(base, size, MADV_SEQUENTIAL);  // advisory: failure is fine
  RETURN_IF_ERROR(file.CheckUnchanged(size));
  return fb;
}

absl::Status FileBuffer::CheckUnchanged() const {
  return mapped_from_ == nullptr ? absl::OkStatus() : mapped_from_->CheckUnchanged(size_);
}

absl::StatusOr<FileBuffer> FileBuffer::Read(std::string_view path, FileRead how) {
  ASSIGN_OR_RETURN(InputFile file, InputFile::Open(path));
  if (file.size() > kMaxJsonDocumentBytes || (how == FileRead::kMapLarge && file.size() >= kMapBytes)) {
    ASSIGN_OR_RETURN(FileBuffer fb, Map(file, path));
    fb.mapped_from_ = std::make_unique<const InputFile>(std::move(file));
    return fb;
  }
  FileBuffer fb;
  fb.path_ = std::string(path);
  const std::string_view name = fb.display_name();
  const bool known_size = file.size() > 0;
  // capacity = data bytes the buffer can take; padding comes on top.
  size_t capacity = known_size ? static_cast<size_t>(file.size()) : kInitialPipeBuffer;
  fb.buf_.reset(Allocate(capacity + kFileBufferPadding));
  if (fb.buf_ == nullptr) return OutOfMemory(name, capacity);
  while (true) {
    if (fb.size_ == capacity) {
      if (known_size) break;  // read what fstat announced: done
      const size_t grown = capacity * 2;
      std::unique_ptr<char[], Free> bigger(Allocate(grown + kFileBufferPadding));
      if (bigger == nullptr) return OutOfMemory(name, grown);
      std::memcpy(bigger.get(), fb.buf_.get(), fb.size_);
      fb.buf_ = std::move(bigger);
      capacity = grown;
    }
    ASSIGN_OR_RETURN(const size_t got, file.Read(fb.buf_.get() + fb.size_, capacity - fb.size_));
    if (got == 0) break;
    fb.size_ += got;
  }
  RETURN_IF_ERROR(file.CheckUnchanged(fb.size_));
  std::memset(fb.buf_.get() + fb.size_, 0, kFileBufferPadding);
  return fb;
}

}  // namespace etldag
