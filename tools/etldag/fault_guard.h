// A snapshot is used in place, mapped (engine/graph/snapshot.h). If another
// process truncates the file while a command runs, touching a page past the
// new end raises SIGBUS. This guard turns that signal into the documented
// bad-input outcome instead of a crash: "FILE: error: the file changed while
// it was being read ...", exit code 3, nothing on stdout (commands write
// stdout only once the whole answer is built, from heap memory).
#ifndef ETLDAG_TOOLS_ETLDAG_FAULT_GUARD_H_
#define ETLDAG_TOOLS_ETLDAG_FAULT_GUARD_H_

#include <string_view>

namespace etldag::cli {

// Installs the SIGBUS handler (once per process; main() calls it).
void InstallMappedFileGuard();
// The file named in the message (the graph being loaded); longer names are cut.
void SetMappedFileName(std::string_view path);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_FAULT_GUARD_H_
