// Name-list reading for the `file:` selector method; see name_file.h.
#include "engine/query/name_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "absl/status/status.h"

namespace etldag {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

absl::Status ReadError(const std::string& path, int err) {
  return absl::NotFoundError("file:" + path + ": cannot read: " + std::strerror(err));
}

}  // namespace

std::vector<NameLine> ParseNameList(std::string_view contents) {
  if (contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);
  std::vector<NameLine> names;
  uint32_t line = 0;
  while (!contents.empty()) {
    ++line;
    const size_t eol = contents.find('\n');
    const std::string_view raw = contents.substr(0, eol);
    contents.remove_prefix(eol == std::string_view::npos ? contents.size() : eol + 1);
    const std::string_view name = Trim(raw);
    if (name.empty() || name.front() == '#') continue;
    names.push_back({std::string(name), line});
  }
  return names;
}

absl::StatusOr<std::vector<NameLine>> ReadNameList(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (f == nullptr) return ReadError(path, errno);
  std::string contents;
  char buf[1 << 16];
  errno = 0;
  for (;;) {
    const size_t got = std::fread(buf, 1, sizeof(buf), f.get());
    contents.append(buf, got);
    if (got < sizeof(buf)) break;
  }
  if (std::ferror(f.get())) return ReadError(path, errno != 0 ? errno : EIO);
  return ParseNameList(contents);
}

}  // namespace etldag
