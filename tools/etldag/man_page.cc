// etldag(1) from the command table: NAME, SYNOPSIS, DESCRIPTION, COMMANDS
// (one tagged paragraph per command: its summary), then one subsection per
// command holding `etldag help COMMAND` verbatim (no-fill), EXIT STATUS,
// SEE ALSO.
#include "tools/etldag/man_page.h"

#include <string>
#include <string_view>

#include "tools/etldag/exit_code.h"

namespace etldag::cli {
namespace {

// Appends `text` line by line, escaped, for a no-fill block.
void AppendVerbatim(std::string* out, std::string_view text) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    // An empty line in no-fill mode is a blank line; keep it as is.
    *out += RoffEscape(line);
    *out += '\n';
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
}

}  // namespace

std::string RoffEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  if (!text.empty() && (text[0] == '.' || text[0] == '\'')) out += "\\&";
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\e"; break;
      case '-': out += "\\-"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ManPage(std::span<const CommandSpec* const> commands, std::string_view version) {
  std::string m;
  m += ".TH ETLDAG 1 \"\" \"etldag " + RoffEscape(version) + "\" \"User Commands\"\n";
  m += ".SH NAME\netldag \\- fast, exact answers about an ETL dependency DAG (spark_ops.json)\n";
  m += ".SH SYNOPSIS\n.B etldag\n.I COMMAND\n[\\fIOPTIONS\\fR] \\fIGRAPH\\fR [\\fIARGS\\fR...]\n.br\n"
       ".B etldag help\n[\\fICOMMAND\\fR | \\fB\\-\\-man\\fR]\n.br\n"
       ".B etldag completion\n\\fBbash\\fR | \\fBzsh\\fR\n.br\n.B etldag \\-\\-version\n";
  m += ".SH DESCRIPTION\n"
       "etldag loads a spark_ops.json (a JSON array of ops with \\fBname\\fR, \\fBinputs\\fR "
       "and \\fBsuccessors\\fR) or a snapshot written by \\fBetldag index\\fR into a compact "
       "graph, and answers dependency questions about it: what a failure blocks, whether an op "
       "can be skipped, what must be retracted and rerun, the critical path.\n.PP\n"
       "\\fIGRAPH\\fR is a spark_ops.json file, a snapshot, or \\fB\\-\\fR for stdin. Data goes "
       "to stdout, notes and errors to stderr; nothing is written to stdout before the whole "
       "answer is ready. Every argument that names nodes is a dbt\\-style selector "
       "(\\fBx+\\fR, \\fB+x\\fR, \\fB@x\\fR, globs, \\fBkind:\\fR, \\fBfile:\\fR, ...).\n";
  m += ".SH COMMANDS\n";
  for (const CommandSpec* c : commands) {
    m += ".TP\n.B " + RoffEscape(c->name) + "\n" + RoffEscape(c->summary) + "\n";
  }
  for (const CommandSpec* c : commands) {
    m += ".SS \"etldag " + RoffEscape(c->name) + "\"\n.nf\n";
    AppendVerbatim(&m, CommandHelp(*c));
    m += ".fi\n";
  }
  m += ".SH EXIT STATUS\n.nf\n";
  AppendVerbatim(&m, kExitCodeHelp);
  m += ".fi\n";
  m += ".SH SEE ALSO\n"
       "The user guide and reference pages: README.md and docs/ in the etldag sources.\n";
  return m;
}

}  // namespace etldag::cli
