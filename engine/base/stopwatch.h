// Wall-clock timing for stats out-parameters and --verbose notes (never for
// results): the steady clock, and seconds as a double.
#ifndef ETLDAG_ENGINE_BASE_STOPWATCH_H_
#define ETLDAG_ENGINE_BASE_STOPWATCH_H_

#include <chrono>

namespace etldag {

using SteadyClock = std::chrono::steady_clock;

inline double ToSeconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

inline double SecondsSince(SteadyClock::time_point t0) { return ToSeconds(SteadyClock::now() - t0); }

// Started at construction.
class Stopwatch {
 public:
  double Seconds() const { return SecondsSince(start_); }
  double Millis() const { return 1e3 * Seconds(); }

 private:
  SteadyClock::time_point start_ = SteadyClock::now();
};

}  // namespace etldag

#endif  // ETLDAG_ENGINE_BASE_STOPWATCH_H_
