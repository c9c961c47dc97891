// The command table (tools/etldag/commands.h): well-formed, and the one source
// of each flag's name, default and help.
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/cli/cli_runner.h"
#include "tools/etldag/commands.h"

namespace etldag::cli {
namespace {

TEST(CommandTable, NamesAndAliasesAreUnique) {
  std::set<std::string_view> seen;
  for (const CommandSpec* c : Commands()) {
    EXPECT_TRUE(seen.insert(c->name).second) << c->name;
    for (std::string_view a : c->aliases) EXPECT_TRUE(seen.insert(a).second) << a;
    EXPECT_EQ(FindCommand(c->name), c);
  }
  EXPECT_EQ(FindCommand("no-such-command"), nullptr);
}

TEST(CommandTable, EveryCommandIsComplete) {
  for (const CommandSpec* c : Commands()) {
    EXPECT_FALSE(c->summary.empty()) << c->name;
    EXPECT_FALSE(c->example.empty()) << c->name;
    EXPECT_NE(c->run, nullptr) << c->name;
    EXPECT_LE(c->min_args, c->max_args) << c->name;
  }
}

TEST(CommandTable, FlagNamesAreUniquePerCommand) {
  for (const CommandSpec* c : Commands()) {
    std::set<std::string_view> names, keys;
    std::set<char> shorts;
    for (const FlagSpec& f : DeclaredFlags(*c)) {
      EXPECT_TRUE(names.insert(f.name).second) << c->name << " --" << f.name;
      if (f.echoed) {
        EXPECT_TRUE(keys.insert(f.key()).second) << c->name << " key " << f.key();
      }
      if (f.short_name != 0) {
        EXPECT_TRUE(shorts.insert(f.short_name).second) << c->name;
      }
      EXPECT_FALSE(f.default_uint.has_value() && !f.default_text.empty()) << c->name << " --" << f.name;
      EXPECT_FALSE(f.is_bool() && (f.repeated || f.echo_number)) << c->name << " --" << f.name;
    }
  }
}

// Every declared flag (with its value name and filled-in default) is in the
// command's --help, which is generated from the same table.
TEST(CommandTable, HelpListsEveryDeclaredFlagWithItsDefault) {
  for (const CommandSpec* c : Commands()) {
    const std::string help = CommandHelp(*c);
    for (const FlagSpec& f : DeclaredFlags(*c)) {
      std::string left = "--" + std::string(f.name);
      if (!f.value_name.empty()) left += " " + std::string(f.value_name);
      EXPECT_NE(help.find(left), std::string::npos) << c->name << ": " << left;
      if (f.name != "format") {
        EXPECT_NE(help.find(f.HelpText()), std::string::npos) << c->name << ": " << f.HelpText();
      }
    }
  }
}

TEST(FlagSpec, DefaultIsFilledIntoHelp) {
  const FlagSpec appended{.name = "n", .value_name = "N", .help = "how many", .default_uint = 7};
  EXPECT_EQ(appended.HelpText(), "how many (default 7)");
  const FlagSpec placed{.name = "o", .value_name = "O", .help = "{default} or other", .default_text = "one"};
  EXPECT_EQ(placed.HelpText(), "one or other");
  const FlagSpec none{.name = "b", .value_name = "", .help = "a switch"};
  EXPECT_EQ(none.HelpText(), "a switch");
}

TEST(FlagSpec, OneDefaultForParsingAndHelp) {
  const CommandSpec* br = FindCommand("blast-radius");
  ASSERT_NE(br, nullptr);
  const std::string help = CommandHelp(*br);
  EXPECT_NE(help.find("--top: bound on the ranking's bitset buffers (default 512)"), std::string::npos);
  const std::string_view args[] = {"g.json"};
  const std::vector<FlagSpec> flags = DeclaredFlags(*br);
  absl::StatusOr<ParsedArgs> parsed = ParseFlags(flags, args);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed->GetUint("max-memory"), 512u);
  EXPECT_EQ(*parsed->Get("format"), "text");  // the first format is --format's default
}

}  // namespace
}  // namespace etldag::cli
