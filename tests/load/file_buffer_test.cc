// FileBuffer: whole files and stdin into one zero-padded buffer; errors with
// the right codes and "FILE: error: ..." messages. Also LoadSparkOpsFile's
// file-level errors.
#include "engine/load/file_buffer.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "engine/load/spark_ops.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace etldag {
namespace {

using ::etldag::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class FileBufferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("etldag_file_buffer_test_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& contents) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  // Runs `fn` with stdin redirected from `fd` (closed afterwards).
  template <typename Fn>
  void WithStdin(int fd, Fn fn) {
    const int saved = dup(STDIN_FILENO);
    ASSERT_GE(dup2(fd, STDIN_FILENO), 0);
    close(fd);
    fn();
    dup2(saved, STDIN_FILENO);
    close(saved);
  }

  static void ExpectPadded(const FileBuffer& fb) {
    const char* end = fb.data().data() + fb.data().size();
    for (size_t i = 0; i < kFileBufferPadding; ++i) ASSERT_EQ(end[i], '\0') << i;
  }

  std::filesystem::path dir_;
};

TEST_F(FileBufferTest, ReadsAWholeFile) {
  std::string contents;
  for (int i = 0; i < 300000; ++i) contents += static_cast<char>('a' + i % 26);  // > 2 MiB: huge-page path
  contents += std::string("\0tail", 5);
  const std::string path = Write("big.json", contents);
  ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read(path));
  EXPECT_EQ(fb.data(), contents);
  EXPECT_EQ(fb.path(), path);
  EXPECT_EQ(fb.display_name(), path);
  ExpectPadded(fb);
}

TEST_F(FileBufferTest, MapLargeMapsALargeFileAndReadsASmallOne) {
  std::string contents;
  for (size_t i = 0; i < kMapBytes + 4096 - 3; ++i) contents += static_cast<char>('a' + i % 26);  // ends mid-page
  const std::string path = Write("large.json", contents);
  ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read(path, FileRead::kMapLarge));
  EXPECT_EQ(fb.data(), contents);
  ExpectPadded(fb);
  EXPECT_THAT(fb.CheckUnchanged(), etldag::testing::IsOk());
  // A file whose size is a multiple of the page: the padding is the zero
  // page mapped after it.
  contents.resize(kMapBytes);
  const std::string whole_pages = Write("pages.json", contents);
  ASSERT_OK_AND_ASSIGN(const FileBuffer pages, FileBuffer::Read(whole_pages, FileRead::kMapLarge));
  EXPECT_EQ(pages.data(), contents);
  ExpectPadded(pages);
  ASSERT_OK_AND_ASSIGN(const FileBuffer small, FileBuffer::Read(Write("small.json", "{}"), FileRead::kMapLarge));
  EXPECT_EQ(small.data(), "{}");
  EXPECT_THAT(small.CheckUnchanged(), etldag::testing::IsOk());
}

// A mapped file reads the file as it is when a page is first touched: a
// change after the mapping is caught by CheckUnchanged, as the read path
// catches one during read().
TEST_F(FileBufferTest, MappedFileChangedAfterwardsIsCaught) {
  const std::string contents(kMapBytes + 10, ' ');
  const std::string path = Write("changing.json", contents);
  ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read(path, FileRead::kMapLarge));
  struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 678}};  // rewritten in place: new mtime
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  EXPECT_THAT(fb.CheckUnchanged(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("changed while it was being read")));
}

TEST_F(FileBufferTest, EmptyFileAndFromString) {
  ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read(Write("empty", "")));
  EXPECT_TRUE(fb.data().empty());
  ExpectPadded(fb);
  const FileBuffer copy = FileBuffer::FromString("[1]", "mem");
  EXPECT_EQ(copy.data(), "[1]");
  EXPECT_EQ(copy.path(), "mem");
  ExpectPadded(copy);
  const FileBuffer none;
  EXPECT_TRUE(none.data().empty());
  ExpectPadded(none);
}

TEST_F(FileBufferTest, MoveKeepsTheData) {
  FileBuffer a = FileBuffer::FromString("abc");
  const char* p = a.data().data();
  FileBuffer b = std::move(a);
  EXPECT_EQ(b.data(), "abc");
  EXPECT_EQ(b.data().data(), p);
}

