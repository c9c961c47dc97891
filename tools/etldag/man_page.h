// etldag(1): the man page, generated from the command table that --help
// prints (`etldag help --man`, run at build time and installed by
// `cmake --install`), so the page and the binary cannot drift: each
// command's section is exactly the text of `etldag help COMMAND`.
#ifndef ETLDAG_TOOLS_ETLDAG_MAN_PAGE_H_
#define ETLDAG_TOOLS_ETLDAG_MAN_PAGE_H_

#include <span>
#include <string>
#include <string_view>

#include "tools/etldag/command.h"

namespace etldag::cli {

// The whole page in roff (man(7) macros). `version` goes into the footer.
std::string ManPage(std::span<const CommandSpec* const> commands, std::string_view version);

// `text` escaped for roff: backslashes, '-' (a real minus, so flags copy
// and paste), and a leading '.' or '\'' (which would start a request).
std::string RoffEscape(std::string_view text);

}  // namespace etldag::cli

#endif  // ETLDAG_TOOLS_ETLDAG_MAN_PAGE_H_
