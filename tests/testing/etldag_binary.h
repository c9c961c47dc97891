// Running the etldag binary as a child process: argv in, exit status (or the
// signal that killed it), stdout and stderr out. Also: a per-test temporary
// directory and file helpers. (tests/cli/cli_runner.h runs commands in-process.)
// The binary is ETLDAG_BIN from the environment when set, else the path the
// build compiled in (ETLDAG_BIN_PATH).
#ifndef ETLDAG_TESTS_TESTING_ETLDAG_BINARY_H_
#define ETLDAG_TESTS_TESTING_ETLDAG_BINARY_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/check.h"

extern char** environ;

namespace etldag::testing {

// A fresh directory, removed with its files at destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = "/tmp/etldag_test_XXXXXX";
    ETLDAG_CHECK(::mkdtemp(tmpl.data()) != nullptr);
    dir_ = tmpl;
  }
  ~ScratchDir() { (void)std::system(("rm -rf '" + dir_ + "'").c_str()); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string Path(std::string_view name) const { return dir_ + "/" + std::string(name); }

 private:
  std::string dir_;
};

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ETLDAG_CHECK(out.good());
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;      // the signal, when killed by one
  std::string out, err;
};

inline std::string EtldagBinary() {
  const char* bin = std::getenv("ETLDAG_BIN");
  if (bin != nullptr && *bin != '\0') return bin;
#ifdef ETLDAG_BIN_PATH
  return ETLDAG_BIN_PATH;
#else
  ETLDAG_CHECK(false && "set ETLDAG_BIN");
  return "";
#endif
}

// Runs `etldag args...` with stdin from `stdin_path` (default /dev/null);
// stdout and stderr go through files in `scratch`.
inline CliResult RunEtldag(const ScratchDir& scratch, const std::vector<std::string>& args,
                           const std::string& stdin_path = "/dev/null") {
  const std::string bin = EtldagBinary(), out = scratch.Path(".stdout"), err = scratch.Path(".stderr");
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(bin.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ETLDAG_CHECK(rc == 0);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  CliResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

// The number of lines of `s` (a last line without '\n' counts).
inline size_t LineCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n + (!s.empty() && s.back() != '\n' ? 1 : 0);
}

}  // namespace etldag::testing

#endif  // ETLDAG_TESTS_TESTING_ETLDAG_BINARY_H_