TEST_F(FileBufferTest, Errors) {
  const std::string missing = (dir_ / "missing.json").string();
  EXPECT_THAT(FileBuffer::Read(missing),
              StatusIs(absl::StatusCode::kNotFound, missing + ": error: No such file or directory"));
  EXPECT_THAT(FileBuffer::Read(missing + "/x"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(FileBuffer::Read(Write("f", "x") + "/below"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("Not a directory")));
  EXPECT_THAT(FileBuffer::Read(dir_.string()),
              StatusIs(absl::StatusCode::kFailedPrecondition, dir_.string() + ": error: Is a directory"));
  const std::string locked = Write("locked", "[]");
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  if (geteuid() != 0) {  // root reads anything
    EXPECT_THAT(FileBuffer::Read(locked),
                StatusIs(absl::StatusCode::kPermissionDenied, locked + ": error: Permission denied"));
  }
}

TEST_F(FileBufferTest, ReadsStdinFromAFile) {
  const int fd = open(Write("in.json", "[\"stdin\"]").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  WithStdin(fd, [] {
    ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read("-"));
    EXPECT_EQ(fb.data(), "[\"stdin\"]");
    EXPECT_EQ(fb.path(), "-");
    EXPECT_EQ(fb.display_name(), "<stdin>");
    ExpectPadded(fb);
  });
}

TEST_F(FileBufferTest, ReadsStdinFromAPipeInPieces) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::string contents;
  for (int i = 0; i < 1000000; ++i) contents += static_cast<char>('0' + i % 10);  // > the first buffer
  std::thread writer([&] {
    size_t done = 0;
    while (done < contents.size()) {
      const ssize_t n = write(fds[1], contents.data() + done, std::min<size_t>(7919, contents.size() - done));
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fds[1]);
  });
  WithStdin(fds[0], [&] {
    ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read("-"));
    EXPECT_EQ(fb.data(), contents);
    ExpectPadded(fb);
  });
  writer.join();
}

TEST_F(FileBufferTest, LoadSparkOpsFileErrors) {
  const std::string missing = (dir_ / "nope.json").string();
  EXPECT_THAT(LoadSparkOpsFile(missing), StatusIs(absl::StatusCode::kNotFound, StartsWith(missing + ": error: ")));
  const std::string empty = Write("empty.json", "");
  EXPECT_THAT(LoadSparkOpsFile(empty),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith(empty + ":1:1: error: empty input: expected a JSON array of ops")));
  const std::string bad = Write("bad.json", "[\n  {\"name\": \"a\"},\n  {\"nam\": \"b\"}\n]\n");
  EXPECT_THAT(LoadSparkOpsFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       bad + ":3:3: error: op has no \"name\" field\n  {\"nam\": \"b\"}\n  ^"));
}

TEST_F(FileBufferTest, LoadSparkOpsFileFromStdinNamesItStdin) {
  const int fd = open(Write("in.json", "[{\"name\": 1}]").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  WithStdin(fd, [] {
    EXPECT_THAT(LoadSparkOpsFile("-"), StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("<stdin>:1:11: error: ")));
  });
}

TEST_F(FileBufferTest, LoadSparkOpsFileReadsAGraph) {
  const std::string path = Write("ok.json", "\xEF\xBB\xBF[{\"name\": \"b\", \"inputs\": [\"a\"]}]");
  LoadStats stats;
  ASSERT_OK_AND_ASSIGN(const Graph g, LoadSparkOpsFile(path, &stats));
  EXPECT_EQ(g.num_nodes(), 2u);
  EXPECT_EQ(g.num_edges(), 1u);
  EXPECT_EQ(stats.ops, 1u);
  EXPECT_EQ(stats.raw_edges, 1u);
  EXPECT_EQ(stats.file_bytes, 35u);  // the BOM counts
  EXPECT_GE(stats.read_seconds, 0.0);
}

