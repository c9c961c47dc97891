#include "tools/etldag/fault_guard.h"

#include "tools/etldag/exit_code.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace etldag::cli {
namespace {

char g_file[4096] = "the graph";
size_t g_file_len = std::strlen(g_file);

void Write(const char* s, size_t n) {
  while (n > 0) {
    const ssize_t k = ::write(STDERR_FILENO, s, n);
    if (k <= 0) return;
    s += k;
    n -= static_cast<size_t>(k);
  }
}

// Async-signal-safe: write(2) and _exit(2) only.
extern "C" void OnSigbus(int) {
  static const char kWhat[] =
      ": error: the file changed while it was being read (truncated or rewritten in place); "
      "read it again once it is complete (etldag index replaces snapshots atomically)\n";
  Write(g_file, g_file_len);
  Write(kWhat, sizeof(kWhat) - 1);
  ::_exit(ExitCodeInt(ExitCode::kBadInput));  // a constant: async-signal-safe
}

}  // namespace

void InstallMappedFileGuard() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = &OnSigbus;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGBUS, &sa, nullptr);
}

void SetMappedFileName(std::string_view path) {
  const std::string_view shown = path == "-" ? std::string_view("<stdin>") : path;
  const size_t n = std::min(shown.size(), sizeof(g_file) - 1);
  std::memcpy(g_file, shown.data(), n);
  g_file[n] = '\0';
  g_file_len = n;
}

}  // namespace etldag::cli
