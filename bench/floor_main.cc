// etldag_floor FILE: the simdjson floor as a whole process (bench/compare.sh).
// Reads FILE and walks it exactly like the floor benchmark
// (bench/support/simdjson_floor.h), then prints "ops strings bytes checksum".
// Exit 0, or 3 when the file is unreadable or not an array of objects.
#include <cstdio>
#include <string>

#include "bench/support/simdjson_floor.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: etldag_floor SPARK_OPS_JSON\n");
    return 2;
  }
  etldag::bench::FloorWalk walk;
  std::string error;
  if (!etldag::bench::WalkSparkOpsFile(argv[1], &walk, &error)) {
    std::fprintf(stderr, "etldag_floor: %s\n", error.c_str());
    return 3;
  }
  std::printf("%llu %llu %llu %llu\n", static_cast<unsigned long long>(walk.ops),
              static_cast<unsigned long long>(walk.strings),
              static_cast<unsigned long long>(walk.string_bytes),
              static_cast<unsigned long long>(walk.checksum));
  return 0;
}