// InputFile::CheckUnchanged, deterministically (the racing rewrite lives in
// tests/load/file_change_test.cc): a file truncated, grown, or
// rewritten with the same size but a new mtime between open and the end of
// the read is an error; an untouched file, or a pipe, is not. Durations and
// committed files are read through FileBuffer::Read, i.e. the same check.
TEST_F(FileBufferTest, CheckUnchangedCatchesEveryKindOfChange) {
  const std::string text = "[{\"name\":\"a\"},{\"name\":\"b\"}]";
  const auto read_all = [](InputFile& f) {
    std::string got(4096, '\0');
    size_t n = 0;
    while (true) {
      const absl::StatusOr<size_t> k = f.Read(got.data() + n, got.size() - n);
      if (!k.ok() || *k == 0) break;
      n += *k;
    }
    return n;
  };
  {  // untouched
    const std::string path = Write("same.json", text);
    ASSERT_OK_AND_ASSIGN(InputFile f, InputFile::Open(path));
    EXPECT_THAT(f.CheckUnchanged(read_all(f)), etldag::testing::IsOk());
  }
  {  // truncated after open: fewer bytes than announced
    const std::string path = Write("trunc.json", text);
    ASSERT_OK_AND_ASSIGN(InputFile f, InputFile::Open(path));
    ASSERT_EQ(::truncate(path.c_str(), 5), 0);
    EXPECT_THAT(f.CheckUnchanged(read_all(f)),
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("changed while it was being read")));
  }
  {  // grown after open
    const std::string path = Write("grown.json", text);
    ASSERT_OK_AND_ASSIGN(InputFile f, InputFile::Open(path));
    std::ofstream(path, std::ios::app) << "   ";
    EXPECT_THAT(f.CheckUnchanged(read_all(f)), StatusIs(absl::StatusCode::kFailedPrecondition));
  }
  {  // rewritten in place, same size, new mtime
    const std::string path = Write("rewritten.json", text);
    ASSERT_OK_AND_ASSIGN(InputFile f, InputFile::Open(path));
    const size_t n = read_all(f);
    struct timespec times[2] = {{0, UTIME_OMIT}, {12345, 678}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    EXPECT_THAT(f.CheckUnchanged(n), StatusIs(absl::StatusCode::kFailedPrecondition));
  }
  {  // what was read does not add up to the size fstat gave
    const std::string path = Write("short.json", text);
    ASSERT_OK_AND_ASSIGN(InputFile f, InputFile::Open(path));
    EXPECT_THAT(f.CheckUnchanged(read_all(f) - 1), StatusIs(absl::StatusCode::kFailedPrecondition));
  }
}

// No size limit: a sparse file past 4 GiB (its hole reads as NUL bytes, so
// it can only be an invalid text) is read and its error located, without
// reading the hole: the chunked loader stops at the first NUL, the
// whole-input path maps the file and the error excerpt looks no further
// than its line's first hundred bytes. Peak RSS stays far below the file.
TEST_F(FileBufferTest, FilePast4GiBIsReadAndItsErrorLocated) {
  const std::string head = R"([{"name":"a","inputs":["b"]},)";
  const std::string path = Write("huge.json", head);
  const off_t size = (off_t{1} << 32) + 4096;
  ASSERT_EQ(::truncate(path.c_str(), size), 0);  // sparse: no disk used
  const absl::StatusOr<Graph> g = LoadSparkOpsFile(path);
  ASSERT_THAT(g, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(g.status().message()),
              HasSubstr(absl::StrCat(path, ":1:", head.size() + 1, ": error: ")));
  ASSERT_OK_AND_ASSIGN(const FileBuffer fb, FileBuffer::Read(path));  // mapped, not read
  ASSERT_EQ(fb.data().size(), static_cast<size_t>(size));
  EXPECT_EQ(fb.data().substr(0, head.size()), head);
  EXPECT_EQ(fb.data()[fb.data().size() - 1], '\0');
  for (size_t i = 0; i < kFileBufferPadding; ++i) ASSERT_EQ(fb.data().data()[fb.data().size() + i], '\0');
  struct rusage ru;
  ASSERT_EQ(getrusage(RUSAGE_SELF, &ru), 0);
  EXPECT_LT(ru.ru_maxrss, 1 << 20) << "peak RSS in KiB";  // < 1 GiB for a 4 GiB file
}

}  // namespace
}  // namespace etldag
