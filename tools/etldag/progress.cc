#include "tools/etldag/progress.h"

#include <unistd.h>

#include <utility>

namespace etldag::cli {
namespace {

constexpr std::chrono::milliseconds kDelay{1000};
constexpr std::chrono::milliseconds kRefresh{1000};

void WriteAll(int fd, const std::string& s) {
  for (size_t at = 0; at < s.size();) {
    const ssize_t n = ::write(fd, s.data() + at, s.size() - at);
    if (n <= 0) return;  // progress is best effort
    at += static_cast<size_t>(n);
  }
}

}  // namespace

Progress::Progress(const Context& ctx, std::string what)
    : Progress(STDERR_FILENO, "etldag " + std::string(ctx.spec.name) + ": " + std::move(what),
               !ctx.quiet && ::isatty(STDERR_FILENO) == 1, kDelay) {}

Progress::Progress(int fd, std::string what, bool enabled, std::chrono::milliseconds delay)
    : fd_(fd), what_(std::move(what)) {
  if (enabled) thread_ = std::thread([this, delay] { Run(delay); });
}

Progress::~Progress() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (shown_) WriteAll(fd_, "\r\033[K");  // erase the line
}

void Progress::Run(std::chrono::milliseconds delay) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mu_);
  if (cv_.wait_for(lock, delay, [this] { return done_; })) return;
  while (!done_) {
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    WriteAll(fd_, "\r" + what_ + "... " + std::to_string(s.count()) + " s");
    shown_ = true;
    cv_.wait_for(lock, kRefresh, [this] { return done_; });
  }
}

}  // namespace etldag::cli
