// Reading a file into one padded buffer. A regular file of known size gets a
// buffer of size + padding and (normally) one read(); stdin, pipes and files
// reporting size 0 (/proc) are read in a buffer that doubles as needed.
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

absl::Status ErrnoStatus(int err, std::string_view name) {
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

absl::Status TooLarge(std::string_view name, size_t size) {
  return absl::FailedPreconditionError(absl::StrCat(
      ToAbsl(name), ": error: file too large (at least ", size, " bytes; the limit is ", kMaxInputBytes, ")"));
}

absl::Status Changed(std::string_view name, off_t before, size_t read, off_t after) {
  return absl::FailedPreconditionError(absl::StrCat(
      ToAbsl(name), ": error: the file changed while it was being read (", before, " bytes when opened, ", read,
      " read, ", after, " now); read it again once it is complete"));
}

absl::Status OutOfMemory(std::string_view name, size_t size) {
  return absl::ResourceExhaustedError(
      absl::StrCat(ToAbsl(name), ": error: out of memory reading ", size, " bytes"));
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) close(fd);
  }
};

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

void FileBuffer::Free::operator()(char* p) const { std::free(p); }

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

absl::StatusOr<FileBuffer> FileBuffer::Read(std::string_view path) {
  FileBuffer fb;
  fb.path_ = std::string(path);
  const std::string_view name = fb.display_name();
  int fd = STDIN_FILENO;
  if (path != "-") {
    fd = open(fb.path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, name);
  }
  FdCloser closer{path != "-" ? fd : -1};
  struct stat st;
  if (fstat(fd, &st) != 0) return ErrnoStatus(errno, name);
  if (S_ISDIR(st.st_mode)) return ErrnoStatus(EISDIR, name);
  const bool known_size = S_ISREG(st.st_mode) && st.st_size > 0;
  if (known_size && static_cast<uint64_t>(st.st_size) > kMaxInputBytes) return TooLarge(name, st.st_size);

  // capacity = data bytes the buffer can take; padding comes on top.
  size_t capacity = known_size ? static_cast<size_t>(st.st_size) : kInitialPipeBuffer;
  fb.buf_.reset(Allocate(capacity + kFileBufferPadding));
  if (fb.buf_ == nullptr) return OutOfMemory(name, capacity);
  while (true) {
    if (fb.size_ == capacity) {
      if (known_size) break;  // read what fstat announced: done
      if (capacity >= kMaxInputBytes) return TooLarge(name, capacity + 1);
      const size_t grown = std::min(capacity * 2, kMaxInputBytes);
      std::unique_ptr<char[], Free> bigger(Allocate(grown + kFileBufferPadding));
      if (bigger == nullptr) return OutOfMemory(name, grown);
      std::memcpy(bigger.get(), fb.buf_.get(), fb.size_);
      fb.buf_ = std::move(bigger);
      capacity = grown;
    }
    const ssize_t got = read(fd, fb.buf_.get() + fb.size_, capacity - fb.size_);
    if (got < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, name);
    }
    if (got == 0) break;
    fb.size_ += static_cast<size_t>(got);
  }
  // A regular file rewritten while we read it (cp over it, a deploy) could
  // leave the old file's start stitched to the new file's end: valid JSON,
  // wrong graph. Size and mtime before and after the read tell; an error is
  // better than a plausible wrong answer.
  // A regular file of size 0 when opened (just truncated by a writer) is read
  // to EOF like a pipe and checked the same way; /proc files stay at size 0
  // with the same mtime, so they pass.
  if (S_ISREG(st.st_mode)) {
    struct stat after;
    if (fstat(fd, &after) != 0) return ErrnoStatus(errno, name);
    if ((known_size && fb.size_ != static_cast<size_t>(st.st_size)) || after.st_size != st.st_size ||
        after.st_mtim.tv_sec != st.st_mtim.tv_sec || after.st_mtim.tv_nsec != st.st_mtim.tv_nsec) {
      return Changed(name, st.st_size, fb.size_, after.st_size);
    }
  }
  std::memset(fb.buf_.get() + fb.size_, 0, kFileBufferPadding);
  return fb;
}

}  // namespace etldag
