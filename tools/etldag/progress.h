// Progress on stderr for work that may take seconds (loading a big file, the
// all-nodes --top ranking, generate): after `delay` (1 s), a line
//   etldag blast-radius: ranking 300000 nodes by downstream size... 3 s
// rewritten in place every second until the work ends, then erased. Only when
// stderr is a terminal and without --quiet (never in pipes, logs or tests).
#ifndef ETLDAG_TOOLS_ETLDAG_PROGRESS_H_
#define ETLDAG_TOOLS_ETLDAG_PROGRESS_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "tools/etldag/command.h"

namespace etldag::cli {

class Progress {
 public:
  // Shown on fd 2 when stderr is a terminal and ctx.quiet is false.
  Progress(const Context& ctx, std::string what);
  // Shown on `fd` when `enabled` (tests: a pipe, no delay).
  Progress(int fd, std::string what, bool enabled, std::chrono::milliseconds delay);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  void Run(std::chrono::milliseconds delay);

  int fd_;
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool shown_ = false;
  std::thread thread_;
};

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_PROGRESS_H_
